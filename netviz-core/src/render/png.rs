//! PNG output: shapes drawn with plotters' bitmap backend, text rasterised
//! with ab_glyph on top, and rows compressed with fdeflate as they are done.
//!
//! The image is drawn in horizontal strips into one reused buffer, so memory
//! stays at one strip plus the compressed output whatever the image height.
//! Every strip draws all elements that reach into it, clipped to its rows,
//! which gives the same pixels as drawing the whole image at once.

use plotters::backend::{BitMapBackend, DrawingBackend};
use plotters::style::RGBColor;

use super::layout::{Layout, Point, Rect, TextLine, TextRole};
use super::style::{Palette, Rgb, BOX_STROKE, CLUSTER_STROKE, EDGE_STROKE};
use super::svg::arrowhead;
use super::text::{GlyphRasterizer, TextMeasurer, Weight};
use super::{RenderError, RenderOptions};

/// Maximum PNG width or height in pixels. Many image viewers and browser
/// canvases reject larger sides.
pub const MAX_PNG_SIDE: u64 = 32_767;

/// Maximum pixels in one PNG image: 100 megapixels. Drawing needs only one
/// strip in memory, but the encoded file of a large diagram can reach tens of
/// megabytes and few viewers open images this large.
pub const MAX_PNG_PIXELS: u64 = 100_000_000;

/// Rows drawn per strip.
const STRIP_ROWS: u32 = 96;

/// Converts a plotters drawing error into ours. Drawing into an in-memory
/// buffer returns no errors in plotters 0.3.7.
fn drawing_error<E: std::fmt::Debug>(error: E) -> RenderError {
    RenderError::Encode {
        message: format!("drawing into the bitmap failed ({error:?})"),
    }
}

/// Pixel size of the image for `layout` at `scale`, checked against the limits.
pub(crate) fn image_size(layout: &Layout, scale: f64) -> Result<(u32, u32), RenderError> {
    let width = (layout.width * scale).ceil().max(1.0);
    let height = (layout.height * scale).ceil().max(1.0);
    // Saturating float-to-integer casts keep absurd sizes absurd instead of wrapping.
    let (width, height) = (width as u64, height as u64);
    if width > MAX_PNG_SIDE
        || height > MAX_PNG_SIDE
        || width.saturating_mul(height) > MAX_PNG_PIXELS
    {
        return Err(RenderError::ImageTooLarge {
            width,
            height,
            max_side: MAX_PNG_SIDE,
            max_pixels: MAX_PNG_PIXELS,
        });
    }
    Ok((width as u32, height as u32))
}

fn colour(rgb: Rgb) -> RGBColor {
    RGBColor(rgb.0, rgb.1, rgb.2)
}

/// Converts layout units to pixels of the current strip.
struct Canvas<'a> {
    backend: BitMapBackend<'a>,
    scale: f64,
    /// The image row at the strip's top.
    top: i32,
}

impl Canvas<'_> {
    fn px(&self, value: f64) -> i32 {
        (value * self.scale).round() as i32
    }

    /// Converts a y coordinate to a row of the strip.
    fn row(&self, value: f64) -> i32 {
        self.px(value) - self.top
    }

    /// Converts a stroke width to whole pixels, at least one.
    fn stroke(&self, width: f64) -> i32 {
        ((width * self.scale).round() as i32).max(1)
    }

    fn fill(&mut self, x0: i32, y0: i32, x1: i32, y1: i32, rgb: Rgb) -> Result<(), RenderError> {
        self.backend
            .draw_rect((x0, y0), (x1, y1), &colour(rgb), true)
            .map_err(drawing_error)
    }

    /// Fills `rect` and draws a border of `stroke` pixels just inside it.
    fn framed_rect(
        &mut self,
        rect: &Rect,
        fill: Rgb,
        border: Rgb,
        stroke: i32,
    ) -> Result<(), RenderError> {
        let (x0, y0) = (self.px(rect.x), self.row(rect.y));
        let (x1, y1) = (self.px(rect.right()), self.row(rect.bottom()));
        self.fill(x0, y0, x1, y1, fill)?;
        self.fill(x0, y0, x1, y0 + stroke, border)?;
        self.fill(x0, y1 - stroke, x1, y1, border)?;
        self.fill(x0, y0, x0 + stroke, y1, border)?;
        self.fill(x1 - stroke, y0, x1, y1, border)
    }

    /// Draws an axis-aligned line of `stroke` pixels centred on the segment.
    fn segment(&mut self, a: Point, b: Point, stroke: i32, rgb: Rgb) -> Result<(), RenderError> {
        let before = stroke / 2;
        let after = stroke - before;
        let (ax, ay, bx, by) = (self.px(a.x), self.row(a.y), self.px(b.x), self.row(b.y));
        if ay == by {
            self.fill(
                ax.min(bx) - before,
                ay - before,
                ax.max(bx) + after,
                ay + after,
                rgb,
            )
        } else {
            self.fill(
                ax - before,
                ay.min(by) - before,
                ax + after,
                ay.max(by) + after,
                rgb,
            )
        }
    }

    fn dashed_rect(&mut self, rect: &Rect, stroke: i32, rgb: Rgb) -> Result<(), RenderError> {
        let (x0, y0) = (self.px(rect.x), self.row(rect.y));
        let (x1, y1) = (self.px(rect.right()), self.row(rect.bottom()));
        let dash = self.px(6.0).max(2);
        let gap = self.px(4.0).max(1);
        let mut x = x0;
        while x < x1 {
            let end = (x + dash).min(x1);
            self.fill(x, y0, end, y0 + stroke, rgb)?;
            self.fill(x, y1 - stroke, end, y1, rgb)?;
            x += dash + gap;
        }
        let mut y = y0;
        while y < y1 {
            let end = (y + dash).min(y1);
            self.fill(x0, y, x0 + stroke, end, rgb)?;
            self.fill(x1 - stroke, y, x1, end, rgb)?;
            y += dash + gap;
        }
        Ok(())
    }
}

/// Draws `layout` and returns the PNG file's bytes.
pub(crate) fn encode_png(
    layout: &Layout,
    options: &RenderOptions,
    measurer: &TextMeasurer,
) -> Result<Vec<u8>, RenderError> {
    let (width, height) = image_size(layout, options.scale)?;
    let palette = Palette::new(options.theme);
    let row_bytes = width as usize * 3;
    let strip_rows = STRIP_ROWS.min(height);
    let background_row = [
        palette.background.0,
        palette.background.1,
        palette.background.2,
    ]
    .repeat(width as usize);
    let mut strip = vec![0u8; row_bytes * strip_rows as usize];
    let mut rasterizer = GlyphRasterizer::new(measurer);
    let mut encoder = RowEncoder::new(width, height)?;

    let lines: Vec<&TextLine> = layout
        .title
        .iter()
        .chain(layout.legend.iter().map(|e| &e.label))
        .chain(layout.clusters.iter().map(|c| &c.label))
        .chain(layout.boxes.iter().flat_map(|b| b.lines.iter()))
        .collect();
    let mut line_sweep = Sweep::new(lines.iter().map(|l| (l.rect.y, l.rect.bottom())));
    let mut box_sweep = Sweep::new(layout.boxes.iter().map(|b| (b.rect.y, b.rect.bottom())));
    let mut edge_sweep = Sweep::new(layout.edges.iter().map(|e| {
        e.points
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(low, high), p| {
                (low.min(p.y), high.max(p.y))
            })
    }));

    let mut top = 0u32;
    while top < height {
        let rows = strip_rows.min(height - top);
        let pixels = &mut strip[..row_bytes * rows as usize];
        for row in pixels.chunks_exact_mut(row_bytes) {
            row.copy_from_slice(&background_row);
        }
        let visible = (
            f64::from(top) / options.scale,
            f64::from(top + rows) / options.scale,
        );
        {
            let mut canvas = Canvas {
                backend: BitMapBackend::with_buffer(pixels, (width, rows)),
                scale: options.scale,
                top: top as i32,
            };
            let edges = edge_sweep.advance(visible);
            let boxes = box_sweep.advance(visible);
            draw_shapes(&mut canvas, layout, &palette, visible, edges, boxes)?;
            canvas.backend.present().map_err(drawing_error)?;
        }
        let strip_area = Strip {
            pixels: &mut *pixels,
            width,
            top,
            rows,
        };
        let visible_lines = line_sweep.advance(visible);
        draw_text(
            strip_area,
            &lines,
            visible_lines,
            options.scale,
            &palette,
            &mut rasterizer,
        );
        for row in pixels.chunks_exact(row_bytes) {
            encoder.write_row(row)?;
        }
        top += rows;
    }
    encoder.finish()
}

/// Margin in layout units for strokes and arrowheads that extend past an
/// element's outline.
const REACH_MARGIN: f64 = 8.0;

/// Returns whether the span from `start` to `end` reaches into `visible`.
fn reaches(start: f64, end: f64, visible: (f64, f64)) -> bool {
    start.min(end) - REACH_MARGIN < visible.1 && start.max(end) + REACH_MARGIN > visible.0
}

/// Finds the elements that reach into each strip as the strips move down,
/// so a tall image costs time in proportion to its elements, not to
/// elements times strips.
struct Sweep {
    spans: Vec<(f64, f64)>,
    /// Element indices by the start of their span.
    by_start: Vec<usize>,
    next: usize,
    /// Elements that reach into the current strip, in their original order.
    active: Vec<usize>,
}

impl Sweep {
    fn new(spans: impl Iterator<Item = (f64, f64)>) -> Sweep {
        let spans: Vec<(f64, f64)> = spans.map(|(a, b)| (a.min(b), a.max(b))).collect();
        let mut by_start: Vec<usize> = (0..spans.len()).collect();
        by_start.sort_by(|&a, &b| spans[a].0.total_cmp(&spans[b].0).then(a.cmp(&b)));
        Sweep {
            spans,
            by_start,
            next: 0,
            active: Vec::new(),
        }
    }

    /// Returns the elements reaching into `visible`, which must not lie above the previous call's.
    fn advance(&mut self, visible: (f64, f64)) -> &[usize] {
        let mut added = false;
        while let Some(&i) = self.by_start.get(self.next) {
            if self.spans[i].0 - REACH_MARGIN >= visible.1 {
                break;
            }
            self.active.push(i);
            self.next += 1;
            added = true;
        }
        let spans = &self.spans;
        self.active
            .retain(|&i| reaches(spans[i].0, spans[i].1, visible));
        if added {
            // Draw order decides which of two overlapping shapes is on top.
            self.active.sort_unstable();
        }
        &self.active
    }
}

/// Draws the legend and frames that reach into the `visible` span of layout
/// y coordinates, then the listed edges and boxes.
fn draw_shapes(
    canvas: &mut Canvas<'_>,
    layout: &Layout,
    palette: &Palette,
    visible: (f64, f64),
    edges: &[usize],
    boxes: &[usize],
) -> Result<(), RenderError> {
    let box_stroke = canvas.stroke(BOX_STROKE);
    for entry in &layout.legend {
        if !reaches(entry.swatch.y, entry.swatch.bottom(), visible) {
            continue;
        }
        canvas.framed_rect(
            &entry.swatch,
            palette.fill(entry.kind),
            palette.border(entry.kind),
            box_stroke,
        )?;
    }

    let cluster_stroke = canvas.stroke(CLUSTER_STROKE);
    for cluster in &layout.clusters {
        if !reaches(cluster.rect.y, cluster.rect.bottom(), visible) {
            continue;
        }
        canvas.dashed_rect(&cluster.rect, cluster_stroke, palette.cluster)?;
    }

    let edge_stroke = canvas.stroke(EDGE_STROKE);
    for edge in edges.iter().map(|&i| &layout.edges[i]) {
        if edge.points.len() < 2 {
            continue;
        }
        let head = arrowhead(&edge.points);
        let mut points = edge.points.clone();
        let last = points.len() - 1;
        points[last] = Point {
            x: (head[1].x + head[2].x) / 2.0,
            y: (head[1].y + head[2].y) / 2.0,
        };
        for pair in points.windows(2) {
            canvas.segment(pair[0], pair[1], edge_stroke, palette.edge)?;
        }
        let corners: Vec<(i32, i32)> = head
            .iter()
            .map(|p| (canvas.px(p.x), canvas.row(p.y)))
            .collect();
        canvas
            .backend
            .fill_polygon(corners, &colour(palette.edge))
            .map_err(drawing_error)?;
    }

    for layer_box in boxes.iter().map(|&i| &layout.boxes[i]) {
        let border = palette.border(layer_box.kind);
        let fill = palette.fill(layer_box.kind);
        canvas.framed_rect(&layer_box.rect, fill, border, box_stroke)?;
        if let Some(rule) = layer_box.rule_y {
            let rule_colour = blend(fill, border, 0.5);
            let y = canvas.row(rule);
            let stroke = canvas.stroke(BOX_STROKE * 0.8);
            let (x0, x1) = (
                canvas.px(layer_box.rect.x),
                canvas.px(layer_box.rect.right()),
            );
            canvas.fill(x0, y - stroke / 2, x1, y - stroke / 2 + stroke, rule_colour)?;
        }
    }
    Ok(())
}

fn blend(under: Rgb, over: Rgb, alpha: f64) -> Rgb {
    let channel =
        |a: u8, b: u8| (f64::from(a) * (1.0 - alpha) + f64::from(b) * alpha).round() as u8;
    Rgb(
        channel(under.0, over.0),
        channel(under.1, over.1),
        channel(under.2, over.2),
    )
}

/// The rows of the image that one strip holds.
struct Strip<'a> {
    pixels: &'a mut [u8],
    width: u32,
    /// The image row of the strip's first row.
    top: u32,
    rows: u32,
}

/// Draws the listed text lines into the strip, blending glyph coverage over
/// whatever the shapes left there.
fn draw_text(
    strip: Strip<'_>,
    lines: &[&TextLine],
    visible_lines: &[usize],
    scale: f64,
    palette: &Palette,
    rasterizer: &mut GlyphRasterizer<'_>,
) {
    let Strip {
        pixels,
        width,
        top,
        rows,
    } = strip;
    for line in visible_lines.iter().map(|&i| lines[i]) {
        let ink = match line.role {
            TextRole::Subtitle | TextRole::Label | TextRole::Detail => palette.muted_text,
            _ => palette.text,
        };
        let weight = if line.bold {
            Weight::Bold
        } else {
            Weight::Regular
        };
        rasterizer.draw(
            &line.text,
            weight,
            line.size * scale,
            line.rect.x * scale,
            line.baseline * scale,
            |x, y, coverage| {
                let row = i64::from(y) - i64::from(top);
                if x < 0 || x as u32 >= width || row < 0 || row >= i64::from(rows) {
                    return;
                }
                let index = (row as usize * width as usize + x as usize) * 3;
                let alpha = u32::from(coverage);
                for (channel, ink) in pixels[index..index + 3]
                    .iter_mut()
                    .zip([ink.0, ink.1, ink.2])
                {
                    let mixed = u32::from(*channel) * (255 - alpha) + u32::from(ink) * alpha;
                    *channel = ((mixed + 127) / 255) as u8;
                }
            },
        );
    }
}

/// Writes a PNG file row by row: the `Up` filter, then fdeflate.
///
/// Diagram rows mostly repeat the row above, which the `Up` filter turns
/// into runs of zeros, the input fdeflate compresses best and fastest.
struct RowEncoder {
    width: u32,
    height: u32,
    previous: Vec<u8>,
    filtered: Vec<u8>,
    compressor: fdeflate::Compressor<Vec<u8>>,
}

fn encode_error(error: std::io::Error) -> RenderError {
    RenderError::Encode {
        message: error.to_string(),
    }
}

impl RowEncoder {
    fn new(width: u32, height: u32) -> Result<RowEncoder, RenderError> {
        let row_bytes = width as usize * 3;
        Ok(RowEncoder {
            width,
            height,
            previous: vec![0; row_bytes],
            filtered: vec![0; row_bytes + 1],
            compressor: fdeflate::Compressor::new(Vec::new()).map_err(encode_error)?,
        })
    }

    fn write_row(&mut self, row: &[u8]) -> Result<(), RenderError> {
        const FILTER_UP: u8 = 2;
        self.filtered[0] = FILTER_UP;
        for ((out, &value), &above) in self.filtered[1..].iter_mut().zip(row).zip(&self.previous) {
            *out = value.wrapping_sub(above);
        }
        self.previous.copy_from_slice(row);
        self.compressor
            .write_data(&self.filtered)
            .map_err(encode_error)
    }

    fn finish(self) -> Result<Vec<u8>, RenderError> {
        let data = self.compressor.finish().map_err(encode_error)?;
        let mut file = Vec::with_capacity(data.len() + 64);
        file.extend_from_slice(b"\x89PNG\r\n\x1a\n");

        let mut header = Vec::with_capacity(13);
        header.extend_from_slice(&self.width.to_be_bytes());
        header.extend_from_slice(&self.height.to_be_bytes());
        // Bit depth 8, colour type 2 (RGB), deflate, adaptive filtering, no interlace.
        header.extend_from_slice(&[8, 2, 0, 0, 0]);
        write_chunk(&mut file, b"IHDR", &header);
        // PNG chunks hold at most 2^31 - 1 bytes.
        for part in data.chunks(1 << 30) {
            write_chunk(&mut file, b"IDAT", part);
        }
        write_chunk(&mut file, b"IEND", &[]);
        Ok(file)
    }
}

fn write_chunk(file: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    file.extend_from_slice(&(data.len() as u32).to_be_bytes());
    file.extend_from_slice(kind);
    file.extend_from_slice(data);
    let mut crc = crc32fast::Hasher::new();
    crc.update(kind);
    crc.update(data);
    file.extend_from_slice(&crc.finalize().to_be_bytes());
}
