//! A compact text encoding of a checked [`Network`], used by `network!` to
//! carry one model's layers into another invocation that uses it as a step.
//!
//! A proc macro cannot see what another invocation computed, so each model
//! exports a small `macro_rules!` macro holding its encoded network, and a
//! step that names the model expands through it back into the proc macro.

use crate::network::{Layer, LayerKind, Network};
use crate::shape::{checked_sum, Shape};

const FIELD: char = '\u{1f}';
const LINE: char = '\u{1e}';

/// Encodes a network as text.
pub fn encode(network: &Network) -> String {
    let mut out = String::new();
    write(network, &mut out);
    out
}

fn write(network: &Network, out: &mut String) {
    out.push_str(&format!(
        "N{FIELD}{}{FIELD}{}{LINE}",
        clean(&network.name),
        network.layers.len()
    ));
    for layer in &network.layers {
        let fields = [
            clean(&layer.name),
            clean(&layer.op),
            clean(&layer.class_name),
            format!("{:?}", layer.kind),
            clean(&layer.config),
            layer.activation.as_deref().map(clean).unwrap_or_default(),
            join(layer.inputs.iter().map(|i| i.to_string())),
            join(layer.output_shape.dims().iter().map(|d| d.to_string())),
            layer.params.to_string(),
            layer.trainable_params.to_string(),
            layer.macs.to_string(),
            u8::from(layer.nested.is_some()).to_string(),
        ];
        out.push_str(&fields.join(&FIELD.to_string()));
        out.push(LINE);
        if let Some(nested) = &layer.nested {
            write(nested, out);
        }
    }
}

fn clean(text: &str) -> String {
    text.replace([FIELD, LINE], " ")
}

fn join(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join(",")
}

/// Decodes a network written by [`encode`]. Returns `None` on malformed input.
pub fn decode(text: &str) -> Option<Network> {
    let mut lines = text.split(LINE);
    let network = read(&mut lines, 0)?;
    Some(network)
}

fn read<'a>(lines: &mut impl Iterator<Item = &'a str>, depth: usize) -> Option<Network> {
    if depth > 64 {
        return None;
    }
    let header: Vec<&str> = lines.next()?.split(FIELD).collect();
    if header.len() != 3 || header[0] != "N" {
        return None;
    }
    let count: usize = header[2].parse().ok()?;
    let mut layers: Vec<Layer> = Vec::new();
    for _ in 0..count {
        let f: Vec<&str> = lines.next()?.split(FIELD).collect();
        if f.len() != 12 {
            return None;
        }
        let inputs: Vec<usize> = numbers(f[6])?;
        if inputs.iter().any(|&i| i >= layers.len()) {
            return None;
        }
        let input_shapes = inputs
            .iter()
            .map(|&i| layers[i].output_shape.clone())
            .collect();
        let kind = LayerKind::ALL
            .into_iter()
            .find(|k| format!("{k:?}") == f[3])?;
        let nested = if f[11] == "1" {
            Some(Box::new(read(lines, depth + 1)?))
        } else {
            None
        };
        let params: u64 = f[8].parse().ok()?;
        let trainable_params: u64 = f[9].parse().ok()?;
        if trainable_params > params {
            return None;
        }
        layers.push(Layer {
            name: f[0].to_string(),
            op: f[1].to_string(),
            class_name: f[2].to_string(),
            kind,
            config: f[4].to_string(),
            activation: (!f[5].is_empty()).then(|| f[5].to_string()),
            inputs,
            input_shapes,
            output_shape: Shape::new(numbers::<u64>(f[7])?),
            params,
            trainable_params,
            macs: f[10].parse().ok()?,
            nested,
        });
    }
    if layers.is_empty() {
        return None;
    }
    // The totals are sums over the layers, so a network whose sums overflow
    // would panic in `total_params`, the summary and the exports.
    let params: Vec<u64> = layers.iter().map(|l| l.params).collect();
    let macs: Vec<u64> = layers.iter().map(|l| l.macs).collect();
    checked_sum(&params)?;
    checked_sum(&macs)?;
    Some(Network {
        name: header[1].to_string(),
        layers,
    })
}

fn numbers<T: std::str::FromStr>(text: &str) -> Option<Vec<T>> {
    if text.is_empty() {
        return Some(Vec::new());
    }
    text.split(',').map(|n| n.parse().ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_a_branching_network() {
        let net = crate::dsl::build_str(
            "input(8, 8, 3) as x => conv(4, 3, same, activation = relu) as y; x => conv(4, 1) => add(y) => flatten => dense(2)",
        )
        .unwrap();
        assert_eq!(decode(&encode(&net)), Some(net));
    }

    #[test]
    fn rejects_totals_that_overflow() {
        let net = crate::dsl::build_str("input(4) => dense(2) => dense(3)").unwrap();
        let text = encode(&net);
        // Give the first dense layer u64::MAX parameters, none of them trainable.
        let counts = format!("{FIELD}10{FIELD}10{FIELD}");
        let huge = format!("{FIELD}{}{FIELD}0{FIELD}", u64::MAX);
        assert_eq!(text.matches(&counts).count(), 1);
        assert_eq!(decode(&text.replace(&counts, &huge)), None);
        // The same with MACs: dense_1 has 6.
        let macs = format!("{FIELD}6{FIELD}0{LINE}");
        let huge_macs = format!("{FIELD}{}{FIELD}0{LINE}", u64::MAX);
        assert_eq!(text.matches(&macs).count(), 1);
        assert_eq!(decode(&text.replace(&macs, &huge_macs)), None);
    }

    #[test]
    fn rejects_malformed_text() {
        assert_eq!(decode(""), None);
        assert_eq!(decode("N\u{1f}x\u{1f}1\u{1e}"), None);
    }
}
