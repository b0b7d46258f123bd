//! The `network!` language: parsing with syn, then checking into a [`Network`].
//!
//! The same code runs inside the compiler (through the proc macro) and at run
//! time, so every rule and every error message can be tested without a
//! compiler in the loop:
//!
//! ```
//! let net = netviz_core::dsl::build_str("input(784) => dense(10) => softmax").unwrap();
//! assert_eq!(net.total_params(), 7_850);
//!
//! let errors = netviz_core::dsl::build_str("input(7, 7, 50) => dense(500)").unwrap_err();
//! assert!(errors[0].message.contains("insert `flatten`"));
//! ```

mod args;
mod check;
pub mod syntax;

use std::collections::HashMap;
use std::str::FromStr;

use proc_macro2::{TokenStream, TokenTree};

use crate::network::Network;

pub use args::{is_keyword, keywords};
pub use check::{check, check_with_paths};
pub use syntax::{Invocation, Statement, Step, Target};

/// One compile error: a message and the tokens it points at.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    /// The tokens the error underlines; the whole step for most errors.
    pub tokens: TokenStream,
    /// The message, in lowercase, quoting the step and stating the fix.
    pub message: String,
}

impl Diagnostic {
    /// Creates a diagnostic pointing at `tokens`.
    pub fn new(tokens: TokenStream, message: impl Into<String>) -> Self {
        Diagnostic {
            tokens,
            message: message.into(),
        }
    }

    /// Converts the diagnostic into a syn error spanning its tokens.
    pub fn to_syn_error(&self) -> syn::Error {
        if self.tokens.is_empty() {
            syn::Error::new(proc_macro2::Span::call_site(), &self.message)
        } else {
            syn::Error::new_spanned(&self.tokens, &self.message)
        }
    }
}

impl From<syn::Error> for Diagnostic {
    fn from(error: syn::Error) -> Self {
        Diagnostic {
            tokens: error.to_compile_error(),
            message: error.to_string(),
        }
    }
}

/// Networks of other models that steps may use, keyed by the path as written (`blocks::Stem`).
pub type Models = HashMap<String, Network>;

/// The deepest group nesting a body may have. A valid body nests three
/// levels at most, as in `zeropad(((0, 1), (0, 1)))`, but syn parses groups
/// recursively, so input nested thousands deep would overflow the stack.
const MAX_GROUP_DEPTH: usize = 64;

/// Parses a `network!` body from tokens.
pub fn parse(tokens: TokenStream) -> syn::Result<Invocation> {
    check_nesting(&tokens)?;
    syn::parse2(tokens)
}

/// Rejects groups nested deeper than [`MAX_GROUP_DEPTH`], walking them with
/// an explicit stack so that the check itself cannot overflow.
fn check_nesting(tokens: &TokenStream) -> syn::Result<()> {
    let mut stack = vec![(tokens.clone().into_iter(), 0usize)];
    while let Some((iter, depth)) = stack.last_mut() {
        let depth = *depth;
        match iter.next() {
            Some(TokenTree::Group(group)) => {
                if depth == MAX_GROUP_DEPTH {
                    return Err(syn::Error::new(
                        group.span(),
                        format!("brackets nest more than {MAX_GROUP_DEPTH} deep; a network needs only a few levels, such as `zeropad(((0, 1), (0, 1)))`"),
                    ));
                }
                stack.push((group.stream().into_iter(), depth + 1));
            }
            Some(_) => {}
            None => {
                stack.pop();
            }
        }
    }
    Ok(())
}

/// Parses and checks a `network!` body given as source text, as the macro would.
///
/// Returns the checked network, or every error the macro would report.
pub fn build_str(source: &str) -> Result<Network, Vec<Diagnostic>> {
    let tokens = TokenStream::from_str(source).map_err(|e| {
        vec![Diagnostic::new(
            TokenStream::new(),
            format!("the source is not valid Rust tokens: {e}"),
        )]
    })?;
    build_tokens(tokens, &Models::new())
}

/// Parses and checks a `network!` body given as tokens, with the models its steps may use.
pub fn build_tokens(tokens: TokenStream, models: &Models) -> Result<Network, Vec<Diagnostic>> {
    let invocation = parse(tokens).map_err(|e| vec![Diagnostic::from(e)])?;
    let name = invocation
        .name
        .as_ref()
        .map_or_else(|| "model".to_string(), |n| n.to_string());
    let statements = invocation.body.map_err(|e| vec![Diagnostic::from(e)])?;
    check(&name, &statements, models)
}

/// Finds the closest candidate to `word` by edit distance, if it is close enough to be a likely typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).clamp(1, 3);
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

/// Edit distance over characters, counting a swap of two neighbours as one
/// edit (optimal string alignment), so `rleu` is one edit from `relu`.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len() > 64 || b.len() > 64 {
        return usize::MAX / 2;
    }
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for (j, cell) in d.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        d[i * width] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}
