//! Architecture diagrams as SVG and PNG.

/// Where the diagram flows.
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
#[derive(Clone, Debug, Default)]
pub struct RenderOptions {}

/// Why a render failed.
#[derive(Debug)]
pub enum RenderError {}

impl crate::Network {
    /// Draws the diagram.
    pub fn render(&self, path: impl AsRef<std::path::Path>) -> Result<(), RenderError> {
        self.render_with(path, &RenderOptions::default())
    }

    /// Draws the diagram with options.
    pub fn render_with(
        &self,
        path: impl AsRef<std::path::Path>,
        options: &RenderOptions,
    ) -> Result<(), RenderError> {
        let _ = (path, options);
        Ok(())
    }
}
