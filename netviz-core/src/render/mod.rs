//! Architecture diagrams as SVG and PNG.
//!
//! Rendering runs in two steps. [`layout::layout`] turns a [`Network`] into
//! plain geometry (boxes, text lines, edge polylines) sized with the embedded
//! Noto Sans font, and a writer turns that geometry into SVG text or, through
//! plotters' bitmap backend, into a PNG image. Both finish in memory before a
//! file is created, so a failed render never leaves a partial file behind.

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::network::Network;
use crate::shape::group_thousands;

mod content;
mod layered;
pub mod layout;
mod png;
mod style;
mod svg;
pub mod text;

pub use png::{MAX_PNG_PIXELS, MAX_PNG_SIDE};

/// The direction in which the diagram flows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Direction {
    /// From the top down.
    #[default]
    TopToBottom,
    /// From left to right.
    LeftToRight,
}

/// Colour scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Theme {
    /// Dark text on white.
    #[default]
    Light,
    /// Light text on a dark background.
    Dark,
}

/// Options for rendering.
///
/// Every field is public; the builder methods set one field each and can be
/// chained: `RenderOptions::new().direction(Direction::LeftToRight).theme(Theme::Dark)`.
#[derive(Clone, Debug, PartialEq)]
pub struct RenderOptions {
    /// Show the input and output shape of each layer.
    pub show_shapes: bool,
    /// Start each box's header with the layer's name; without it the header is the class name alone.
    pub show_layer_names: bool,
    /// Show each layer's parameter count. Layers without parameters show none.
    pub show_params: bool,
    /// Show an activation fused into a layer, as `+ relu`.
    pub show_activations: bool,
    /// Write shapes as Keras does, `(None, 28, 28, 1)`, instead of `28×28×1`.
    pub show_batch_dim: bool,
    /// The direction of flow.
    pub direction: Direction,
    /// Pixels per layout unit in PNG output; SVG output ignores it. Must be finite and above zero.
    pub scale: f64,
    /// Colour scheme.
    pub theme: Theme,
    /// Show a legend of the layer kinds that occur in the diagram.
    pub legend: bool,
    /// Draw a layer that wraps another model as a dashed frame around that
    /// model's layers instead of as a single box.
    pub expand_nested: bool,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            show_shapes: true,
            show_layer_names: true,
            show_params: true,
            show_activations: true,
            show_batch_dim: false,
            direction: Direction::TopToBottom,
            scale: 2.0,
            theme: Theme::Light,
            legend: true,
            expand_nested: false,
        }
    }
}

impl RenderOptions {
    /// Creates the default options.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets [`RenderOptions::show_shapes`].
    pub fn show_shapes(mut self, show: bool) -> Self {
        self.show_shapes = show;
        self
    }

    /// Sets [`RenderOptions::show_layer_names`].
    pub fn show_layer_names(mut self, show: bool) -> Self {
        self.show_layer_names = show;
        self
    }

    /// Sets [`RenderOptions::show_params`].
    pub fn show_params(mut self, show: bool) -> Self {
        self.show_params = show;
        self
    }

    /// Sets [`RenderOptions::show_activations`].
    pub fn show_activations(mut self, show: bool) -> Self {
        self.show_activations = show;
        self
    }

    /// Sets [`RenderOptions::show_batch_dim`].
    pub fn show_batch_dim(mut self, show: bool) -> Self {
        self.show_batch_dim = show;
        self
    }

    /// Sets [`RenderOptions::direction`].
    pub fn direction(mut self, direction: Direction) -> Self {
        self.direction = direction;
        self
    }

    /// Sets [`RenderOptions::scale`]; the render checks the value.
    pub fn scale(mut self, scale: f64) -> Self {
        self.scale = scale;
        self
    }

    /// Sets [`RenderOptions::theme`].
    pub fn theme(mut self, theme: Theme) -> Self {
        self.theme = theme;
        self
    }

    /// Sets [`RenderOptions::legend`].
    pub fn legend(mut self, show: bool) -> Self {
        self.legend = show;
        self
    }

    /// Sets [`RenderOptions::expand_nested`].
    pub fn expand_nested(mut self, expand: bool) -> Self {
        self.expand_nested = expand;
        self
    }

    fn validate(&self) -> Result<(), RenderError> {
        if !self.scale.is_finite() || self.scale <= 0.0 {
            return Err(RenderError::InvalidOption {
                option: "scale",
                value: self.scale.to_string(),
                expected: "a finite number above zero, such as 1.0 or 2.0",
            });
        }
        Ok(())
    }
}

/// The reason a render failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum RenderError {
    /// The file extension names no supported format.
    UnsupportedFormat {
        /// The requested output path.
        path: PathBuf,
        /// The extension found, if any.
        extension: Option<String>,
    },
    /// An option has a value the renderer cannot use.
    InvalidOption {
        /// The option's field name in [`RenderOptions`].
        option: &'static str,
        /// The rejected value.
        value: String,
        /// A description of the accepted values.
        expected: &'static str,
    },
    /// The PNG image would exceed [`MAX_PNG_SIDE`] pixels on a side or [`MAX_PNG_PIXELS`] in total.
    ImageTooLarge {
        /// The width the diagram needs, in pixels.
        width: u64,
        /// The height the diagram needs, in pixels.
        height: u64,
        /// The maximum pixels on one side.
        max_side: u64,
        /// The maximum pixels in total.
        max_pixels: u64,
    },
    /// Reading or writing a file failed.
    Io {
        /// The file or folder involved.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// The embedded font could not be parsed or registered.
    Font {
        /// A description of the problem.
        message: String,
    },
    /// The PNG encoder failed.
    Encode {
        /// The encoder's message.
        message: String,
    },
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::UnsupportedFormat { path, extension } => match extension {
                Some(extension) => write!(
                    f,
                    "cannot render {}: the extension .{extension} is not supported; use .svg or .png",
                    path.display()
                ),
                None => write!(
                    f,
                    "cannot render {}: the path has no extension; use .svg or .png",
                    path.display()
                ),
            },
            RenderError::InvalidOption {
                option,
                value,
                expected,
            } => write!(
                f,
                "invalid render option {option} = {value}: expected {expected}"
            ),
            RenderError::ImageTooLarge {
                width,
                height,
                max_side,
                max_pixels,
            } => write!(
                f,
                "the PNG image would be {}×{} pixels, over the limit of {} pixels per side \
                 and {} pixels in total; render to .svg, use \
                 Direction::LeftToRight, or lower the scale (Network::max_png_scale gives the \
                 largest that fits)",
                group_thousands(*width),
                group_thousands(*height),
                group_thousands(*max_side),
                group_thousands(*max_pixels),
            ),
            RenderError::Io { path, source } => {
                write!(f, "failed to write {}: {source}", path.display())
            }
            RenderError::Font { message } => {
                write!(f, "failed to load the embedded font: {message}")
            }
            RenderError::Encode { message } => {
                write!(f, "failed to encode the PNG image: {message}")
            }
        }
    }
}

impl std::error::Error for RenderError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            RenderError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// An output format, chosen by file extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Svg,
    Png,
}

fn format_for(path: &Path) -> Result<Format, RenderError> {
    let extension = path.extension().map(|e| e.to_string_lossy().into_owned());
    match extension.as_deref().map(str::to_ascii_lowercase).as_deref() {
        Some("svg") => Ok(Format::Svg),
        Some("png") => Ok(Format::Png),
        _ => Err(RenderError::UnsupportedFormat {
            path: path.to_path_buf(),
            extension,
        }),
    }
}

impl Network {
    /// Renders the diagram with default options to `path`, as SVG or PNG by its extension.
    ///
    /// The file is replaced atomically: the image is written to a temporary
    /// file in the same folder, which is then renamed over `path`.
    pub fn render(&self, path: impl AsRef<Path>) -> Result<(), RenderError> {
        self.render_with(path, &RenderOptions::default())
    }

    /// Renders the diagram with `options` to `path`, as SVG or PNG by its extension.
    ///
    /// The extension is matched case-insensitively. On any error, no file is
    /// created and an existing file at `path` is left unchanged.
    pub fn render_with(
        &self,
        path: impl AsRef<Path>,
        options: &RenderOptions,
    ) -> Result<(), RenderError> {
        let path = path.as_ref();
        let bytes = match format_for(path)? {
            Format::Svg => self.render_svg_string(options)?.into_bytes(),
            Format::Png => self.render_png_bytes(options)?,
        };
        write_atomically(path, &bytes)
    }

    /// Renders the diagram as an SVG document.
    pub fn render_svg_string(&self, options: &RenderOptions) -> Result<String, RenderError> {
        options.validate()?;
        let measurer = text::TextMeasurer::embedded()?;
        let layout = layout::layout(self, options, &measurer);
        Ok(svg::write_svg(&layout, options))
    }

    /// Returns the largest PNG scale at which this diagram fits within
    /// [`MAX_PNG_SIDE`] pixels per side and [`MAX_PNG_PIXELS`] in total, with
    /// every other option as given. A deep network can pass it to
    /// [`RenderOptions::scale`] to get the sharpest PNG that the limits allow.
    pub fn max_png_scale(&self, options: &RenderOptions) -> Result<f64, RenderError> {
        let measurer = text::TextMeasurer::embedded()?;
        let layout = layout::layout(self, options, &measurer);
        let side = MAX_PNG_SIDE as f64;
        let by_side = (side / layout.width.max(1.0)).min(side / layout.height.max(1.0));
        let by_area =
            (MAX_PNG_PIXELS as f64 / (layout.width.max(1.0) * layout.height.max(1.0))).sqrt();
        // Round down to two decimals so rounding in the rasteriser cannot cross a limit.
        Ok((by_side.min(by_area) * 100.0).floor() / 100.0)
    }

    /// Renders the diagram as PNG-encoded bytes.
    pub fn render_png_bytes(&self, options: &RenderOptions) -> Result<Vec<u8>, RenderError> {
        options.validate()?;
        let measurer = text::TextMeasurer::embedded()?;
        let layout = layout::layout(self, options, &measurer);
        png::encode_png(&layout, options, &measurer)
    }
}

/// Distinguishes temporary files of concurrent renders within one process.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Writes `bytes` to `path` through a temporary file in the same folder and a
/// rename, so readers see either the old file or the complete new one.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), RenderError> {
    let file_name = path.file_name().ok_or_else(|| RenderError::Io {
        path: path.to_path_buf(),
        source: io::Error::new(io::ErrorKind::InvalidInput, "the path names no file"),
    })?;
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    if !folder.is_dir() {
        return Err(RenderError::Io {
            path: path.to_path_buf(),
            source: io::Error::new(
                io::ErrorKind::NotFound,
                format!("the folder {} does not exist", folder.display()),
            ),
        });
    }

    let counter = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    let temp_name = format!(
        ".{}.{}.{counter}.tmp",
        file_name.to_string_lossy(),
        std::process::id()
    );
    let temp_path = folder.join(temp_name);
    let io_error = |source| RenderError::Io {
        path: path.to_path_buf(),
        source,
    };

    let mut file: File = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp_path)
        .map_err(io_error)?;
    // NOTE: the file is not flushed to disk before the rename. The
    // replacement is atomic for readers and for failed renders, but not
    // across a power loss. An fsync tripled the time of small renders on the
    // benchmark machine, and a lost diagram can be rendered again.
    let written = file.write_all(bytes).and_then(|()| {
        drop(file);
        fs::rename(&temp_path, path)
    });
    if let Err(source) = written {
        // The temporary file is ours and incomplete; a failed removal changes nothing for the caller.
        let _ = fs::remove_file(&temp_path);
        return Err(io_error(source));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_follows_extension_case_insensitively() {
        assert_eq!(format_for(Path::new("a.svg")).unwrap(), Format::Svg);
        assert_eq!(format_for(Path::new("a.SVG")).unwrap(), Format::Svg);
        assert_eq!(format_for(Path::new("dir/a.Png")).unwrap(), Format::Png);
    }

    #[test]
    fn unsupported_extension_names_formats() {
        let error = format_for(Path::new("model.jpg")).unwrap_err();
        let message = error.to_string();
        assert!(message.contains(".jpg"), "{message}");
        assert!(message.contains(".svg or .png"), "{message}");

        let error = format_for(Path::new("model")).unwrap_err();
        assert!(error.to_string().contains("no extension"), "{error}");
    }

    #[test]
    fn scale_must_be_positive_and_finite() {
        for scale in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            let error = RenderOptions::new().scale(scale).validate().unwrap_err();
            assert!(
                matches!(
                    error,
                    RenderError::InvalidOption {
                        option: "scale",
                        ..
                    }
                ),
                "{error}"
            );
        }
        assert!(RenderOptions::new().scale(0.5).validate().is_ok());
    }

    #[test]
    fn builder_sets_fields() {
        let options = RenderOptions::new()
            .direction(Direction::LeftToRight)
            .theme(Theme::Dark)
            .show_batch_dim(true)
            .legend(false)
            .expand_nested(true);
        assert_eq!(options.direction, Direction::LeftToRight);
        assert_eq!(options.theme, Theme::Dark);
        assert!(options.show_batch_dim);
        assert!(!options.legend);
        assert!(options.expand_nested);
        assert!(options.show_shapes);
    }
}
