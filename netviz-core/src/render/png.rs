//! PNG output: shapes drawn with plotters' bitmap backend into an RGB buffer,
//! text rasterised with ab_glyph on top, then encoded with the `png` crate.

use plotters::backend::{BitMapBackend, DrawingBackend};
use plotters::style::RGBColor;

use super::layout::{Layout, Point, Rect, TextRole};
use super::style::{Palette, Rgb, BOX_STROKE, CLUSTER_STROKE, EDGE_STROKE};
use super::svg::arrowhead;
use super::text::{GlyphRasterizer, TextMeasurer, Weight};
use super::{RenderError, RenderOptions};

/// Maximum PNG width or height in pixels. Many image viewers and browser
/// canvases reject larger sides.
pub const MAX_PNG_SIDE: u64 = 32_767;

/// Maximum pixels in one PNG image: 100 megapixels, a 300 MB RGB buffer while drawing.
pub const MAX_PNG_PIXELS: u64 = 100_000_000;

/// Drawing in plotters cannot fail on an in-memory buffer; this turns its
/// error type into ours should that change.
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

/// Converts layout units to pixels.
struct Canvas<'a> {
    backend: BitMapBackend<'a>,
    scale: f64,
}

impl Canvas<'_> {
    fn px(&self, value: f64) -> i32 {
        (value * self.scale).round() as i32
    }

    /// A stroke width in whole pixels, at least one.
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
        let (x0, y0) = (self.px(rect.x), self.px(rect.y));
        let (x1, y1) = (self.px(rect.right()), self.px(rect.bottom()));
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
        let (ax, ay, bx, by) = (self.px(a.x), self.px(a.y), self.px(b.x), self.px(b.y));
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
        let (x0, y0) = (self.px(rect.x), self.px(rect.y));
        let (x1, y1) = (self.px(rect.right()), self.px(rect.bottom()));
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
    let background = palette.background;
    let mut buffer: Vec<u8> =
        [background.0, background.1, background.2].repeat(width as usize * height as usize);

    {
        let mut canvas = Canvas {
            backend: BitMapBackend::with_buffer(&mut buffer, (width, height)),
            scale: options.scale,
        };
        draw_shapes(&mut canvas, layout, &palette)?;
        canvas.backend.present().map_err(drawing_error)?;
    }
    draw_text(
        &mut buffer,
        width,
        height,
        layout,
        options.scale,
        &palette,
        measurer,
    );
    encode(&buffer, width, height)
}

fn draw_shapes(
    canvas: &mut Canvas<'_>,
    layout: &Layout,
    palette: &Palette,
) -> Result<(), RenderError> {
    let box_stroke = canvas.stroke(BOX_STROKE);
    for entry in &layout.legend {
        canvas.framed_rect(
            &entry.swatch,
            palette.fill(entry.kind),
            palette.border(entry.kind),
            box_stroke,
        )?;
    }

    let cluster_stroke = canvas.stroke(CLUSTER_STROKE);
    for cluster in &layout.clusters {
        canvas.dashed_rect(&cluster.rect, cluster_stroke, palette.cluster)?;
    }

    let edge_stroke = canvas.stroke(EDGE_STROKE);
    for edge in &layout.edges {
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
            .map(|p| (canvas.px(p.x), canvas.px(p.y)))
            .collect();
        canvas
            .backend
            .fill_polygon(corners, &colour(palette.edge))
            .map_err(drawing_error)?;
    }

    for layer_box in &layout.boxes {
        let border = palette.border(layer_box.kind);
        let fill = palette.fill(layer_box.kind);
        canvas.framed_rect(&layer_box.rect, fill, border, box_stroke)?;
        if let Some(rule) = layer_box.rule_y {
            let rule_colour = blend(fill, border, 0.5);
            let y = canvas.px(rule);
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

/// Draws every text line straight into the RGB buffer, blending glyph coverage
/// over whatever the shapes left there.
fn draw_text(
    buffer: &mut [u8],
    width: u32,
    height: u32,
    layout: &Layout,
    scale: f64,
    palette: &Palette,
    measurer: &TextMeasurer,
) {
    let mut rasterizer = GlyphRasterizer::new(measurer);
    let lines = layout
        .title
        .iter()
        .chain(layout.legend.iter().map(|e| &e.label))
        .chain(layout.clusters.iter().map(|c| &c.label))
        .chain(layout.boxes.iter().flat_map(|b| b.lines.iter()));
    for line in lines {
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
                if x < 0 || y < 0 || x as u32 >= width || y as u32 >= height {
                    return;
                }
                let index = (y as usize * width as usize + x as usize) * 3;
                let alpha = u32::from(coverage);
                for (channel, ink) in buffer[index..index + 3]
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

fn encode(buffer: &[u8], width: u32, height: u32) -> Result<Vec<u8>, RenderError> {
    let encode_error = |error: png::EncodingError| RenderError::Encode {
        message: error.to_string(),
    };
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    // Diagrams are mostly flat colour, which the fast deflate mode already
    // compresses well; the default mode spends several times longer.
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().map_err(encode_error)?;
    writer.write_image_data(buffer).map_err(encode_error)?;
    writer.finish().map_err(encode_error)?;
    Ok(bytes)
}
