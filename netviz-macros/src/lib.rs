//! The procedural macros of netviz: `network!` and `shape!`.
//!
//! Parsing and checking live in `netviz-core`; this crate turns the checked
//! network into Rust items. Use the macros through the `netviz` crate.

mod expand;

use proc_macro::TokenStream;

/// Declares a neural network and checks its shapes while compiling.
///
/// See the `netviz` crate for the language.
#[proc_macro]
pub fn network(input: TokenStream) -> TokenStream {
    expand::network(input.into()).into()
}

/// Writes a shape as a type-level typenum array: `shape![28, 28, 1]`.
#[proc_macro]
pub fn shape(input: TokenStream) -> TokenStream {
    expand::shape(input.into()).into()
}

/// Continues a `network!` invocation with the data of a model used as a step.
#[doc(hidden)]
#[proc_macro]
pub fn __resolve(input: TokenStream) -> TokenStream {
    expand::resolve(input.into()).into()
}
