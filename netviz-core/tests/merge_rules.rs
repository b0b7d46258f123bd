//! Element-wise merges broadcast as Keras's `Add` and `Multiply` do, and
//! capitalised names bound with `as` start chains like any other name.

use netviz_core::dsl::build_str;
use netviz_core::layer::broadcast;
use netviz_core::Shape;

fn shape(dims: &[u64]) -> Shape {
    Shape::new(dims.to_vec())
}

#[test]
fn broadcast_stretches_ones() {
    assert_eq!(
        broadcast(&shape(&[8, 8, 16]), &shape(&[1, 1, 16])),
        Some(shape(&[8, 8, 16]))
    );
    assert_eq!(
        broadcast(&shape(&[8, 8, 1]), &shape(&[8, 8, 16])),
        Some(shape(&[8, 8, 16]))
    );
    assert_eq!(
        broadcast(&shape(&[8, 8, 16]), &shape(&[16])),
        Some(shape(&[8, 8, 16]))
    );
}

#[test]
fn broadcast_rejects_different_sizes() {
    assert_eq!(broadcast(&shape(&[8, 8, 16]), &shape(&[8, 8, 32])), None);
    assert_eq!(broadcast(&shape(&[8, 8, 16]), &shape(&[4, 1, 16])), None);
}

#[test]
fn squeeze_excitation_multiplies() {
    let net = build_str(
        "input(8, 8, 16) as x; \
         x => global_avg_pool => dense(4, activation = relu) => dense(16, activation = sigmoid) => reshape(1, 1, 16) as se; \
         multiply(x, se)",
    )
    .unwrap();
    assert_eq!(net.output_shape().dims(), &[8, 8, 16]);
    // dense 16×4 + 4 = 68, then 4×16 + 16 = 80.
    assert_eq!(net.total_params(), 68 + 80);
}

#[test]
fn add_of_incompatible_shapes_states_both() {
    let errors = build_str("input(8, 8, 16) as x => conv(32, 1) => add(x)").unwrap_err();
    assert_eq!(errors.len(), 1);
    let message = &errors[0].message;
    assert!(
        message.contains("`conv(32, 1)` outputs 8×8×32"),
        "{message}"
    );
    assert!(message.contains("`x` outputs 8×8×16"), "{message}");
}

#[test]
fn capitalised_name_starts_chain() {
    let net =
        build_str("input(8, 8, 3) => conv(4, 3, same) as Conv1; Conv1 => conv(4, 1) => add(Conv1)")
            .unwrap();
    assert_eq!(net.layers.len(), 4);
    assert_eq!(net.layers[1].name, "Conv1");
    assert_eq!(net.layers[3].inputs, vec![2, 1]);
}
