#![doc = include_str!("../README.md")]
pub use netviz_core::layer;
pub use netviz_core::render;
pub use netviz_core::render::{MAX_PNG_PIXELS, MAX_PNG_SIDE};
pub use netviz_core::shape::Shape;
pub use netviz_core::typelevel::typenum;
pub use netviz_core::typelevel::{
    Dims1, Dims2, Dims3, Dims4, Dims5, Dims6, Elements, HasInput, HasOutput, Model, ShapeElements,
};
pub use netviz_core::{dsl, Layer, LayerKind, Network};
pub use netviz_core::{Direction, RenderError, RenderOptions, Theme};
pub use netviz_macros::{network, shape};

/// The reason rendering failed.
pub type Error = netviz_core::RenderError;

#[doc(hidden)]
pub mod __private {
    pub use netviz_core::network::StaticLayer;
    pub use netviz_core::typelevel::typenum;
    pub use netviz_core::typelevel::typenum::{ATerm, TArr, UInt, UTerm, B0, B1};
    pub use netviz_macros::__resolve as resolve;

    /// Stands in for a network that failed to check; the compile errors beside it stop the build first.
    pub fn failed_network() -> crate::Network {
        unreachable!("network! reported errors for this model")
    }
}
