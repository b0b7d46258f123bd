//! Turns a checked network into the model type, its constants and its `Model` impl.

use netviz_core::dsl::{self, Diagnostic, Models};
use netviz_core::{LayerKind, Network};
use proc_macro2::TokenTree;
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, ToTokens};
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::{LitInt, LitStr, Token};

pub fn network(input: TokenStream) -> TokenStream {
    let original = input.clone();
    let invocation = match dsl::parse(input) {
        Ok(invocation) => invocation,
        Err(error) => return error.to_compile_error(),
    };
    let paths = model_paths(&invocation);
    let Some(first) = paths.first() else {
        return finish(&invocation, &Models::new(), false);
    };
    // Each model used as a step exports a macro holding its encoded network.
    // The first one is called with the list of the others. Each appends its
    // data and calls the next, and the last hands everything to `resolve`.
    let call = callback(first, &paths[1..], &original);
    let checks = paths.iter().map(|path| {
        quote! {
            const _: () = {
                fn assert_model<M: ::netviz::Model>() {}
                fn check() {
                    assert_model::<#path>();
                }
            };
        }
    });
    match &invocation.name {
        Some(ident) => {
            let attrs = &invocation.attrs;
            let vis = &invocation.vis;
            quote! {
                #(#attrs)*
                #[derive(Clone, Copy, Debug)]
                #vis struct #ident;
                #(#checks)*
                #call
            }
        }
        None => quote! { { #(#checks)* #call } },
    }
}

/// Finishes an invocation once every model step's data has arrived.
///
/// Input: `[ "path" "data" … ]`, one pair per model step in the order the
/// callback macros ran, then the original tokens of the invocation.
pub fn resolve(input: TokenStream) -> TokenStream {
    let mut tokens = input.into_iter();
    let Some(TokenTree::Group(done)) = tokens.next() else {
        return quote! { ::core::compile_error!("netviz: malformed model data; rebuild the crate that defines the model") };
    };
    let original: TokenStream = tokens.collect();
    let mut resolved: Vec<(String, String)> = Vec::new();
    let mut pairs = done.stream().into_iter().map(unwrap_invisible);
    while let (Some(TokenTree::Literal(path)), Some(TokenTree::Literal(text))) =
        (pairs.next(), pairs.next())
    {
        if let (Some(path), Some(text)) = (literal_string(&path), literal_string(&text)) {
            resolved.push((path, text));
        }
    }
    let invocation = match dsl::parse(original.clone()) {
        Ok(invocation) => invocation,
        Err(error) => return error.to_compile_error(),
    };
    let paths = model_paths(&invocation);
    if let Some(missing) = paths
        .iter()
        .find(|p| !resolved.iter().any(|(r, _)| *r == path_text(p)))
    {
        let message = format!("netviz received no model data for `{}`; rebuild the crate that defines it with the same netviz version", path_text(missing));
        return quote! { ::core::compile_error!(#message); };
    }
    if resolved.iter().any(|(_, text)| text.is_empty()) {
        // A model used as a step failed to check and has reported its errors.
        return match &invocation.name {
            Some(ident) => stub_impls(ident),
            None => quote! { ::netviz::__private::failed_network() },
        };
    }
    let mut models = Models::new();
    for (path, text) in &resolved {
        match netviz_core::codec::decode(text) {
            Some(network) => {
                models.insert(path.clone(), network);
            }
            None => {
                let message = format!("netviz could not read the model data of `{path}`; rebuild the crate that defines it with the same netviz version");
                return quote! { ::core::compile_error!(#message); };
            }
        }
    }
    finish(&invocation, &models, true)
}

/// Unwraps a `$name:literal` fragment, which macro_rules passes on inside an
/// invisible group.
fn unwrap_invisible(token: TokenTree) -> TokenTree {
    if let TokenTree::Group(group) = &token {
        if group.delimiter() == proc_macro2::Delimiter::None {
            let mut inner = group.stream().into_iter();
            if let (Some(only), None) = (inner.next(), inner.next()) {
                return only;
            }
        }
    }
    token
}

fn literal_string(literal: &proc_macro2::Literal) -> Option<String> {
    syn::parse2::<LitStr>(literal.to_token_stream())
        .ok()
        .map(|l| l.value())
}

/// Lists the model types used as steps, each once, in order of first use.
fn model_paths(invocation: &dsl::Invocation) -> Vec<syn::Path> {
    let mut paths: Vec<syn::Path> = Vec::new();
    if let Ok(statements) = &invocation.body {
        // A capitalised name bound with `as` is a branch, not a model.
        let aliases: Vec<&syn::Ident> = statements
            .iter()
            .flat_map(|s| &s.steps)
            .filter_map(|s| s.alias.as_ref())
            .collect();
        for step in statements.iter().flat_map(|s| &s.steps) {
            if let dsl::Target::Model { path } = &step.target {
                if path.get_ident().is_some_and(|i| aliases.contains(&i)) {
                    continue;
                }
                if !paths.iter().any(|p| path_text(p) == path_text(path)) {
                    paths.push(path.clone());
                }
            }
        }
    }
    paths
}

/// Calls the macro that the model at `first` exports, with the models still
/// to call as `[ (path) "path" … ]`, the data collected so far (none yet), the
/// text of `first`, and the original tokens.
fn callback(first: &syn::Path, rest: &[syn::Path], original: &TokenStream) -> TokenStream {
    let name = LitStr::new(&path_text(first), Span::call_site());
    let pending = rest.iter().map(|path| {
        let text = LitStr::new(&path_text(path), Span::call_site());
        quote! { (#path) #text }
    });
    quote! { #first! { [ #(#pending)* ] [] #name #original } }
}

/// Expands a parsed invocation once every model step is known.
fn finish(invocation: &dsl::Invocation, models: &Models, struct_emitted: bool) -> TokenStream {
    let name = invocation
        .name
        .as_ref()
        .map_or_else(|| "model".to_string(), |n| n.to_string());
    let checked = match &invocation.body {
        Ok(statements) => dsl::check_with_paths(&name, statements, models),
        Err(error) => Err(vec![Diagnostic::from(error.clone())]),
    };
    let head = match (&invocation.name, struct_emitted) {
        (Some(ident), false) => {
            let attrs = &invocation.attrs;
            let vis = &invocation.vis;
            quote! {
                #(#attrs)*
                #[derive(Clone, Copy, Debug)]
                #vis struct #ident;
            }
        }
        _ => TokenStream::new(),
    };
    match (&invocation.name, checked) {
        (Some(ident), Ok((network, paths))) => {
            let body = model_impls(&invocation.vis, ident, &network, &paths);
            quote! { #head #body }
        }
        (None, Ok((network, paths))) => {
            let build = network_expr(&network, &paths);
            quote! { { #build } }
        }
        (Some(ident), Err(diagnostics)) => {
            let errors = errors(&diagnostics);
            let stub = stub_impls(ident);
            // Models that use this one as a step learn of the failure through
            // empty data and stay quiet instead of adding errors of their own.
            let callback = callback_macro(&invocation.vis, ident, "");
            quote! { #errors #head #stub #callback }
        }
        (None, Err(diagnostics)) => {
            let errors = errors(&diagnostics);
            quote! { { #errors ::netviz::__private::failed_network() } }
        }
    }
}

fn path_text(path: &syn::Path) -> String {
    dsl::syntax::path_text(path)
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
///
/// A model step refers to its model's `network()` through `paths`, so the
/// model's tables are not copied. A nested network without a path, inside a
/// model that was itself decoded from another invocation, is embedded.
fn network_expr(network: &Network, paths: &[Option<syn::Path>]) -> TokenStream {
    let layers = network.layers.iter().enumerate().map(|(index, layer)| {
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
        let nested = match (&layer.nested, paths.get(index).cloned().flatten()) {
            (Some(_), Some(path)) => quote! {
                ::core::option::Option::Some(<#path as ::netviz::Model>::network)
            },
            (Some(inner), None) => {
                let build = network_expr(inner, &[]);
                quote! {
                    ::core::option::Option::Some({
                        fn nested() -> ::netviz::Network {
                            #build
                        }
                        nested
                    })
                }
            }
            (None, _) => quote! { ::core::option::Option::None },
        };
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
                nested: #nested,
            }
        }
    });
    let name = &network.name;
    quote! {
        static LAYERS: &[::netviz::__private::StaticLayer] = &[#(#layers),*];
        ::netviz::Network::from_static(#name, LAYERS)
    }
}

/// Writes a typenum unsigned integer as a flat bit chain: `UInt<UInt<UTerm, B1>, B0>` is 2.
fn typenum_uint(value: u64) -> TokenStream {
    let mut tokens = quote! { ::netviz::__private::UTerm };
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
        tokens = quote! { ::netviz::__private::UInt<#tokens, ::netviz::__private::#b> };
    }
    tokens
}

/// Writes a shape as a typenum array: `TArr<U28, TArr<U28, TArr<U1, ATerm>>>`.
fn typenum_shape(dims: &[u64]) -> TokenStream {
    let mut tokens = quote! { ::netviz::__private::ATerm };
    for dim in dims.iter().rev() {
        let n = typenum_uint(*dim);
        tokens = quote! { ::netviz::__private::TArr<#n, #tokens> };
    }
    tokens
}

fn model_impls(
    vis: &syn::Visibility,
    ident: &syn::Ident,
    network: &Network,
    paths: &[Option<syn::Path>],
) -> TokenStream {
    let input = usize_list(network.input_shape().dims());
    let output = usize_list(network.output_shape().dims());
    let params = u64_lit(network.total_params());
    let trainable = u64_lit(network.trainable_params());
    let non_trainable = u64_lit(network.non_trainable_params());
    let macs = u64_lit(network.total_macs());
    let input_type = typenum_shape(network.input_shape().dims());
    let output_type = typenum_shape(network.output_shape().dims());
    let build = network_expr(network, paths);
    let callback = callback_macro(vis, ident, &netviz_core::codec::encode(network));
    let has_input = dims_twin(network.input_shape().dims())
        .map(|twin| quote! { impl ::netviz::HasInput<#twin> for #ident {} });
    let has_output = dims_twin(network.output_shape().dims())
        .map(|twin| quote! { impl ::netviz::HasOutput<#twin> for #ident {} });
    quote! {
        #callback
        #has_input
        #has_output

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

            /// Builds the model's full description: layers, edges, shapes and parameter counts.
            pub fn network() -> ::netviz::Network {
                #build
            }

            /// Formats a Keras-style summary table.
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

/// Emits the model's items after errors, so uses of it do not add errors of their own.
///
/// A constant used in a `const` context still has to be evaluated, so it
/// panics with a message that points back at the real errors.
fn stub_impls(ident: &syn::Ident) -> TokenStream {
    let message = format!("`{ident}` has errors in its `network!` definition; fix those first");
    quote! {
        impl #ident {
            pub const INPUT_SHAPE: &'static [usize] = ::core::panic!(#message);
            pub const OUTPUT_SHAPE: &'static [usize] = ::core::panic!(#message);
            pub const PARAMS: u64 = ::core::panic!(#message);
            pub const TRAINABLE_PARAMS: u64 = ::core::panic!(#message);
            pub const NON_TRAINABLE_PARAMS: u64 = ::core::panic!(#message);
            pub const MACS: u64 = ::core::panic!(#message);
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
            type Input = ::netviz::__private::ATerm;
            type Output = ::netviz::__private::ATerm;
            const INPUT_SHAPE: &'static [usize] = ::core::panic!(#message);
            const OUTPUT_SHAPE: &'static [usize] = ::core::panic!(#message);
            const PARAMS: u64 = ::core::panic!(#message);
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

/// Writes the const-generic twin of a shape, `::netviz::Dims3<28, 28, 1>`, for ranks 1 to 6.
fn dims_twin(dims: &[u64]) -> Option<TokenStream> {
    if dims.is_empty() || dims.len() > 6 || dims.iter().any(|d| usize::try_from(*d).is_err()) {
        return None;
    }
    let name = format_ident!("Dims{}", dims.len());
    let values = dims
        .iter()
        .map(|d| LitInt::new(&format!("{d}"), Span::call_site()));
    Some(quote! { ::netviz::#name<#(#values),*> })
}

/// Distinguishes the macro names of models declared during one compilation.
static MODEL_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Emits the macro that carries a model's network into invocations that use it as a step.
///
/// `encoded` is the model's network from [`netviz_core::codec::encode`], or
/// empty for a model that failed to check.
fn callback_macro(vis: &syn::Visibility, ident: &syn::Ident, encoded: &str) -> TokenStream {
    let data = LitStr::new(encoded, Span::call_site());
    let mut hasher = DefaultHasher::new();
    ident.to_string().hash(&mut hasher);
    encoded.hash(&mut hasher);
    let unique = MODEL_COUNTER.fetch_add(1, Ordering::Relaxed);
    let macro_name = format_ident!("__netviz_model_{}_{:x}_{}", ident, hasher.finish(), unique);
    // Only a `pub` model needs its macro at the crate root, for other crates.
    // A private one keeps it local, which also avoids rustc's
    // `non_local_definitions` warning for models declared inside functions.
    let export = match vis {
        syn::Visibility::Public(_) => quote! { #[macro_export] },
        _ => TokenStream::new(),
    };
    quote! {
        #[doc(hidden)]
        #export
        macro_rules! #macro_name {
            ([ ($($next:tt)*) $next_name:literal $($pending:tt)* ] [ $($done:tt)* ] $name:literal $($original:tt)*) => {
                $($next)*! { [ $($pending)* ] [ $($done)* $name #data ] $next_name $($original)* }
            };
            ([] [ $($done:tt)* ] $name:literal $($original:tt)*) => {
                ::netviz::__private::resolve! { [ $($done)* $name #data ] $($original)* }
            };
        }
        #[doc(hidden)]
        #[allow(unused_imports)]
        #vis use #macro_name as #ident;
    }
}
