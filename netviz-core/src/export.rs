//! JSON and Graphviz DOT export.

use std::fmt::Write;

use crate::network::Network;
use crate::shape::Shape;

impl Network {
    /// Exports the network as JSON.
    ///
    /// The top level has `name`, `input_shape`, `output_shape`, `total_params`,
    /// `trainable_params`, `non_trainable_params`, `total_macs` and `layers`.
    /// Each layer, in topological order, has `name`, `op`, `class_name`,
    /// `kind`, `config`, `activation`, `inputs` (layer names), `input_shapes`,
    /// `output_shape`, `params`, `trainable_params`, `non_trainable_params` and
    /// `macs`, and a model used as a step also has `nested`, its own network.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out);
        out.push('\n');
        out
    }

    fn write_json(&self, out: &mut String) {
        out.push('{');
        let _ = write!(
            out,
            "\"name\":{},\"input_shape\":{},\"output_shape\":{},\"total_params\":{},\"trainable_params\":{},\"non_trainable_params\":{},\"total_macs\":{},\"layers\":[",
            json_string(&self.name),
            json_shape(self.input_shape()),
            json_shape(self.output_shape()),
            self.total_params(),
            self.trainable_params(),
            self.non_trainable_params(),
            self.total_macs(),
        );
        for (i, layer) in self.layers.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let inputs: Vec<String> = layer
                .inputs
                .iter()
                .map(|&j| json_string(&self.layers[j].name))
                .collect();
            let input_shapes: Vec<String> = layer.input_shapes.iter().map(json_shape).collect();
            let activation = layer
                .activation
                .as_deref()
                .map_or_else(|| "null".to_string(), json_string);
            let _ = write!(
                out,
                "{{\"name\":{},\"op\":{},\"class_name\":{},\"kind\":{},\"config\":{},\"activation\":{},\"inputs\":[{}],\"input_shapes\":[{}],\"output_shape\":{},\"params\":{},\"trainable_params\":{},\"non_trainable_params\":{},\"macs\":{}",
                json_string(&layer.name),
                json_string(&layer.op),
                json_string(&layer.class_name),
                json_string(layer.kind.label()),
                json_string(&layer.config),
                activation,
                inputs.join(","),
                input_shapes.join(","),
                json_shape(&layer.output_shape),
                layer.params,
                layer.trainable_params,
                layer.non_trainable_params(),
                layer.macs,
            );
            if let Some(nested) = &layer.nested {
                out.push_str(",\"nested\":");
                nested.write_json(out);
            }
            out.push('}');
        }
        out.push_str("]}");
    }

    /// Exports the network as a Graphviz digraph, in the style of Keras's
    /// `plot_model(show_shapes=True)`: one record per layer with its input and
    /// output shapes. Every identifier and label is quoted and escaped.
    pub fn to_dot(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "digraph {} {{", dot_string(&self.name));
        out.push_str("  graph [rankdir=TB];\n  node [shape=record, fontname=\"Helvetica\"];\n");
        for layer in &self.layers {
            let inputs = match layer.input_shapes.as_slice() {
                [] => "-".to_string(),
                shapes => shapes
                    .iter()
                    .map(Shape::keras)
                    .collect::<Vec<_>>()
                    .join(", "),
            };
            let label = format!(
                "{{{}|{{Input shape|{}}}|{{Output shape|{}}}}}",
                record_text(&layer.title()),
                record_text(&inputs),
                record_text(&layer.output_shape.keras()),
            );
            let _ = writeln!(
                out,
                "  {} [label={}];",
                dot_string(&layer.name),
                dot_label(&label)
            );
        }
        for (from, to) in self.edges() {
            let _ = writeln!(
                out,
                "  {} -> {};",
                dot_string(&self.layers[from].name),
                dot_string(&self.layers[to].name)
            );
        }
        out.push_str("}\n");
        out
    }
}

fn json_shape(shape: &Shape) -> String {
    let dims: Vec<String> = shape.dims().iter().map(u64::to_string).collect();
    format!("[{}]", dims.join(","))
}

/// Formats `text` as a JSON string literal, escaping every character that needs it.
pub fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Formats `text` as a DOT quoted string, escaping quotes and backslashes.
fn dot_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' | '\\' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Quotes a record label whose text [`record_text`] escaped. Only quotes are
/// escaped here: doubling the backslashes of `\{` would leave a bare `{`,
/// which Graphviz reads as a new field.
fn dot_label(label: &str) -> String {
    format!("\"{}\"", label.replace('"', "\\\""))
}

/// Escapes the characters that structure a record label, and the backslash that escapes them.
fn record_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(ch, '{' | '}' | '|' | '<' | '>' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}
