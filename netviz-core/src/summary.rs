//! The Keras-style summary table.

use crate::network::Network;
use crate::shape::group_thousands;

/// Widest a column grows before its cells wrap onto more lines.
const MAX_WIDTHS: [usize; 5] = [40, 26, 15, 17, 40];
const HEADERS: [&str; 5] = [
    "Layer (type)",
    "Output Shape",
    "Param #",
    "MACs",
    "Connected to",
];

impl Network {
    /// Formats a summary table as Keras's `model.summary()` prints it, plus a MACs column.
    ///
    /// Networks with branches get Keras's "Connected to" column. Long cells wrap
    /// onto further lines; nothing is cut. Below the table come the total,
    /// trainable and non-trainable parameters with their size as float32, and
    /// the total multiply-accumulate operations.
    pub fn summary(&self) -> String {
        let with_connections = !self.is_sequential();
        let columns = if with_connections { 5 } else { 4 };
        let rows: Vec<Vec<String>> = self
            .layers
            .iter()
            .map(|layer| {
                let mut title = layer.title();
                if let Some(activation) = &layer.activation {
                    title.push_str(&format!(" + {activation}"));
                }
                let mut row = vec![
                    title,
                    layer.output_shape.keras(),
                    group_thousands(layer.params),
                    group_thousands(layer.macs),
                ];
                if with_connections {
                    let links: Vec<String> = layer
                        .inputs
                        .iter()
                        .map(|&i| format!("{}[0][0]", self.layers[i].name))
                        .collect();
                    row.push(if links.is_empty() {
                        "-".to_string()
                    } else {
                        links.join(", ")
                    });
                }
                row
            })
            .collect();

        let mut widths: Vec<usize> = (0..columns).map(|c| HEADERS[c].chars().count()).collect();
        for row in &rows {
            for (c, cell) in row.iter().enumerate() {
                widths[c] = widths[c].max(cell.chars().count().min(MAX_WIDTHS[c]));
            }
        }
        let right_aligned = |c: usize| c == 2 || c == 3;

        let mut out = String::new();
        out.push_str(&format!("Model: \"{}\"\n", self.name));
        out.push_str(&rule(&widths, '┏', '━', '┳', '┓'));
        let headers: Vec<String> = HEADERS[..columns].iter().map(|h| h.to_string()).collect();
        push_row(&mut out, &headers, &widths, '┃', &right_aligned);
        out.push_str(&rule(&widths, '┡', '━', '╇', '┩'));
        for (i, row) in rows.iter().enumerate() {
            push_row(&mut out, row, &widths, '│', &right_aligned);
            if i + 1 < rows.len() {
                out.push_str(&rule(&widths, '├', '─', '┼', '┤'));
            }
        }
        out.push_str(&rule(&widths, '└', '─', '┴', '┘'));

        let total = self.total_params();
        let trainable = self.trainable_params();
        let frozen = self.non_trainable_params();
        out.push_str(&format!(
            " Total params: {} ({})\n",
            group_thousands(total),
            float32_size(total)
        ));
        out.push_str(&format!(
            " Trainable params: {} ({})\n",
            group_thousands(trainable),
            float32_size(trainable)
        ));
        out.push_str(&format!(
            " Non-trainable params: {} ({})\n",
            group_thousands(frozen),
            float32_size(frozen)
        ));
        let macs = self.total_macs();
        out.push_str(&format!(
            " Total MACs: {} ({})\n",
            group_thousands(macs),
            metric(macs)
        ));
        out
    }
}

fn rule(widths: &[usize], left: char, line: char, join: char, right: char) -> String {
    let mut out = String::new();
    out.push(left);
    for (i, w) in widths.iter().enumerate() {
        if i > 0 {
            out.push(join);
        }
        out.extend(std::iter::repeat_n(line, w + 2));
    }
    out.push(right);
    out.push('\n');
    out
}

fn push_row(
    out: &mut String,
    cells: &[String],
    widths: &[usize],
    border: char,
    right_aligned: &dyn Fn(usize) -> bool,
) {
    let wrapped: Vec<Vec<String>> = cells
        .iter()
        .zip(widths)
        .map(|(cell, w)| wrap(cell, *w))
        .collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
    for line in 0..height {
        out.push(border);
        for (c, lines) in wrapped.iter().enumerate() {
            let text = lines.get(line).map_or("", String::as_str);
            let pad = widths[c].saturating_sub(text.chars().count());
            out.push(' ');
            if right_aligned(c) {
                out.extend(std::iter::repeat_n(' ', pad));
                out.push_str(text);
            } else {
                out.push_str(text);
                out.extend(std::iter::repeat_n(' ', pad));
            }
            out.push(' ');
            out.push(border);
        }
        out.push('\n');
    }
}

/// Splits `text` into lines of at most `width` characters, breaking after spaces where it can.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut lines = Vec::new();
    let mut start = 0;
    loop {
        while start < chars.len() && chars[start] == ' ' {
            start += 1;
        }
        if chars.len() - start <= width {
            break;
        }
        let window = &chars[start..start + width];
        let cut = match window.iter().rposition(|c| *c == ' ') {
            Some(space) if space > 0 => start + space + 1,
            _ => start + width,
        };
        lines.push(
            chars[start..cut]
                .iter()
                .collect::<String>()
                .trim_end()
                .to_string(),
        );
        start = cut;
    }
    lines.push(chars[start..].iter().collect());
    lines
}

/// Formats the size of `count` float32 values in Keras's units (1 KB = 1,024 bytes).
pub fn float32_size(count: u64) -> String {
    let bytes = count as f64 * 4.0;
    let units = ["B", "KB", "MB", "GB", "TB", "PB", "EB"];
    let mut value = bytes;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < units.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.2} {}", units[unit])
}

/// Formats a count with a metric suffix: `6.52 M`.
fn metric(count: u64) -> String {
    let units = ["", "K", "M", "G", "T", "P", "E"];
    let mut value = count as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit + 1 < units.len() {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        count.to_string()
    } else {
        format!("{value:.2} {}", units[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float32_size_uses_binary_units() {
        assert_eq!(float32_size(0), "0.00 B");
        assert_eq!(float32_size(50_890), "198.79 KB");
        assert_eq!(float32_size(1_256_080), "4.79 MB");
    }

    #[test]
    fn wrap_breaks_at_spaces_and_keeps_everything() {
        let lines = wrap("add_1[0][0], conv2d_3[0][0]", 14);
        assert_eq!(lines, vec!["add_1[0][0],", "conv2d_3[0][0]"]);
        let long = "x".repeat(25);
        let lines = wrap(&long, 10);
        assert_eq!(lines.concat(), long);
        assert!(lines.iter().all(|l| l.chars().count() <= 10));
    }
}
