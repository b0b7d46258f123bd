//! Type-level shapes and the [`Model`] trait that every `network!` model implements.
//!
//! Shapes are typenum arrays of unsigned integers, so generic code can demand
//! a shape in a bound and compute with it at type level on stable Rust. The
//! `network!` macro computes every shape itself and writes these types only at
//! a model's boundaries, because typenum arithmetic per layer costs seconds
//! for a few dozen layers.
//!
//! A bound on typenum types reports a mismatch as nested `UInt<UInt<…>>`
//! types. The const-generic twins [`Dims1`] to [`Dims6`], with [`HasInput`]
//! and [`HasOutput`], state the same requirement and report it in numbers.

use crate::network::Network;

pub use typenum;

use typenum::{ATerm, Prod, TArr, Unsigned, U1};

/// A model declared with `network!`.
///
/// `Input` and `Output` are typenum arrays such as `netviz::shape![28, 28, 1]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a model made with `network!`",
    label = "not a `network!` model",
    note = "a step written as a type must name a model declared with `network! {{ pub Name: input(…) => … }}`"
)]
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
    /// Builds the model's full description.
    fn network() -> Network;
}

/// The number of elements of a typenum shape, computed at type level.
///
/// `Elements<shape![7, 7, 50]>` is `U2450`, the size a `flatten` produces.
pub type Elements<S> = <S as ShapeElements>::Output;

/// Computes the element count of a typenum shape; see [`Elements`].
pub trait ShapeElements {
    /// The product of the dimensions.
    type Output: Unsigned;
}

impl ShapeElements for ATerm {
    type Output = U1;
}

impl<V, A> ShapeElements for TArr<V, A>
where
    A: ShapeElements,
    V: core::ops::Mul<<A as ShapeElements>::Output>,
    Prod<V, <A as ShapeElements>::Output>: Unsigned,
{
    type Output = Prod<V, <A as ShapeElements>::Output>;
}

macro_rules! dims_types {
    ($($name:ident<$($d:ident),+>),+) => {$(
        /// A shape as const generics, for bounds whose errors read as numbers.
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        pub struct $name<$(const $d: usize),+>;
    )+};
}

dims_types!(
    Dims1<A>,
    Dims2<A, B>,
    Dims3<A, B, C>,
    Dims4<A, B, C, D>,
    Dims5<A, B, C, D, E>,
    Dims6<A, B, C, D, E, F>
);

/// Implemented by every model whose input shape is `S`, a [`Dims3`] or its kin.
///
/// `fn f<M: HasInput<Dims3<28, 28, 1>>>()` accepts only models with a 28×28×1 input.
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not take an input of shape `{S}`",
    label = "its input shape differs",
    note = "`{Self}::INPUT_SHAPE` holds the input shape it does take"
)]
pub trait HasInput<S>: Model {}

/// Implemented by every model whose output shape is `S`, a [`Dims1`] or its kin.
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not produce an output of shape `{S}`",
    label = "its output shape differs",
    note = "`{Self}::OUTPUT_SHAPE` holds the output shape it does produce"
)]
pub trait HasOutput<S>: Model {}
