//! Replays inputs that once crashed the `network!` parser, checker or model
//! codec, the same way the `parse_check` fuzz target runs them.
//!
//! Each file in `tests/fuzz-regressions/` is a body as the macro would receive
//! it. Text after a NUL byte, if any, is encoded model data, decoded and
//! offered to the checker as the model `Fuzzed`. Every input must give a
//! network or errors, never a panic or a stack overflow.

use std::path::Path;
use std::str::FromStr;

use netviz_core::dsl::{build_tokens, Models};
use netviz_core::{codec, Network};
use proc_macro2::TokenStream;

fn exercise(network: &Network) {
    let _ = network.summary();
    let _ = network.to_json();
    let _ = network.to_dot();
    assert_eq!(
        codec::decode(&codec::encode(network)).as_ref(),
        Some(network)
    );
}

/// Runs one input as `parse_check` does and returns whether it checked.
fn replay(text: &str) -> bool {
    let (source, model_text) = text.split_once('\0').unwrap_or((text, text));
    let mut models = Models::new();
    if let Some(model) = codec::decode(model_text) {
        exercise(&model);
        models.insert("Fuzzed".to_string(), model);
    }
    let Ok(tokens) = TokenStream::from_str(source) else {
        return false;
    };
    match build_tokens(tokens, &models) {
        Ok(network) => {
            exercise(&network);
            true
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            false
        }
    }
}

#[test]
fn replay_every_saved_input() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut entries: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    entries.sort();
    assert!(!entries.is_empty(), "no inputs in {}", folder.display());
    for path in entries {
        let text = std::fs::read_to_string(&path).unwrap();
        println!("replaying {}", path.display());
        replay(&text);
    }
}

#[test]
fn saved_inputs_give_expected_results() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let read = |name: &str| std::fs::read_to_string(folder.join(name)).unwrap();
    // Ceil mode drops the window that would start past u64::MAX.
    assert!(replay(&read("pool-ceil-huge-stride.txt")));
    // The rest are errors: a padding above half the pool, brackets 5,000
    // deep, and model data whose parameter total overflows, which decode rejects.
    assert!(!replay(&read("pool-pad-doubled.txt")));
    assert!(!replay(&read("nested-brackets.txt")));
    let model = read("codec-total-overflow.txt");
    let (_, encoded) = model.split_once('\0').unwrap();
    assert_eq!(codec::decode(encoded), None);
    assert!(!replay(&model));
}
