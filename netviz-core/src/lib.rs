//! The logic behind netviz: shape rules, the `network!` language, summaries,
//! exports and rendering. Most users want the `netviz` crate, which re-exports
//! this one together with the `network!` macro.

pub mod codec;
pub mod dsl;
pub mod export;
pub mod layer;
pub mod network;
#[cfg(feature = "render")]
pub mod render;
pub mod shape;
pub mod summary;
pub mod typelevel;

pub use network::{Layer, LayerKind, Network};
#[cfg(feature = "render")]
pub use render::{Direction, RenderError, RenderOptions, Theme};
pub use shape::Shape;
