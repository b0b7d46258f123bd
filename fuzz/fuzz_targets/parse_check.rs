//! Feeds arbitrary text to the `network!` parser and checker, and to the
//! model codec, as a compiler would hand them any tokens a user writes.
//!
//! Neither may panic or hang. Text after the first NUL byte, if any, is
//! decoded as a model and offered to the checker under the path `Fuzzed`, so
//! corrupted model data also reaches the model-step code.

#![no_main]

use std::str::FromStr;

use libfuzzer_sys::fuzz_target;
use netviz_core::dsl::{build_tokens, Models};
use netviz_core::{codec, Network};
use proc_macro2::TokenStream;

fn exercise(network: &Network) {
    let _ = network.summary();
    let _ = network.to_json();
    let _ = network.to_dot();
    let _ = codec::encode(network);
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (source, model_text) = text.split_once('\0').unwrap_or((text, text));

    let mut models = Models::new();
    if let Some(model) = codec::decode(model_text) {
        exercise(&model);
        models.insert("Fuzzed".to_string(), model);
    }

    if let Ok(tokens) = TokenStream::from_str(source) {
        if let Ok(network) = build_tokens(tokens, &models) {
            exercise(&network);
        }
    }
});
