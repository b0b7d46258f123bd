//! netviz
pub use netviz_core::*;
pub use netviz_macros::network;
