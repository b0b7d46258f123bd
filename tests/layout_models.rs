//! Layout geometry of the example networks: ResNet-50, DenseNet-121,
//! InceptionV3, U-Net and MobileNetV2 laid out in both directions, with the
//! same checks as the hand-built networks in `render.rs`, and the order of
//! the lanes that skip edges run in.

#[path = "support/layout_checks.rs"]
mod layout_checks;
#[path = "support/render_networks.rs"]
mod render_networks;

// The examples are compiled in as modules so that the tests lay out exactly
// the networks that the examples render. Their `main` functions are unused here.
#[allow(dead_code)]
#[path = "../examples/inception.rs"]
mod inception;
#[allow(dead_code)]
#[path = "../examples/mobilenet_v2.rs"]
mod mobilenet_v2;
#[allow(dead_code)]
#[path = "../examples/resnet50.rs"]
mod resnet50;
#[allow(dead_code)]
#[path = "../examples/unet.rs"]
mod unet;

mod models {
    include!("models/densenet121.rs");

    densenet121!(netviz::network);
}

use netviz_core::render::layout::Layout;
use netviz_core::{Direction, LayerKind, Network};

use inception::InceptionV3;
use layout_checks::{
    check_layout, check_network, directions, edge_crossings, edge_overlaps, lay_out, EPSILON,
};
use mobilenet_v2::MobileNetV2;
use models::DenseNet121;
use render_networks::Builder;
use resnet50::ResNet50;
use unet::UNet;

#[test]
fn resnet50_layout_is_well_formed() {
    check_network(&ResNet50::network(), false);
}

#[test]
fn densenet121_layout_is_well_formed() {
    check_network(&DenseNet121::network(), false);
}

#[test]
fn inception_v3_layout_is_well_formed() {
    check_network(&InceptionV3::network(), false);
}

#[test]
fn unet_layout_is_well_formed() {
    check_network(&UNet::network(), false);
}

#[test]
fn mobilenet_v2_layout_is_well_formed() {
    check_network(&MobileNetV2::network(), false);
}

#[test]
fn models_with_batch_dim_are_well_formed() {
    // Keras-style shapes such as `(None, 112, 112, 64)` make the boxes wider.
    for network in [ResNet50::network(), InceptionV3::network()] {
        for options in directions() {
            check_layout(&network, &options.show_batch_dim(true));
        }
    }
}

#[test]
fn models_without_shapes_are_well_formed() {
    // Without the shape table every box is a short header, so ranks pack closer.
    for network in [ResNet50::network(), InceptionV3::network()] {
        for options in directions() {
            check_layout(&network, &options.show_shapes(false));
        }
    }
}

/// Returns the indices of the edges between the named boxes, in the order given.
fn edges_between(layout: &Layout, pairs: &[(&str, &str)]) -> Vec<usize> {
    pairs
        .iter()
        .map(|(from, to)| {
            layout
                .edges
                .iter()
                .position(|e| layout.boxes[e.from].name == *from && layout.boxes[e.to].name == *to)
                .unwrap_or_else(|| panic!("no edge {from} -> {to}"))
        })
        .collect()
}

/// Returns the cross-axis centre of the named box: its x when the diagram
/// runs top to bottom, its y when it runs left to right.
fn cross_centre(layout: &Layout, name: &str, direction: Direction) -> f64 {
    let rect = layout
        .boxes
        .iter()
        .find(|b| b.name == name)
        .unwrap_or_else(|| panic!("no box {name}"))
        .rect;
    match direction {
        Direction::TopToBottom => rect.x + rect.width / 2.0,
        Direction::LeftToRight => rect.y + rect.height / 2.0,
    }
}

/// Returns the farthest distance of the edge's segments that run along the
/// main axis from the cross position `column`: the distance of its lane.
fn lane_distance(layout: &Layout, edge: usize, column: f64, direction: Direction) -> f64 {
    layout.edges[edge]
        .points
        .windows(2)
        .filter_map(|pair| {
            let (a, b) = (pair[0], pair[1]);
            match direction {
                Direction::TopToBottom if (a.x - b.x).abs() < EPSILON => Some((a.x - column).abs()),
                Direction::LeftToRight if (a.y - b.y).abs() < EPSILON => Some((a.y - column).abs()),
                _ => None,
            }
        })
        .fold(0.0, f64::max)
}

/// Checks that the skip edges, listed from the longest span to the shortest,
/// neither cross nor overlap, and that each lies in a lane farther from the
/// main column than the next.
fn assert_nested_lanes(network: &Network, main_box: &str, skips: &[(&str, &str)]) {
    for options in directions() {
        let direction = options.direction;
        let layout = lay_out(network, &options);
        let edges = edges_between(&layout, skips);
        let crossings = edge_crossings(&layout, &edges);
        assert!(
            crossings.is_empty(),
            "{} {direction:?}: skip edges cross: {crossings:?}",
            network.name
        );
        let overlaps = edge_overlaps(&layout, &edges);
        assert!(
            overlaps.is_empty(),
            "{} {direction:?}: skip edges overlap: {overlaps:?}",
            network.name
        );

        let column = cross_centre(&layout, main_box, direction);
        for (pair, edge_pair) in skips.windows(2).zip(edges.windows(2)) {
            let outer = lane_distance(&layout, edge_pair[0], column, direction);
            let inner = lane_distance(&layout, edge_pair[1], column, direction);
            assert!(
                outer > inner,
                "{} {direction:?}: the lane of {:?} is {outer} from the main column, \
                 not farther than the lane of {:?} at {inner}",
                network.name,
                pair[0],
                pair[1]
            );
        }
    }
}

#[test]
fn unet_skip_lanes_nest() {
    assert_nested_lanes(
        &UNet::network(),
        "bottleneck",
        &[
            ("enc1", "concatenate_3"),
            ("enc2", "concatenate_2"),
            ("enc3", "concatenate_1"),
            ("enc4", "concatenate"),
        ],
    );
}

/// Builds a chain of dense layers with three residual adds whose skips nest:
/// the skip from `a1` spans the one from `a2`, which spans the one from `a3`.
fn nested_skips() -> Network {
    let mut b = Builder::new("NestedSkips", &[8]);
    let dense =
        |b: &mut Builder, name: &str| b.then(name, "Dense", LayerKind::Dense, "8 units", &[8], 72);
    let a1 = dense(&mut b, "a1");
    let a2 = dense(&mut b, "a2");
    let a3 = dense(&mut b, "a3");
    let body = dense(&mut b, "body");
    let add1 = b.push("add1", "Add", LayerKind::Merge, "", &[body, a3], &[8], 0);
    let add2 = b.push("add2", "Add", LayerKind::Merge, "", &[add1, a2], &[8], 0);
    b.push("add3", "Add", LayerKind::Merge, "", &[add2, a1], &[8], 0);
    dense(&mut b, "head");
    b.build()
}

#[test]
fn nested_skip_lanes_nest() {
    let network = nested_skips();
    check_network(&network, false);
    assert_nested_lanes(
        &network,
        "body",
        &[("a1", "add3"), ("a2", "add2"), ("a3", "add1")],
    );
}

/// Returns the cross position of a point: its x when the diagram runs top to
/// bottom, its y when it runs left to right.
fn cross_of(x: f64, y: f64, direction: Direction) -> f64 {
    match direction {
        Direction::TopToBottom => x,
        Direction::LeftToRight => y,
    }
}

/// Checks that `positions`, one per input of `merge` in argument order, increase.
fn assert_increasing(positions: &[(&str, f64)], merge: &str, what: &str, direction: Direction) {
    for pair in positions.windows(2) {
        let ((first, a), (second, b)) = (pair[0], pair[1]);
        assert!(
            a < b,
            "{direction:?}: the {what} of {first} at {a} is not before that of {second} at {b}, \
             although {first} comes first among the inputs of {merge}"
        );
    }
}

#[test]
fn inception_branches_follow_arguments() {
    // The main path runs through `mixed0_3x3dbl`, so it keeps the main column
    // and the other branches lie on the side their argument places them.
    let merge = "mixed0";
    let branches = ["mixed0_1x1", "mixed0_5x5", "mixed0_3x3dbl", "mixed0_pool"];
    let network = InceptionV3::network();
    for options in directions() {
        let direction = options.direction;
        let layout = lay_out(&network, &options);

        let columns: Vec<(&str, f64)> = branches
            .iter()
            .map(|&branch| (branch, cross_centre(&layout, branch, direction)))
            .collect();
        assert_increasing(&columns, merge, "column", direction);

        let pairs: Vec<(&str, &str)> = branches.iter().map(|&branch| (branch, merge)).collect();
        let attachments: Vec<(&str, f64)> = edges_between(&layout, &pairs)
            .into_iter()
            .zip(branches)
            .map(|(edge, branch)| {
                let end = *layout.edges[edge]
                    .points
                    .last()
                    .expect("an edge has points");
                (branch, cross_of(end.x, end.y, direction))
            })
            .collect();
        assert_increasing(&attachments, merge, "attachment point", direction);
    }
}
