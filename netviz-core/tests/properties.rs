//! Property tests: the shape rules and parameter counts against Keras's
//! formulas written out independently here, and random valid and invalid
//! networks through the checker, the summary, the exports and the codec.
//!
//! The reference formulas compute in u128, where no product of two u64
//! sizes overflows, so they neither wrap nor share an overflow check with
//! the code under test. Keras 3 is the source for the
//! shape rules (`compute_conv_output_shape`, `compute_pooling_output_shape`,
//! `deconv_output_length`) and PyTorch for `pad = p` and ceil mode.

use netviz_core::dsl::{build_str, is_keyword};
use netviz_core::layer::{
    self, transposed_output, window_output, ConvArgs, ConvKind, Dims, Op, Padding, PoolArgs,
};
use netviz_core::{codec, Network, Shape};
use proptest::prelude::*;
use proptest::test_runner::Config;

fn config() -> Config {
    Config {
        cases: 1000,
        ..Config::default()
    }
}

// ---------------------------------------------------------------------------
// Reference formulas
// ---------------------------------------------------------------------------

/// How a reference window is padded.
#[derive(Clone, Copy, Debug)]
enum Pad {
    Valid,
    Same,
    /// PyTorch's symmetric `padding = p`.
    Explicit(u64),
}

/// The reference output size: `None` when it is below 1 (an error in Keras),
/// otherwise the exact value, which may exceed `u64::MAX`.
type Reference = Option<u128>;

/// Computes a convolution or pooling output size.
///
/// Keras: valid `floor((n - d(k-1) - 1) / s) + 1`, same `ceil(n / s)`.
/// PyTorch: `floor((n + 2p - d(k-1) - 1) / s) + 1`. In ceil mode the division
/// rounds up and a last window starting at or past `n + p` is dropped.
/// Every intermediate fits in a u128, because `d(k-1)` is below 2^128 and the
/// sums stay below 2^67.
fn reference_window(n: u64, k: u64, s: u64, d: u64, pad: Pad, ceil: bool) -> Reference {
    let (n, k, s, d) = (n as u128, k as u128, s as u128, d as u128);
    let p = match pad {
        Pad::Same => return Some(n.div_ceil(s)),
        Pad::Valid => 0,
        Pad::Explicit(p) => p as u128,
    };
    let window = d * (k - 1) + 1;
    if window > n + 2 * p {
        return None;
    }
    let numerator = n + 2 * p - window;
    if !ceil {
        return Some(numerator / s + 1);
    }
    let mut out = numerator.div_ceil(s) + 1;
    if (out - 1) * s >= n + p {
        out -= 1;
    }
    Some(out)
}

/// Computes a transposed convolution output size, Keras's `deconv_output_length`:
/// same `n·s`, valid `(n-1)·s + max(d(k-1)+1, s)`, and with output padding
/// `(n-1)·s + d(k-1)+1 - 2·pad + op` where pad is `(d(k-1)+1) / 2` for same.
///
/// Each product of two sizes fits in a u128. A sum that does not is far
/// above `u64::MAX`, so it is returned as `u128::MAX`.
fn reference_transposed(
    n: u64,
    k: u64,
    s: u64,
    d: u64,
    same: bool,
    extra: Option<u64>,
) -> Reference {
    let (n, k, s, d) = (n as u128, k as u128, s as u128, d as u128);
    let dilated = d * (k - 1) + 1;
    let sum = |a: u128, b: u128| a.saturating_add(b);
    let out = match extra {
        None if same => n * s,
        None => sum((n - 1) * s, dilated.max(s)),
        Some(extra) => {
            let pad = if same { dilated / 2 } else { 0 };
            // dilated - 2·pad is 0 or 1 for same, so subtracting first cannot underflow.
            sum(sum((n - 1) * s, dilated - 2 * pad), extra as u128)
        }
    };
    (out >= 1).then_some(out)
}

/// The result the shape rules must give for a reference value: the value
/// when it is at least 1 and fits in a `u64`, an error otherwise.
fn expected(reference: Reference) -> Option<u64> {
    reference.and_then(|v| u64::try_from(v).ok())
}

// ---------------------------------------------------------------------------
// Strategies for sizes
// ---------------------------------------------------------------------------

/// Generates sizes of at least 1: mostly small, sometimes large, sometimes near `u64::MAX`.
fn size() -> impl Strategy<Value = u64> {
    prop_oneof![
        6 => 1u64..=16,
        3 => 1u64..=100_000,
        1 => (0u64..=1_000).prop_map(|x| u64::MAX - x),
        1 => 1u64..=u64::MAX,
    ]
}

fn small(max: u64) -> impl Strategy<Value = u64> {
    1u64..=max
}

fn pad() -> impl Strategy<Value = Pad> {
    prop_oneof![
        Just(Pad::Valid),
        Just(Pad::Same),
        prop_oneof![0u64..=8, 0u64..=u64::MAX / 2].prop_map(Pad::Explicit),
    ]
}

// ---------------------------------------------------------------------------
// Shape rules against the reference
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(config())]

    #[test]
    fn conv_window_matches_keras(
        n in size(), k in size(), s in size(), d in size(), pad in pad(),
    ) {
        let explicit = match pad { Pad::Explicit(p) => Some(p), _ => None };
        let same = matches!(pad, Pad::Same);
        let actual = window_output(n, k, s, d, explicit, same, false).ok();
        let reference = reference_window(n, k, s, d, pad, false);
        prop_assert_eq!(actual, expected(reference), "reference {:?}", reference);
    }

    #[test]
    fn pool_window_matches_keras_and_pytorch(
        n in size(), k in size(), s in size(), pad in pad(), ceil in any::<bool>(),
    ) {
        // Pooling padding is at most half the pool size, and ceil mode excludes `same`.
        let pad = match pad {
            Pad::Explicit(p) => Pad::Explicit(p.min(k / 2)),
            other => other,
        };
        let ceil = ceil && !matches!(pad, Pad::Same);
        let explicit = match pad { Pad::Explicit(p) => Some(p), _ => None };
        let same = matches!(pad, Pad::Same);
        let actual = window_output(n, k, s, 1, explicit, same, ceil).ok();
        let reference = reference_window(n, k, s, 1, pad, ceil);
        prop_assert_eq!(actual, expected(reference), "reference {:?}", reference);
    }

    #[test]
    fn transposed_matches_keras(
        n in size(), k in size(), s in size(), d in size(), same in any::<bool>(),
        extra in proptest::option::of(any::<u64>()),
    ) {
        // output_padding must be smaller than the stride.
        let extra = extra.map(|e| e % s);
        let actual = transposed_output(n, k, s, d, same, extra).ok();
        let reference = reference_transposed(n, k, s, d, same, extra);
        prop_assert_eq!(actual, expected(reference), "reference {:?}", reference);
    }
}

// ---------------------------------------------------------------------------
// `apply` on whole layers: shapes and parameter counts
// ---------------------------------------------------------------------------

/// Sizes for whole layers, small enough that no count overflows.
#[derive(Clone, Debug)]
struct ConvCase {
    spatial: Vec<u64>,
    channels: u64,
    filters: u64,
    kernel: Vec<u64>,
    stride: Vec<u64>,
    dilation: Vec<u64>,
    pad: Pad,
    groups: u64,
    bias: bool,
    multiplier: u64,
}

fn conv_case(max_axes: usize) -> impl Strategy<Value = ConvCase> {
    (1..=max_axes).prop_flat_map(|axes| {
        (
            proptest::collection::vec(small(40), axes),
            small(12),
            small(12),
            proptest::collection::vec(small(7), axes),
            proptest::collection::vec(small(4), axes),
            proptest::collection::vec(small(3), axes),
            prop_oneof![
                Just(Pad::Valid),
                Just(Pad::Same),
                (0u64..=3).prop_map(Pad::Explicit)
            ],
            small(4),
            any::<bool>(),
            small(3),
        )
            .prop_map(
                |(
                    spatial,
                    channels,
                    filters,
                    kernel,
                    stride,
                    dilation,
                    pad,
                    groups,
                    bias,
                    multiplier,
                )| {
                    ConvCase {
                        spatial,
                        channels,
                        filters,
                        kernel,
                        stride,
                        dilation,
                        pad,
                        groups,
                        bias,
                        multiplier,
                    }
                },
            )
    })
}

impl ConvCase {
    fn input(&self) -> Shape {
        let mut dims = self.spatial.clone();
        dims.push(self.channels);
        Shape::new(dims)
    }

    fn padding(&self) -> Padding {
        match self.pad {
            Pad::Valid => Padding::Valid,
            Pad::Same => Padding::Same,
            Pad::Explicit(p) => Padding::Explicit(Dims::All(p)),
        }
    }

    fn args(&self, output_padding: Option<Dims>) -> ConvArgs {
        ConvArgs {
            filters: self.filters,
            kernel: Dims::PerAxis(self.kernel.clone()),
            stride: Dims::PerAxis(self.stride.clone()),
            dilation: Dims::PerAxis(self.dilation.clone()),
            padding: self.padding(),
            groups: self.groups,
            bias: self.bias,
            multiplier: self.multiplier,
            output_padding,
            activation: None,
        }
    }

    /// Computes the reference output size on every spatial axis, or `None` when one is below 1.
    fn window_sizes(&self) -> Option<Vec<u64>> {
        let mut sizes = Vec::new();
        for axis in 0..self.spatial.len() {
            let out = reference_window(
                self.spatial[axis],
                self.kernel[axis],
                self.stride[axis],
                self.dilation[axis],
                self.pad,
                false,
            )?;
            sizes.push(u64::try_from(out).ok()?);
        }
        Some(sizes)
    }

    fn kernel_product(&self) -> i128 {
        self.kernel.iter().map(|k| *k as i128).product()
    }

    fn bias_count(&self, count: u64) -> i128 {
        if self.bias {
            count as i128
        } else {
            0
        }
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn conv_layer_matches_keras(case in conv_case(3)) {
        let op = Op::Conv(ConvKind::Standard, case.args(None));
        let result = layer::apply(&op, &[case.input()]);
        let divisible = case.channels % case.groups == 0 && case.filters % case.groups == 0;
        match (case.window_sizes(), divisible) {
            (Some(mut dims), true) => {
                let computed = result.expect("a valid convolution failed");
                dims.push(case.filters);
                prop_assert_eq!(computed.output_shape.dims(), dims.as_slice());
                // Keras: prod(k) · C_in / groups · F + F.
                let params = case.kernel_product() * (case.channels / case.groups) as i128
                    * case.filters as i128
                    + case.bias_count(case.filters);
                prop_assert_eq!(computed.params as i128, params);
                prop_assert_eq!(computed.trainable_params, computed.params);
            }
            _ => prop_assert!(result.is_err()),
        }
    }

    #[test]
    fn depthwise_layer_matches_keras(case in conv_case(2)) {
        let op = Op::Conv(ConvKind::Depthwise, case.args(None));
        let result = layer::apply(&op, &[case.input()]);
        match case.window_sizes() {
            Some(mut dims) => {
                let computed = result.expect("a valid depthwise convolution failed");
                let out_channels = case.channels * case.multiplier;
                dims.push(out_channels);
                prop_assert_eq!(computed.output_shape.dims(), dims.as_slice());
                // Keras: prod(k) · C · m + C · m.
                let params = case.kernel_product() * out_channels as i128
                    + case.bias_count(out_channels);
                prop_assert_eq!(computed.params as i128, params);
            }
            None => prop_assert!(result.is_err()),
        }
    }

    #[test]
    fn separable_layer_matches_keras(case in conv_case(2)) {
        let op = Op::Conv(ConvKind::Separable, case.args(None));
        let result = layer::apply(&op, &[case.input()]);
        match case.window_sizes() {
            Some(mut dims) => {
                let computed = result.expect("a valid separable convolution failed");
                dims.push(case.filters);
                prop_assert_eq!(computed.output_shape.dims(), dims.as_slice());
                // Keras: prod(k) · C · m + C · m · F + F.
                let middle = (case.channels * case.multiplier) as i128;
                let params = case.kernel_product() * middle
                    + middle * case.filters as i128
                    + case.bias_count(case.filters);
                prop_assert_eq!(computed.params as i128, params);
            }
            None => prop_assert!(result.is_err()),
        }
    }

    #[test]
    fn transposed_layer_matches_keras(
        case in conv_case(3),
        same in any::<bool>(),
        extra in proptest::option::of(0u64..4),
    ) {
        let extra = extra.map(|e| e % case.stride[0]);
        let output_padding = extra.map(Dims::All);
        let mut args = case.args(output_padding);
        args.padding = if same { Padding::Same } else { Padding::Valid };
        let result = layer::apply(&Op::Conv(ConvKind::Transposed, args), &[case.input()]);
        // output_padding is given once for every axis, so it must be below every stride.
        let extra_fits = extra.is_none_or(|e| case.stride.iter().all(|s| e < *s));
        let mut dims = Vec::new();
        for axis in 0..case.spatial.len() {
            let out = reference_transposed(
                case.spatial[axis],
                case.kernel[axis],
                case.stride[axis],
                case.dilation[axis],
                same,
                extra,
            );
            match out {
                Some(out) => dims.push(out as u64),
                None => break,
            }
        }
        if !extra_fits || dims.len() < case.spatial.len() {
            prop_assert!(result.is_err());
        } else {
            let computed = result.expect("a valid transposed convolution failed");
            dims.push(case.filters);
            prop_assert_eq!(computed.output_shape.dims(), dims.as_slice());
            // Keras: prod(k) · F · C_in + F.
            let params = case.kernel_product() * case.filters as i128 * case.channels as i128
                + case.bias_count(case.filters);
            prop_assert_eq!(computed.params as i128, params);
        }
    }

    #[test]
    fn pool_layer_matches_keras(
        case in conv_case(3),
        max in any::<bool>(),
        default_stride in any::<bool>(),
        ceil in any::<bool>(),
    ) {
        let stride = if default_stride { case.kernel.clone() } else { case.stride.clone() };
        let ceil = ceil && !matches!(case.pad, Pad::Same);
        let args = PoolArgs {
            max,
            size: Dims::PerAxis(case.kernel.clone()),
            stride: (!default_stride).then(|| Dims::PerAxis(case.stride.clone())),
            padding: case.padding(),
            ceil,
        };
        let result = layer::apply(&Op::Pool(args), &[case.input()]);
        let pad_fits = match case.pad {
            Pad::Explicit(p) => case.kernel.iter().all(|k| p <= k / 2),
            _ => true,
        };
        let mut dims = Vec::new();
        for ((n, k), s) in case.spatial.iter().zip(&case.kernel).zip(&stride) {
            match reference_window(*n, *k, *s, 1, case.pad, ceil) {
                Some(out) => dims.push(out as u64),
                None => break,
            }
        }
        if !pad_fits || dims.len() < case.spatial.len() {
            prop_assert!(result.is_err());
        } else {
            let computed = result.expect("a valid pooling failed");
            dims.push(case.channels);
            prop_assert_eq!(computed.output_shape.dims(), dims.as_slice());
            prop_assert_eq!(computed.params, 0);
        }
    }

    #[test]
    fn dense_params_match_keras(inputs in size(), units in size(), bias in any::<bool>()) {
        let op = Op::Dense { units, bias, activation: None };
        let result = layer::apply(&op, &[Shape::new(vec![inputs])]);
        // Keras: in · u + u.
        let weights = inputs as u128 * units as u128;
        let params = weights.checked_add(if bias { units as u128 } else { 0 });
        match params.map(u64::try_from) {
            Some(Ok(params)) => {
                let computed = result.expect("a dense layer that fits failed");
                prop_assert_eq!(computed.params, params);
                prop_assert_eq!(computed.output_shape.dims(), &[units]);
            }
            _ => prop_assert!(result.is_err()),
        }
    }

    #[test]
    fn batchnorm_params_match_keras(
        channels in size(), scale in any::<bool>(), center in any::<bool>(),
    ) {
        let op = Op::BatchNorm { scale, center };
        let result = layer::apply(&op, &[Shape::new(vec![3, channels])]);
        // Keras: gamma and beta are trainable when present, but the moving
        // mean and variance are not.
        let c = channels as i128;
        let trainable = c * (i128::from(scale) + i128::from(center));
        let total = trainable + 2 * c;
        match (u64::try_from(total), u64::try_from(3 * c)) {
            (Ok(total), Ok(_)) => {
                let computed = result.expect("a batchnorm that fits failed");
                prop_assert_eq!(computed.params, total);
                prop_assert_eq!(computed.trainable_params as i128, trainable);
            }
            _ => prop_assert!(result.is_err()),
        }
    }
}

#[test]
fn reference_matches_worked_examples() {
    // PyTorch's ceil mode: 9 → avgpool(4, stride = 4, pad = 2, ceil) gives 3,
    // because a fourth window would start at 12, inside the right padding.
    assert_eq!(
        reference_window(9, 4, 4, 1, Pad::Explicit(2), true),
        Some(3)
    );
    // A 5×5 valid kernel on 28: 28 - 5 + 1 = 24.
    assert_eq!(reference_window(28, 5, 1, 1, Pad::Valid, false), Some(24));
    // Kernel 3, stride 2 on 4: valid (4 - 1)·2 + 3 = 9, same 4·2 = 8.
    assert_eq!(reference_transposed(4, 3, 2, 1, false, None), Some(9));
    assert_eq!(reference_transposed(4, 3, 2, 1, true, None), Some(8));
}

// ---------------------------------------------------------------------------
// Random valid networks
// ---------------------------------------------------------------------------

/// One random choice of the network writer: what to add and three numbers to draw arguments from.
type Choice = (u8, u16, u16, u16);

/// A network body written from random choices, with the output shape it must have.
#[derive(Clone, Debug)]
struct Written {
    statements: Vec<String>,
    shape: Vec<u64>,
}

impl Written {
    fn source(&self) -> String {
        self.statements.join(";\n")
    }
}

/// Writes a body that must check, tracking the exact shape with the reference formulas.
struct NetworkWriter {
    statements: Vec<String>,
    chain: Vec<String>,
    shape: Vec<u64>,
    names: usize,
}

impl NetworkWriter {
    fn axes(&self) -> usize {
        self.shape.len() - 1
    }

    fn channels(&self) -> u64 {
        *self.shape.last().unwrap()
    }

    fn smallest_spatial(&self) -> u64 {
        self.shape[..self.axes()].iter().copied().min().unwrap()
    }

    fn largest_spatial(&self) -> u64 {
        self.shape[..self.axes()].iter().copied().max().unwrap()
    }

    fn push(&mut self, step: String) {
        self.chain.push(step);
    }

    fn set_spatial(&mut self, sizes: Vec<u64>, channels: u64) {
        self.shape = sizes;
        self.shape.push(channels);
    }

    fn windows(&self, k: u64, s: u64, d: u64, pad: Pad) -> Vec<u64> {
        self.shape[..self.axes()]
            .iter()
            .map(|n| reference_window(*n, k, s, d, pad, false).unwrap() as u64)
            .collect()
    }

    /// Chooses a padding that keeps a window of span `span` inside every padded axis.
    fn pad_choice(&self, c: u16, span: u64) -> (Pad, String) {
        match c % 3 {
            0 => (Pad::Same, ", same".into()),
            1 if span <= self.smallest_spatial() => (Pad::Valid, String::new()),
            2 => {
                let p = (span / 2).min(u64::from(c % 4));
                let p = if span > self.smallest_spatial() + 2 * p {
                    span / 2 + 1
                } else {
                    p
                };
                (Pad::Explicit(p), format!(", pad = {p}"))
            }
            _ => (Pad::Same, ", same".into()),
        }
    }

    fn spatial(&mut self, (selector, a, b, c): Choice) {
        let axes = self.axes();
        match selector % 16 {
            0..=2 => {
                let filters = u64::from(a % 8) + 1;
                let d = u64::from(c / 8 % 2) + 1;
                let k = u64::from(b % 5) + 1;
                let s = u64::from(c / 16 % 3) + 1;
                let (pad, text) = self.pad_choice(c, d * (k - 1) + 1);
                let sizes = self.windows(k, s, d, pad);
                let keyword = if axes <= 2 && c % 5 == 0 {
                    "sepconv"
                } else {
                    "conv"
                };
                self.push(format!(
                    "{keyword}({filters}, {k}, stride = {s}, dilation = {d}{text})"
                ));
                self.set_spatial(sizes, filters);
            }
            3 if axes <= 2 => {
                let k = u64::from(b % 3) + 1;
                let m = u64::from(a % 2) + 1;
                let (pad, text) = self.pad_choice(c, k);
                let sizes = self.windows(k, 1, 1, pad);
                let channels = self.channels() * m;
                self.push(format!("dwconv({k}, multiplier = {m}{text})"));
                self.set_spatial(sizes, channels);
            }
            4 if self.largest_spatial() <= 16 => {
                let filters = u64::from(a % 8) + 1;
                let k = u64::from(b % 4) + 1;
                let s = u64::from(c % 3) + 1;
                let same = c / 4 % 2 == 0;
                let extra = u64::from(c / 8) % s;
                let (text, extra) = if c / 16 % 2 == 0 {
                    (format!(", output_padding = {extra}"), Some(extra))
                } else {
                    (String::new(), None)
                };
                let sizes: Option<Vec<u64>> = self.shape[..axes]
                    .iter()
                    .map(|n| reference_transposed(*n, k, s, 1, same, extra).map(|v| v as u64))
                    .collect();
                // `same` with output_padding can shrink a size below 1, which is an error.
                let Some(sizes) = sizes else {
                    self.shape_keeping(a);
                    return;
                };
                let padding = if same { "same" } else { "valid" };
                self.push(format!(
                    "deconv({filters}, {k}, stride = {s}, {padding}{text})"
                ));
                self.set_spatial(sizes, filters);
            }
            5 | 6 => {
                let k = (u64::from(b % 3) + 1).min(self.smallest_spatial());
                let s = u64::from(c % 3) + 1;
                let keyword = ["pool", "maxpool", "avgpool"][usize::from(a % 3)];
                let (pad, text) = match c / 4 % 3 {
                    0 => (Pad::Same, ", same".to_string()),
                    1 => (Pad::Valid, String::new()),
                    _ => (Pad::Explicit(k / 2), format!(", pad = {}", k / 2)),
                };
                let ceil = !matches!(pad, Pad::Same) && c / 16 % 2 == 0;
                let sizes: Vec<u64> = self.shape[..axes]
                    .iter()
                    .map(|n| reference_window(*n, k, s, 1, pad, ceil).unwrap() as u64)
                    .collect();
                let ceil_text = if ceil { ", ceil" } else { "" };
                self.push(format!("{keyword}({k}, stride = {s}{text}{ceil_text})"));
                let channels = self.channels();
                self.set_spatial(sizes, channels);
            }
            7 => {
                let p = u64::from(b % 3);
                let sizes = self.shape[..axes].iter().map(|n| n + 2 * p).collect();
                self.push(format!("zeropad({p})"));
                let channels = self.channels();
                self.set_spatial(sizes, channels);
            }
            8 if self.smallest_spatial() > 2 => {
                self.push("crop(1)".into());
                let sizes = self.shape[..axes].iter().map(|n| n - 2).collect();
                let channels = self.channels();
                self.set_spatial(sizes, channels);
            }
            9 if self.largest_spatial() <= 16 => {
                let f = u64::from(b % 2) + 2;
                let sizes = self.shape[..axes].iter().map(|n| n * f).collect();
                self.push(format!("upsample({f})"));
                let channels = self.channels();
                self.set_spatial(sizes, channels);
            }
            10 => {
                self.push(["global_avg_pool", "global_max_pool"][usize::from(a % 2)].into());
                self.shape = vec![self.channels()];
            }
            11 => {
                let elements = self.shape.iter().product();
                self.push("flatten".into());
                self.shape = vec![elements];
            }
            12 => self.inception(a, b),
            13 => self.residual(a, b),
            _ => self.shape_keeping(a),
        }
    }

    fn flat(&mut self, (selector, a, b, c): Choice) {
        match selector % 8 {
            0..=2 => {
                let units = u64::from(a % 32) + 1;
                let bias = if b % 4 == 0 { ", bias = false" } else { "" };
                let activation = if c % 3 == 0 {
                    ", activation = relu"
                } else {
                    ""
                };
                self.push(format!("dense({units}{bias}{activation})"));
                self.shape = vec![units];
            }
            3 if self.shape[0] <= 4096 => {
                self.push("reshape(-1, 1)".into());
                self.shape.push(1);
            }
            4 => self.residual(a, b),
            _ => self.shape_keeping(a),
        }
    }

    fn shape_keeping(&mut self, a: u16) {
        let step = match a % 7 {
            0 => "relu".to_string(),
            1 => "batchnorm".to_string(),
            2 => "layernorm(scale = false)".to_string(),
            3 => "dropout(0.25)".to_string(),
            4 => "leaky_relu(0.1)".to_string(),
            5 => "relu(max = 6)".to_string(),
            _ => ["sigmoid", "tanh", "softmax", "gelu", "elu", "selu", "swish"]
                [usize::from(a / 7 % 7)]
            .to_string(),
        };
        self.push(step);
    }

    fn fresh(&mut self, prefix: &str) -> String {
        self.names += 1;
        format!("{prefix}{}", self.names)
    }

    /// Names the last step, keeps the shape for a few steps, then merges the name back in.
    fn residual(&mut self, a: u16, b: u16) {
        let name = self.fresh("res");
        let last = self.chain.pop().unwrap();
        self.chain.push(format!("{last} as {name}"));
        for i in 0..=(b % 3) {
            self.shape_keeping(a.wrapping_add(i));
        }
        let merge = if a % 2 == 0 { "add" } else { "multiply" };
        self.push(format!("{merge}({name})"));
    }

    /// Splits into 2 or 3 `same` convolutions and concatenates their channels.
    fn inception(&mut self, a: u16, b: u16) {
        let source = self.fresh("x");
        let last = self.chain.pop().unwrap();
        self.chain.push(format!("{last} as {source}"));
        self.end_statement();
        let mut branches = Vec::new();
        let mut channels = 0;
        for i in 0..(2 + b % 2) {
            let branch = self.fresh("branch");
            let filters = u64::from((a + i) % 6) + 1;
            let k = u64::from((b + i) % 3) * 2 + 1;
            self.chain.push(source.clone());
            self.chain
                .push(format!("conv({filters}, {k}, same) as {branch}"));
            self.end_statement();
            branches.push(branch);
            channels += filters;
        }
        self.push(format!("concat({})", branches.join(", ")));
        *self.shape.last_mut().unwrap() = channels;
    }

    fn end_statement(&mut self) {
        let chain = std::mem::take(&mut self.chain);
        self.statements.push(chain.join(" => "));
    }
}

/// Writes a valid network from an input shape and a list of choices.
fn write_network(input: Vec<u64>, choices: &[Choice]) -> Written {
    let mut writer = NetworkWriter {
        statements: Vec::new(),
        chain: Vec::new(),
        shape: input.clone(),
        names: 0,
    };
    let dims: Vec<String> = input.iter().map(u64::to_string).collect();
    writer.push(format!("input({})", dims.join(", ")));
    for choice in choices {
        if writer.shape.len() == 1 {
            writer.flat(*choice);
        } else {
            writer.spatial(*choice);
        }
    }
    writer.end_statement();
    Written {
        statements: writer.statements,
        shape: writer.shape,
    }
}

fn valid_network() -> impl Strategy<Value = Written> {
    (
        proptest::collection::vec(1u64..=24, 1..=4),
        proptest::collection::vec(any::<Choice>(), 0..14),
    )
        .prop_map(|(input, choices)| write_network(input, &choices))
}

/// Checks that braces balance outside quoted strings and that every string is closed.
fn dot_is_balanced(dot: &str) -> bool {
    let mut depth = 0i64;
    let mut in_string = false;
    let mut escaped = false;
    for ch in dot.chars() {
        if in_string {
            match (escaped, ch) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match ch {
            '"' => in_string = true,
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return false;
        }
    }
    depth == 0 && !in_string
}

fn check_exports(network: &Network) -> Result<(), TestCaseError> {
    let summary = network.summary();
    for layer in &network.layers {
        prop_assert!(
            summary.contains(&layer.name),
            "summary lacks {}",
            layer.name
        );
    }
    let total = format!("Total params: {}", group(network.total_params()));
    prop_assert!(summary.contains(&total), "summary lacks `{}`", total);

    let json: serde_json::Value =
        serde_json::from_str(&network.to_json()).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(json["total_params"].as_u64(), Some(network.total_params()));
    let layers = json["layers"].as_array().expect("layers is an array");
    prop_assert_eq!(layers.len(), network.layers.len());
    for (value, layer) in layers.iter().zip(&network.layers) {
        prop_assert_eq!(value["name"].as_str(), Some(layer.name.as_str()));
        let shape: Vec<u64> = value["output_shape"]
            .as_array()
            .expect("output_shape is an array")
            .iter()
            .map(|d| d.as_u64().expect("a dimension is an integer"))
            .collect();
        prop_assert_eq!(shape.as_slice(), layer.output_shape.dims());
    }

    let dot = network.to_dot();
    prop_assert!(dot_is_balanced(&dot), "unbalanced DOT:\n{}", dot);
    prop_assert_eq!(dot.matches(" -> ").count(), network.edges().len());

    let decoded = codec::decode(&codec::encode(network));
    prop_assert_eq!(decoded.as_ref(), Some(network));
    Ok(())
}

fn group(value: u64) -> String {
    netviz_core::shape::group_thousands(value)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn valid_networks_check_and_export(written in valid_network()) {
        let source = written.source();
        let network = match build_str(&source) {
            Ok(network) => network,
            Err(errors) => {
                let messages: Vec<String> = errors.into_iter().map(|e| e.message).collect();
                return Err(TestCaseError::fail(format!("{source}\n{}", messages.join("\n"))));
            }
        };
        prop_assert_eq!(network.output_shape().dims(), written.shape.as_slice(), "{}", source);
        check_exports(&network)?;
    }
}

// ---------------------------------------------------------------------------
// Random invalid networks
// ---------------------------------------------------------------------------

/// A way to break a valid network.
#[derive(Clone, Debug)]
enum Mutation {
    /// An input dimension of 0.
    ZeroInput,
    /// A layer with a size argument of 0, inserted after step `at`.
    ZeroArgument { at: usize, which: u8 },
    /// A kernel larger than every spatial axis, or a convolution on a flat input.
    TooLargeKernel,
    /// `dense` straight after a layer with spatial axes, without `flatten`.
    MissingFlatten,
    /// A word that is no layer, inserted after step `at`.
    UnknownLayer { at: usize, word: String },
    /// A step giving one argument twice, inserted after step `at`.
    RepeatedArgument { at: usize, which: u8 },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        Just(Mutation::ZeroInput),
        (any::<usize>(), any::<u8>()).prop_map(|(at, which)| Mutation::ZeroArgument { at, which }),
        Just(Mutation::TooLargeKernel),
        Just(Mutation::MissingFlatten),
        (any::<usize>(), "[a-z][a-z_]{0,11}")
            .prop_filter("must not be a layer", |(_, word)| !is_keyword(word))
            .prop_map(|(at, word)| Mutation::UnknownLayer { at, word }),
        (any::<usize>(), any::<u8>())
            .prop_map(|(at, which)| Mutation::RepeatedArgument { at, which }),
    ]
}

/// Inserts `step` after the `at`-th step of the last statement, counting modulo its length.
fn insert_step(written: &Written, at: usize, step: &str) -> String {
    let mut statements = written.statements.clone();
    let last = statements.last_mut().unwrap();
    let mut steps: Vec<String> = last.split(" => ").map(str::to_string).collect();
    let at = at % steps.len() + 1;
    steps.insert(at, step.to_string());
    *last = steps.join(" => ");
    statements.join(";\n")
}

fn mutate(written: &Written, mutation: &Mutation) -> String {
    let source = written.source();
    match mutation {
        Mutation::ZeroInput => source.replacen("input(", "input(0, ", 1),
        Mutation::ZeroArgument { at, which } => {
            let step = [
                "conv(0, 3)",
                "conv(4, 0)",
                "dense(0)",
                "maxpool(0)",
                "upsample(0)",
                "conv(4, 3, stride = 0)",
                "deconv(4, 3, dilation = 0)",
                "dwconv(3, multiplier = 0)",
                "reshape(0)",
            ][usize::from(*which) % 9];
            insert_step(written, *at, step)
        }
        Mutation::TooLargeKernel => {
            let step = if written.shape.len() == 1 {
                "conv(4, 3)".to_string()
            } else {
                let largest = written.shape[..written.shape.len() - 1]
                    .iter()
                    .max()
                    .unwrap();
                format!("conv(4, {})", largest + 1)
            };
            format!("{source} => {step}")
        }
        Mutation::MissingFlatten => {
            if written.shape.len() == 1 {
                format!("{source} => reshape(-1, 1) => dense(10)")
            } else {
                format!("{source} => dense(10)")
            }
        }
        Mutation::UnknownLayer { at, word } => insert_step(written, *at, word),
        Mutation::RepeatedArgument { at, which } => {
            let step = [
                "dense(3, bias = false, bias = true)",
                "conv(4, 1, stride = 1, stride = 1)",
                "dropout(0.5, rate = 0.5)",
                "maxpool(2, same, same)",
                "batchnorm(scale = false, scale = true)",
                "conv(4, 1, same, valid)",
                "concat(a, b, axis = 1, axis = 2)",
            ][usize::from(*which) % 7];
            insert_step(written, *at, step)
        }
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn invalid_networks_report_errors(written in valid_network(), mutation in mutation()) {
        let source = mutate(&written, &mutation);
        match build_str(&source) {
            Ok(network) => {
                return Err(TestCaseError::fail(format!(
                    "{mutation:?} checked, output {}:\n{source}",
                    network.output_shape()
                )));
            }
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                for error in &errors {
                    prop_assert!(!error.message.is_empty(), "an empty message for\n{}", source);
                }
            }
        }
    }
}
