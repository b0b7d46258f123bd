//! Turns a checked network into the model type, its constants and its `Model` impl.

use netviz_core::dsl::{self, Diagnostic, Models};
use netviz_core::{LayerKind, Network};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, ToTokens};
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::{LitInt, Token};

pub fn network(input: TokenStream) -> TokenStream {
    let invocation = match dsl::parse(input) {
        Ok(invocation) => invocation,
        Err(error) => return error.to_compile_error(),
    };
    let name = invocation
        .name
        .as_ref()
        .map_or_else(|| "model".to_string(), |n| n.to_string());
    let checked = match &invocation.body {
        Ok(statements) => dsl::check(&name, statements, &Models::new()),
        Err(error) => Err(vec![Diagnostic::from(error.clone())]),
    };
    match (&invocation.name, checked) {
        (Some(ident), Ok(network)) => {
            model_item(&invocation.attrs, &invocation.vis, ident, &network)
        }
        (None, Ok(network)) => {
            let build = network_expr(&network);
            quote! { { #build } }
        }
        (Some(ident), Err(diagnostics)) => {
            let errors = errors(&diagnostics);
            let stub = stub_item(&invocation.attrs, &invocation.vis, ident);
            quote! { #errors #stub }
        }
        (None, Err(diagnostics)) => {
            let errors = errors(&diagnostics);
            quote! { { #errors ::netviz::__private::failed_network() } }
        }
    }
}

fn errors(diagnostics: &[Diagnostic]) -> TokenStream {
    diagnostics
        .iter()
        .map(|d| d.to_syn_error().to_compile_error())
        .collect()
}

fn usize_list(dims: &[u64]) -> TokenStream {
    let items = dims
        .iter()
        .map(|d| LitInt::new(&format!("{d}usize"), Span::call_site()));
    quote! { &[#(#items),*] }
}

fn u64_lit(value: u64) -> LitInt {
    LitInt::new(&format!("{value}u64"), Span::call_site())
}

fn kind_tokens(kind: LayerKind) -> TokenStream {
    let variant = format_ident!("{}", format!("{kind:?}"));
    quote! { ::netviz::LayerKind::#variant }
}

/// The expression that builds the network from static tables.
fn network_expr(network: &Network) -> TokenStream {
    let layers = network.layers.iter().map(|layer| {
        let name = &layer.name;
        let op = &layer.op;
        let class_name = &layer.class_name;
        let kind = kind_tokens(layer.kind);
        let config = &layer.config;
        let activation = match &layer.activation {
            Some(a) => quote! { ::core::option::Option::Some(#a) },
            None => quote! { ::core::option::Option::None },
        };
        let inputs = layer
            .inputs
            .iter()
            .map(|i| LitInt::new(&format!("{i}usize"), Span::call_site()));
        let shape = layer.output_shape.dims().iter().map(|d| u64_lit(*d));
        let params = u64_lit(layer.params);
        let trainable = u64_lit(layer.trainable_params);
        let macs = u64_lit(layer.macs);
        quote! {
            ::netviz::__private::StaticLayer {
                name: #name,
                op: #op,
                class_name: #class_name,
                kind: #kind,
                config: #config,
                activation: #activation,
                inputs: &[#(#inputs),*],
                output_shape: &[#(#shape),*],
                params: #params,
                trainable_params: #trainable,
                macs: #macs,
                nested: ::core::option::Option::None,
            }
        }
    });
    let name = &network.name;
    quote! {
        static LAYERS: &[::netviz::__private::StaticLayer] = &[#(#layers),*];
        ::netviz::Network::from_static(#name, LAYERS)
    }
}

/// A typenum unsigned integer as a flat bit chain: `UInt<UInt<UTerm, B1>, B0>` is 2.
fn typenum_uint(value: u64) -> TokenStream {
    let mut tokens = quote! { ::netviz::__private::typenum::UTerm };
    if value == 0 {
        return tokens;
    }
    let bits = 64 - value.leading_zeros();
    for bit in (0..bits).rev() {
        let b = if value >> bit & 1 == 1 {
            quote! { B1 }
        } else {
            quote! { B0 }
        };
        tokens = quote! { ::netviz::__private::typenum::UInt<#tokens, ::netviz::__private::typenum::#b> };
    }
    tokens
}

/// A shape as a typenum array: `TArr<U28, TArr<U28, TArr<U1, ATerm>>>`.
fn typenum_shape(dims: &[u64]) -> TokenStream {
    let mut tokens = quote! { ::netviz::__private::typenum::ATerm };
    for dim in dims.iter().rev() {
        let n = typenum_uint(*dim);
        tokens = quote! { ::netviz::__private::typenum::TArr<#n, #tokens> };
    }
    tokens
}

fn model_item(
    attrs: &[syn::Attribute],
    vis: &syn::Visibility,
    ident: &syn::Ident,
    network: &Network,
) -> TokenStream {
    let input = usize_list(network.input_shape().dims());
    let output = usize_list(network.output_shape().dims());
    let params = u64_lit(network.total_params());
    let trainable = u64_lit(network.trainable_params());
    let non_trainable = u64_lit(network.non_trainable_params());
    let macs = u64_lit(network.total_macs());
    let input_type = typenum_shape(network.input_shape().dims());
    let output_type = typenum_shape(network.output_shape().dims());
    let build = network_expr(network);
    quote! {
        #(#attrs)*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        #vis struct #ident;

        impl #ident {
            /// The input shape, without the batch dimension.
            pub const INPUT_SHAPE: &'static [usize] = #input;
            /// The output shape, without the batch dimension.
            pub const OUTPUT_SHAPE: &'static [usize] = #output;
            /// All parameters, trainable or not.
            pub const PARAMS: u64 = #params;
            /// Parameters updated by training.
            pub const TRAINABLE_PARAMS: u64 = #trainable;
            /// Parameters that training does not update, such as batch normalization's moving statistics.
            pub const NON_TRAINABLE_PARAMS: u64 = #non_trainable;
            /// Multiply-accumulate operations for one sample.
            pub const MACS: u64 = #macs;

            /// The model's full description: layers, edges, shapes and parameter counts.
            pub fn network() -> ::netviz::Network {
                #build
            }

            /// A Keras-style summary table.
            pub fn summary() -> ::std::string::String {
                Self::network().summary()
            }

            /// Draws the architecture diagram; the format follows the extension (`.svg` or `.png`).
            pub fn render(path: impl ::core::convert::AsRef<::std::path::Path>) -> ::core::result::Result<(), ::netviz::Error> {
                Self::network().render(path)
            }

            /// Draws the architecture diagram with options.
            pub fn render_with(
                path: impl ::core::convert::AsRef<::std::path::Path>,
                options: &::netviz::RenderOptions,
            ) -> ::core::result::Result<(), ::netviz::Error> {
                Self::network().render_with(path, options)
            }
        }

        impl ::netviz::Model for #ident {
            type Input = #input_type;
            type Output = #output_type;
            const INPUT_SHAPE: &'static [usize] = #input;
            const OUTPUT_SHAPE: &'static [usize] = #output;
            const PARAMS: u64 = #params;
            fn network() -> ::netviz::Network {
                #ident::network()
            }
        }
    }
}

/// The model type emitted after errors, so uses of it do not add errors of their own.
fn stub_item(attrs: &[syn::Attribute], vis: &syn::Visibility, ident: &syn::Ident) -> TokenStream {
    quote! {
        #(#attrs)*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        #vis struct #ident;

        impl #ident {
            pub const INPUT_SHAPE: &'static [usize] = &[];
            pub const OUTPUT_SHAPE: &'static [usize] = &[];
            pub const PARAMS: u64 = 0;
            pub const TRAINABLE_PARAMS: u64 = 0;
            pub const NON_TRAINABLE_PARAMS: u64 = 0;
            pub const MACS: u64 = 0;
            pub fn network() -> ::netviz::Network {
                ::netviz::__private::failed_network()
            }
            pub fn summary() -> ::std::string::String {
                ::std::string::String::new()
            }
            pub fn render(_path: impl ::core::convert::AsRef<::std::path::Path>) -> ::core::result::Result<(), ::netviz::Error> {
                ::netviz::__private::failed_network();
                ::core::result::Result::Ok(())
            }
            pub fn render_with(
                _path: impl ::core::convert::AsRef<::std::path::Path>,
                _options: &::netviz::RenderOptions,
            ) -> ::core::result::Result<(), ::netviz::Error> {
                ::netviz::__private::failed_network();
                ::core::result::Result::Ok(())
            }
        }

        impl ::netviz::Model for #ident {
            type Input = ::netviz::__private::typenum::ATerm;
            type Output = ::netviz::__private::typenum::ATerm;
            const INPUT_SHAPE: &'static [usize] = &[];
            const OUTPUT_SHAPE: &'static [usize] = &[];
            const PARAMS: u64 = 0;
            fn network() -> ::netviz::Network {
                ::netviz::__private::failed_network()
            }
        }
    }
}

pub fn shape(input: TokenStream) -> TokenStream {
    let parser = Punctuated::<LitInt, Token![,]>::parse_terminated;
    let dims = match parser.parse2(input) {
        Ok(dims) => dims,
        Err(error) => {
            return syn::Error::new(
                error.span(),
                "`shape!` takes sizes separated by commas, such as `shape![28, 28, 1]`",
            )
            .to_compile_error()
        }
    };
    let mut values = Vec::new();
    for lit in &dims {
        match lit.base10_parse::<u64>() {
            Ok(v) => values.push(v),
            Err(_) => {
                return syn::Error::new_spanned(
                    lit.to_token_stream(),
                    "a shape's size must be a non-negative integer that fits in 64 bits",
                )
                .to_compile_error()
            }
        }
    }
    typenum_shape(&values)
}
