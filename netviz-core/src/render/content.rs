//! The text inside boxes, the title and the legend, measured and placed
//! relative to their own origin.

use crate::network::{Layer, LayerKind, Network};
use crate::shape::{group_thousands, Shape};

use super::layout::{LegendEntry, Rect, TextLine, TextRole};
use super::style::{
    BODY_SIZE, CLUSTER_LABEL_SIZE, HEADER_SIZE, LEGEND_SIZE, SUBTITLE_SIZE, TITLE_SIZE,
};
use super::text::{TextMeasurer, Weight};
use super::RenderOptions;

/// Space between a box's border and its text.
const PADDING_X: f64 = 10.0;
const PADDING_Y: f64 = 7.0;
/// Extra space between lines, on top of the font's own line height.
const LEADING: f64 = 2.0;
/// Space between a table row's label and its value.
const LABEL_GAP: f64 = 12.0;
/// Space around the rule under a box's header.
const RULE_GAP: f64 = 5.0;
/// Narrowest box, so short layers such as `relu` do not look like slivers.
const MIN_BOX_WIDTH: f64 = 150.0;

/// A box's text, placed relative to the box's top-left corner.
#[derive(Clone, Debug)]
pub(crate) struct BoxContent {
    pub width: f64,
    pub height: f64,
    pub lines: Vec<TextLine>,
    /// Offset from the top of the rule between the header and the table, if there is a table.
    pub rule: Option<f64>,
}

/// Places one line of text with its top-left corner at (`x`, `y`).
pub(crate) fn text_line(
    measurer: &TextMeasurer,
    text: String,
    role: TextRole,
    x: f64,
    y: f64,
) -> TextLine {
    let (size, weight) = role_font(role);
    let width = measurer.width(&text, weight, size);
    TextLine {
        rect: Rect::new(x, y, width, measurer.line_height(size)),
        baseline: y + measurer.ascent(size),
        size,
        bold: weight == Weight::Bold,
        role,
        text,
    }
}

fn role_font(role: TextRole) -> (f64, Weight) {
    match role {
        TextRole::Title => (TITLE_SIZE, Weight::Bold),
        TextRole::Subtitle => (SUBTITLE_SIZE, Weight::Regular),
        TextRole::Header => (HEADER_SIZE, Weight::Bold),
        TextRole::Detail | TextRole::Label | TextRole::Value => (BODY_SIZE, Weight::Regular),
        TextRole::Legend => (LEGEND_SIZE, Weight::Regular),
        TextRole::ClusterLabel => (CLUSTER_LABEL_SIZE, Weight::Bold),
    }
}

/// The height one line of `role` takes in a stack of lines.
pub(crate) fn line_advance(measurer: &TextMeasurer, role: TextRole) -> f64 {
    measurer.line_height(role_font(role).0) + LEADING
}

/// Formats a shape as the options ask.
fn format_shape(shape: &Shape, options: &RenderOptions) -> String {
    if options.show_batch_dim {
        shape.keras()
    } else {
        shape.compact()
    }
}

/// The colour family of a layer's box: a wrapped model drawn as one box is a Model.
pub(crate) fn box_kind(layer: &Layer) -> LayerKind {
    if layer.nested.is_some() {
        LayerKind::Model
    } else {
        layer.kind
    }
}

/// Lays out the text of one layer's box: header, details, then a table of shapes and parameters.
pub(crate) fn layer_content(
    layer: &Layer,
    options: &RenderOptions,
    measurer: &TextMeasurer,
) -> BoxContent {
    let header = if options.show_layer_names {
        layer.title()
    } else {
        layer.class_name.clone()
    };

    let mut details = Vec::new();
    if !layer.config.is_empty() {
        details.push(layer.config.clone());
    }
    if options.show_activations {
        if let Some(activation) = &layer.activation {
            details.push(format!("+ {activation}"));
        }
    }

    let mut rows: Vec<(&str, Vec<String>)> = Vec::new();
    if options.show_shapes {
        match layer.input_shapes.len() {
            0 => {}
            1 => rows.push((
                "Input shape",
                vec![format_shape(&layer.input_shapes[0], options)],
            )),
            _ => rows.push((
                "Input shapes",
                layer
                    .input_shapes
                    .iter()
                    .map(|shape| format_shape(shape, options))
                    .collect(),
            )),
        }
        rows.push((
            "Output shape",
            vec![format_shape(&layer.output_shape, options)],
        ));
    }
    if options.show_params && layer.params > 0 {
        let mut value = group_thousands(layer.params);
        let frozen = layer.non_trainable_params();
        if frozen > 0 {
            value.push_str(&format!(" ({} non-trainable)", group_thousands(frozen)));
        }
        rows.push(("Params", vec![value]));
    }

    let mut lines = Vec::new();
    let mut y = PADDING_Y;
    lines.push(text_line(measurer, header, TextRole::Header, PADDING_X, y));
    y += line_advance(measurer, TextRole::Header);
    if !details.is_empty() {
        lines.push(text_line(
            measurer,
            details.join(" · "),
            TextRole::Detail,
            PADDING_X,
            y,
        ));
        y += line_advance(measurer, TextRole::Detail);
    }

    let mut rule = None;
    if !rows.is_empty() {
        rule = Some(y - LEADING + RULE_GAP);
        y += 2.0 * RULE_GAP - LEADING;
        let label_width = rows
            .iter()
            .map(|(label, _)| measurer.width(label, Weight::Regular, BODY_SIZE))
            .fold(0.0, f64::max);
        let value_x = PADDING_X + label_width + LABEL_GAP;
        let advance = line_advance(measurer, TextRole::Value);
        for (label, values) in rows {
            lines.push(text_line(
                measurer,
                label.to_string(),
                TextRole::Label,
                PADDING_X,
                y,
            ));
            for value in values {
                lines.push(text_line(measurer, value, TextRole::Value, value_x, y));
                y += advance;
            }
        }
    }
    let height = y - LEADING + PADDING_Y;

    let text_right = lines.iter().map(|l| l.rect.right()).fold(0.0, f64::max);
    let width = (text_right + PADDING_X).max(MIN_BOX_WIDTH);
    BoxContent {
        width,
        height,
        lines,
        rule,
    }
}

/// The title block: the model's name and its parameter counts, top-left at the origin.
pub(crate) fn title_lines(network: &Network, measurer: &TextMeasurer) -> Vec<TextLine> {
    let mut lines = vec![text_line(
        measurer,
        network.name.clone(),
        TextRole::Title,
        0.0,
        0.0,
    )];
    let total = network.total_params();
    let frozen = network.non_trainable_params();
    let layers = network.layers.len();
    let mut summary = format!(
        "{} {} · {} parameters",
        group_thousands(layers as u64),
        if layers == 1 { "layer" } else { "layers" },
        group_thousands(total)
    );
    if frozen > 0 {
        summary.push_str(&format!(
            " ({} trainable, {} non-trainable)",
            group_thousands(network.trainable_params()),
            group_thousands(frozen)
        ));
    }
    let y = line_advance(measurer, TextRole::Title);
    lines.push(text_line(measurer, summary, TextRole::Subtitle, 0.0, y));
    lines
}

/// Size of a legend swatch and the gaps around it.
const SWATCH: f64 = 12.0;
const SWATCH_GAP: f64 = 5.0;
const ENTRY_GAP: f64 = 16.0;

/// Lays out legend entries for `kinds` in rows no wider than `max_width`, top-left at the origin.
pub(crate) fn legend_entries(
    kinds: &[LayerKind],
    max_width: f64,
    measurer: &TextMeasurer,
) -> Vec<LegendEntry> {
    let advance = line_advance(measurer, TextRole::Legend);
    let line_height = advance - LEADING;
    let mut entries = Vec::new();
    let (mut x, mut y) = (0.0, 0.0);
    for &kind in kinds {
        let label_width = measurer.width(kind.label(), Weight::Regular, LEGEND_SIZE);
        let entry_width = SWATCH + SWATCH_GAP + label_width;
        if x > 0.0 && x + entry_width > max_width {
            x = 0.0;
            y += advance;
        }
        let swatch = Rect::new(x, y + (line_height - SWATCH) / 2.0, SWATCH, SWATCH);
        let label = text_line(
            measurer,
            kind.label().to_string(),
            TextRole::Legend,
            x + SWATCH + SWATCH_GAP,
            y,
        );
        entries.push(LegendEntry {
            kind,
            swatch,
            label,
        });
        x += entry_width + ENTRY_GAP;
    }
    entries
}
