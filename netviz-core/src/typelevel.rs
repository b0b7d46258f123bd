//! Type-level shapes and the [`Model`] trait that every `network!` model implements.
//!
//! Shapes are typenum arrays of unsigned integers, so generic code can demand
//! a shape in a bound and compute with it at type level on stable Rust. The
//! `network!` macro computes every shape itself and writes these types only at
//! a model's boundaries: typenum arithmetic per layer would take seconds per
//! few dozen layers.

use crate::network::Network;

pub use typenum;

/// A model declared with `network!`.
///
/// `Input` and `Output` are typenum arrays such as `netviz::shape![28, 28, 1]`.
pub trait Model {
    /// The input shape as a typenum array.
    type Input;
    /// The output shape as a typenum array.
    type Output;
    /// The input shape, without the batch dimension.
    const INPUT_SHAPE: &'static [usize];
    /// The output shape, without the batch dimension.
    const OUTPUT_SHAPE: &'static [usize];
    /// All parameters, trainable or not.
    const PARAMS: u64;
    /// The model's full description.
    fn network() -> Network;
}
