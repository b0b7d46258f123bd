//! Diagram geometry: where every box, text line, edge and frame goes.
//!
//! The geometry is plain data in layout units (CSS pixels), with the origin at
//! the top-left corner and y growing downwards. The SVG writer uses the units
//! as they are; the PNG writer multiplies them by [`RenderOptions::scale`].

use crate::network::{Layer, LayerKind, Network};

use super::content::{self, BoxContent};
use super::layered::{self, AxisRect, GraphCluster, GraphNode, Spacing};
use super::text::TextMeasurer;
use super::{Direction, RenderOptions};

/// A point in layout units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    /// Distance from the left edge.
    pub x: f64,
    /// Distance from the top edge.
    pub y: f64,
}

/// An axis-aligned rectangle in layout units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

impl Rect {
    /// Creates a rectangle from its top-left corner and size.
    pub fn new(x: f64, y: f64, width: f64, height: f64) -> Rect {
        Rect {
            x,
            y,
            width,
            height,
        }
    }

    /// Right edge.
    pub fn right(&self) -> f64 {
        self.x + self.width
    }

    /// Bottom edge.
    pub fn bottom(&self) -> f64 {
        self.y + self.height
    }

    /// Returns the rectangle moved by (`dx`, `dy`).
    pub fn translated(&self, dx: f64, dy: f64) -> Rect {
        Rect::new(self.x + dx, self.y + dy, self.width, self.height)
    }

    /// Returns whether `other` lies inside this rectangle, borders included, within `tolerance`.
    pub fn contains_rect(&self, other: &Rect, tolerance: f64) -> bool {
        other.x >= self.x - tolerance
            && other.y >= self.y - tolerance
            && other.right() <= self.right() + tolerance
            && other.bottom() <= self.bottom() + tolerance
    }

    /// Returns whether the interiors of the two rectangles overlap.
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }

    /// Returns whether `point` lies on the border, within `tolerance`.
    pub fn on_border(&self, point: Point, tolerance: f64) -> bool {
        let within_x = point.x >= self.x - tolerance && point.x <= self.right() + tolerance;
        let within_y = point.y >= self.y - tolerance && point.y <= self.bottom() + tolerance;
        let on_vertical =
            (point.x - self.x).abs() <= tolerance || (point.x - self.right()).abs() <= tolerance;
        let on_horizontal =
            (point.y - self.y).abs() <= tolerance || (point.y - self.bottom()).abs() <= tolerance;
        (on_vertical && within_y) || (on_horizontal && within_x)
    }

    /// Returns whether the segment from `a` to `b` passes through the interior.
    ///
    /// Only horizontal and vertical segments are checked exactly, and the
    /// layout produces no others.
    pub fn crossed_by(&self, a: Point, b: Point) -> bool {
        let (x0, x1) = (a.x.min(b.x), a.x.max(b.x));
        let (y0, y1) = (a.y.min(b.y), a.y.max(b.y));
        x0 < self.right() && x1 > self.x && y0 < self.bottom() && y1 > self.y
    }
}

/// The part of the diagram a line of text belongs to, which sets its font and colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextRole {
    /// The model's name.
    Title,
    /// The model's layer and parameter counts.
    Subtitle,
    /// A legend entry.
    Legend,
    /// A box's header: `name (ClassName)`.
    Header,
    /// A box's configuration and fused activation.
    Detail,
    /// A table label in a box: `Output shape`.
    Label,
    /// A table value in a box: `28×28×20`.
    Value,
    /// The header of a nested model's frame.
    ClusterLabel,
}

/// One line of text.
#[derive(Clone, Debug, PartialEq)]
pub struct TextLine {
    /// The text.
    pub text: String,
    /// The line's box: its advance width and its height from ascender to descender.
    pub rect: Rect,
    /// The baseline's y.
    pub baseline: f64,
    /// The font size (the em square) in layout units.
    pub size: f64,
    /// Whether the line is set in bold.
    pub bold: bool,
    /// The part of the diagram the line belongs to.
    pub role: TextRole,
}

impl TextLine {
    fn translated(mut self, dx: f64, dy: f64) -> TextLine {
        self.rect = self.rect.translated(dx, dy);
        self.baseline += dy;
        self
    }
}

/// A layer's box.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerBox {
    /// The layer's name.
    pub name: String,
    /// The colour family.
    pub kind: LayerKind,
    /// The box's outline.
    pub rect: Rect,
    /// The y of the rule between the header and the table, if the box has a table.
    pub rule_y: Option<f64>,
    /// The text, inside `rect`.
    pub lines: Vec<TextLine>,
}

/// An arrow from one box to another.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    /// Index of the source box in [`Layout::boxes`].
    pub from: usize,
    /// Index of the target box in [`Layout::boxes`].
    pub to: usize,
    /// The polyline from the source's border to the target's border, where the arrowhead points.
    /// Every segment is horizontal or vertical.
    pub points: Vec<Point>,
}

/// A dashed frame around the layers of a nested model.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    /// The frame.
    pub rect: Rect,
    /// The nested model's header, inside the frame at its top-left corner.
    pub label: TextLine,
}

/// One legend entry: a colour swatch and the kind's name.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendEntry {
    /// The layer kind.
    pub kind: LayerKind,
    /// The colour swatch.
    pub swatch: Rect,
    /// The kind's name.
    pub label: TextLine,
}

/// A complete diagram.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// Total width, margins included.
    pub width: f64,
    /// Total height, margins included.
    pub height: f64,
    /// The title and subtitle lines.
    pub title: Vec<TextLine>,
    /// The legend, empty when disabled.
    pub legend: Vec<LegendEntry>,
    /// One box per drawn layer.
    pub boxes: Vec<LayerBox>,
    /// One edge per layer input.
    pub edges: Vec<Edge>,
    /// Frames of expanded nested models.
    pub clusters: Vec<Cluster>,
}

/// Space around the whole drawing.
const MARGIN: f64 = 20.0;
/// Space between the title, the legend and the graph.
const BLOCK_GAP: f64 = 14.0;
/// Narrowest row the legend wraps to, when the graph is narrower.
const LEGEND_MIN_WIDTH: f64 = 360.0;

fn spacing(direction: Direction) -> Spacing {
    let rank_gap = match direction {
        Direction::TopToBottom => 30.0,
        Direction::LeftToRight => 40.0,
    };
    Spacing {
        node_gap: 28.0,
        lane_gap: 16.0,
        rank_gap,
        end_margin: 12.0,
        track_spacing: 8.0,
        cluster_padding: 10.0,
    }
}

/// A network with expanded nested models flattened into one graph.
struct Flattened<'a> {
    layers: Vec<&'a Layer>,
    inputs: Vec<Vec<usize>>,
    cluster_of: Vec<Option<usize>>,
    clusters: Vec<(&'a Layer, Option<usize>)>,
}

impl<'a> Flattened<'a> {
    fn new(network: &'a Network, expand: bool) -> Flattened<'a> {
        let mut flat = Flattened {
            layers: Vec::with_capacity(network.layers.len()),
            inputs: Vec::with_capacity(network.layers.len()),
            cluster_of: Vec::with_capacity(network.layers.len()),
            clusters: Vec::new(),
        };
        flat.add(network, expand, None, None);
        flat
    }

    /// Adds `network`'s layers and returns the node that stands for each layer's output.
    ///
    /// In a nested model (`outer_inputs` given), input layers are not drawn:
    /// the k-th one stands for the wrapper's k-th input, so edges run from the
    /// outer graph straight into the first real layers.
    fn add(
        &mut self,
        network: &'a Network,
        expand: bool,
        outer_inputs: Option<&[usize]>,
        cluster: Option<usize>,
    ) -> Vec<usize> {
        let mut output_of = Vec::with_capacity(network.layers.len());
        let mut input_count = 0usize;
        for layer in &network.layers {
            let inputs: Vec<usize> = layer.inputs.iter().map(|&i| output_of[i]).collect();
            if let (true, Some(outer)) = (layer.inputs.is_empty(), outer_inputs) {
                if !outer.is_empty() {
                    output_of.push(outer[input_count.min(outer.len() - 1)]);
                    input_count += 1;
                    continue;
                }
            }
            match &layer.nested {
                Some(nested) if expand && !nested.layers.is_empty() => {
                    let id = self.clusters.len();
                    self.clusters.push((layer, cluster));
                    let inner = self.add(nested, expand, Some(&inputs), Some(id));
                    output_of.push(*inner.last().expect("nested model has layers"));
                }
                _ => {
                    output_of.push(self.layers.len());
                    self.layers.push(layer);
                    self.inputs.push(inputs);
                    self.cluster_of.push(cluster);
                }
            }
        }
        output_of
    }
}

/// Lays out `network` as `options` ask, with text measured by `measurer`.
pub fn layout(network: &Network, options: &RenderOptions, measurer: &TextMeasurer) -> Layout {
    let flat = Flattened::new(network, options.expand_nested);
    let contents: Vec<BoxContent> = flat
        .layers
        .iter()
        .map(|layer| content::layer_content(layer, options, measurer))
        .collect();

    let left_to_right = options.direction == Direction::LeftToRight;
    let to_axes = |width: f64, height: f64| {
        if left_to_right {
            (height, width)
        } else {
            (width, height)
        }
    };
    let nodes: Vec<GraphNode> = contents
        .iter()
        .enumerate()
        .map(|(i, content)| {
            let (cross, main) = to_axes(content.width, content.height);
            GraphNode {
                cross,
                main,
                cluster: flat.cluster_of[i],
                inputs: flat.inputs[i].clone(),
            }
        })
        .collect();

    let label_advance = content::line_advance(measurer, TextRole::ClusterLabel);
    let cluster_labels: Vec<TextLine> = flat
        .clusters
        .iter()
        .map(|(layer, _)| {
            let text = if options.show_layer_names {
                layer.title()
            } else {
                layer.class_name.clone()
            };
            content::text_line(measurer, text, TextRole::ClusterLabel, 0.0, 0.0)
        })
        .collect();
    let spacing = spacing(options.direction);
    let graph_clusters: Vec<GraphCluster> = flat
        .clusters
        .iter()
        .zip(&cluster_labels)
        .map(|((_, parent), label)| {
            let label_width = label.rect.width + 2.0 * spacing.cluster_padding;
            GraphCluster {
                parent: *parent,
                label_main: if left_to_right { 0.0 } else { label_advance },
                label_cross: if left_to_right { label_advance } else { 0.0 },
                min_cross: if left_to_right { 0.0 } else { label_width },
                min_main: if left_to_right { label_width } else { 0.0 },
            }
        })
        .collect();

    let placement = layered::place(&nodes, &graph_clusters, &spacing);

    let to_xy = |cross: f64, main: f64| {
        if left_to_right {
            Point { x: main, y: cross }
        } else {
            Point { x: cross, y: main }
        }
    };
    let mut boxes: Vec<LayerBox> = flat
        .layers
        .iter()
        .zip(contents)
        .zip(&placement.nodes)
        .map(|((layer, content), &(cross, main))| {
            let corner = to_xy(cross, main);
            LayerBox {
                name: layer.name.clone(),
                kind: content::box_kind(layer),
                rect: Rect::new(corner.x, corner.y, content.width, content.height),
                rule_y: content.rule.map(|offset| corner.y + offset),
                lines: content
                    .lines
                    .into_iter()
                    .map(|line| line.translated(corner.x, corner.y))
                    .collect(),
            }
        })
        .collect();
    let mut edges: Vec<Edge> = placement
        .edges
        .into_iter()
        .map(|(from, to, points)| Edge {
            from,
            to,
            points: points.into_iter().map(|(c, m)| to_xy(c, m)).collect(),
        })
        .collect();
    let mut clusters: Vec<Cluster> = placement
        .clusters
        .iter()
        .zip(cluster_labels)
        .filter_map(|(rect, label)| {
            let AxisRect {
                cross0,
                cross1,
                main0,
                main1,
            } = (*rect)?;
            let a = to_xy(cross0, main0);
            let b = to_xy(cross1, main1);
            let rect = Rect::new(a.x, a.y, b.x - a.x, b.y - a.y);
            let pad = spacing.cluster_padding;
            let label = label.translated(rect.x + pad, rect.y + pad / 2.0);
            Some(Cluster { rect, label })
        })
        .collect();

    // The graph's bounding box, to place it under the title and legend.
    let mut min = Point {
        x: f64::INFINITY,
        y: f64::INFINITY,
    };
    let mut max = Point {
        x: f64::NEG_INFINITY,
        y: f64::NEG_INFINITY,
    };
    let mut include = |r: &Rect| {
        min.x = min.x.min(r.x);
        min.y = min.y.min(r.y);
        max.x = max.x.max(r.right());
        max.y = max.y.max(r.bottom());
    };
    boxes.iter().for_each(|b| include(&b.rect));
    clusters.iter().for_each(|c| include(&c.rect));
    for edge in &edges {
        for p in &edge.points {
            include(&Rect::new(p.x, p.y, 0.0, 0.0));
        }
    }
    let (graph_width, graph_height) = if min.x.is_finite() {
        (max.x - min.x, max.y - min.y)
    } else {
        min = Point { x: 0.0, y: 0.0 };
        (0.0, 0.0)
    };

    let title = content::title_lines(network, measurer);
    let title_width = title.iter().map(|l| l.rect.width).fold(0.0, f64::max);
    let title_bottom = title.iter().map(|l| l.rect.bottom()).fold(0.0, f64::max);
    let legend = if options.legend {
        let mut kinds: Vec<LayerKind> = LayerKind::ALL
            .into_iter()
            .filter(|kind| boxes.iter().any(|b| b.kind == *kind))
            .collect();
        kinds.dedup();
        let row_width = graph_width.max(title_width).max(LEGEND_MIN_WIDTH);
        content::legend_entries(&kinds, row_width, measurer)
    } else {
        Vec::new()
    };
    let legend_width = legend
        .iter()
        .map(|e| e.label.rect.right())
        .fold(0.0, f64::max);
    let legend_bottom = legend
        .iter()
        .map(|e| e.label.rect.bottom())
        .fold(0.0, f64::max);

    let header_width = title_width.max(legend_width);
    let content_width = header_width.max(graph_width);
    let mut y = MARGIN;
    let title: Vec<TextLine> = title
        .into_iter()
        .map(|line| line.translated(MARGIN, y))
        .collect();
    y += title_bottom + BLOCK_GAP;
    let legend: Vec<LegendEntry> = legend
        .into_iter()
        .map(|entry| LegendEntry {
            kind: entry.kind,
            swatch: entry.swatch.translated(MARGIN, y),
            label: entry.label.translated(MARGIN, y),
        })
        .collect();
    if legend_bottom > 0.0 {
        y += legend_bottom + BLOCK_GAP;
    }

    // Centre the graph under a wider header.
    let dx = MARGIN + (content_width - graph_width) / 2.0 - min.x;
    let dy = y - min.y;
    for b in &mut boxes {
        b.rect = b.rect.translated(dx, dy);
        b.rule_y = b.rule_y.map(|rule| rule + dy);
        for line in &mut b.lines {
            line.rect = line.rect.translated(dx, dy);
            line.baseline += dy;
        }
    }
    for edge in &mut edges {
        for p in &mut edge.points {
            p.x += dx;
            p.y += dy;
        }
    }
    for cluster in &mut clusters {
        cluster.rect = cluster.rect.translated(dx, dy);
        cluster.label.rect = cluster.label.rect.translated(dx, dy);
        cluster.label.baseline += dy;
    }

    Layout {
        width: (content_width + 2.0 * MARGIN).ceil(),
        height: (y + graph_height + MARGIN).ceil(),
        title,
        legend,
        boxes,
        edges,
        clusters,
    }
}
