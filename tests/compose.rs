//! Models used as steps of other models, within a crate and across crates.

use netviz::{network, HasInput, HasOutput, LayerKind, Model};
use netviz_test_models::blocks::{Block, Stem};
use netviz_test_models::Head;

network! {
    /// LeNet assembled from parts declared in another crate.
    pub Composed: input(28, 28, 1) => Stem => Block => Head
}

network! {
    /// The same network in one invocation.
    pub Whole: input(28, 28, 1)
        => conv(20, 5, same) => relu => pool(2)
        => conv(50, 5, same) => relu => pool(2)
        => flatten => dense(500) => relu
        => dense(10) => softmax
}

mod local {
    use netviz::network;

    network! { pub Features: input(28, 28, 1) => conv(8, 3, same) => relu => pool(2) }
}

network! { pub StartsWithModel: local::Features => flatten => dense(10) }
network! { pub ModelInMiddle: input(28, 28, 1) => local::Features => conv(4, 3) => flatten => dense(2) }
network! { pub Twice: input(7, 7, 50) => Head as first }

// LeNet's published total.
const _: () = assert!(Composed::PARAMS == 1_256_080);

#[test]
fn composed_matches_single_invocation() {
    assert_eq!(Composed::PARAMS, Whole::PARAMS);
    assert_eq!(Composed::INPUT_SHAPE, Whole::INPUT_SHAPE);
    assert_eq!(Composed::OUTPUT_SHAPE, Whole::OUTPUT_SHAPE);
    assert_eq!(
        Composed::network().trainable_params(),
        Whole::network().trainable_params()
    );
    assert_eq!(
        Composed::network().total_macs(),
        Whole::network().total_macs()
    );
}

#[test]
fn model_steps_keep_their_layers() {
    let net = Composed::network();
    let kinds: Vec<LayerKind> = net.layers.iter().map(|l| l.kind).collect();
    assert_eq!(
        kinds,
        [
            LayerKind::Input,
            LayerKind::Model,
            LayerKind::Model,
            LayerKind::Model
        ]
    );
    let stem = net.layers[1]
        .nested
        .as_ref()
        .expect("the stem keeps its layers");
    assert_eq!(stem.layers.len(), 4);
    assert_eq!(stem.layers[1].params, 520);
    assert_eq!(net.layers[1].class_name, "Stem");
    assert_eq!(net.layers[2].input_shapes[0].dims(), &[14, 14, 20]);
    assert_eq!(net.layers[3].output_shape.dims(), &[10]);
}

#[test]
fn model_steps_appear_in_exports() {
    let net = Composed::network();
    let json = net.to_json();
    assert!(json.contains("\"op\":\"model\""));
    assert!(json.contains("\"nested\":{\"name\":\"Stem\""));
    let summary = net.summary();
    assert!(summary.contains("stem (Stem)"), "{summary}");
    assert!(summary.contains("Total params: 1,256,080"), "{summary}");
}

#[test]
fn model_can_start_the_network() {
    // conv 3×3×1×8 + 8 = 80; flatten 14×14×8 = 1,568; dense 1,568×10 + 10 = 15,690.
    assert_eq!(StartsWithModel::INPUT_SHAPE, &[28, 28, 1]);
    assert_eq!(StartsWithModel::PARAMS, 80 + 15_690);
}

#[test]
fn layers_after_a_model_see_its_output() {
    // Features outputs 14×14×8; conv 3×3 valid gives 12×12×4 with 3×3×8×4 + 4 = 292.
    let net = ModelInMiddle::network();
    assert_eq!(net.layers[2].output_shape.dims(), &[12, 12, 4]);
    assert_eq!(net.layers[2].params, 292);
    // flatten 576, dense 576×2 + 2 = 1,154.
    assert_eq!(ModelInMiddle::PARAMS, 80 + 292 + 1_154);
}

#[test]
fn alias_names_a_model_step() {
    assert_eq!(Twice::network().layers[1].name, "first");
}

#[test]
fn expression_form_uses_models() {
    let net = network!(input(28, 28, 1) => Stem => Block => Head);
    assert_eq!(net.total_params(), 1_256_080);
}

fn flattened_size<M: Model>() -> usize
where
    M::Output: netviz::ShapeElements,
{
    <netviz::Elements<M::Output> as netviz::typenum::Unsigned>::USIZE
}

fn takes_digits<M: HasInput<netviz::Dims3<28, 28, 1>> + HasOutput<netviz::Dims1<10>>>() -> u64 {
    M::PARAMS
}

#[test]
fn type_level_shapes() {
    assert_eq!(flattened_size::<Stem>(), 14 * 14 * 20);
    assert_eq!(flattened_size::<Block>(), 7 * 7 * 50);
    assert_eq!(takes_digits::<Composed>(), 1_256_080);
}

fn typenum_bound<M: Model<Input = netviz::shape![28, 28, 1]>>() -> &'static [usize] {
    M::INPUT_SHAPE
}

#[test]
fn typenum_bound_accepts_matching_model() {
    assert_eq!(typenum_bound::<Composed>(), &[28, 28, 1]);
}

mod scoped {
    netviz::network! { pub(crate) CrateStem: input(28, 28, 1) => conv(8, 3, same) => relu => pool(2) }
    netviz::network! { Private: input(14, 14, 8) => flatten }
    netviz::network! { pub UsesPrivate: input(14, 14, 8) => Private => dense(2) }
}

network! { pub UsesCrateModel: input(28, 28, 1) => scoped::CrateStem => scoped::UsesPrivate }

#[test]
fn private_and_crate_visible_models() {
    // conv 3×3×1×8 + 8 = 80; dense 1,568×2 + 2 = 3,138.
    assert_eq!(UsesCrateModel::PARAMS, 80 + 3_138);
}

#[test]
fn models_inside_a_function() {
    network! { Inner: input(4) => dense(2) }
    network! { Outer: input(4) => Inner => dense(3) }
    // dense 4×2 + 2 = 10, then 2×3 + 3 = 9.
    assert_eq!(Outer::PARAMS, 19);
}

network! { pub CapitalisedName: input(8, 8, 3) => conv(4, 3, same) as Conv1; Conv1 => conv(4, 1) => add(Conv1) }

#[test]
fn capitalised_alias_is_not_a_model() {
    // conv 3×3×3×4 + 4 = 112, conv 1×1×4×4 + 4 = 20.
    assert_eq!(CapitalisedName::PARAMS, 112 + 20);
}
