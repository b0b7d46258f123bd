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
