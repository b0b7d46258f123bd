//! Geometry checks shared by the rendering tests: every layout must keep
//! boxes apart, text inside its box, and edges orthogonal, on box borders and
//! out of other boxes.

#![allow(dead_code)]

use netviz_core::render::layout::{layout, Layout, Point, Rect};
use netviz_core::render::text::TextMeasurer;
use netviz_core::{Direction, Network, RenderOptions};

/// Tolerance for comparing layout coordinates, in layout units.
pub const EPSILON: f64 = 1e-6;

pub fn lay_out(network: &Network, options: &RenderOptions) -> Layout {
    layout(network, options, &TextMeasurer::embedded().unwrap())
}

pub fn directions() -> [RenderOptions; 2] {
    [
        RenderOptions::new(),
        RenderOptions::new().direction(Direction::LeftToRight),
    ]
}

pub fn drawn_layer_count(network: &Network, expand: bool) -> usize {
    network
        .layers
        .iter()
        .map(|layer| match &layer.nested {
            // The nested model's input layer stands for the wrapper's input and is not drawn.
            Some(inner) if expand => drawn_layer_count(inner, expand) - 1,
            _ => 1,
        })
        .sum()
}

/// Checks the geometric properties every layout must have.
pub fn assert_well_formed(layout: &Layout, what: &str) {
    let boxes = &layout.boxes;
    let bounds = Rect::new(0.0, 0.0, layout.width, layout.height);

    // Sorting by left edge lets the overlap check stop early on long chains laid out left to right.
    let mut by_left: Vec<usize> = (0..boxes.len()).collect();
    by_left.sort_by(|&a, &b| boxes[a].rect.x.total_cmp(&boxes[b].rect.x));
    for (i, &a) in by_left.iter().enumerate() {
        for &b in &by_left[i + 1..] {
            if boxes[b].rect.x >= boxes[a].rect.right() {
                break;
            }
            assert!(
                !boxes[a].rect.overlaps(&boxes[b].rect),
                "{what}: boxes {} and {} overlap",
                boxes[a].name,
                boxes[b].name
            );
        }
    }

    for layer_box in boxes {
        assert!(
            bounds.contains_rect(&layer_box.rect, EPSILON),
            "{what}: box {} lies outside the drawing",
            layer_box.name
        );
        for line in &layer_box.lines {
            assert!(
                layer_box.rect.contains_rect(&line.rect, EPSILON),
                "{what}: text {:?} overflows box {}",
                line.text,
                layer_box.name
            );
        }
    }
    for line in layout
        .title
        .iter()
        .chain(layout.legend.iter().map(|e| &e.label))
    {
        assert!(
            bounds.contains_rect(&line.rect, EPSILON),
            "{what}: text {:?} lies outside the drawing",
            line.text
        );
    }

    for edge in &layout.edges {
        let from = &boxes[edge.from];
        let to = &boxes[edge.to];
        let label = format!("{what}: edge {} -> {}", from.name, to.name);
        assert!(edge.points.len() >= 2, "{label} has fewer than two points");
        let first = edge.points[0];
        let last = edge.points[edge.points.len() - 1];
        assert!(
            from.rect.on_border(first, EPSILON),
            "{label} starts at {first:?}, off the source border"
        );
        assert!(
            to.rect.on_border(last, EPSILON),
            "{label} ends at {last:?}, off the target border"
        );
        for pair in edge.points.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            assert!(
                (a.x - b.x).abs() < EPSILON || (a.y - b.y).abs() < EPSILON,
                "{label} has a diagonal segment {a:?} -> {b:?}"
            );
            assert!(
                bounds.contains_rect(&Rect::new(a.x, a.y, 0.0, 0.0), EPSILON),
                "{label} leaves the drawing at {a:?}"
            );
            for other in boxes {
                assert!(
                    !other.rect.crossed_by(a, b),
                    "{label} passes through box {} along {a:?} -> {b:?}",
                    other.name
                );
            }
        }
    }

    for cluster in &layout.clusters {
        assert!(
            bounds.contains_rect(&cluster.rect, EPSILON),
            "{what}: frame {:?} lies outside the drawing",
            cluster.label.text
        );
        assert!(
            cluster.rect.contains_rect(&cluster.label.rect, EPSILON),
            "{what}: frame label {:?} overflows its frame",
            cluster.label.text
        );
        for layer_box in boxes {
            let inside = cluster.rect.contains_rect(&layer_box.rect, EPSILON);
            assert!(
                inside || !cluster.rect.overlaps(&layer_box.rect),
                "{what}: box {} straddles frame {:?}",
                layer_box.name,
                cluster.label.text
            );
            if inside {
                assert!(
                    !cluster.label.rect.overlaps(&layer_box.rect),
                    "{what}: frame label {:?} covers box {}",
                    cluster.label.text,
                    layer_box.name
                );
            }
        }
    }
}

/// Checks that edges into the same box end at distinct points, so each stays visible.
pub fn assert_distinct_attachments(layout: &Layout, what: &str) {
    for (index, layer_box) in layout.boxes.iter().enumerate() {
        let ends: Vec<Point> = layout
            .edges
            .iter()
            .filter(|e| e.to == index)
            .map(|e| e.points[e.points.len() - 1])
            .collect();
        for (i, a) in ends.iter().enumerate() {
            for b in &ends[i + 1..] {
                let apart = (a.x - b.x).abs() > 1.0 || (a.y - b.y).abs() > 1.0;
                assert!(
                    apart,
                    "{what}: two edges into {} end at {a:?}",
                    layer_box.name
                );
            }
        }
    }
}

/// Checks box and edge counts and every geometric property of `network` laid out with `options`.
pub fn check_layout(network: &Network, options: &RenderOptions) {
    let expand = options.expand_nested;
    let what = format!("{} {:?} expand={expand}", network.name, options.direction);
    let layout = lay_out(network, options);
    assert_eq!(
        layout.boxes.len(),
        drawn_layer_count(network, expand),
        "{what}: box count"
    );
    assert_eq!(
        layout.edges.len(),
        layout.boxes.len() - 1 + extra_inputs(network, expand),
        "{what}: edge count"
    );
    assert_well_formed(&layout, &what);
    assert_distinct_attachments(&layout, &what);
    assert_edges_apart(&layout, &what);
}

/// Runs [`check_layout`] in both directions.
pub fn check_network(network: &Network, expand: bool) {
    for options in directions() {
        check_layout(network, &options.expand_nested(expand));
    }
}

/// Inputs beyond the first, summed over drawn layers: the edges a chain would not have.
pub fn extra_inputs(network: &Network, expand: bool) -> usize {
    network
        .layers
        .iter()
        .map(|layer| match &layer.nested {
            Some(inner) if expand => extra_inputs(inner, expand),
            _ => layer.inputs.len().saturating_sub(1),
        })
        .sum()
}

/// A horizontal or vertical segment of an edge, with the edge's index in [`Layout::edges`].
struct EdgeSegment {
    edge: usize,
    a: Point,
    b: Point,
}

impl EdgeSegment {
    /// Returns the segment's extent along its own direction.
    fn span(&self) -> (f64, f64) {
        if self.is_horizontal() {
            (self.a.x.min(self.b.x), self.a.x.max(self.b.x))
        } else {
            (self.a.y.min(self.b.y), self.a.y.max(self.b.y))
        }
    }

    /// Returns the coordinate that is constant along the segment.
    fn line(&self) -> f64 {
        if self.is_horizontal() {
            self.a.y
        } else {
            self.a.x
        }
    }

    fn is_horizontal(&self) -> bool {
        (self.a.y - self.b.y).abs() < EPSILON
    }
}

fn edge_label(layout: &Layout, edge: usize) -> String {
    let e = &layout.edges[edge];
    format!(
        "{} -> {}",
        layout.boxes[e.from].name, layout.boxes[e.to].name
    )
}

/// Splits the edges with the given indices into horizontal and vertical segments.
fn split_edges(layout: &Layout, edges: &[usize]) -> (Vec<EdgeSegment>, Vec<EdgeSegment>) {
    let mut horizontal = Vec::new();
    let mut vertical = Vec::new();
    for &edge in edges {
        for pair in layout.edges[edge].points.windows(2) {
            let segment = EdgeSegment {
                edge,
                a: pair[0],
                b: pair[1],
            };
            if segment.is_horizontal() {
                horizontal.push(segment);
            } else {
                vertical.push(segment);
            }
        }
    }
    (horizontal, vertical)
}

/// Returns the pairs of edges, among those with the given indices, where a
/// horizontal segment of the first crosses a vertical segment of the second
/// inside both. Edges that only touch at a segment's end do not count.
pub fn edge_crossings(layout: &Layout, edges: &[usize]) -> Vec<(String, String)> {
    let (horizontal, vertical) = split_edges(layout, edges);
    let mut found = Vec::new();
    for h in &horizontal {
        let (x0, x1) = h.span();
        for v in vertical.iter().filter(|v| v.edge != h.edge) {
            let (y0, y1) = v.span();
            let inside_h = v.line() > x0 + EPSILON && v.line() < x1 - EPSILON;
            let inside_v = h.line() > y0 + EPSILON && h.line() < y1 - EPSILON;
            if inside_h && inside_v {
                found.push((edge_label(layout, h.edge), edge_label(layout, v.edge)));
            }
        }
    }
    found
}

/// Returns the pairs of edges, among those with the given indices, that run
/// along the same line for more than a point, so a reader cannot tell them apart.
pub fn edge_overlaps(layout: &Layout, edges: &[usize]) -> Vec<(String, String)> {
    let (horizontal, vertical) = split_edges(layout, edges);
    let mut found = Vec::new();
    for mut group in [horizontal, vertical] {
        // Sorted by line and then by start, each segment needs comparing only
        // with the ones after it that start before it ends.
        group.sort_by(|p, q| {
            let line = p.line().total_cmp(&q.line());
            line.then(p.span().0.total_cmp(&q.span().0))
        });
        for (i, p) in group.iter().enumerate() {
            let (_, p_end) = p.span();
            for q in &group[i + 1..] {
                let (q_start, _) = q.span();
                if q.line() - p.line() > EPSILON || q_start >= p_end - EPSILON {
                    break;
                }
                if p.edge != q.edge {
                    found.push((edge_label(layout, p.edge), edge_label(layout, q.edge)));
                }
            }
        }
    }
    found
}

/// Checks that no two edges of the layout cross or run along each other.
pub fn assert_edges_apart(layout: &Layout, what: &str) {
    let all: Vec<usize> = (0..layout.edges.len()).collect();
    let crossings = edge_crossings(layout, &all);
    assert!(crossings.is_empty(), "{what}: edges cross: {crossings:?}");
    let overlaps = edge_overlaps(layout, &all);
    assert!(overlaps.is_empty(), "{what}: edges overlap: {overlaps:?}");
}
