//! The embedded Noto Sans font: loading, text measurement and glyph rasterising.
//!
//! Every width in a layout comes from this font's advance widths, so boxes fit
//! their text exactly in PNG output, which draws with the same font. SVG
//! viewers may substitute another font; the SVG writer pins each line's width
//! with `textLength` for that case.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use ab_glyph::{Font, FontRef, GlyphId, PxScale, ScaleFont};

use super::RenderError;

/// The family name under which the embedded font is registered with plotters
/// and named in SVG output.
pub const FONT_FAMILY: &str = "Noto Sans";

/// Noto Sans Regular, version 1.04, as shipped by the `ttf-noto-sans` crate.
pub const REGULAR_FONT: &[u8] = ttf_noto_sans::REGULAR;

/// Noto Sans Bold, version 1.04, as shipped by the `ttf-noto-sans` crate.
pub const BOLD_FONT: &[u8] = ttf_noto_sans::BOLD;

/// Code points whose advance widths are looked up once: Basic Latin, Latin-1
/// (with the `×` and `·` of shapes and details) and Latin Extended-A.
const CACHED_CHARS: usize = 0x180;

/// A font weight used in diagrams.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Weight {
    /// Noto Sans Regular.
    Regular,
    /// Noto Sans Bold.
    Bold,
}

/// Measures text set in the embedded font.
///
/// Sizes are CSS font sizes: the em square in layout units, as SVG's
/// `font-size` means them.
#[derive(Clone, Debug)]
pub struct TextMeasurer {
    regular: FontRef<'static>,
    bold: FontRef<'static>,
    /// Advance widths in font units of the first [`CACHED_CHARS`] code points,
    /// regular then bold: the glyph lookup otherwise dominates the layout of large networks.
    advances: Vec<f32>,
    /// Glyph ids of the same code points, regular then bold, for the rasteriser.
    glyph_ids: Vec<GlyphId>,
    units_per_em: f64,
    ascent: f64,
    descent: f64,
}

impl TextMeasurer {
    /// Loads the embedded regular and bold faces.
    pub fn embedded() -> Result<Self, RenderError> {
        let parse = |bytes: &'static [u8], face: &str| {
            FontRef::try_from_slice(bytes).map_err(|error| RenderError::Font {
                message: format!("Noto Sans {face} is not a valid font: {error}"),
            })
        };
        let regular = parse(REGULAR_FONT, "Regular")?;
        let bold = parse(BOLD_FONT, "Bold")?;
        let units_per_em = f64::from(regular.units_per_em().unwrap_or(2048.0));
        let ascent = f64::from(regular.ascent_unscaled()) / units_per_em;
        let descent = f64::from(regular.descent_unscaled()) / units_per_em;
        let mut advances = Vec::with_capacity(2 * CACHED_CHARS);
        let mut glyph_ids = Vec::with_capacity(2 * CACHED_CHARS);
        for font in [&regular, &bold] {
            for code in 0..CACHED_CHARS as u32 {
                let c = char::from_u32(code).unwrap_or('\0');
                let id = font.glyph_id(c);
                glyph_ids.push(id);
                advances.push(font.h_advance_unscaled(id));
            }
        }
        Ok(TextMeasurer {
            regular,
            bold,
            advances,
            glyph_ids,
            units_per_em,
            ascent,
            descent,
        })
    }

    /// Returns the glyph of `c` in the face of `weight`, from the table for common code points.
    pub(crate) fn glyph_id(&self, weight: Weight, c: char) -> GlyphId {
        let offset = match weight {
            Weight::Regular => 0,
            Weight::Bold => CACHED_CHARS,
        };
        if (c as usize) < CACHED_CHARS {
            self.glyph_ids[offset + c as usize]
        } else {
            self.font(weight).glyph_id(c)
        }
    }

    /// Returns the advance of glyph `id` for `c` in font units, from the table for common code points.
    pub(crate) fn advance_unscaled(&self, weight: Weight, c: char, id: GlyphId) -> f32 {
        let offset = match weight {
            Weight::Regular => 0,
            Weight::Bold => CACHED_CHARS,
        };
        if (c as usize) < CACHED_CHARS {
            self.advances[offset + c as usize]
        } else {
            self.font(weight).h_advance_unscaled(id)
        }
    }

    pub(crate) fn font(&self, weight: Weight) -> &FontRef<'static> {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    /// Returns the advance width of `text` at font size `size`.
    ///
    /// The embedded faces have no `kern` table (their kerning is in GPOS,
    /// which neither ab_glyph nor this layout applies), so the width is the
    /// sum of the glyphs' advances.
    pub fn width(&self, text: &str, weight: Weight, size: f64) -> f64 {
        let font = self.font(weight);
        let cached = match weight {
            Weight::Regular => &self.advances[..CACHED_CHARS],
            Weight::Bold => &self.advances[CACHED_CHARS..],
        };
        let units: f64 = text
            .chars()
            .map(|c| match cached.get(c as usize) {
                Some(&advance) => f64::from(advance),
                None => f64::from(font.h_advance_unscaled(font.glyph_id(c))),
            })
            .sum();
        units * size / self.units_per_em
    }

    /// Returns the distance from the baseline up to the top of a line at font size `size`.
    pub fn ascent(&self, size: f64) -> f64 {
        self.ascent * size
    }

    /// Returns the height of one line, from ascender to descender, at font size `size`.
    pub fn line_height(&self, size: f64) -> f64 {
        (self.ascent - self.descent) * size
    }

    /// Returns the ab_glyph scale that sets glyphs at CSS font size `size`.
    ///
    /// ab_glyph scales the ascender-to-descender height, not the em square.
    pub(crate) fn px_scale(&self, size: f64) -> PxScale {
        PxScale::from(((self.ascent - self.descent) * size) as f32)
    }
}

/// Registers the embedded faces with plotters under [`FONT_FAMILY`], once per process.
pub fn register_with_plotters() -> Result<(), RenderError> {
    static REGISTERED: OnceLock<Result<(), String>> = OnceLock::new();
    let result = REGISTERED.get_or_init(|| {
        use plotters::style::{register_font, FontStyle};
        register_font(FONT_FAMILY, FontStyle::Normal, REGULAR_FONT)
            .and_then(|()| register_font(FONT_FAMILY, FontStyle::Bold, BOLD_FONT))
            .map_err(|_| "plotters rejected the embedded Noto Sans".to_string())
    });
    result
        .clone()
        .map_err(|message| RenderError::Font { message })
}

/// A rasterised glyph: coverage values from 0 to 255, row by row.
struct GlyphBitmap {
    left: i32,
    top: i32,
    width: usize,
    height: usize,
    coverage: Vec<u8>,
}

/// Quarter-pixel horizontal positions, so repeated glyphs can share one bitmap
/// while keeping the spacing that the advance widths give.
const SUBPIXEL_STEPS: f64 = 4.0;

/// Rasterises text with ab_glyph and hands out coverage per pixel.
///
/// Each glyph is placed at its caret position including its left side
/// bearing, which plotters' own ab_glyph text path drops.
pub(crate) struct GlyphRasterizer<'a> {
    measurer: &'a TextMeasurer,
    cache: HashMap<(Weight, GlyphId, u64, u8), Option<GlyphBitmap>, BuildHasherDefault<KeyHasher>>,
}

/// A multiply-rotate hasher for the glyph cache's small integer keys. The
/// default SipHash took a quarter of the time of drawing text into a PNG.
#[derive(Default)]
struct KeyHasher(u64);

impl KeyHasher {
    fn add(&mut self, value: u64) {
        self.0 = (self.0.rotate_left(5) ^ value).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.add(u64::from(byte));
        }
    }

    fn write_u8(&mut self, value: u8) {
        self.add(u64::from(value));
    }

    fn write_u16(&mut self, value: u16) {
        self.add(u64::from(value));
    }

    fn write_u32(&mut self, value: u32) {
        self.add(u64::from(value));
    }

    fn write_u64(&mut self, value: u64) {
        self.add(value);
    }

    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }

    fn write_isize(&mut self, value: isize) {
        self.add(value as u64);
    }
}

impl<'a> GlyphRasterizer<'a> {
    pub(crate) fn new(measurer: &'a TextMeasurer) -> Self {
        GlyphRasterizer {
            measurer,
            cache: HashMap::default(),
        }
    }

    /// Calls `plot(x, y, coverage)` for every covered pixel of `text` set with its
    /// baseline starting at pixel position (`x`, `baseline`).
    pub(crate) fn draw(
        &mut self,
        text: &str,
        weight: Weight,
        size: f64,
        x: f64,
        baseline: f64,
        mut plot: impl FnMut(i32, i32, u8),
    ) {
        let font = self.measurer.font(weight);
        let scale = self.measurer.px_scale(size);
        let scaled = font.as_scaled(scale);
        let baseline = baseline.round();
        let mut caret = x;
        for c in text.chars() {
            let id = self.measurer.glyph_id(weight, c);
            let whole = caret.floor();
            let step = ((caret - whole) * SUBPIXEL_STEPS).round();
            let (whole, step) = if step >= SUBPIXEL_STEPS {
                (whole + 1.0, 0.0)
            } else {
                (whole, step)
            };
            let key = (weight, id, size.to_bits(), step as u8);
            let bitmap = self.cache.entry(key).or_insert_with(|| {
                let glyph = id.with_scale_and_position(
                    scale,
                    ab_glyph::point((step / SUBPIXEL_STEPS) as f32, 0.0),
                );
                rasterize(font, glyph)
            });
            if let Some(bitmap) = bitmap {
                let origin_x = whole as i32 + bitmap.left;
                let origin_y = baseline as i32 + bitmap.top;
                for row in 0..bitmap.height {
                    let line = &bitmap.coverage[row * bitmap.width..(row + 1) * bitmap.width];
                    for (column, &coverage) in line.iter().enumerate() {
                        if coverage > 0 {
                            plot(origin_x + column as i32, origin_y + row as i32, coverage);
                        }
                    }
                }
            }
            // The same product as `scaled.h_advance(id)`, from the table where it can.
            caret +=
                f64::from(scaled.h_scale_factor() * self.measurer.advance_unscaled(weight, c, id));
        }
    }
}

fn rasterize(font: &FontRef<'static>, glyph: ab_glyph::Glyph) -> Option<GlyphBitmap> {
    let outlined = font.outline_glyph(glyph)?;
    let bounds = outlined.px_bounds();
    let width = bounds.width() as usize;
    let height = bounds.height() as usize;
    let mut coverage = vec![0u8; width * height];
    outlined.draw(|x, y, value| {
        let index = y as usize * width + x as usize;
        if index < coverage.len() {
            coverage[index] = (value.clamp(0.0, 1.0) * 255.0).round() as u8;
        }
    });
    Some(GlyphBitmap {
        left: bounds.min.x as i32,
        top: bounds.min.y as i32,
        width,
        height,
        coverage,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Advance widths in font units (2048 per em) read from the `hmtx` tables
    /// of NotoSans-Regular.ttf and NotoSans-Bold.ttf 1.04 with an independent
    /// parser: C o n v 2 D.
    const CONV2D_REGULAR_UNITS: f64 = 1294.0 + 1239.0 + 1266.0 + 1040.0 + 1171.0 + 1495.0;
    const CONV2D_BOLD_UNITS: f64 = 1305.0 + 1268.0 + 1346.0 + 1165.0 + 1171.0 + 1516.0;

    #[test]
    fn measures_noto_sans_advances() {
        let measurer = TextMeasurer::embedded().unwrap();
        let regular = measurer.width("Conv2D", Weight::Regular, 2048.0);
        let bold = measurer.width("Conv2D", Weight::Bold, 2048.0);
        assert_eq!(regular, CONV2D_REGULAR_UNITS);
        assert_eq!(bold, CONV2D_BOLD_UNITS);
    }

    #[test]
    fn plotters_uses_embedded_font() {
        // If Cargo feature unification turned on plotters' `ttf` feature,
        // plotters would look the family up among system fonts instead.
        use plotters::style::{FontDesc, FontFamily, FontStyle};

        register_with_plotters().unwrap();
        let measurer = TextMeasurer::embedded().unwrap();
        for (style, weight, units) in [
            (FontStyle::Normal, Weight::Regular, CONV2D_REGULAR_UNITS),
            (FontStyle::Bold, Weight::Bold, CONV2D_BOLD_UNITS),
        ] {
            // plotters' ab_glyph path sizes text by the ascender-to-descender
            // height, so pass the height that gives a 2048-unit em square.
            let height = measurer.line_height(2048.0);
            let font = FontDesc::new(FontFamily::Name(FONT_FAMILY), height, style);
            let ((x0, _), (x1, _)) = font.layout_box("Conv2D").unwrap();
            let width = f64::from(x1 - x0);
            assert!(
                (width - units).abs() <= 2.0,
                "plotters measured {width} units for {weight:?}, Noto Sans gives {units}"
            );
        }
    }

    #[test]
    fn line_metrics_match_font() {
        let measurer = TextMeasurer::embedded().unwrap();
        // hhea ascender 2189 and descender -600 over 2048 units per em.
        assert!((measurer.ascent(2048.0) - 2189.0).abs() < 1e-9);
        assert!((measurer.line_height(2048.0) - 2789.0).abs() < 1e-9);
    }

    #[test]
    fn rasterizer_covers_glyph_pixels() {
        let measurer = TextMeasurer::embedded().unwrap();
        let mut rasterizer = GlyphRasterizer::new(&measurer);
        let mut pixels = Vec::new();
        rasterizer.draw("Hi", Weight::Regular, 16.0, 10.0, 30.0, |x, y, c| {
            pixels.push((x, y, c))
        });
        assert!(!pixels.is_empty());
        let width = measurer.width("Hi", Weight::Regular, 16.0);
        for &(x, y, _) in &pixels {
            assert!((10..=10 + width.ceil() as i32).contains(&x), "x = {x}");
            assert!((30 - 16..=30).contains(&y), "y = {y}");
        }
    }
}
