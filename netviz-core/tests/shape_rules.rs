//! Shape, parameter and MAC rules of every layer, checked against Keras 3's
//! formulas worked out by hand. Each expected number has its arithmetic beside it.
//!
//! Most cases go through `dsl::build_str`, the same parser and checker the
//! `network!` macro runs, so they also cover argument binding. The window
//! helpers are tested directly as well.

use netviz_core::dsl::build_str;
use netviz_core::layer::{self, transposed_output, window_output, Op};
use netviz_core::{Layer, LayerKind, Network, Shape};

/// Builds a network, failing the test with every diagnostic when it does not check.
fn build(source: &str) -> Network {
    match build_str(source) {
        Ok(network) => network,
        Err(errors) => {
            let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
            panic!("`{source}` should check, but failed with {messages:#?}")
        }
    }
}

/// Builds a network and returns its last layer.
fn last(source: &str) -> Layer {
    build(source).layers.pop().expect("a network has layers")
}

/// Builds a network and returns its output shape.
fn output(source: &str) -> Vec<u64> {
    last(source).output_shape.0
}

/// Returns every error message for a source that must not check.
fn errors(source: &str) -> Vec<String> {
    match build_str(source) {
        Ok(network) => panic!(
            "`{source}` should fail, but checked with output {}",
            network.output_shape()
        ),
        Err(errors) => errors.into_iter().map(|e| e.message).collect(),
    }
}

/// Returns the message of a source that must fail with exactly one error.
fn error(source: &str) -> String {
    let mut all = errors(source);
    assert_eq!(all.len(), 1, "`{source}` should give one error: {all:#?}");
    all.remove(0)
}

fn assert_contains(message: &str, part: &str) {
    assert!(
        message.contains(part),
        "expected the message to contain {part:?}, but it is:\n{message}"
    );
}

// ---------------------------------------------------------------------------
// The window helpers on their own.
// ---------------------------------------------------------------------------

#[test]
fn window_output_same_padding() {
    // ceil(28 / 2) = 14, whatever the kernel.
    assert_eq!(window_output(28, 2, 2, 1, None, true, false), Ok(14));
    // ceil(7 / 2) = 4.
    assert_eq!(window_output(7, 3, 2, 1, None, true, false), Ok(4));
    // ceil(35 / 1) = 35.
    assert_eq!(window_output(35, 3, 1, 1, None, true, false), Ok(35));
}

#[test]
fn window_output_valid_floors() {
    // floor((7 - 3) / 2) + 1 = 2 + 1 = 3.
    assert_eq!(window_output(7, 3, 2, 1, None, false, false), Ok(3));
    // floor((28 - 5) / 1) + 1 = 24.
    assert_eq!(window_output(28, 5, 1, 1, None, false, false), Ok(24));
    // A kernel equal to the input leaves one position: (5 - 5) / 1 + 1 = 1.
    assert_eq!(window_output(5, 5, 1, 1, None, false, false), Ok(1));
}

#[test]
fn window_output_dilation() {
    // Span d(k-1)+1 = 2·2+1 = 5; floor((9 - 5) / 1) + 1 = 5.
    assert_eq!(window_output(9, 3, 1, 2, None, false, false), Ok(5));
    // Span 3·2+1 = 7; floor((136 - 7) / 2) + 1 = 64 + 1 = 65.
    assert_eq!(window_output(136, 3, 2, 3, None, false, false), Ok(65));
}

#[test]
fn window_output_explicit_padding() {
    // floor((32 + 2·1 - 3) / 1) + 1 = 32.
    assert_eq!(window_output(32, 3, 1, 1, Some(1), false, false), Ok(32));
    // floor((112 + 2·1 - 3) / 2) + 1 = 55 + 1 = 56 (ResNet's stem max pool).
    assert_eq!(window_output(112, 3, 2, 1, Some(1), false, false), Ok(56));
}

#[test]
fn window_output_ceil_mode() {
    // 9 + 2·2 = 13 padded; ceil((13 - 4) / 4) + 1 = 4, but window 4 would start
    // at 3·4 = 12 ≥ 9 + 2 (inside the right padding), so PyTorch drops it: 3.
    assert_eq!(window_output(9, 4, 4, 1, Some(2), false, true), Ok(3));
    // ceil((32 - 1) / 2) + 1 = 17, but window 17 would start at 16·2 = 32 ≥ 32: 16.
    assert_eq!(window_output(32, 1, 2, 1, None, false, true), Ok(16));
    // ceil((7 - 2) / 2) + 1 = 4; the last window starts at 3·2 = 6 < 7 and stays.
    assert_eq!(window_output(7, 2, 2, 1, None, false, true), Ok(4));
    // Floor mode on the same input: floor(5 / 2) + 1 = 3.
    assert_eq!(window_output(7, 2, 2, 1, None, false, false), Ok(3));
}

#[test]
fn window_output_rejects_window_larger_than_input() {
    let message = window_output(5, 6, 1, 1, None, false, false).unwrap_err();
    assert_contains(&message, "6");
    assert_contains(&message, "5");
    // Dilation 2 makes a 3-wide kernel span 5, larger than 4.
    assert!(window_output(4, 3, 1, 2, None, false, false).is_err());
    // Padding counts: 2 + 2·1 = 4 < 5.
    let message = window_output(2, 5, 1, 1, Some(1), false, false).unwrap_err();
    assert_contains(&message, "padded input size 4");
}

#[test]
fn window_output_overflow_is_an_error() {
    // n + 2p exceeds u64::MAX, but the output (n + 2 - 3) / 1 + 1 = n fits.
    assert_eq!(
        window_output(u64::MAX, 3, 1, 1, Some(1), false, false),
        Ok(u64::MAX)
    );
    assert!(window_output(4, u64::MAX, 1, 2, None, false, false).is_err());
    // An output above u64::MAX is an error: (n + 2·1 - 1) / 1 + 1 = n + 2.
    assert!(window_output(u64::MAX, 1, 1, 1, Some(1), false, false).is_err());
}

#[test]
fn transposed_output_rules() {
    // valid: (36 - 1)·2 + max(3, 2) = 70 + 3 = 73.
    assert_eq!(transposed_output(36, 3, 2, 1, false, None), Ok(73));
    // valid with the stride above the kernel: (4 - 1)·3 + max(2, 3) = 9 + 3 = 12.
    assert_eq!(transposed_output(4, 2, 3, 1, false, None), Ok(12));
    // same: 7·2 = 14.
    assert_eq!(transposed_output(7, 3, 2, 1, true, None), Ok(14));
    // valid with dilation 2: span 2·2+1 = 5; (10 - 1)·1 + max(5, 1) = 14.
    assert_eq!(transposed_output(10, 3, 1, 2, false, None), Ok(14));
    // Keras's deconv_output_length with output_padding, same: pad = k // 2 = 1;
    // (7 - 1)·2 + 3 - 2·1 + 1 = 14.
    assert_eq!(transposed_output(7, 3, 2, 1, true, Some(1)), Ok(14));
    // same, even kernel: pad = 4 // 2 = 2; (7 - 1)·2 + 4 - 4 + 1 = 13.
    assert_eq!(transposed_output(7, 4, 2, 1, true, Some(1)), Ok(13));
    // valid: pad 0; (7 - 1)·2 + 3 + 1 = 16.
    assert_eq!(transposed_output(7, 3, 2, 1, false, Some(1)), Ok(16));
    // Overflow is an error: u64::MAX · 2.
    assert!(transposed_output(u64::MAX, 3, 2, 1, true, None).is_err());
}

// ---------------------------------------------------------------------------
// Convolution.
// ---------------------------------------------------------------------------

#[test]
fn conv2d_same_and_valid() {
    // same: 28×28 kept; params 5·5·1·20 + 20 = 520.
    let layer = last("input(28, 28, 1) => conv(20, 5, same)");
    assert_eq!(layer.output_shape.0, [28, 28, 20]);
    assert_eq!(layer.params, 520);
    assert_eq!(layer.trainable_params, 520);
    assert_eq!(layer.op, "conv2d");
    assert_eq!(layer.class_name, "Conv2D");
    assert_eq!(layer.kind, LayerKind::Convolution);
    // valid is the default: 28 - 5 + 1 = 24.
    assert_eq!(output("input(28, 28, 1) => conv(20, 5)"), [24, 24, 20]);
    assert_eq!(
        output("input(28, 28, 1) => conv(20, 5, valid)"),
        [24, 24, 20]
    );
}

#[test]
fn conv_same_with_stride() {
    // ceil(28 / 2) = 14.
    assert_eq!(
        output("input(28, 28, 3) => conv(8, 2, stride = 2, same)"),
        [14, 14, 8]
    );
    // ceil(7 / 2) = 4 with same; floor((7 - 3) / 2) + 1 = 3 with valid.
    assert_eq!(
        output("input(7, 7, 3) => conv(8, 3, stride = 2, same)"),
        [4, 4, 8]
    );
    assert_eq!(
        output("input(7, 7, 3) => conv(8, 3, stride = 2)"),
        [3, 3, 8]
    );
}

#[test]
fn conv_dilation() {
    // 9 - 2·(3-1) - 1 = 4; 4 / 1 + 1 = 5.
    assert_eq!(
        output("input(9, 9, 1) => conv(4, 3, dilation = 2)"),
        [5, 5, 4]
    );
    // (136 - 3·2 - 1) / 2 + 1 = 129 / 2 + 1 = 64 + 1 = 65.
    assert_eq!(
        output("input(136, 136, 1) => conv(4, 3, dilation = 3, stride = 2)"),
        [65, 65, 4]
    );
    // Dilation does not change the parameters: 3·3·1·4 + 4 = 40.
    assert_eq!(
        last("input(9, 9, 1) => conv(4, 3, dilation = 2)").params,
        40
    );
}

#[test]
fn conv_explicit_padding() {
    // (32 + 2 - 3) / 1 + 1 = 32.
    assert_eq!(
        output("input(32, 32, 3) => conv(16, 3, pad = 1)"),
        [32, 32, 16]
    );
    // (32 + 2 - 3) / 2 + 1 = 15 + 1 = 16.
    assert_eq!(
        output("input(32, 32, 3) => conv(16, 3, pad = 1, stride = 2)"),
        [16, 16, 16]
    );
    // Per axis: (10 - 3) + 1 = 8 and (10 + 4 - 3) + 1 = 12.
    assert_eq!(
        output("input(10, 10, 1) => conv(4, 3, pad = (0, 2))"),
        [8, 12, 4]
    );
}

#[test]
fn conv_tuple_kernel_and_stride() {
    // InceptionV3's 1×7 convolution on 17×17×768: same keeps 17×17;
    // params 1·7·768·192 + 192 = 1,032,192 + 192 = 1,032,384.
    let layer = last("input(17, 17, 768) => conv(192, (1, 7), same)");
    assert_eq!(layer.output_shape.0, [17, 17, 192]);
    assert_eq!(layer.params, 1_032_384);
    // valid with kernel (3, 1), stride (2, 1): (9 - 3) / 2 + 1 = 4 and (9 - 1) / 1 + 1 = 9.
    assert_eq!(
        output("input(9, 9, 2) => conv(2, (3, 1), stride = (2, 1))"),
        [4, 9, 2]
    );
}

#[test]
fn conv_groups() {
    // 3·3·(32/4)·64 + 64 = 4,608 + 64 = 4,672; (8 - 3) + 1 = 6.
    let layer = last("input(8, 8, 32) => conv(64, 3, groups = 4)");
    assert_eq!(layer.output_shape.0, [6, 6, 64]);
    assert_eq!(layer.params, 4_672);
    // 30 channels do not split into 4 groups.
    let message = error("input(8, 8, 30) => conv(64, 3, groups = 4)");
    assert_contains(&message, "groups = 4");
    assert_contains(&message, "30");
}

#[test]
fn conv_without_bias() {
    // 5·5·1·20 = 500, no bias.
    assert_eq!(
        last("input(28, 28, 1) => conv(20, 5, bias = false)").params,
        500
    );
    // bias = true is the default: 500 + 20.
    assert_eq!(
        last("input(28, 28, 1) => conv(20, 5, bias = true)").params,
        520
    );
}

#[test]
fn conv_fused_activation() {
    let network = build("input(28, 28, 1) => conv(20, 5, activation = relu)");
    // The activation is part of the convolution, not a layer of its own.
    assert_eq!(network.layers.len(), 2);
    let layer = &network.layers[1];
    assert_eq!(layer.activation.as_deref(), Some("relu"));
    assert_eq!(layer.params, 520);
    // `linear` is Keras's name for no activation.
    let plain = last("input(28, 28, 1) => conv(20, 5, activation = linear)");
    assert_eq!(plain.activation, None);
}

#[test]
fn conv1d_from_rank_two_input() {
    // (400 - 3) + 1 = 398; params 3·50·250 + 250 = 37,500 + 250 = 37,750.
    let layer = last("input(400, 50) => conv(250, 3)");
    assert_eq!(layer.output_shape.0, [398, 250]);
    assert_eq!(layer.params, 37_750);
    assert_eq!(layer.op, "conv1d");
    assert_eq!(layer.class_name, "Conv1D");
    assert_eq!(layer.name, "conv1d");
}

#[test]
fn conv3d_from_rank_four_input() {
    // (16 - 3) + 1 = 14 per axis; params 3·3·3·3·8 + 8 = 648 + 8 = 656.
    let layer = last("input(16, 16, 16, 3) => conv(8, 3)");
    assert_eq!(layer.output_shape.0, [14, 14, 14, 8]);
    assert_eq!(layer.params, 656);
    assert_eq!(layer.op, "conv3d");
    assert_eq!(layer.class_name, "Conv3D");
    assert_eq!(layer.name, "conv3d");
}

#[test]
fn conv_rejects_flat_and_rank_five_inputs() {
    let message = error("input(784) => conv(8, 3)");
    assert_contains(&message, "784");
    assert_contains(&message, "reshape");
    let message = error("input(4, 4, 4, 4, 1) => conv(8, 3)");
    assert_contains(&message, "4×4×4×4×1");
}

#[test]
fn conv_kernel_one_larger_than_input() {
    let message = error("input(5, 5, 1) => conv(1, 6)");
    assert_contains(&message, "`conv(1, 6)`");
    assert_contains(&message, "window of 6");
    assert_contains(&message, "input size 5");
    // The same kernel on the exact input size checks, leaving 1×1.
    assert_eq!(output("input(5, 5, 1) => conv(1, 5)"), [1, 1, 1]);
}

#[test]
fn conv_kernel_tuple_of_wrong_length() {
    let message = error("input(8, 8, 1) => conv(1, (3, 3, 3))");
    assert_contains(&message, "3 values");
    assert_contains(&message, "2 spatial axes");
}

#[test]
fn conv_macs() {
    // Output positions × weights: 28·28 · (5·5·1·20) = 784 · 500 = 392,000.
    assert_eq!(last("input(28, 28, 1) => conv(20, 5, same)").macs, 392_000);
    // 14·14 · (5·5·20·50) = 196 · 25,000 = 4,900,000.
    assert_eq!(
        last("input(14, 14, 20) => conv(50, 5, same)").macs,
        4_900_000
    );
    // Grouped: 6·6 · (3·3·8·64) = 36 · 4,608 = 165,888.
    assert_eq!(
        last("input(8, 8, 32) => conv(64, 3, groups = 4)").macs,
        165_888
    );
}

// ---------------------------------------------------------------------------
// Transposed, separable and depthwise convolution.
// ---------------------------------------------------------------------------

#[test]
fn deconv_valid_and_same() {
    // (36 - 1)·2 + max(3, 2) = 73.
    let layer = last("input(36, 36, 8) => deconv(4, 3, stride = 2)");
    assert_eq!(layer.output_shape.0, [73, 73, 4]);
    assert_eq!(layer.op, "deconv2d");
    assert_eq!(layer.class_name, "Conv2DTranspose");
    assert_eq!(layer.name, "conv2d_transpose");
    // same: 7·2 = 14.
    assert_eq!(
        output("input(7, 7, 64) => deconv(32, 3, stride = 2, same)"),
        [14, 14, 32]
    );
}

#[test]
fn deconv_params_and_macs() {
    // Kernel k·k·F·C + F = 3·3·32·64 + 32 = 18,432 + 32 = 18,464.
    let layer = last("input(7, 7, 64) => deconv(32, 3, stride = 2, same)");
    assert_eq!(layer.params, 18_464);
    // Every input position meets every weight once: 7·7 · 18,432 = 903,168.
    assert_eq!(layer.macs, 903_168);
    // Without bias: 18,432.
    assert_eq!(
        last("input(7, 7, 64) => deconv(32, 3, stride = 2, same, bias = false)").params,
        18_432
    );
}

#[test]
fn deconv_output_padding() {
    // same, pad = 3 // 2 = 1: (7 - 1)·2 + 3 - 2 + 1 = 14.
    assert_eq!(
        output("input(7, 7, 8) => deconv(4, 3, stride = 2, same, output_padding = 1)"),
        [14, 14, 4]
    );
    // valid: (7 - 1)·2 + 3 + 1 = 16.
    assert_eq!(
        output("input(7, 7, 8) => deconv(4, 3, stride = 2, output_padding = 1)"),
        [16, 16, 4]
    );
    // output_padding must be smaller than the stride.
    let message = error("input(7, 7, 8) => deconv(4, 3, stride = 2, output_padding = 2)");
    assert_contains(&message, "output_padding = 2");
    assert_contains(&message, "stride 2");
}

#[test]
fn sepconv_params() {
    // Depthwise 5·5·10 = 250, pointwise 10·100 = 1,000, bias 100: 1,350.
    let layer = last("input(32, 32, 10) => sepconv(100, 5)");
    assert_eq!(layer.params, 1_350);
    // (32 - 5) + 1 = 28.
    assert_eq!(layer.output_shape.0, [28, 28, 100]);
    assert_eq!(layer.op, "sepconv2d");
    assert_eq!(layer.class_name, "SeparableConv2D");
    assert_eq!(layer.name, "separable_conv2d");
}

#[test]
fn sepconv_multiplier_and_bias() {
    // Depthwise 5·5·10·2 = 500, pointwise (10·2)·100 = 2,000, bias 100: 2,600.
    assert_eq!(
        last("input(32, 32, 10) => sepconv(100, 5, multiplier = 2)").params,
        2_600
    );
    // 250 + 1,000 without bias.
    assert_eq!(
        last("input(32, 32, 10) => sepconv(100, 5, bias = false)").params,
        1_250
    );
    // same keeps 32×32.
    assert_eq!(
        output("input(32, 32, 10) => sepconv(100, 5, same)"),
        [32, 32, 100]
    );
}

#[test]
fn dwconv_params() {
    // 3·3·7 + 7 = 63 + 7 = 70; (10 - 3) + 1 = 8.
    let layer = last("input(10, 10, 7) => dwconv(3)");
    assert_eq!(layer.params, 70);
    assert_eq!(layer.output_shape.0, [8, 8, 7]);
    assert_eq!(layer.op, "dwconv2d");
    assert_eq!(layer.class_name, "DepthwiseConv2D");
    assert_eq!(layer.name, "depthwise_conv2d");
    // Without bias: 63.
    assert_eq!(
        last("input(10, 10, 7) => dwconv(3, bias = false)").params,
        63
    );
}

#[test]
fn dwconv_multiplier_and_stride() {
    // Multiplier 2: 14 output channels; 3·3·14 + 14 = 126 + 14 = 140.
    let layer = last("input(10, 10, 7) => dwconv(3, multiplier = 2)");
    assert_eq!(layer.output_shape.0, [8, 8, 14]);
    assert_eq!(layer.params, 140);
    // MobileNet's stride-2 depthwise step: ceil(112 / 2) = 56.
    assert_eq!(
        output("input(112, 112, 64) => dwconv(3, stride = 2, same)"),
        [56, 56, 64]
    );
}

// ---------------------------------------------------------------------------
// Pooling.
// ---------------------------------------------------------------------------

#[test]
fn pool_stride_defaults_to_size() {
    // floor((28 - 2) / 2) + 1 = 14.
    let layer = last("input(28, 28, 20) => pool(2)");
    assert_eq!(layer.output_shape.0, [14, 14, 20]);
    assert_eq!(layer.op, "max_pool2d");
    assert_eq!(layer.class_name, "MaxPooling2D");
    assert_eq!(layer.name, "max_pooling2d");
    assert_eq!(layer.params, 0);
    // floor((7 - 3) / 3) + 1 = 2.
    assert_eq!(output("input(7, 7, 1) => pool(3)"), [2, 2, 1]);
}

#[test]
fn maxpool_and_avgpool_names() {
    assert_eq!(last("input(8, 8, 1) => maxpool(2)").op, "max_pool2d");
    let avg = last("input(8, 8, 1) => avgpool(2)");
    assert_eq!(avg.op, "avg_pool2d");
    assert_eq!(avg.class_name, "AveragePooling2D");
    assert_eq!(avg.name, "average_pooling2d");
    assert_eq!(avg.output_shape.0, [4, 4, 1]);
}

#[test]
fn pool_same_valid_and_stride() {
    // valid: floor((7 - 3) / 2) + 1 = 3; same: ceil(7 / 2) = 4.
    assert_eq!(output("input(7, 7, 1) => pool(3, stride = 2)"), [3, 3, 1]);
    assert_eq!(
        output("input(7, 7, 1) => pool(3, stride = 2, same)"),
        [4, 4, 1]
    );
    // InceptionA's pooling branch: ceil(35 / 1) = 35.
    assert_eq!(
        output("input(35, 35, 192) => avgpool(3, stride = 1, same)"),
        [35, 35, 192]
    );
    // Per-axis size: floor((8 - 2) / 2) + 1 = 4 and floor((9 - 3) / 3) + 1 = 3.
    assert_eq!(output("input(8, 9, 1) => pool((2, 3))"), [4, 3, 1]);
}

#[test]
fn pool_explicit_padding() {
    // ResNet's stem: floor((112 + 2 - 3) / 2) + 1 = 56.
    assert_eq!(
        output("input(112, 112, 64) => maxpool(3, stride = 2, pad = 1)"),
        [56, 56, 64]
    );
    // A padding above half the window is rejected, as in PyTorch.
    let message = error("input(8, 8, 1) => pool(2, pad = 2)");
    assert_contains(&message, "padding of 2");
    assert_contains(&message, "at most 1");
}

#[test]
fn pool_ceil_mode() {
    // See window_output_ceil_mode: 9 → 3, not 4.
    assert_eq!(
        output("input(9, 9, 1) => avgpool(4, stride = 4, pad = 2, ceil)"),
        [3, 3, 1]
    );
    // 32 → 16, not 17.
    assert_eq!(
        output("input(32, 32, 1) => maxpool(1, stride = 2, ceil)"),
        [16, 16, 1]
    );
    // ceil((7 - 2) / 2) + 1 = 4 against floor mode's 3.
    assert_eq!(output("input(7, 7, 1) => pool(2, ceil)"), [4, 4, 1]);
    assert_eq!(output("input(7, 7, 1) => pool(2)"), [3, 3, 1]);
    // Ceil mode only applies to valid or explicit padding.
    let message = error("input(7, 7, 1) => pool(2, same, ceil)");
    assert_contains(&message, "`ceil`");
    assert_contains(&message, "`same`");
}

#[test]
fn pool_1d_and_3d() {
    // floor((100 - 2) / 2) + 1 = 50.
    let layer = last("input(100, 8) => maxpool(2)");
    assert_eq!(layer.output_shape.0, [50, 8]);
    assert_eq!(layer.name, "max_pooling1d");
    assert_eq!(layer.class_name, "MaxPooling1D");
    // 16 / 2 = 8 per axis.
    let layer = last("input(16, 16, 16, 3) => avgpool(2)");
    assert_eq!(layer.output_shape.0, [8, 8, 8, 3]);
    assert_eq!(layer.name, "average_pooling3d");
}

#[test]
fn pool_window_larger_than_padded_input() {
    // 2 + 2·1 = 4 < 5.
    let message = error("input(2, 2, 1) => pool(5, pad = 1)");
    assert_contains(&message, "window of 5");
    assert_contains(&message, "padded input size 4");
    // Without padding: 3 < 4.
    let message = error("input(3, 3, 1) => pool(4)");
    assert_contains(&message, "window of 4");
    assert_contains(&message, "input size 3");
}

#[test]
fn global_pools() {
    let layer = last("input(7, 7, 512) => global_avg_pool");
    assert_eq!(layer.output_shape.0, [512]);
    assert_eq!(layer.op, "global_avg_pool2d");
    assert_eq!(layer.class_name, "GlobalAveragePooling2D");
    assert_eq!(layer.name, "global_average_pooling2d");
    let layer = last("input(398, 250) => global_max_pool");
    assert_eq!(layer.output_shape.0, [250]);
    assert_eq!(layer.op, "global_max_pool1d");
    assert_eq!(layer.class_name, "GlobalMaxPooling1D");
    assert_eq!(layer.name, "global_max_pooling1d");
    assert_eq!(output("input(4, 4, 4, 16) => global_avg_pool"), [16]);
    assert!(!errors("input(10) => global_avg_pool").is_empty());
}

// ---------------------------------------------------------------------------
// Reshaping.
// ---------------------------------------------------------------------------

#[test]
fn flatten_multiplies_dimensions() {
    // 7·7·50 = 2,450.
    let layer = last("input(7, 7, 50) => flatten");
    assert_eq!(layer.output_shape.0, [2_450]);
    assert_eq!(layer.class_name, "Flatten");
    assert_eq!(layer.params, 0);
}

#[test]
fn reshape_keeps_element_count() {
    assert_eq!(output("input(784) => reshape(28, 28, 1)"), [28, 28, 1]);
    // 784 / 7 = 112.
    assert_eq!(output("input(784) => reshape(-1, 7)"), [112, 7]);
    // 784 / (7·4) = 28.
    assert_eq!(output("input(28, 28) => reshape(7, -1, 4)"), [7, 28, 4]);
    // 27·27 = 729 ≠ 784.
    let message = error("input(784) => reshape(27, 27, 1)");
    assert_contains(&message, "729");
    assert_contains(&message, "784");
    // 784 is not a multiple of 5.
    let message = error("input(784) => reshape(5, -1)");
    assert_contains(&message, "784");
    assert_contains(&message, "multiple of 5");
    // Two -1 and a 0 are rejected.
    assert!(!errors("input(784) => reshape(-1, -1)").is_empty());
    assert!(!errors("input(784) => reshape(0, 784)").is_empty());
}

#[test]
fn zeropad_three_forms() {
    // 28 + 1 + 1 = 30.
    let layer = last("input(28, 28, 3) => zeropad(1)");
    assert_eq!(layer.output_shape.0, [30, 30, 3]);
    assert_eq!(layer.class_name, "ZeroPadding2D");
    assert_eq!(layer.name, "zero_padding2d");
    // Per axis: 28 + 2·1 = 30 and 28 + 2·2 = 32.
    assert_eq!(output("input(28, 28, 3) => zeropad((1, 2))"), [30, 32, 3]);
    // Per side: 28 + 0 + 1 = 29 and 28 + 2 + 3 = 33.
    assert_eq!(
        output("input(28, 28, 3) => zeropad(((0, 1), (2, 3)))"),
        [29, 33, 3]
    );
    // Keras's default is 1; ZeroPadding1D pads the steps: 100 + 2 + 2 = 104.
    assert_eq!(output("input(28, 28, 3) => zeropad"), [30, 30, 3]);
    assert_eq!(output("input(100, 8) => zeropad(2)"), [104, 8]);
}

#[test]
fn upsample_multiplies_spatial_axes() {
    let layer = last("input(7, 7, 64) => upsample(2)");
    assert_eq!(layer.output_shape.0, [14, 14, 64]);
    assert_eq!(layer.class_name, "UpSampling2D");
    assert_eq!(layer.name, "up_sampling2d");
    assert_eq!(output("input(7, 7, 64) => upsample((2, 3))"), [14, 21, 64]);
    // Keras's default factor is 2.
    assert_eq!(output("input(7, 7, 64) => upsample"), [14, 14, 64]);
}

#[test]
fn crop_three_forms() {
    // 28 - 1 - 1 = 26.
    let layer = last("input(28, 28, 3) => crop(1)");
    assert_eq!(layer.output_shape.0, [26, 26, 3]);
    assert_eq!(layer.class_name, "Cropping2D");
    assert_eq!(layer.name, "cropping2d");
    // 28 - 2 = 26 and 28 - 4 = 24.
    assert_eq!(output("input(28, 28, 3) => crop((1, 2))"), [26, 24, 3]);
    // 28 - 0 - 1 = 27 and 28 - 2 - 3 = 23.
    assert_eq!(
        output("input(28, 28, 3) => crop(((0, 1), (2, 3)))"),
        [27, 23, 3]
    );
}

#[test]
fn crop_that_leaves_nothing() {
    // 4 - 2 - 2 = 0.
    let message = error("input(4, 4, 1) => crop(2)");
    assert_contains(&message, "crops 2 + 2 from a size of 4");
    // One row left is fine: 4 - 1 - 2 = 1.
    assert_eq!(
        output("input(4, 4, 1) => crop(((1, 2), (0, 0)))"),
        [1, 4, 1]
    );
}

// ---------------------------------------------------------------------------
// Dense, dropout, normalization and activations.
// ---------------------------------------------------------------------------

#[test]
fn dense_params_and_macs() {
    // 784·10 + 10 = 7,850; MACs 784·10 = 7,840.
    let layer = last("input(784) => dense(10)");
    assert_eq!(layer.output_shape.0, [10]);
    assert_eq!(layer.params, 7_850);
    assert_eq!(layer.trainable_params, 7_850);
    assert_eq!(layer.macs, 7_840);
    assert_eq!(layer.class_name, "Dense");
    assert_eq!(layer.kind, LayerKind::Dense);
    // Without bias: 7,840.
    assert_eq!(last("input(784) => dense(10, bias = false)").params, 7_840);
    // LeNet's first dense layer: 2,450·500 = 1,225,000 MACs.
    assert_eq!(last("input(2450) => dense(500)").macs, 1_225_000);
}

#[test]
fn dense_fused_activation() {
    let network = build("input(784) => dense(10, activation = softmax)");
    assert_eq!(network.layers.len(), 2);
    assert_eq!(network.layers[1].activation.as_deref(), Some("softmax"));
}

#[test]
fn dense_needs_flat_input() {
    let message = error("input(7, 7, 50) => dense(500)");
    assert_contains(&message, "`dense(500)`");
    assert_contains(&message, "7×7×50");
    assert_contains(&message, "insert `flatten`");
}

#[test]
fn dropout_keeps_shape() {
    let layer = last("input(7, 7, 50) => dropout(0.25)");
    assert_eq!(layer.output_shape.0, [7, 7, 50]);
    assert_eq!(layer.params, 0);
    assert_eq!(layer.class_name, "Dropout");
    assert_eq!(output("input(10) => dropout(0)"), [10]);
    assert_eq!(output("input(10) => dropout(0.0)"), [10]);
}

#[test]
fn dropout_rate_range() {
    let message = error("input(10) => dropout(1.0)");
    assert_contains(&message, "rate of 1");
    let message = error("input(10) => dropout(-0.1)");
    assert_contains(&message, "-0.1");
    assert!(!errors("input(10) => dropout(1)").is_empty());
}

#[test]
fn batchnorm_params() {
    // gamma, beta, moving mean, moving variance: 4·32 = 128, 2·32 = 64 not trained.
    let layer = last("input(8, 8, 32) => batchnorm");
    assert_eq!(layer.output_shape.0, [8, 8, 32]);
    assert_eq!(layer.params, 128);
    assert_eq!(layer.trainable_params, 64);
    assert_eq!(layer.non_trainable_params(), 64);
    assert_eq!(layer.class_name, "BatchNormalization");
    assert_eq!(layer.name, "batch_normalization");
    // scale = false drops gamma: 3·32 = 96, of which 32 trained.
    let layer = last("input(8, 8, 32) => batchnorm(scale = false)");
    assert_eq!(layer.params, 96);
    assert_eq!(layer.trainable_params, 32);
    // center = false drops beta the same way.
    let layer = last("input(8, 8, 32) => batchnorm(center = false)");
    assert_eq!(layer.params, 96);
    assert_eq!(layer.trainable_params, 32);
    // Both off leaves the moving statistics: 2·32 = 64, none trained.
    let layer = last("input(8, 8, 32) => batchnorm(scale = false, center = false)");
    assert_eq!(layer.params, 64);
    assert_eq!(layer.trainable_params, 0);
    // On a vector the channels are its length: 4·512 = 2,048.
    assert_eq!(last("input(512) => batchnorm").params, 2_048);
}

#[test]
fn layernorm_params() {
    // gamma and beta over the last axis: 2·64 = 128, all trained.
    let layer = last("input(10, 64) => layernorm");
    assert_eq!(layer.params, 128);
    assert_eq!(layer.trainable_params, 128);
    assert_eq!(layer.class_name, "LayerNormalization");
    assert_eq!(layer.name, "layer_normalization");
    assert_eq!(last("input(10, 64) => layernorm(scale = false)").params, 64);
    assert_eq!(
        last("input(10, 64) => layernorm(center = false)").params,
        64
    );
}

#[test]
fn every_activation_keeps_shape() {
    for name in [
        "relu", "sigmoid", "tanh", "softmax", "gelu", "elu", "selu", "swish",
    ] {
        let layer = last(&format!("input(4, 4, 3) => {name}"));
        assert_eq!(layer.output_shape.0, [4, 4, 3], "{name}");
        assert_eq!(layer.params, 0, "{name}");
        assert_eq!(layer.kind, LayerKind::Activation, "{name}");
        assert_eq!(layer.class_name, "Activation", "{name}");
        assert_eq!(layer.name, "activation", "{name}");
        assert_eq!(layer.config, name);
    }
}

#[test]
fn relu_max_is_relu6() {
    let layer = last("input(4, 4, 3) => relu(max = 6)");
    assert_eq!(layer.class_name, "ReLU");
    assert_eq!(layer.name, "re_lu");
    assert_eq!(layer.config, "max 6");
    assert_eq!(layer.output_shape.0, [4, 4, 3]);
    assert!(!errors("input(4) => relu(max = 0)").is_empty());
}

#[test]
fn leaky_relu_alpha() {
    let layer = last("input(4) => leaky_relu(0.2)");
    assert_eq!(layer.class_name, "LeakyReLU");
    assert_eq!(layer.name, "leaky_re_lu");
    assert_eq!(layer.config, "alpha 0.2");
    assert_eq!(
        last("input(4) => leaky_relu(alpha = 0.1)").config,
        "alpha 0.1"
    );
    // Keras 3's default negative slope is 0.3.
    assert_eq!(last("input(4) => leaky_relu").config, "alpha 0.3");
}

// ---------------------------------------------------------------------------
// Merges.
// ---------------------------------------------------------------------------

#[test]
fn add_and_multiply_keep_shape() {
    let network = build("input(8, 8, 16) as x => conv(16, 3, same) => add(x)");
    let add = network.layers.last().unwrap();
    assert_eq!(add.output_shape.0, [8, 8, 16]);
    assert_eq!(add.params, 0);
    assert_eq!(add.class_name, "Add");
    assert_eq!(add.name, "add");
    // The chain comes first, then the branches in argument order.
    assert_eq!(add.inputs, [1, 0]);
    let multiply = last("input(8, 8, 16) as x => conv(16, 3, same) => multiply(x)");
    assert_eq!(multiply.class_name, "Multiply");
    assert_eq!(multiply.output_shape.0, [8, 8, 16]);
}

#[test]
fn add_of_different_shapes() {
    let message = error("input(8, 8, 16) as x => conv(32, 3, same) => add(x)");
    assert_contains(&message, "8×8×32");
    assert_contains(&message, "8×8×16");
}

#[test]
fn concat_axis() {
    // Last axis: 16 + 32 = 48.
    let source = "input(8, 8, 3) as x; x => conv(16, 1) as a; x => conv(32, 1) as b; concat(a, b)";
    let layer = last(source);
    assert_eq!(layer.output_shape.0, [8, 8, 48]);
    assert_eq!(layer.class_name, "Concatenate");
    assert_eq!(layer.name, "concatenate");
    // axis = 1 is the first dimension after the batch; the crop leaves 8 - 4 = 4
    // rows, so 8 + 4 = 12.
    let source = "input(8, 8, 16) as x; x => crop(((2, 2), (0, 0))) as c; concat(x, c, axis = 1)";
    assert_eq!(output(source), [12, 8, 16]);
    // axis = -2 is the same axis as 2 on rank 3.
    let source = "input(8, 8, 16) as x; x => crop(((0, 0), (1, 1))) as c; concat(x, c, axis = -2)";
    assert_eq!(output(source), [8, 14, 16]);
}

#[test]
fn concat_mismatched_and_out_of_range() {
    let source = "input(8, 8, 3) as x; x => pool(2) as p; concat(x, p)";
    let message = error(source);
    assert_contains(&message, "8×8×3");
    assert_contains(&message, "4×4×3");
    let source = "input(8, 8, 3) as x; x => conv(3, 1) as a; concat(x, a, axis = 4)";
    let message = error(source);
    assert_contains(&message, "axis = 4");
    assert_contains(&message, "rank 3");
    let source = "input(8, 8, 3) as x; x => conv(3, 1) as a; concat(x, a, axis = 0)";
    assert_contains(&error(source), "axis = 0");
}

// ---------------------------------------------------------------------------
// Names.
// ---------------------------------------------------------------------------

#[test]
fn keras_default_names() {
    let network = build(
        "input(28, 28, 1) => conv(20, 5, same) => relu => pool(2) \
         => conv(50, 5, same) => batchnorm => relu => pool(2) => batchnorm \
         => flatten => dense(500) => relu => dropout(0.5) => dense(10) => softmax",
    );
    let names: Vec<&str> = network.layers.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "input_layer",
            "conv2d",
            "activation",
            "max_pooling2d",
            "conv2d_1",
            "batch_normalization",
            "activation_1",
            "max_pooling2d_1",
            "batch_normalization_1",
            "flatten",
            "dense",
            "activation_2",
            "dropout",
            "dense_1",
            "activation_3",
        ]
    );
}

#[test]
fn alias_wins_over_default_name() {
    let network = build("input(8, 8, 1) => conv(4, 3, same) as stem => conv(4, 3, same)");
    assert_eq!(network.layers[1].name, "stem");
    // The first unnamed convolution still gets the first default name.
    assert_eq!(network.layers[2].name, "conv2d");
    assert!(network.layer("stem").is_some());
}

#[test]
fn alias_taking_a_default_name() {
    // A layer named `conv2d_1` by hand keeps it; unnamed layers skip that name.
    let network = build(
        "input(8, 8, 1) => conv(4, 3, same) as conv2d_1 => conv(4, 3, same) => conv(4, 3, same)",
    );
    let names: Vec<&str> = network.layers.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["input_layer", "conv2d_1", "conv2d", "conv2d_2"]);
}

// ---------------------------------------------------------------------------
// Sizes below 1 and overflow.
// ---------------------------------------------------------------------------

#[test]
fn zero_sizes_are_rejected() {
    assert_contains(&error("input(28, 0, 1) => flatten"), "dimension of 0");
    assert_contains(&error("input(784) => dense(0)"), "0 units");
    assert_contains(&error("input(8, 8, 1) => conv(0, 3)"), "0 filters");
    assert_contains(&error("input(8, 8, 1) => conv(4, 0)"), "kernel size of 0");
    assert_contains(
        &error("input(8, 8, 1) => conv(4, 3, stride = 0)"),
        "stride of 0",
    );
}

#[test]
fn overflow_is_an_error() {
    // 2^32 · 2^32 · 2 = 2^65 elements.
    let message = error("input(4294967296, 4294967296, 2) => flatten");
    assert_contains(&message, "overflow");
    // 2^32 inputs · 2^32 units = 2^64 weights.
    let message = error("input(4294967296) => dense(4294967296)");
    assert_contains(&message, "overflow");
    // u64::MAX · 2 when upsampling.
    let message = error("input(18446744073709551615, 1) => upsample(2)");
    assert_contains(&message, "overflow");
    // A padded size past u64::MAX.
    let message = error("input(18446744073709551615, 1) => zeropad(1)");
    assert_contains(&message, "overflow");
    // Layers that each fit but whose total does not:
    // (2^32 · 2^31 + 2^31) + 2^31 · 2^32 = 2^64 + 2^31.
    let message =
        error("input(4294967296) => dense(2147483648) => dense(4294967296, bias = false)");
    assert_contains(&message, "total parameter count");
}

#[test]
fn apply_reports_overflow_without_panicking() {
    let shape = Shape::new(vec![u64::MAX, u64::MAX, 3]);
    let result = layer::apply(&Op::Flatten, &[shape]);
    assert!(result.is_err());
}

#[test]
fn pool_huge_padding_is_an_error() {
    // 2^63 · 2 overflows; the padding is far more than half the pool size 2.
    let message = error("input(8, 8, 1) => pool(2, pad = 9223372036854775808)");
    assert_contains(&message, "pool size 2");
}

#[test]
fn pool_ceil_mode_near_u64_max() {
    // n = 2^64 - 1, k = 1, s = 2^63 - 2: ceil((2^64 - 2) / s) + 1 = 3 + 1 = 4,
    // but window 4 would start at 3·s > n, so PyTorch's rule gives 3.
    let source = "input(18446744073709551615, 1) => pool(1, stride = 9223372036854775806, ceil)";
    assert_eq!(output(source), [3, 1]);
}

#[test]
fn window_output_rejects_zero_kernel_and_stride() {
    assert!(window_output(5, 0, 1, 1, None, false, false).is_err());
    assert!(window_output(5, 3, 0, 1, None, false, false).is_err());
    assert!(window_output(5, 3, 0, 1, None, true, false).is_err());
}

#[test]
fn transposed_output_rejects_zero_sizes() {
    assert!(transposed_output(0, 3, 2, 1, false, None).is_err());
    assert!(transposed_output(5, 0, 2, 1, false, None).is_err());
}
