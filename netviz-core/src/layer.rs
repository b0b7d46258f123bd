//! The layer vocabulary: each layer's output-shape rule, parameter count and
//! multiply-accumulate count, following Keras 3 (channels last, batch left out).
//!
//! Every size is a `u64` and every product, sum and difference is checked, so
//! an impossible or overflowing layer is an error, never a wrap or a panic.
//! The errors are sentences without the step they came from; the checker in
//! [`crate::dsl`] puts the step in front.

use crate::network::LayerKind;
use crate::shape::{checked_product, group_thousands, Shape};

/// Padding of a convolution or pooling layer.
#[derive(Clone, Debug, PartialEq)]
pub enum Padding {
    /// No padding: windows stay inside the input (Keras's `valid`, the default).
    Valid,
    /// Output size `ceil(n / stride)` (Keras's `same`).
    Same,
    /// Explicit symmetric zero padding per spatial axis, as PyTorch's `padding = p`.
    Explicit(Dims),
}

/// A size given once for every spatial axis or once per axis: `3` or `(1, 7)`.
#[derive(Clone, Debug, PartialEq)]
pub enum Dims {
    /// The same value on every axis.
    All(u64),
    /// One value per axis.
    PerAxis(Vec<u64>),
}

impl Dims {
    /// Expands to one value per spatial axis.
    pub fn expand(&self, axes: usize, what: &str) -> Result<Vec<u64>, String> {
        match self {
            Dims::All(v) => Ok(vec![*v; axes]),
            Dims::PerAxis(values) if values.len() == axes => Ok(values.clone()),
            Dims::PerAxis(values) => Err(format!(
                "gives {} {} for {what}, but its input has {axes} spatial {}; give one value or {axes}",
                values.len(),
                plural(values.len(), "value", "values"),
                plural(axes, "axis", "axes"),
            )),
        }
    }

    /// Returns whether every value is `v`.
    pub fn is_all(&self, v: u64) -> bool {
        match self {
            Dims::All(x) => *x == v,
            Dims::PerAxis(values) => values.iter().all(|x| *x == v),
        }
    }

    fn text(&self, axes: usize) -> String {
        match self {
            Dims::All(v) => vec![v.to_string(); axes.max(1)].join("×"),
            Dims::PerAxis(values) => values
                .iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join("×"),
        }
    }
}

/// Padding or cropping amounts in Keras's three forms: `1`, `(1, 2)` per axis, or `((0, 1), (0, 1))` per side.
#[derive(Clone, Debug, PartialEq)]
pub enum Sides {
    /// The same amount before and after every axis.
    All(u64),
    /// One symmetric amount per axis.
    PerAxis(Vec<u64>),
    /// `(before, after)` per axis.
    PerSide(Vec<(u64, u64)>),
}

impl Sides {
    /// Expands to `(before, after)` per spatial axis.
    pub fn expand(&self, axes: usize, what: &str) -> Result<Vec<(u64, u64)>, String> {
        let wrong = |n: usize| {
            format!(
                "gives {n} {} for {what}, but its input has {axes} spatial {}; give one value, {axes} values or {axes} `(before, after)` pairs",
                plural(n, "entry", "entries"),
                plural(axes, "axis", "axes")
            )
        };
        match self {
            Sides::All(v) => Ok(vec![(*v, *v); axes]),
            Sides::PerAxis(values) if values.len() == axes => {
                Ok(values.iter().map(|v| (*v, *v)).collect())
            }
            Sides::PerAxis(values) => Err(wrong(values.len())),
            Sides::PerSide(pairs) if pairs.len() == axes => Ok(pairs.clone()),
            Sides::PerSide(pairs) => Err(wrong(pairs.len())),
        }
    }
}

/// An activation function.
#[derive(Clone, Debug, PartialEq)]
pub enum Activation {
    Relu,
    /// ReLU capped at a maximum, such as ReLU6.
    ReluMax(f64),
    LeakyRelu(f64),
    Sigmoid,
    Tanh,
    Softmax,
    Gelu,
    Elu,
    Selu,
    Swish,
}

impl Activation {
    /// The names accepted as `activation = NAME` and as plain steps.
    pub const NAMES: [&'static str; 9] = [
        "relu",
        "sigmoid",
        "tanh",
        "softmax",
        "gelu",
        "elu",
        "selu",
        "swish",
        "leaky_relu",
    ];

    /// Parses an activation name without arguments.
    pub fn from_name(name: &str) -> Option<Activation> {
        Some(match name {
            "relu" => Activation::Relu,
            "sigmoid" => Activation::Sigmoid,
            "tanh" => Activation::Tanh,
            "softmax" => Activation::Softmax,
            "gelu" => Activation::Gelu,
            "elu" => Activation::Elu,
            "selu" => Activation::Selu,
            "swish" => Activation::Swish,
            "leaky_relu" => Activation::LeakyRelu(LEAKY_RELU_DEFAULT_SLOPE),
            _ => return None,
        })
    }

    /// Returns the activation's name, as Keras spells it.
    pub fn name(&self) -> &'static str {
        match self {
            Activation::Relu | Activation::ReluMax(_) => "relu",
            Activation::LeakyRelu(_) => "leaky_relu",
            Activation::Sigmoid => "sigmoid",
            Activation::Tanh => "tanh",
            Activation::Softmax => "softmax",
            Activation::Gelu => "gelu",
            Activation::Elu => "elu",
            Activation::Selu => "selu",
            Activation::Swish => "swish",
        }
    }
}

/// Keras 3's default `negative_slope` of `LeakyReLU`.
pub const LEAKY_RELU_DEFAULT_SLOPE: f64 = 0.3;

/// Arguments shared by the convolution family.
#[derive(Clone, Debug, PartialEq)]
pub struct ConvArgs {
    /// Output channels; unused by depthwise convolution.
    pub filters: u64,
    pub kernel: Dims,
    pub stride: Dims,
    pub dilation: Dims,
    pub padding: Padding,
    pub groups: u64,
    pub bias: bool,
    /// Depth multiplier of depthwise and separable convolution.
    pub multiplier: u64,
    /// Extra size added on one side by a transposed convolution.
    pub output_padding: Option<Dims>,
    pub activation: Option<Activation>,
}

/// Which convolution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConvKind {
    Standard,
    Transposed,
    Separable,
    Depthwise,
}

/// Arguments of local pooling.
#[derive(Clone, Debug, PartialEq)]
pub struct PoolArgs {
    pub max: bool,
    pub size: Dims,
    /// Defaults to the pool size.
    pub stride: Option<Dims>,
    pub padding: Padding,
    /// PyTorch's `ceil_mode`.
    pub ceil: bool,
}

/// A layer with its arguments checked for type and range, before it meets its input.
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    Input(Vec<u64>),
    Conv(ConvKind, ConvArgs),
    Pool(PoolArgs),
    GlobalPool {
        max: bool,
    },
    Flatten,
    /// Target dimensions; at most one may be -1, meaning "whatever keeps the element count".
    Reshape(Vec<i64>),
    Dense {
        units: u64,
        bias: bool,
        activation: Option<Activation>,
    },
    Dropout(f64),
    BatchNorm {
        scale: bool,
        center: bool,
    },
    LayerNorm {
        scale: bool,
        center: bool,
    },
    Activation(Activation),
    ZeroPad(Sides),
    UpSample(Dims),
    Crop(Sides),
    Add,
    Multiply,
    /// Concatenation axis as Keras counts it: the batch is axis 0, so 1 is the first dimension and -1 the last.
    Concat {
        axis: i64,
    },
}

/// The effect of a layer on its input: output shape, counts and the names it is shown with.
#[derive(Clone, Debug, PartialEq)]
pub struct Computed {
    pub output_shape: Shape,
    pub params: u64,
    pub trainable_params: u64,
    pub macs: u64,
    /// Operation name with rank suffix, such as `conv2d`.
    pub op: String,
    /// Keras class name, such as `Conv2D`.
    pub class_name: String,
    /// Keras's default layer name before numbering, such as `conv2d`.
    pub default_name: String,
    pub kind: LayerKind,
    /// Short argument text for diagrams.
    pub config: String,
    /// The fused activation.
    pub activation: Option<String>,
}

impl Computed {
    fn new(kind: LayerKind, op: &str, class_name: &str, default_name: &str, shape: Shape) -> Self {
        Computed {
            output_shape: shape,
            params: 0,
            trainable_params: 0,
            macs: 0,
            op: op.to_string(),
            class_name: class_name.to_string(),
            default_name: default_name.to_string(),
            kind,
            config: String::new(),
            activation: None,
        }
    }

    fn with_params(mut self, params: u64, trainable: u64) -> Self {
        self.params = params;
        self.trainable_params = trainable;
        self
    }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

fn overflow(what: &str) -> String {
    format!(
        "overflows: its {what} exceeds the 64-bit limit of {}; use smaller sizes",
        group_thousands(u64::MAX)
    )
}

fn mul(a: u64, b: u64, what: &str) -> Result<u64, String> {
    a.checked_mul(b).ok_or_else(|| overflow(what))
}

fn add(a: u64, b: u64, what: &str) -> Result<u64, String> {
    a.checked_add(b).ok_or_else(|| overflow(what))
}

fn product(values: &[u64], what: &str) -> Result<u64, String> {
    checked_product(values).ok_or_else(|| overflow(what))
}

/// Formats the spatial rank suffix: `1d`, `2d` or `3d`.
fn rank_suffix(axes: usize) -> String {
    format!("{axes}d")
}

/// Requires an input of rank 2 to 4 (1-D to 3-D data with channels) and returns its spatial axes.
fn spatial_axes(input: &Shape, max_axes: usize) -> Result<usize, String> {
    let axes = input.rank().saturating_sub(1);
    if axes == 0 {
        return Err(format!(
            "needs an input with spatial dimensions and channels, but receives the flat shape {input}; \
             insert `reshape(…)` to give it a shape such as `(steps, channels)` or `(height, width, channels)`"
        ));
    }
    if axes > max_axes {
        return Err(format!(
            "works on inputs of rank 2 to {} (1-D to {max_axes}-D data with channels), but receives {input}, which has rank {}",
            max_axes + 1,
            input.rank()
        ));
    }
    Ok(axes)
}

/// Formats the error for a zero input size, kernel, stride or dilation, which the
/// `network!` checker rejects before any rule runs but direct callers may pass.
fn zero_size(n: u64, kernel: u64, stride: u64, dilation: u64) -> String {
    format!(
        "has input size {n}, kernel {kernel}, stride {stride} and dilation {dilation}, but each must be at least 1"
    )
}

/// Computes the output size of a convolution or pooling window along one axis.
///
/// `valid`: `floor((n + 2p - d(k-1) - 1) / s) + 1`; `same`: `ceil(n / s)`.
/// With `ceil`, PyTorch's ceil mode: the division rounds up, and a last window
/// that would start inside the right padding is dropped.
pub fn window_output(
    n: u64,
    kernel: u64,
    stride: u64,
    dilation: u64,
    pad: Option<u64>,
    same: bool,
    ceil: bool,
) -> Result<u64, String> {
    if [n, kernel, stride, dilation].contains(&0) {
        return Err(zero_size(n, kernel, stride, dilation));
    }
    if same {
        return Ok(n.div_ceil(stride));
    }
    let pad = pad.unwrap_or(0);
    // In u128 no intermediate overflows: d(k-1) is below 2^128 and the sums
    // stay below 2^67. Only the result must fit in a u64, so an absurd
    // padding or dilation gives the exact size or an error, never a false
    // overflow.
    let (n_wide, stride_wide, pad_wide) = (u128::from(n), u128::from(stride), u128::from(pad));
    let span = u128::from(dilation) * u128::from(kernel - 1) + 1;
    let padded = n_wide + 2 * pad_wide;
    if span > padded {
        return Err(if pad == 0 {
            format!("has a window of {span}, larger than its input size {n}")
        } else {
            format!("has a window of {span}, larger than its padded input size {padded} ({n} + 2×{pad})")
        });
    }
    let room = padded - span;
    let mut out = if ceil {
        room.div_ceil(stride_wide) + 1
    } else {
        room / stride_wide + 1
    };
    if ceil && (out - 1) * stride_wide >= n_wide + pad_wide {
        out -= 1;
    }
    u64::try_from(out).map_err(|_| overflow("output size"))
}

/// Adds the axis, the input shape and the fix to a window rule's error.
/// Overflow errors carry their own fix and get only the axis.
fn window_error(error: String, axis: usize, axes: usize, input: &Shape, window: &str) -> String {
    let axis_text = if axes > 1 {
        format!(" on axis {}", axis + 1)
    } else {
        String::new()
    };
    if error.starts_with("overflows") {
        return format!("{error} (axis {}, input {input})", axis + 1);
    }
    format!("{error}{axis_text} (input {input}); use `same` padding, a smaller {window} or a larger input")
}

/// Computes the output size of a transposed convolution along one axis, as Keras's `deconv_output_length` does.
pub fn transposed_output(
    n: u64,
    kernel: u64,
    stride: u64,
    dilation: u64,
    same: bool,
    output_padding: Option<u64>,
) -> Result<u64, String> {
    if [n, kernel, stride, dilation].contains(&0) {
        return Err(zero_size(n, kernel, stride, dilation));
    }
    let what = "transposed convolution's output size";
    // Each product of two u64 values fits in a u128; a sum that does not is
    // far above u64::MAX.
    let (n, stride) = (u128::from(n), u128::from(stride));
    let span = u128::from(dilation) * u128::from(kernel - 1) + 1;
    let out = match output_padding {
        None if same => Some(n * stride),
        None => ((n - 1) * stride).checked_add(span.max(stride)),
        Some(extra) => {
            // Keras's (n-1)·s + span - 2·pad + output_padding, with span - 2·pad
            // taken first: it is 0 or 1 for same, so it cannot underflow.
            let pad = if same { span / 2 } else { 0 };
            let out = ((n - 1) * stride)
                .checked_add(span - 2 * pad)
                .and_then(|v| v.checked_add(u128::from(extra)));
            if out == Some(0) {
                // Only n = 1 with no output padding gets here, so span is the whole sum.
                return Err(format!(
                    "would have an output size of {span} - 2×{pad}, below 1"
                ));
            }
            out
        }
    };
    out.and_then(|v| u64::try_from(v).ok())
        .ok_or_else(|| overflow(what))
}

/// Applies a layer to its inputs: output shape, parameters and MACs.
///
/// An output shape whose element count does not fit in a `u64` is an error,
/// like any other overflow.
pub fn apply(op: &Op, inputs: &[Shape]) -> Result<Computed, String> {
    if inputs.is_empty() && !matches!(op, Op::Input(_)) {
        return Err("has no input; every layer but `input` needs one".to_string());
    }
    let computed = apply_rule(op, inputs)?;
    computed
        .output_shape
        .elements()
        .ok_or_else(|| overflow("output's element count"))?;
    Ok(computed)
}

fn apply_rule(op: &Op, inputs: &[Shape]) -> Result<Computed, String> {
    match op {
        Op::Input(dims) => {
            let shape = Shape::new(dims.clone());
            shape
                .elements()
                .ok_or_else(|| overflow("input's element count"))?;
            let mut c = Computed::new(
                LayerKind::Input,
                "input",
                "InputLayer",
                "input_layer",
                shape,
            );
            c.config = String::new();
            Ok(c)
        }
        Op::Conv(kind, args) => conv(*kind, args, &inputs[0]),
        Op::Pool(args) => pool(args, &inputs[0]),
        Op::GlobalPool { max } => {
            let input = &inputs[0];
            let axes = spatial_axes(input, 3)?;
            let r = rank_suffix(axes);
            let (op, class, name) = if *max {
                (
                    format!("global_max_pool{r}"),
                    format!("GlobalMaxPooling{}", r.to_uppercase()),
                    format!("global_max_pooling{r}"),
                )
            } else {
                (
                    format!("global_avg_pool{r}"),
                    format!("GlobalAveragePooling{}", r.to_uppercase()),
                    format!("global_average_pooling{r}"),
                )
            };
            Ok(Computed::new(
                LayerKind::Pooling,
                &op,
                &class,
                &name,
                Shape::new(vec![input.channels()]),
            ))
        }
        Op::Flatten => {
            let n = inputs[0]
                .elements()
                .ok_or_else(|| overflow("flattened size"))?;
            Ok(Computed::new(
                LayerKind::Reshaping,
                "flatten",
                "Flatten",
                "flatten",
                Shape::new(vec![n]),
            ))
        }
        Op::Reshape(target) => reshape(target, &inputs[0]),
        Op::Dense {
            units,
            bias,
            activation,
        } => {
            let input = &inputs[0];
            if input.rank() != 1 {
                return Err(format!(
                    "needs a flat input, but receives {input}; insert `flatten` before it"
                ));
            }
            let n = input.channels();
            let weights = mul(n, *units, "parameter count")?;
            let params = if *bias {
                add(weights, *units, "parameter count")?
            } else {
                weights
            };
            let mut c = Computed::new(
                LayerKind::Dense,
                "dense",
                "Dense",
                "dense",
                Shape::new(vec![*units]),
            )
            .with_params(params, params);
            c.macs = weights;
            c.config = format!(
                "{} {}",
                group_thousands(*units),
                if *units == 1 { "unit" } else { "units" }
            );
            c.activation = activation.as_ref().map(|a| a.name().to_string());
            Ok(c)
        }
        Op::Dropout(rate) => {
            let mut c = Computed::new(
                LayerKind::Regularization,
                "dropout",
                "Dropout",
                "dropout",
                inputs[0].clone(),
            );
            c.config = format!("rate {rate}");
            Ok(c)
        }
        Op::BatchNorm { scale, center } => {
            let ch = inputs[0].channels();
            let trainable = mul(ch, *scale as u64 + *center as u64, "parameter count")?;
            let params = add(trainable, mul(ch, 2, "parameter count")?, "parameter count")?;
            Ok(Computed::new(
                LayerKind::Normalization,
                "batchnorm",
                "BatchNormalization",
                "batch_normalization",
                inputs[0].clone(),
            )
            .with_params(params, trainable))
        }
        Op::LayerNorm { scale, center } => {
            let ch = inputs[0].channels();
            let params = mul(ch, *scale as u64 + *center as u64, "parameter count")?;
            Ok(Computed::new(
                LayerKind::Normalization,
                "layernorm",
                "LayerNormalization",
                "layer_normalization",
                inputs[0].clone(),
            )
            .with_params(params, params))
        }
        Op::Activation(act) => {
            let shape = inputs[0].clone();
            Ok(match act {
                Activation::ReluMax(max) => {
                    let mut c =
                        Computed::new(LayerKind::Activation, "relu", "ReLU", "re_lu", shape);
                    c.config = format!("max {max}");
                    c
                }
                Activation::LeakyRelu(alpha) => {
                    let mut c = Computed::new(
                        LayerKind::Activation,
                        "leaky_relu",
                        "LeakyReLU",
                        "leaky_re_lu",
                        shape,
                    );
                    c.config = format!("alpha {alpha}");
                    c
                }
                other => {
                    let mut c = Computed::new(
                        LayerKind::Activation,
                        other.name(),
                        "Activation",
                        "activation",
                        shape,
                    );
                    c.config = other.name().to_string();
                    c
                }
            })
        }
        Op::ZeroPad(sides) => resize_sides(sides, &inputs[0], true),
        Op::Crop(sides) => resize_sides(sides, &inputs[0], false),
        Op::UpSample(factor) => {
            let input = &inputs[0];
            let axes = spatial_axes(input, 3)?;
            let factors = factor.expand(axes, "the upsampling factor")?;
            let mut dims = Vec::with_capacity(input.rank());
            for (n, f) in input.spatial().iter().zip(&factors) {
                dims.push(mul(*n, *f, "upsampled size")?);
            }
            dims.push(input.channels());
            let r = rank_suffix(axes);
            let mut c = Computed::new(
                LayerKind::Reshaping,
                &format!("upsample{r}"),
                &format!("UpSampling{}", r.to_uppercase()),
                &format!("up_sampling{r}"),
                Shape::new(dims),
            );
            c.config = format!("×{}", factor.text(axes));
            Ok(c)
        }
        Op::Add | Op::Multiply => {
            let (op, class) = if matches!(op, Op::Add) {
                ("add", "Add")
            } else {
                ("multiply", "Multiply")
            };
            let mut shape = inputs[0].clone();
            for other in &inputs[1..] {
                shape = broadcast(&shape, other).ok_or_else(|| {
                    format!(
                        "needs inputs of one shape, but receives {shape} and {other}; make the branches agree, for example with a 1×1 `conv` on the shortcut"
                    )
                })?;
            }
            Ok(Computed::new(LayerKind::Merge, op, class, op, shape))
        }
        Op::Concat { axis } => concat(*axis, inputs),
    }
}

/// Keras's shape rule for element-wise merges: shapes are aligned on their last
/// axis, and a size of 1 stretches to the other size, so a squeeze-and-excitation
/// gate of 1×1×C multiplies an H×W×C tensor. Returns `None` when the shapes
/// cannot be combined.
pub fn broadcast(a: &Shape, b: &Shape) -> Option<Shape> {
    let (long, short) = if a.rank() >= b.rank() { (a, b) } else { (b, a) };
    let offset = long.rank() - short.rank();
    let mut dims = long.dims()[..offset].to_vec();
    for (x, y) in long.dims()[offset..].iter().zip(short.dims()) {
        dims.push(match (*x, *y) {
            (1, y) => y,
            (x, 1) => x,
            (x, y) if x == y => x,
            _ => return None,
        });
    }
    Some(Shape::new(dims))
}

fn conv(kind: ConvKind, args: &ConvArgs, input: &Shape) -> Result<Computed, String> {
    // Keras has no 3-D separable or depthwise convolution.
    let max_axes = match kind {
        ConvKind::Standard | ConvKind::Transposed => 3,
        ConvKind::Separable | ConvKind::Depthwise => 2,
    };
    let axes = spatial_axes(input, max_axes)?;
    let kernel = args.kernel.expand(axes, "the kernel size")?;
    let stride = args.stride.expand(axes, "the stride")?;
    let dilation = args.dilation.expand(axes, "the dilation")?;
    let pads = match &args.padding {
        Padding::Explicit(p) => Some(p.expand(axes, "the padding")?),
        _ => None,
    };
    let same = args.padding == Padding::Same;
    let channels = input.channels();

    let mut out_spatial = Vec::with_capacity(axes);
    for axis in 0..axes {
        let n = input.spatial()[axis];
        let size = if kind == ConvKind::Transposed {
            let extra = match &args.output_padding {
                Some(op) => Some(op.expand(axes, "the output padding")?[axis]),
                None => None,
            };
            if let Some(extra) = extra {
                if extra >= stride[axis] {
                    return Err(format!(
                        "has output_padding = {extra}, but it must be smaller than the stride {}; lower output_padding or raise the stride",
                        stride[axis]
                    ));
                }
            }
            transposed_output(n, kernel[axis], stride[axis], dilation[axis], same, extra)?
        } else {
            window_output(
                n,
                kernel[axis],
                stride[axis],
                dilation[axis],
                pads.as_ref().map(|p| p[axis]),
                same,
                false,
            )
            .map_err(|e| window_error(e, axis, axes, input, "kernel"))?
        };
        out_spatial.push(size);
    }

    let k = product(&kernel, "kernel size")?;
    let out_positions = product(&out_spatial, "output size")?;
    let what_params = "parameter count";
    let (out_channels, params, macs) = match kind {
        ConvKind::Standard => {
            if args.groups == 0 || channels % args.groups != 0 || args.filters % args.groups != 0 {
                return Err(format!(
                    "has groups = {}, which must divide both its input channels ({channels}) and its filters ({})",
                    args.groups, args.filters
                ));
            }
            let per_filter = mul(k, channels / args.groups, what_params)?;
            let weights = mul(per_filter, args.filters, what_params)?;
            let params = if args.bias {
                add(weights, args.filters, what_params)?
            } else {
                weights
            };
            (
                args.filters,
                params,
                mul(out_positions, weights, "MAC count")?,
            )
        }
        ConvKind::Transposed => {
            let weights = mul(mul(k, args.filters, what_params)?, channels, what_params)?;
            let params = if args.bias {
                add(weights, args.filters, what_params)?
            } else {
                weights
            };
            let in_positions = product(input.spatial(), "input size")?;
            (
                args.filters,
                params,
                mul(in_positions, weights, "MAC count")?,
            )
        }
        ConvKind::Depthwise => {
            let out_ch = mul(channels, args.multiplier, "channel count")?;
            let weights = mul(k, out_ch, what_params)?;
            let params = if args.bias {
                add(weights, out_ch, what_params)?
            } else {
                weights
            };
            (out_ch, params, mul(out_positions, weights, "MAC count")?)
        }
        ConvKind::Separable => {
            let mid = mul(channels, args.multiplier, "channel count")?;
            let depthwise = mul(k, mid, what_params)?;
            let pointwise = mul(mid, args.filters, what_params)?;
            let weights = add(depthwise, pointwise, what_params)?;
            let params = if args.bias {
                add(weights, args.filters, what_params)?
            } else {
                weights
            };
            (
                args.filters,
                params,
                mul(out_positions, weights, "MAC count")?,
            )
        }
    };
    let mut dims = out_spatial;
    dims.push(out_channels);
    let shape = Shape::new(dims);
    shape
        .elements()
        .ok_or_else(|| overflow("output's element count"))?;

    let r = rank_suffix(axes);
    let upper = r.to_uppercase();
    let (op, class, name) = match kind {
        ConvKind::Standard => (
            format!("conv{r}"),
            format!("Conv{upper}"),
            format!("conv{r}"),
        ),
        ConvKind::Transposed => (
            format!("deconv{r}"),
            format!("Conv{upper}Transpose"),
            format!("conv{r}_transpose"),
        ),
        ConvKind::Separable => (
            format!("sepconv{r}"),
            format!("SeparableConv{upper}"),
            format!("separable_conv{r}"),
        ),
        ConvKind::Depthwise => (
            format!("dwconv{r}"),
            format!("DepthwiseConv{upper}"),
            format!("depthwise_conv{r}"),
        ),
    };
    let mut c = Computed::new(LayerKind::Convolution, &op, &class, &name, shape)
        .with_params(params, params);
    c.macs = macs;
    c.activation = args.activation.as_ref().map(|a| a.name().to_string());

    let mut config = Vec::new();
    if kind != ConvKind::Depthwise {
        let noun = if args.filters == 1 {
            "filter"
        } else {
            "filters"
        };
        config.push(format!("{} {noun}", group_thousands(args.filters)));
    }
    config.push(args.kernel.text(axes));
    if !args.stride.is_all(1) {
        config.push(format!("stride {}", args.stride.text(axes)));
    }
    if !args.dilation.is_all(1) {
        config.push(format!("dilation {}", args.dilation.text(axes)));
    }
    match &args.padding {
        Padding::Same => config.push("same".into()),
        Padding::Valid => {}
        Padding::Explicit(p) => config.push(format!("pad {}", p.text(axes))),
    }
    if args.groups > 1 {
        config.push(format!("groups {}", args.groups));
    }
    if args.multiplier > 1 {
        config.push(format!("multiplier {}", args.multiplier));
    }
    c.config = config.join(", ");
    Ok(c)
}

fn pool(args: &PoolArgs, input: &Shape) -> Result<Computed, String> {
    let axes = spatial_axes(input, 3)?;
    let size = args.size.expand(axes, "the pool size")?;
    let stride = args
        .stride
        .as_ref()
        .unwrap_or(&args.size)
        .expand(axes, "the stride")?;
    let pads = match &args.padding {
        Padding::Explicit(p) => Some(p.expand(axes, "the padding")?),
        _ => None,
    };
    let same = args.padding == Padding::Same;
    let mut dims = Vec::with_capacity(axes + 1);
    for axis in 0..axes {
        if let Some(p) = &pads {
            if p[axis] > size[axis] / 2 {
                return Err(format!(
                    "has a padding of {}, more than half its pool size {}; use a padding of at most {}",
                    p[axis],
                    size[axis],
                    size[axis] / 2
                ));
            }
        }
        let out = window_output(
            input.spatial()[axis],
            size[axis],
            stride[axis],
            1,
            pads.as_ref().map(|p| p[axis]),
            same,
            args.ceil,
        )
        .map_err(|e| window_error(e, axis, axes, input, "pool"))?;
        dims.push(out);
    }
    dims.push(input.channels());
    let r = rank_suffix(axes);
    let upper = r.to_uppercase();
    let (op, class, name) = if args.max {
        (
            format!("max_pool{r}"),
            format!("MaxPooling{upper}"),
            format!("max_pooling{r}"),
        )
    } else {
        (
            format!("avg_pool{r}"),
            format!("AveragePooling{upper}"),
            format!("average_pooling{r}"),
        )
    };
    let mut c = Computed::new(LayerKind::Pooling, &op, &class, &name, Shape::new(dims));
    let mut config = vec![args.size.text(axes)];
    if let Some(s) = &args.stride {
        if s != &args.size {
            config.push(format!("stride {}", s.text(axes)));
        }
    }
    match &args.padding {
        Padding::Same => config.push("same".into()),
        Padding::Valid => {}
        Padding::Explicit(p) => config.push(format!("pad {}", p.text(axes))),
    }
    if args.ceil {
        config.push("ceil".into());
    }
    c.config = config.join(", ");
    Ok(c)
}

fn reshape(target: &[i64], input: &Shape) -> Result<Computed, String> {
    let elements = input
        .elements()
        .ok_or_else(|| overflow("input's element count"))?;
    let known: Vec<u64> = target
        .iter()
        .filter(|d| **d > 0)
        .map(|d| *d as u64)
        .collect();
    let known_product = product(&known, "reshape target's element count")?;
    let target_text = target
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let dims: Vec<u64> = if target.contains(&-1) {
        if known_product == 0 || elements % known_product != 0 {
            return Err(format!(
                "cannot infer its `-1` dimension, because it receives {input} ({} elements), which is not a multiple of {}",
                group_thousands(elements),
                group_thousands(known_product)
            ));
        }
        let inferred = elements / known_product;
        target
            .iter()
            .map(|d| if *d == -1 { inferred } else { *d as u64 })
            .collect()
    } else {
        if known_product != elements {
            return Err(format!(
                "has {} elements, but receives {input} ({} elements); keep the element count, or write -1 for one dimension",
                group_thousands(known_product),
                group_thousands(elements)
            ));
        }
        known
    };
    let mut c = Computed::new(
        LayerKind::Reshaping,
        "reshape",
        "Reshape",
        "reshape",
        Shape::new(dims),
    );
    c.config = format!("to ({target_text})");
    Ok(c)
}

fn resize_sides(sides: &Sides, input: &Shape, grow: bool) -> Result<Computed, String> {
    let axes = spatial_axes(input, 3)?;
    let amounts = sides.expand(axes, if grow { "the padding" } else { "the cropping" })?;
    let mut dims = Vec::with_capacity(axes + 1);
    for (axis, ((before, after), n)) in amounts.iter().zip(input.spatial()).enumerate() {
        let both = add(
            *before,
            *after,
            if grow {
                "padded size"
            } else {
                "cropped amount"
            },
        )?;
        if grow {
            dims.push(add(*n, both, "padded size")?);
        } else if both >= *n {
            let axis_text = if axes > 1 {
                format!(" on axis {}", axis + 1)
            } else {
                String::new()
            };
            return Err(format!(
                "crops {before} + {after} from a size of {n}{axis_text}, which leaves nothing; crop less"
            ));
        } else {
            dims.push(n - both);
        }
    }
    dims.push(input.channels());
    let r = rank_suffix(axes);
    let upper = r.to_uppercase();
    let (op, class, name) = if grow {
        (
            format!("zeropad{r}"),
            format!("ZeroPadding{upper}"),
            format!("zero_padding{r}"),
        )
    } else {
        (
            format!("crop{r}"),
            format!("Cropping{upper}"),
            format!("cropping{r}"),
        )
    };
    let mut c = Computed::new(LayerKind::Reshaping, &op, &class, &name, Shape::new(dims));
    let text: Vec<String> = amounts.iter().map(|(b, a)| format!("{b}/{a}")).collect();
    c.config = text.join(", ");
    Ok(c)
}

fn concat(axis: i64, inputs: &[Shape]) -> Result<Computed, String> {
    let first = &inputs[0];
    let rank = first.rank() as i64;
    let index = if axis < 0 { rank + axis } else { axis - 1 };
    if axis == 0 || index < 0 || index >= rank {
        if rank == 1 {
            return Err(format!(
                "has axis = {axis}, out of range for inputs of rank 1; use 1 or -1 (axis 0 is the batch)"
            ));
        }
        return Err(format!(
            "has axis = {axis}, out of range for inputs of rank {rank}; use 1 to {rank} or -1 to -{rank} (axis 0 is the batch)"
        ));
    }
    let index = index as usize;
    let mut total = 0u64;
    for other in inputs {
        let differs = other.rank() != first.rank()
            || other
                .dims()
                .iter()
                .zip(first.dims())
                .enumerate()
                .any(|(i, (a, b))| i != index && a != b);
        if differs {
            return Err(format!(
                "needs inputs that agree on every axis but axis {axis}, but receives {first} and {other}; resize one branch (for example with `pool` or `upsample`) or concatenate on another axis"
            ));
        }
        total = add(total, other.dims()[index], "concatenated size")?;
    }
    let mut dims = first.dims().to_vec();
    dims[index] = total;
    let mut c = Computed::new(
        LayerKind::Merge,
        "concat",
        "Concatenate",
        "concatenate",
        Shape::new(dims),
    );
    if axis != -1 {
        c.config = format!("axis {axis}");
    }
    Ok(c)
}
