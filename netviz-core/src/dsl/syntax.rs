//! The syntax tree of a `network!` body, parsed with syn so that every piece keeps its span.

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{token, Attribute, Ident, Token, Visibility};

/// A whole invocation: the item form (`pub Name: body`) or the expression form (`body`).
pub struct Invocation {
    pub attrs: Vec<Attribute>,
    pub vis: Visibility,
    /// The model type's name; `None` in the expression form.
    pub name: Option<Ident>,
    /// The statements, or the parse error that stopped them.
    pub body: syn::Result<Vec<Statement>>,
}

/// Steps joined by `=>`.
pub struct Statement {
    pub steps: Vec<Step>,
}

/// One step: a layer, a bound name or another model, optionally named with `as NAME`.
pub struct Step {
    pub target: Target,
    pub alias: Option<Ident>,
    /// Every token of the step, for errors that underline it whole.
    pub tokens: TokenStream,
}

/// The target of a step.
pub enum Target {
    /// A lowercase word with optional arguments: a layer, or a bound name when it has none.
    Word { name: Ident, args: Option<Args> },
    /// A type path: another model made with `network!`.
    Model { path: syn::Path },
}

/// A parenthesised argument list.
pub struct Args {
    pub paren: token::Paren,
    pub list: Vec<Arg>,
}

/// One argument: a positional value or `key = value`.
pub struct Arg {
    pub key: Option<Ident>,
    pub value: Value,
    pub tokens: TokenStream,
}

/// An argument value.
#[derive(Clone)]
pub enum Value {
    Int {
        value: u64,
        tokens: TokenStream,
    },
    /// A negative integer, such as a concat axis or a reshape's `-1`.
    NegInt {
        value: i64,
        tokens: TokenStream,
    },
    Float {
        value: f64,
        text: String,
        tokens: TokenStream,
    },
    Bool {
        value: bool,
        tokens: TokenStream,
    },
    Word(Ident),
    Tuple {
        items: Vec<Value>,
        tokens: TokenStream,
    },
}

impl Value {
    /// Returns the tokens of the value, for error spans.
    pub fn tokens(&self) -> TokenStream {
        match self {
            Value::Int { tokens, .. }
            | Value::NegInt { tokens, .. }
            | Value::Float { tokens, .. }
            | Value::Bool { tokens, .. }
            | Value::Tuple { tokens, .. } => tokens.clone(),
            Value::Word(ident) => ident.to_token_stream(),
        }
    }

    /// Formats the value as the user would write it.
    pub fn text(&self) -> String {
        match self {
            Value::Int { value, .. } => value.to_string(),
            Value::NegInt { value, .. } => value.to_string(),
            Value::Float { text, .. } => text.clone(),
            Value::Bool { value, .. } => value.to_string(),
            Value::Word(ident) => ident.unraw().to_string(),
            Value::Tuple { items, .. } => {
                let inner: Vec<String> = items.iter().map(Value::text).collect();
                format!("({})", inner.join(", "))
            }
        }
    }
}

impl Step {
    /// Formats the step as the user wrote it, normalised: `conv(20, 5, same)`.
    pub fn text(&self) -> String {
        let mut text = match &self.target {
            Target::Word { name, args } => {
                let mut t = name.unraw().to_string();
                if let Some(args) = args {
                    let list: Vec<String> = args
                        .list
                        .iter()
                        .map(|a| match &a.key {
                            Some(k) => format!("{} = {}", k.unraw(), a.value.text()),
                            None => a.value.text(),
                        })
                        .collect();
                    t.push('(');
                    t.push_str(&list.join(", "));
                    t.push(')');
                }
                t
            }
            Target::Model { path } => path_text(path),
        };
        if let Some(alias) = &self.alias {
            text.push_str(" as ");
            text.push_str(&alias.unraw().to_string());
        }
        text
    }

    /// Formats the step without its `as NAME`.
    pub fn text_without_alias(&self) -> String {
        let full = self.text();
        match &self.alias {
            Some(alias) => full
                .strip_suffix(&format!(" as {}", alias.unraw()))
                .unwrap_or(&full)
                .to_string(),
            None => full,
        }
    }
}

/// Formats a path as written: `blocks::Stem`.
pub fn path_text(path: &syn::Path) -> String {
    let mut text = String::new();
    if path.leading_colon.is_some() {
        text.push_str("::");
    }
    let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    text.push_str(&segments.join("::"));
    text
}

impl Parse for Invocation {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        let item_form = input.peek(Token![pub])
            || (input.peek(Ident) && input.peek2(Token![:]) && !input.peek2(Token![::]));
        let (vis, name) = if item_form {
            let vis: Visibility = input.parse()?;
            let name: Ident = input.parse()?;
            input.parse::<Token![:]>()?;
            (vis, Some(name))
        } else {
            if let Some(attr) = attrs.first() {
                return Err(syn::Error::new_spanned(
                    attr,
                    "attributes and doc comments need the item form: write `network! { /// docs\n pub Name: input(…) => … }`",
                ));
            }
            (Visibility::Inherited, None)
        };
        let body = parse_body(input);
        if body.is_err() {
            // The body's error is reported on its own; skipping the rest keeps
            // syn from adding an "unexpected token" error of its own.
            input.step(|cursor| {
                let mut rest = *cursor;
                while let Some((_, next)) = rest.token_tree() {
                    rest = next;
                }
                Ok(((), rest))
            })?;
        }
        Ok(Invocation {
            attrs,
            vis,
            name,
            body,
        })
    }
}

fn parse_body(input: ParseStream) -> syn::Result<Vec<Statement>> {
    let mut statements = Vec::new();
    if input.is_empty() {
        return Err(input.error("the network is empty; write at least `input(…) => …`, for example `input(784) => dense(10)`"));
    }
    while !input.is_empty() {
        statements.push(parse_statement(input)?);
        if input.is_empty() {
            break;
        }
        if input.peek(Token![;]) {
            input.parse::<Token![;]>()?;
        } else {
            return Err(
                input.error("expected `=>` before the next step, or `;` before the next statement")
            );
        }
    }
    Ok(statements)
}

fn parse_statement(input: ParseStream) -> syn::Result<Statement> {
    let mut steps = vec![parse_step(input)?];
    while input.peek(Token![=>]) {
        input.parse::<Token![=>]>()?;
        steps.push(parse_step(input)?);
    }
    Ok(Statement { steps })
}

fn is_model_name(ident: &Ident) -> bool {
    ident
        .unraw()
        .to_string()
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_uppercase())
}

fn parse_step(input: ParseStream) -> syn::Result<Step> {
    let fork = input.fork();
    let target = if input.peek(Token![::])
        || (input.peek(Ident::peek_any) && input.peek2(Token![::]))
    {
        Target::Model {
            path: input.call(syn::Path::parse_mod_style)?,
        }
    } else if input.peek(Ident::peek_any) {
        let name = input.call(Ident::parse_any)?;
        if name == "as" || name == "true" || name == "false" {
            return Err(syn::Error::new(
                name.span(),
                format!("expected a layer, found `{name}`"),
            ));
        }
        if is_model_name(&name) {
            if input.peek(token::Paren) {
                return Err(syn::Error::new(
                    name.span(),
                    format!(
                        "`{name}` looks like a model type, which takes no arguments; layer names are lowercase, such as `conv(32, 3)`"
                    ),
                ));
            }
            Target::Model {
                path: syn::Path::from(name),
            }
        } else {
            let args = if input.peek(token::Paren) {
                let content;
                let paren = syn::parenthesized!(content in input);
                let list = Punctuated::<Arg, Token![,]>::parse_terminated(&content)?;
                Some(Args {
                    paren,
                    list: list.into_iter().collect(),
                })
            } else {
                None
            };
            Target::Word { name, args }
        }
    } else {
        return Err(input.error(
            "expected a layer such as `conv(32, 3)` or `relu`, a bound name, or a model type",
        ));
    };
    let alias = if input.peek(Token![as]) {
        input.parse::<Token![as]>()?;
        Some(input.call(Ident::parse_any).map_err(|e| {
            syn::Error::new(e.span(), "expected a name after `as`, such as `as block1`")
        })?)
    } else {
        None
    };
    let tokens = tokens_between(&fork, input);
    Ok(Step {
        target,
        alias,
        tokens,
    })
}

/// Collects the tokens that `input` advanced over since `start` was forked.
fn tokens_between(start: ParseStream, input: ParseStream) -> TokenStream {
    let end = input.cursor();
    let mut tokens = TokenStream::new();
    let mut cursor = start.cursor();
    while cursor != end {
        match cursor.token_tree() {
            Some((tt, next)) => {
                tokens.extend(std::iter::once::<TokenTree>(tt));
                cursor = next;
            }
            None => break,
        }
    }
    tokens
}

impl Parse for Arg {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let fork = input.fork();
        let key = if input.peek(Ident::peek_any)
            && input.peek2(Token![=])
            && !input.peek2(Token![=>])
            && !input.peek2(Token![==])
        {
            let key = input.call(Ident::parse_any)?;
            input.parse::<Token![=]>()?;
            Some(key)
        } else {
            None
        };
        let value = parse_value(input)?;
        let tokens = tokens_between(&fork, input);
        Ok(Arg { key, value, tokens })
    }
}

fn parse_value(input: ParseStream) -> syn::Result<Value> {
    let fork = input.fork();
    if input.peek(token::Paren) {
        let content;
        syn::parenthesized!(content in input);
        let items = Punctuated::<ValueItem, Token![,]>::parse_terminated(&content)?;
        let tokens = tokens_between(&fork, input);
        return Ok(Value::Tuple {
            items: items.into_iter().map(|v| v.0).collect(),
            tokens,
        });
    }
    if input.peek(Token![-]) {
        input.parse::<Token![-]>()?;
        if input.peek(syn::LitInt) {
            let lit: syn::LitInt = input.parse()?;
            let tokens = tokens_between(&fork, input);
            let value = lit.base10_parse::<i64>().map_err(|_| {
                syn::Error::new_spanned(&tokens, format!("`-{}` is too large", lit.base10_digits()))
            })?;
            return Ok(Value::NegInt {
                value: -value,
                tokens,
            });
        }
        if input.peek(syn::LitFloat) {
            let lit: syn::LitFloat = input.parse()?;
            let tokens = tokens_between(&fork, input);
            let value = lit.base10_parse::<f64>()?;
            return Ok(Value::Float {
                value: -value,
                text: format!("-{}", lit.base10_digits()),
                tokens,
            });
        }
        return Err(input.error("expected a number after `-`"));
    }
    if input.peek(syn::LitInt) {
        let lit: syn::LitInt = input.parse()?;
        if !lit.suffix().is_empty() {
            return Err(syn::Error::new(
                lit.span(),
                format!(
                    "write `{}` without the type suffix `{}`",
                    lit.base10_digits(),
                    lit.suffix()
                ),
            ));
        }
        let tokens = tokens_between(&fork, input);
        let value = lit.base10_parse::<u64>().map_err(|_| {
            syn::Error::new(
                lit.span(),
                format!(
                    "`{}` does not fit in a 64-bit size; the largest is {}",
                    lit.base10_digits(),
                    u64::MAX
                ),
            )
        })?;
        return Ok(Value::Int { value, tokens });
    }
    if input.peek(syn::LitFloat) {
        let lit: syn::LitFloat = input.parse()?;
        let tokens = tokens_between(&fork, input);
        let value = lit.base10_parse::<f64>()?;
        return Ok(Value::Float {
            value,
            text: lit.base10_digits().to_string(),
            tokens,
        });
    }
    if input.peek(syn::LitStr) {
        // Keras writes `activation="relu"` and `padding="same"`, so the error shows what to write here instead.
        let lit: syn::LitStr = input.parse()?;
        let word = lit.value();
        let message = if matches!(word.as_str(), "same" | "valid") {
            format!("`\"{word}\"` is a string; write the flag `{word}` as its own argument, without quotes, such as `conv(32, 3, {word})`")
        } else {
            format!("`\"{word}\"` is a string; write the bare word `{word}`, without quotes")
        };
        return Err(syn::Error::new(lit.span(), message));
    }
    if input.peek(syn::LitBool) {
        let lit: syn::LitBool = input.parse()?;
        let tokens = tokens_between(&fork, input);
        return Ok(Value::Bool {
            value: lit.value,
            tokens,
        });
    }
    if input.peek(Ident::peek_any) {
        return Ok(Value::Word(input.call(Ident::parse_any)?));
    }
    Err(input.error("expected a number, a word such as `same`, or a tuple such as `(1, 7)`"))
}

struct ValueItem(Value);

impl Parse for ValueItem {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        parse_value(input).map(ValueItem)
    }
}
