//! SVG output, written directly as text.
//!
//! Writing the markup ourselves, instead of through plotters' SVG backend,
//! keeps stroke widths on box outlines (the backend drops them on rectangles
//! in plotters 0.3.7), allows `textLength` on text, and is faster.

use std::fmt::Write;

use super::layout::{Layout, Point, TextLine, TextRole};
use super::style::{
    Palette, ARROW_HALF_WIDTH, ARROW_LENGTH, BOX_STROKE, CLUSTER_STROKE, EDGE_STROKE,
};
use super::RenderOptions;

/// Fonts that SVG viewers try in order; the layout is measured with the first.
///
/// Open Sans shares Noto Sans's advance widths, and Arial and its metric
/// clones (Liberation Sans, Helvetica, Nimbus Sans) set our labels up to 1%
/// wider or narrower, which the box padding absorbs. DejaVu Sans, the usual
/// last resort on Linux, sets them up to 28% wider, so it is not listed.
// NOTE: a viewer that ignores `textLength` (librsvg 2.x does) and has none of
// these fonts falls back to its own sans-serif, and long lines may then
// overflow their boxes.
const FONT_STACK: &str =
    "'Noto Sans', 'Open Sans', Arial, 'Liberation Sans', Helvetica, 'Nimbus Sans', sans-serif";

/// Formats a coordinate with at most two decimals, without trailing zeros,
/// so output is compact and the same on every platform.
struct Num(f64);

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Writing the digits by hand is several times faster than float or
        // even integer formatting through `write!`, which dominated the time
        // to write large diagrams.
        let hundredths = (self.0 * 100.0).round() as i64;
        let magnitude = hundredths.unsigned_abs();
        let (mut whole, fraction) = (magnitude / 100, magnitude % 100);
        let mut buffer = [0u8; 24];
        let mut start = buffer.len();
        if fraction != 0 {
            let (tens, ones) = (fraction / 10, fraction % 10);
            if ones != 0 {
                start -= 1;
                buffer[start] = b'0' + ones as u8;
            }
            start -= 1;
            buffer[start] = b'0' + tens as u8;
            start -= 1;
            buffer[start] = b'.';
        }
        loop {
            start -= 1;
            buffer[start] = b'0' + (whole % 10) as u8;
            whole /= 10;
            if whole == 0 {
                break;
            }
        }
        if hundredths < 0 {
            start -= 1;
            buffer[start] = b'-';
        }
        // The buffer holds only ASCII digits, '.' and '-'.
        f.write_str(std::str::from_utf8(&buffer[start..]).unwrap_or("0"))
    }
}

/// Escapes text for XML character data and attribute values.
fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 forbids most control characters even as references.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
}

fn text_class(role: TextRole) -> &'static str {
    match role {
        TextRole::Title => "t",
        TextRole::Subtitle | TextRole::Label | TextRole::Detail => "m",
        TextRole::Legend | TextRole::Value => "v",
        TextRole::Header | TextRole::ClusterLabel => "h",
    }
}

fn write_text(out: &mut String, line: &TextLine) {
    // textLength pins each line to its measured width, so a viewer that
    // substitutes a wider or narrower font still keeps the text inside its box.
    let _ = write!(
        out,
        r#"<text class="{}" x="{}" y="{}" font-size="{}" textLength="{}" lengthAdjust="spacingAndGlyphs">"#,
        text_class(line.role),
        Num(line.rect.x),
        Num(line.baseline),
        Num(line.size),
        Num(line.rect.width),
    );
    escape(&line.text, out);
    out.push_str("</text>\n");
}

fn write_points(out: &mut String, points: &[Point]) {
    for (i, p) in points.iter().enumerate() {
        let _ = write!(
            out,
            "{}{},{}",
            if i == 0 { "" } else { " " },
            Num(p.x),
            Num(p.y)
        );
    }
}

/// The arrowhead's three corners, its tip at the last point of `points`.
pub(crate) fn arrowhead(points: &[Point]) -> [Point; 3] {
    let tip = points[points.len() - 1];
    let before = points[points.len() - 2];
    let (dx, dy) = (tip.x - before.x, tip.y - before.y);
    let length = (dx * dx + dy * dy).sqrt().max(f64::EPSILON);
    let (ux, uy) = (dx / length, dy / length);
    let base = Point {
        x: tip.x - ux * ARROW_LENGTH,
        y: tip.y - uy * ARROW_LENGTH,
    };
    [
        tip,
        Point {
            x: base.x - uy * ARROW_HALF_WIDTH,
            y: base.y + ux * ARROW_HALF_WIDTH,
        },
        Point {
            x: base.x + uy * ARROW_HALF_WIDTH,
            y: base.y - ux * ARROW_HALF_WIDTH,
        },
    ]
}

/// Writes `layout` as a standalone SVG document.
pub(crate) fn write_svg(layout: &Layout, options: &RenderOptions) -> String {
    let palette = Palette::new(options.theme);
    let mut out = String::with_capacity(1024 + layout.boxes.len() * 1200);
    let (width, height) = (Num(layout.width), Num(layout.height));
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">"#
    );
    out.push_str("<title>");
    if let Some(title) = layout.title.first() {
        escape(&title.text, &mut out);
    }
    out.push_str("</title>\n");
    let _ = writeln!(
        out,
        "<style>text{{font-family:{FONT_STACK};fill:{}}}.t,.h{{font-weight:bold}}.m{{fill:{}}}</style>",
        palette.text.css(),
        palette.muted_text.css()
    );
    let _ = writeln!(
        out,
        r#"<rect width="100%" height="100%" fill="{}"/>"#,
        palette.background.css()
    );

    for line in &layout.title {
        write_text(&mut out, line);
    }
    for entry in &layout.legend {
        let s = entry.swatch;
        let _ = writeln!(
            out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="{}" stroke-width="{}"/>"#,
            Num(s.x),
            Num(s.y),
            Num(s.width),
            Num(s.height),
            palette.fill(entry.kind).css(),
            palette.border(entry.kind).css(),
            BOX_STROKE
        );
        write_text(&mut out, &entry.label);
    }

    for cluster in &layout.clusters {
        let r = cluster.rect;
        let _ = writeln!(
            out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" fill="none" stroke="{}" stroke-width="{}" stroke-dasharray="6 4"/>"#,
            Num(r.x),
            Num(r.y),
            Num(r.width),
            Num(r.height),
            palette.cluster.css(),
            CLUSTER_STROKE
        );
        write_text(&mut out, &cluster.label);
    }

    let edge_colour = palette.edge.css();
    let _ = writeln!(
        out,
        r#"<g fill="none" stroke="{edge_colour}" stroke-width="{EDGE_STROKE}">"#
    );
    for edge in &layout.edges {
        if edge.points.len() < 2 {
            continue;
        }
        // Stop the line at the arrowhead's base so its end does not blunt the tip.
        let mut points = edge.points.clone();
        let head = arrowhead(&points);
        let last = points.len() - 1;
        points[last] = Point {
            x: (head[1].x + head[2].x) / 2.0,
            y: (head[1].y + head[2].y) / 2.0,
        };
        out.push_str(r#"<polyline points=""#);
        write_points(&mut out, &points);
        out.push_str("\"/>\n");
    }
    out.push_str("</g>\n");
    let _ = writeln!(out, r#"<g fill="{edge_colour}">"#);
    for edge in &layout.edges {
        if edge.points.len() < 2 {
            continue;
        }
        out.push_str(r#"<polygon points=""#);
        write_points(&mut out, &arrowhead(&edge.points));
        out.push_str("\"/>\n");
    }
    out.push_str("</g>\n");

    for layer_box in &layout.boxes {
        let r = layer_box.rect;
        let border = palette.border(layer_box.kind);
        out.push_str("<g>");
        // The box's outline as a path: stroke widths on paths survive every
        // SVG toolchain we met, and the path stays a single element.
        let _ = write!(
            out,
            r#"<path d="M{} {}H{}V{}H{}Z" fill="{}" stroke="{}" stroke-width="{}"/>"#,
            Num(r.x),
            Num(r.y),
            Num(r.right()),
            Num(r.bottom()),
            Num(r.x),
            palette.fill(layer_box.kind).css(),
            border.css(),
            BOX_STROKE
        );
        if let Some(rule) = layer_box.rule_y {
            let _ = write!(
                out,
                r#"<path d="M{} {}H{}" stroke="{}" stroke-width="{}" stroke-opacity="0.5"/>"#,
                Num(r.x),
                Num(rule),
                Num(r.right()),
                border.css(),
                BOX_STROKE * 0.8
            );
        }
        out.push('\n');
        for line in &layer_box.lines {
            write_text(&mut out, line);
        }
        out.push_str("</g>\n");
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn num_writes_at_most_two_decimals() {
        let cases = [
            (0.0, "0"),
            (12.0, "12"),
            (12.5, "12.5"),
            (12.25, "12.25"),
            (12.05, "12.05"),
            (0.004, "0"),
            (-3.1, "-3.1"),
            (-0.25, "-0.25"),
            (1_234_567.891, "1234567.89"),
        ];
        for (value, expected) in cases {
            assert_eq!(Num(value).to_string(), expected, "{value}");
        }
    }

    #[test]
    fn escapes_markup_characters() {
        let mut out = String::new();
        escape(r#"a<b>&"c'"#, &mut out);
        assert_eq!(out, "a&lt;b&gt;&amp;&quot;c&apos;");
    }

    #[test]
    fn replaces_control_characters() {
        let mut out = String::new();
        escape("a\u{1}b", &mut out);
        assert_eq!(out, "a\u{fffd}b");
    }

    #[test]
    fn numbers_are_compact() {
        assert_eq!(Num(1.0).to_string(), "1");
        assert_eq!(Num(1.234_56).to_string(), "1.23");
        assert_eq!(Num(-0.001).to_string(), "0");
        assert_eq!(Num(-2.5).to_string(), "-2.5");
        assert_eq!(Num(3.05).to_string(), "3.05");
        assert_eq!(Num(1234.999).to_string(), "1235");
    }
}
