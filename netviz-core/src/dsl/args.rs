//! Layer keywords and their arguments: binds a step's argument list to a
//! checked [`Op`], reporting every wrong, unknown, missing or repeated argument.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::Ident;

use super::syntax::{Arg, Step, Value};
use super::{nearest, Diagnostic};
use crate::layer::{Activation, ConvArgs, ConvKind, Dims, Op, Padding, PoolArgs, Sides};

/// The type an argument must have.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// An integer of at least 1: filters, units, groups.
    Count,
    /// A positive integer or a tuple of them: kernel, stride, dilation, pool size.
    Dims,
    /// A non-negative integer or a tuple of them: padding.
    PadDims,
    /// A number.
    Float,
    Bool,
    /// An activation name.
    Activation,
    /// Padding or cropping in Keras's three forms.
    Sides,
    /// A signed integer.
    Signed,
    /// A name bound with `as`.
    Name,
}

struct Spec {
    keyword: &'static str,
    positional: &'static [(&'static str, Kind)],
    required: usize,
    /// Extra positional arguments of one kind: input dimensions, merge branches.
    variadic: Option<(&'static str, Kind)>,
    flags: &'static [&'static str],
    keywords: &'static [(&'static str, Kind)],
    example: &'static str,
}

const CONV_KEYWORDS: &[(&str, Kind)] = &[
    ("stride", Kind::Dims),
    ("pad", Kind::PadDims),
    ("dilation", Kind::Dims),
    ("groups", Kind::Count),
    ("bias", Kind::Bool),
    ("activation", Kind::Activation),
];
const PADDING_FLAGS: &[&str] = &["same", "valid"];
const POOL_FLAGS: &[&str] = &["same", "valid", "ceil"];
const POOL_KEYWORDS: &[(&str, Kind)] = &[("stride", Kind::Dims), ("pad", Kind::PadDims)];
const NORM_KEYWORDS: &[(&str, Kind)] = &[("scale", Kind::Bool), ("center", Kind::Bool)];

const fn plain(keyword: &'static str) -> Spec {
    Spec {
        keyword,
        positional: &[],
        required: 0,
        variadic: None,
        flags: &[],
        keywords: &[],
        example: keyword,
    }
}

const fn pool_spec(keyword: &'static str, example: &'static str) -> Spec {
    Spec {
        keyword,
        positional: &[("size", Kind::Dims)],
        required: 0,
        variadic: None,
        flags: POOL_FLAGS,
        keywords: POOL_KEYWORDS,
        example,
    }
}

const fn merge_spec(
    keyword: &'static str,
    example: &'static str,
    keywords: &'static [(&'static str, Kind)],
) -> Spec {
    Spec {
        keyword,
        positional: &[],
        required: 0,
        variadic: Some(("branch", Kind::Name)),
        flags: &[],
        keywords,
        example,
    }
}

static SPECS: &[Spec] = &[
    Spec {
        keyword: "input",
        positional: &[],
        required: 1,
        variadic: Some(("dimension", Kind::Count)),
        flags: &[],
        keywords: &[],
        example: "input(28, 28, 1)",
    },
    Spec {
        keyword: "conv",
        positional: &[("filters", Kind::Count), ("kernel", Kind::Dims)],
        required: 2,
        variadic: None,
        flags: PADDING_FLAGS,
        keywords: CONV_KEYWORDS,
        example: "conv(32, 3)",
    },
    Spec {
        keyword: "deconv",
        positional: &[("filters", Kind::Count), ("kernel", Kind::Dims)],
        required: 2,
        variadic: None,
        flags: PADDING_FLAGS,
        keywords: &[
            ("stride", Kind::Dims),
            ("dilation", Kind::Dims),
            ("output_padding", Kind::PadDims),
            ("bias", Kind::Bool),
            ("activation", Kind::Activation),
        ],
        example: "deconv(32, 3, stride = 2)",
    },
    Spec {
        keyword: "sepconv",
        positional: &[("filters", Kind::Count), ("kernel", Kind::Dims)],
        required: 2,
        variadic: None,
        flags: PADDING_FLAGS,
        keywords: &[
            ("stride", Kind::Dims),
            ("pad", Kind::PadDims),
            ("dilation", Kind::Dims),
            ("multiplier", Kind::Count),
            ("bias", Kind::Bool),
            ("activation", Kind::Activation),
        ],
        example: "sepconv(64, 3)",
    },
    Spec {
        keyword: "dwconv",
        positional: &[("kernel", Kind::Dims)],
        required: 1,
        variadic: None,
        flags: PADDING_FLAGS,
        keywords: &[
            ("stride", Kind::Dims),
            ("pad", Kind::PadDims),
            ("dilation", Kind::Dims),
            ("multiplier", Kind::Count),
            ("bias", Kind::Bool),
            ("activation", Kind::Activation),
        ],
        example: "dwconv(3)",
    },
    pool_spec("pool", "pool(2)"),
    pool_spec("maxpool", "maxpool(2)"),
    pool_spec("avgpool", "avgpool(2)"),
    plain("global_avg_pool"),
    plain("global_max_pool"),
    plain("flatten"),
    Spec {
        keyword: "reshape",
        positional: &[],
        required: 1,
        variadic: Some(("dimension", Kind::Signed)),
        flags: &[],
        keywords: &[],
        example: "reshape(7, 7, 64)",
    },
    Spec {
        keyword: "dense",
        positional: &[("units", Kind::Count)],
        required: 1,
        variadic: None,
        flags: &[],
        keywords: &[("bias", Kind::Bool), ("activation", Kind::Activation)],
        example: "dense(128)",
    },
    Spec {
        keyword: "dropout",
        positional: &[("rate", Kind::Float)],
        required: 1,
        variadic: None,
        flags: &[],
        keywords: &[],
        example: "dropout(0.5)",
    },
    Spec {
        keyword: "batchnorm",
        positional: &[],
        required: 0,
        variadic: None,
        flags: &[],
        keywords: NORM_KEYWORDS,
        example: "batchnorm",
    },
    Spec {
        keyword: "layernorm",
        positional: &[],
        required: 0,
        variadic: None,
        flags: &[],
        keywords: NORM_KEYWORDS,
        example: "layernorm",
    },
    Spec {
        keyword: "relu",
        positional: &[],
        required: 0,
        variadic: None,
        flags: &[],
        keywords: &[("max", Kind::Float)],
        example: "relu",
    },
    Spec {
        keyword: "leaky_relu",
        positional: &[("alpha", Kind::Float)],
        required: 0,
        variadic: None,
        flags: &[],
        keywords: &[],
        example: "leaky_relu(0.2)",
    },
    plain("sigmoid"),
    plain("tanh"),
    plain("softmax"),
    plain("gelu"),
    plain("elu"),
    plain("selu"),
    plain("swish"),
    Spec {
        keyword: "zeropad",
        positional: &[("padding", Kind::Sides)],
        required: 0,
        variadic: None,
        flags: &[],
        keywords: &[],
        example: "zeropad(1)",
    },
    Spec {
        keyword: "upsample",
        positional: &[("factor", Kind::Dims)],
        required: 0,
        variadic: None,
        flags: &[],
        keywords: &[],
        example: "upsample(2)",
    },
    Spec {
        keyword: "crop",
        positional: &[("cropping", Kind::Sides)],
        required: 1,
        variadic: None,
        flags: &[],
        keywords: &[],
        example: "crop(1)",
    },
    merge_spec("add", "add(shortcut)", &[]),
    merge_spec("multiply", "multiply(gate)", &[]),
    merge_spec("concat", "concat(a, b)", &[("axis", Kind::Signed)]),
];

/// Lists every layer keyword of the language.
pub fn keywords() -> impl Iterator<Item = &'static str> {
    SPECS.iter().map(|s| s.keyword)
}

/// Returns whether `word` is a layer keyword.
pub fn is_keyword(word: &str) -> bool {
    SPECS.iter().any(|s| s.keyword == word)
}

/// Returns whether the keyword merges branches.
pub fn is_merge(word: &str) -> bool {
    matches!(word, "add" | "multiply" | "concat")
}

/// Names people bring from Keras or PyTorch, mapped to ours, for suggestions.
pub fn alias(word: &str) -> Option<&'static str> {
    Some(match word {
        "conv1d" | "conv2d" | "conv3d" | "convolution" | "convolution2d" => "conv",
        "conv2d_transpose" | "conv_transpose" | "convtranspose2d" | "conv1d_transpose"
        | "conv3d_transpose" | "transpose" => "deconv",
        "separable_conv2d" | "separableconv2d" | "separable_conv" => "sepconv",
        "depthwise_conv2d" | "depthwiseconv2d" | "depthwise" => "dwconv",
        "maxpooling2d" | "max_pooling2d" | "maxpool2d" | "max_pool" | "max_pool2d"
        | "maxpooling" => "maxpool",
        "averagepooling2d" | "average_pooling2d" | "avgpool2d" | "avg_pool" | "avg_pool2d"
        | "average_pool" => "avgpool",
        "globalaveragepooling2d" | "global_average_pooling2d" | "gap" | "adaptive_avg_pool" => {
            "global_avg_pool"
        }
        "globalmaxpooling2d" | "global_max_pooling2d" => "global_max_pool",
        "linear" | "fc" | "fully_connected" => "dense",
        "batch_normalization" | "batchnormalization" | "batch_norm" | "batchnorm2d" | "bn" => {
            "batchnorm"
        }
        "layer_normalization" | "layer_norm" | "ln" => "layernorm",
        "zero_padding2d" | "zeropadding2d" | "pad" | "padding" => "zeropad",
        "up_sampling2d" | "upsampling2d" | "upsampling" => "upsample",
        "cropping2d" | "cropping" => "crop",
        "concatenate" | "cat" => "concat",
        "mul" => "multiply",
        "relu6" => "relu",
        "leakyrelu" | "lrelu" => "leaky_relu",
        "silu" => "swish",
        "input_layer" | "inputs" => "input",
        _ => return None,
    })
}

/// The arguments of one step, bound to their names.
struct Bound<'a> {
    spec: &'static Spec,
    named: Vec<(&'static str, &'a Value)>,
    variadic: Vec<&'a Value>,
    flags: Vec<(&'static str, &'a Ident)>,
}

impl<'a> Bound<'a> {
    fn get(&self, name: &str) -> Option<&'a Value> {
        self.named.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
    }

    fn has_flag(&self, flag: &str) -> bool {
        self.flags.iter().any(|(f, _)| *f == flag)
    }
}

/// The context for one step's errors.
struct Ctx<'a> {
    step: &'a Step,
    text: String,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Ctx<'_> {
    /// Records an error that underlines the whole step, as every argument error does.
    fn error(&mut self, message: String) {
        self.diagnostics.push(Diagnostic::new(
            self.step.tokens.clone(),
            format!("`{}` {}", self.text, message),
        ));
    }
}

/// The outcome of resolving a word step.
pub enum Resolved {
    /// A layer with its arguments checked; merges carry their branch names.
    Layer { op: Op, branches: Vec<Ident> },
    /// The step's arguments were wrong; the errors are already recorded.
    Invalid,
}

/// Binds a layer step's arguments and builds its [`Op`]. The caller has checked that `name` is a keyword.
pub fn resolve(
    step: &Step,
    name: &Ident,
    args: Option<&[Arg]>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Resolved {
    let keyword = name.unraw().to_string();
    let Some(spec) = SPECS.iter().find(|s| s.keyword == keyword) else {
        return Resolved::Invalid;
    };
    let mut ctx = Ctx {
        step,
        text: step.text_without_alias(),
        diagnostics,
    };
    let before = ctx.diagnostics.len();
    let empty: &[Arg] = &[];
    let bound = bind(spec, args.unwrap_or(empty), &mut ctx);
    if ctx.diagnostics.len() > before {
        return Resolved::Invalid;
    }
    let mut builder = Builder {
        ctx: &mut ctx,
        bound: &bound,
        failed: false,
    };
    let (op, branches) = builder.build();
    if builder.failed {
        Resolved::Invalid
    } else {
        Resolved::Layer { op, branches }
    }
}

fn bind<'a>(spec: &'static Spec, args: &'a [Arg], ctx: &mut Ctx) -> Bound<'a> {
    let mut bound = Bound {
        spec,
        named: Vec::new(),
        variadic: Vec::new(),
        flags: Vec::new(),
    };
    let mut position = 0;
    let mut seen_keyword = false;
    for arg in args {
        match &arg.key {
            Some(key) => {
                seen_keyword = true;
                let key_text = key.unraw().to_string();
                let known = spec
                    .positional
                    .iter()
                    .chain(spec.keywords)
                    .find(|(n, _)| *n == key_text);
                match known {
                    Some((name, _)) => {
                        if bound.get(name).is_some() {
                            ctx.error(format!("gives `{name}` twice; keep one"));
                        } else {
                            bound.named.push((name, &arg.value));
                        }
                    }
                    None => {
                        let message = unknown_argument(spec, &key_text);
                        ctx.error(message);
                    }
                }
            }
            None => {
                if let Value::Word(word) = &arg.value {
                    let word_text = word.unraw().to_string();
                    if let Some(flag) = spec.flags.iter().find(|f| **f == word_text) {
                        if bound.has_flag(flag) {
                            ctx.error(format!("gives `{flag}` twice; keep one"));
                        } else {
                            bound.flags.push((flag, word));
                        }
                        continue;
                    }
                    if spec.variadic.map(|(_, k)| k) != Some(Kind::Name) {
                        let message = unknown_argument(spec, &word_text);
                        ctx.error(message);
                        continue;
                    }
                }
                if seen_keyword && spec.variadic.is_none() {
                    ctx.error(format!("has the positional argument `{}` after a `key = value` argument; put positional arguments first", arg.value.text()),
                    );
                    continue;
                }
                if position < spec.positional.len() {
                    let (name, _) = spec.positional[position];
                    if bound.get(name).is_some() {
                        ctx.error(format!("gives `{name}` twice; keep one"));
                    } else {
                        bound.named.push((name, &arg.value));
                    }
                    position += 1;
                } else if spec.variadic.is_some() {
                    bound.variadic.push(&arg.value);
                } else {
                    let message = too_many(spec, &arg.value.text());
                    ctx.error(message);
                }
            }
        }
    }
    let given = spec
        .positional
        .iter()
        .filter(|(n, _)| bound.get(n).is_some())
        .count()
        + bound.variadic.len();
    if given < spec.required {
        let missing: Vec<&str> = spec
            .positional
            .iter()
            .filter(|(n, _)| bound.get(n).is_none())
            .map(|(n, _)| *n)
            .chain(spec.variadic.map(|(n, _)| n))
            .take(spec.required.saturating_sub(given).max(1))
            .collect();
        ctx.error(format!(
            "is missing {}; write it like `{}`",
            missing
                .iter()
                .map(|m| format!("its {m}"))
                .collect::<Vec<_>>()
                .join(" and "),
            spec.example
        ));
    }
    bound
}

fn describe_arguments(spec: &Spec) -> String {
    let mut names: Vec<String> = Vec::new();
    names.extend(spec.positional.iter().map(|(n, _)| n.to_string()));
    names.extend(spec.flags.iter().map(|f| f.to_string()));
    names.extend(spec.keywords.iter().map(|(n, _)| format!("{n} = …")));
    if names.is_empty() {
        "no arguments".to_string()
    } else {
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn unknown_argument(spec: &Spec, word: &str) -> String {
    let candidates: Vec<&str> = spec
        .positional
        .iter()
        .map(|(n, _)| *n)
        .chain(spec.flags.iter().copied())
        .chain(spec.keywords.iter().map(|(n, _)| *n))
        .collect();
    let hint = match nearest(word, candidates.iter().copied()) {
        Some(near) => format!("did you mean `{near}`? "),
        None if word == "padding" && spec.flags.contains(&"same") => {
            "padding is a flag here: write `same` or `valid` on its own, or `pad = p`; ".to_string()
        }
        None => String::new(),
    };
    format!(
        "has an unknown argument `{word}`; {hint}`{}` takes {}",
        spec.keyword,
        describe_arguments(spec)
    )
}

fn too_many(spec: &Spec, extra: &str) -> String {
    let count = spec.positional.len();
    if count == 0 {
        format!(
            "takes no positional arguments; `{}` takes {}",
            spec.keyword,
            describe_arguments(spec)
        )
    } else {
        let names: Vec<String> = spec
            .positional
            .iter()
            .map(|(n, _)| format!("`{n}`"))
            .collect();
        let mut rest: Vec<String> = spec.flags.iter().map(|f| format!("`{f}`")).collect();
        rest.extend(spec.keywords.iter().map(|(n, _)| format!("`{n} = …`")));
        let then = if rest.is_empty() {
            String::new()
        } else {
            format!(", then {}", rest.join(", "))
        };
        format!(
            "has too many arguments: `{}` takes {count} positional {} ({}){then}; remove `{extra}`",
            spec.keyword,
            if count == 1 { "argument" } else { "arguments" },
            names.join(", "),
        )
    }
}

struct Builder<'c, 'a, 'b> {
    ctx: &'c mut Ctx<'b>,
    bound: &'c Bound<'a>,
    failed: bool,
}

impl Builder<'_, '_, '_> {
    fn wrong(&mut self, value: &Value, what: &str, expected: &str) {
        self.failed = true;
        self.ctx.error(format!(
            "has `{}` as its {what}, but it must be {expected}",
            value.text()
        ));
    }

    fn count(&mut self, name: &str, what: &str, default: u64) -> u64 {
        let Some(value) = self.bound.get(name) else {
            return default;
        };
        match value {
            Value::Int { value: 0, .. } => {
                self.failed = true;
                self.ctx.error(format!("has 0 {what}; use at least 1"));
                default
            }
            Value::Int { value, .. } => *value,
            other => {
                self.wrong(other, what, "a positive integer");
                default
            }
        }
    }

    fn int_list(&mut self, value: &Value, what: &str, min: u64) -> Option<Vec<u64>> {
        let expected = if min == 0 {
            "a non-negative integer or a tuple of them, such as `(1, 2)`"
        } else {
            "a positive integer or a tuple of them, such as `(1, 7)`"
        };
        let items: Vec<&Value> = match value {
            Value::Tuple { items, .. } if !items.is_empty() => items.iter().collect(),
            single => vec![single],
        };
        let mut out = Vec::new();
        for item in items {
            match item {
                Value::Int { value: v, .. } if *v >= min => out.push(*v),
                Value::Int { .. } => {
                    self.failed = true;
                    self.ctx
                        .error(format!("has a {what} of 0; it must be at least 1"));
                    return None;
                }
                _ => {
                    self.wrong(value, what, expected);
                    return None;
                }
            }
        }
        Some(out)
    }

    fn dims(&mut self, name: &str, what: &str, min: u64) -> Option<Dims> {
        let value = self.bound.get(name)?;
        let list = self.int_list(value, what, min)?;
        Some(match value {
            Value::Tuple { .. } => Dims::PerAxis(list),
            _ => Dims::All(list[0]),
        })
    }

    fn float(&mut self, name: &str, what: &str) -> Option<f64> {
        let value = self.bound.get(name)?;
        match value {
            Value::Float { value, .. } if value.is_finite() => Some(*value),
            Value::Int { value, .. } => Some(*value as f64),
            Value::NegInt { value, .. } => Some(*value as f64),
            other => {
                self.wrong(other, what, "a number");
                None
            }
        }
    }

    fn boolean(&mut self, name: &str, default: bool) -> bool {
        let Some(value) = self.bound.get(name) else {
            return default;
        };
        match value {
            Value::Bool { value, .. } => *value,
            other => {
                self.wrong(other, &format!("`{name}` value"), "`true` or `false`");
                default
            }
        }
    }

    fn activation(&mut self) -> Option<Activation> {
        let value = self.bound.get("activation")?;
        let Value::Word(word) = value else {
            self.wrong(value, "activation", "an activation name such as `relu`");
            return None;
        };
        let text = word.unraw().to_string();
        if text == "linear" {
            return None;
        }
        match Activation::from_name(&text) {
            Some(a) => Some(a),
            None => {
                self.failed = true;
                let hint = match nearest(&text, Activation::NAMES.iter().copied()) {
                    Some(n) => format!("did you mean `{n}`? "),
                    None => String::new(),
                };
                self.ctx.error(format!(
                    "has an unknown activation `{text}`; {hint}the activations are {}",
                    quoted_list(&Activation::NAMES)
                ));
                None
            }
        }
    }

    fn signed(&mut self, value: &Value, what: &str) -> Option<i64> {
        match value {
            Value::Int { value: v, .. } => match i64::try_from(*v) {
                Ok(v) => Some(v),
                Err(_) => {
                    self.wrong(value, what, "at most 9,223,372,036,854,775,807");
                    None
                }
            },
            Value::NegInt { value: v, .. } => Some(*v),
            other => {
                self.wrong(other, what, "an integer");
                None
            }
        }
    }

    fn sides(&mut self, name: &str, what: &str) -> Option<Sides> {
        let value = self.bound.get(name)?;
        let expected = "an integer, a tuple such as `(1, 2)`, or pairs such as `((0, 1), (0, 1))`";
        match value {
            Value::Int { value, .. } => Some(Sides::All(*value)),
            Value::Tuple { items, .. }
                if !items.is_empty() && items.iter().all(|i| matches!(i, Value::Int { .. })) =>
            {
                Some(Sides::PerAxis(
                    items
                        .iter()
                        .map(|i| {
                            if let Value::Int { value, .. } = i {
                                *value
                            } else {
                                0
                            }
                        })
                        .collect(),
                ))
            }
            Value::Tuple { items, .. } if !items.is_empty() => {
                let mut pairs = Vec::new();
                for item in items {
                    match item {
                        Value::Tuple { items: pair, .. } if pair.len() == 2 => {
                            match (&pair[0], &pair[1]) {
                                (Value::Int { value: a, .. }, Value::Int { value: b, .. }) => {
                                    pairs.push((*a, *b))
                                }
                                _ => {
                                    self.wrong(value, what, expected);
                                    return None;
                                }
                            }
                        }
                        _ => {
                            self.wrong(value, what, expected);
                            return None;
                        }
                    }
                }
                Some(Sides::PerSide(pairs))
            }
            other => {
                self.wrong(other, what, expected);
                None
            }
        }
    }

    fn padding(&mut self) -> Padding {
        let mut given: Vec<(String, TokenStream)> = Vec::new();
        let mut padding = Padding::Valid;
        for (flag, ident) in &self.bound.flags {
            if *flag == "same" || *flag == "valid" {
                given.push((flag.to_string(), ident.to_token_stream()));
                padding = if *flag == "same" {
                    Padding::Same
                } else {
                    Padding::Valid
                };
            }
        }
        if let Some(value) = self.bound.get("pad") {
            given.push((format!("pad = {}", value.text()), value.tokens()));
            if let Some(dims) = self.dims("pad", "padding", 0) {
                padding = Padding::Explicit(dims);
            }
        }
        if given.len() > 1 {
            self.failed = true;
            let names: Vec<String> = given.iter().map(|(g, _)| format!("`{g}`")).collect();
            self.ctx.error(format!(
                "gives its padding twice ({}); keep one of `same`, `valid` or `pad = p`",
                names.join(" and ")
            ));
        }
        padding
    }

    fn conv_args(&mut self, kind: ConvKind) -> ConvArgs {
        let filters = if kind == ConvKind::Depthwise {
            1
        } else {
            self.count("filters", "filters", 1)
        };
        let kernel = self
            .dims("kernel", "kernel size", 1)
            .unwrap_or(Dims::All(1));
        let stride = self.dims("stride", "stride", 1).unwrap_or(Dims::All(1));
        let dilation = self.dims("dilation", "dilation", 1).unwrap_or(Dims::All(1));
        let padding = self.padding();
        let groups = self.count("groups", "groups", 1);
        let multiplier = self.count("multiplier", "depth multiplier", 1);
        let bias = self.boolean("bias", true);
        let output_padding = self.dims("output_padding", "output padding", 0);
        let activation = self.activation();
        ConvArgs {
            filters,
            kernel,
            stride,
            dilation,
            padding,
            groups,
            bias,
            multiplier,
            output_padding,
            activation,
        }
    }

    fn build(&mut self) -> (Op, Vec<Ident>) {
        let keyword = self.bound.spec.keyword;
        let op = match keyword {
            "input" => {
                let mut dims = Vec::new();
                for value in self.bound.variadic.clone() {
                    match value {
                        Value::Int { value: 0, .. } => {
                            self.failed = true;
                            self.ctx.error(
                                "has a dimension of 0; every dimension must be at least 1"
                                    .to_string(),
                            );
                        }
                        Value::Int { value: v, .. } => dims.push(*v),
                        other => self.wrong(other, "dimension", "a positive integer"),
                    }
                }
                Op::Input(dims)
            }
            "conv" => Op::Conv(ConvKind::Standard, self.conv_args(ConvKind::Standard)),
            "deconv" => Op::Conv(ConvKind::Transposed, self.conv_args(ConvKind::Transposed)),
            "sepconv" => Op::Conv(ConvKind::Separable, self.conv_args(ConvKind::Separable)),
            "dwconv" => Op::Conv(ConvKind::Depthwise, self.conv_args(ConvKind::Depthwise)),
            "pool" | "maxpool" | "avgpool" => {
                let size = self.dims("size", "pool size", 1).unwrap_or(Dims::All(2));
                let stride = self.dims("stride", "stride", 1);
                let padding = self.padding();
                let ceil = self.bound.has_flag("ceil");
                if ceil && padding == Padding::Same {
                    self.failed = true;
                    self.ctx.error("combines `ceil` with `same`, but ceil mode only applies to `valid` or `pad = p`; drop one".to_string());
                }
                Op::Pool(PoolArgs {
                    max: keyword != "avgpool",
                    size,
                    stride,
                    padding,
                    ceil,
                })
            }
            "global_avg_pool" => Op::GlobalPool { max: false },
            "global_max_pool" => Op::GlobalPool { max: true },
            "flatten" => Op::Flatten,
            "reshape" => {
                let mut dims = Vec::new();
                for value in self.bound.variadic.clone() {
                    match self.signed(value, "dimension") {
                        Some(d) if d >= 1 || d == -1 => dims.push(d),
                        Some(_) => {
                            self.failed = true;
                            self.ctx.error(format!("has `{}` as a dimension; use a positive size, or -1 once to infer one", value.text()));
                        }
                        None => {}
                    }
                }
                if dims.iter().filter(|d| **d == -1).count() > 1 {
                    self.failed = true;
                    self.ctx.error(
                        "has more than one `-1`; only one dimension can be inferred".to_string(),
                    );
                }
                Op::Reshape(dims)
            }
            "dense" => Op::Dense {
                units: self.count("units", "units", 1),
                bias: self.boolean("bias", true),
                activation: self.activation(),
            },
            "dropout" => {
                let rate = self.float("rate", "rate").unwrap_or(0.0);
                if !(0.0..1.0).contains(&rate) {
                    self.failed = true;
                    self.ctx.error(format!(
                        "has a rate of {rate}, but a dropout rate must be at least 0 and below 1, such as `dropout(0.5)`"
                    ));
                }
                Op::Dropout(rate)
            }
            "batchnorm" => Op::BatchNorm {
                scale: self.boolean("scale", true),
                center: self.boolean("center", true),
            },
            "layernorm" => Op::LayerNorm {
                scale: self.boolean("scale", true),
                center: self.boolean("center", true),
            },
            "relu" => match self.float("max", "maximum") {
                Some(max) if max > 0.0 => Op::Activation(Activation::ReluMax(max)),
                Some(max) => {
                    self.failed = true;
                    self.ctx.error(format!(
                        "has a maximum of {max}; it must be above 0, such as `relu(max = 6)`"
                    ));
                    Op::Activation(Activation::Relu)
                }
                None => Op::Activation(Activation::Relu),
            },
            "leaky_relu" => {
                let alpha = self
                    .float("alpha", "negative slope")
                    .unwrap_or(crate::layer::LEAKY_RELU_DEFAULT_SLOPE);
                Op::Activation(Activation::LeakyRelu(alpha))
            }
            "zeropad" => Op::ZeroPad(self.sides("padding", "padding").unwrap_or(Sides::All(1))),
            "crop" => Op::Crop(self.sides("cropping", "cropping").unwrap_or(Sides::All(0))),
            "upsample" => Op::UpSample(
                self.dims("factor", "upsampling factor", 1)
                    .unwrap_or(Dims::All(2)),
            ),
            "add" => Op::Add,
            "multiply" => Op::Multiply,
            "concat" => {
                let axis = match self.bound.get("axis") {
                    Some(v) => self.signed(v, "axis").unwrap_or(-1),
                    None => -1,
                };
                Op::Concat { axis }
            }
            other => match Activation::from_name(other) {
                Some(a) => Op::Activation(a),
                None => Op::Flatten,
            },
        };
        let mut branches = Vec::new();
        if is_merge(keyword) {
            for value in self.bound.variadic.clone() {
                match value {
                    Value::Word(ident) => branches.push(ident.clone()),
                    other => self.wrong(other, "branch", "a name bound with `as`"),
                }
            }
        }
        (op, branches)
    }
}

/// Formats names as a list of code spans: "`a`, `b` and `c`".
pub fn quoted_list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}
