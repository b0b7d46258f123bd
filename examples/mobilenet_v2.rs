//! MobileNetV2 as `keras.applications.MobileNetV2(alpha=1.0, include_top=True)`
//! builds it, layer for layer and with Keras's layer names.
//!
//! Each inverted residual block widens its input six times with a 1×1
//! convolution, filters it with a 3×3 depthwise convolution and projects it
//! back with a linear 1×1 convolution. The first block (`expanded_conv`) skips
//! the widening. ReLU6 (`relu(max = 6)`) follows the first two convolutions.
//! A block adds its input back when the stride is 1 and the channel count is
//! unchanged. Before a stride-2 depthwise convolution, Keras pads one row and
//! one column at the bottom and right (`zeropad(((0, 1), (0, 1)))`) and uses
//! `valid` padding. No convolution has a bias.
//!
//! Run with `cargo run --example mobilenet_v2`: prints the summary and writes
//! `mobilenet_v2.svg` and `mobilenet_v2.png` in the current folder.

use std::process::ExitCode;

use netviz::network;
use netviz::RenderOptions;

network! {
    /// MobileNetV2 (width multiplier 1.0) for 224×224 RGB images, with the 1000-class ImageNet head.
    pub MobileNetV2: input(224, 224, 3)
        => conv(32, 3, stride = 2, same, bias = false) as Conv1
        => batchnorm as bn_Conv1 => relu(max = 6) as Conv1_relu
        => dwconv(3, same, bias = false) as expanded_conv_depthwise
        => batchnorm as expanded_conv_depthwise_BN => relu(max = 6) as expanded_conv_depthwise_relu
        => conv(16, 1, same, bias = false) as expanded_conv_project => batchnorm as expanded_conv_project_BN;

    expanded_conv_project_BN
        => conv(96, 1, same, bias = false) as block_1_expand
        => batchnorm as block_1_expand_BN => relu(max = 6) as block_1_expand_relu
        => zeropad(((0, 1), (0, 1))) as block_1_pad
        => dwconv(3, stride = 2, bias = false) as block_1_depthwise
        => batchnorm as block_1_depthwise_BN => relu(max = 6) as block_1_depthwise_relu
        => conv(24, 1, same, bias = false) as block_1_project => batchnorm as block_1_project_BN;

    block_1_project_BN
        => conv(144, 1, same, bias = false) as block_2_expand
        => batchnorm as block_2_expand_BN => relu(max = 6) as block_2_expand_relu
        => dwconv(3, same, bias = false) as block_2_depthwise
        => batchnorm as block_2_depthwise_BN => relu(max = 6) as block_2_depthwise_relu
        => conv(24, 1, same, bias = false) as block_2_project => batchnorm as block_2_project_BN;
    add(block_1_project_BN, block_2_project_BN) as block_2_add;

    block_2_add
        => conv(144, 1, same, bias = false) as block_3_expand
        => batchnorm as block_3_expand_BN => relu(max = 6) as block_3_expand_relu
        => zeropad(((0, 1), (0, 1))) as block_3_pad
        => dwconv(3, stride = 2, bias = false) as block_3_depthwise
        => batchnorm as block_3_depthwise_BN => relu(max = 6) as block_3_depthwise_relu
        => conv(32, 1, same, bias = false) as block_3_project => batchnorm as block_3_project_BN;

    block_3_project_BN
        => conv(192, 1, same, bias = false) as block_4_expand
        => batchnorm as block_4_expand_BN => relu(max = 6) as block_4_expand_relu
        => dwconv(3, same, bias = false) as block_4_depthwise
        => batchnorm as block_4_depthwise_BN => relu(max = 6) as block_4_depthwise_relu
        => conv(32, 1, same, bias = false) as block_4_project => batchnorm as block_4_project_BN;
    add(block_3_project_BN, block_4_project_BN) as block_4_add;

    block_4_add
        => conv(192, 1, same, bias = false) as block_5_expand
        => batchnorm as block_5_expand_BN => relu(max = 6) as block_5_expand_relu
        => dwconv(3, same, bias = false) as block_5_depthwise
        => batchnorm as block_5_depthwise_BN => relu(max = 6) as block_5_depthwise_relu
        => conv(32, 1, same, bias = false) as block_5_project => batchnorm as block_5_project_BN;
    add(block_4_add, block_5_project_BN) as block_5_add;

    block_5_add
        => conv(192, 1, same, bias = false) as block_6_expand
        => batchnorm as block_6_expand_BN => relu(max = 6) as block_6_expand_relu
        => zeropad(((0, 1), (0, 1))) as block_6_pad
        => dwconv(3, stride = 2, bias = false) as block_6_depthwise
        => batchnorm as block_6_depthwise_BN => relu(max = 6) as block_6_depthwise_relu
        => conv(64, 1, same, bias = false) as block_6_project => batchnorm as block_6_project_BN;

    block_6_project_BN
        => conv(384, 1, same, bias = false) as block_7_expand
        => batchnorm as block_7_expand_BN => relu(max = 6) as block_7_expand_relu
        => dwconv(3, same, bias = false) as block_7_depthwise
        => batchnorm as block_7_depthwise_BN => relu(max = 6) as block_7_depthwise_relu
        => conv(64, 1, same, bias = false) as block_7_project => batchnorm as block_7_project_BN;
    add(block_6_project_BN, block_7_project_BN) as block_7_add;

    block_7_add
        => conv(384, 1, same, bias = false) as block_8_expand
        => batchnorm as block_8_expand_BN => relu(max = 6) as block_8_expand_relu
        => dwconv(3, same, bias = false) as block_8_depthwise
        => batchnorm as block_8_depthwise_BN => relu(max = 6) as block_8_depthwise_relu
        => conv(64, 1, same, bias = false) as block_8_project => batchnorm as block_8_project_BN;
    add(block_7_add, block_8_project_BN) as block_8_add;

    block_8_add
        => conv(384, 1, same, bias = false) as block_9_expand
        => batchnorm as block_9_expand_BN => relu(max = 6) as block_9_expand_relu
        => dwconv(3, same, bias = false) as block_9_depthwise
        => batchnorm as block_9_depthwise_BN => relu(max = 6) as block_9_depthwise_relu
        => conv(64, 1, same, bias = false) as block_9_project => batchnorm as block_9_project_BN;
    add(block_8_add, block_9_project_BN) as block_9_add;

    block_9_add
        => conv(384, 1, same, bias = false) as block_10_expand
        => batchnorm as block_10_expand_BN => relu(max = 6) as block_10_expand_relu
        => dwconv(3, same, bias = false) as block_10_depthwise
        => batchnorm as block_10_depthwise_BN => relu(max = 6) as block_10_depthwise_relu
        => conv(96, 1, same, bias = false) as block_10_project => batchnorm as block_10_project_BN;

    block_10_project_BN
        => conv(576, 1, same, bias = false) as block_11_expand
        => batchnorm as block_11_expand_BN => relu(max = 6) as block_11_expand_relu
        => dwconv(3, same, bias = false) as block_11_depthwise
        => batchnorm as block_11_depthwise_BN => relu(max = 6) as block_11_depthwise_relu
        => conv(96, 1, same, bias = false) as block_11_project => batchnorm as block_11_project_BN;
    add(block_10_project_BN, block_11_project_BN) as block_11_add;

    block_11_add
        => conv(576, 1, same, bias = false) as block_12_expand
        => batchnorm as block_12_expand_BN => relu(max = 6) as block_12_expand_relu
        => dwconv(3, same, bias = false) as block_12_depthwise
        => batchnorm as block_12_depthwise_BN => relu(max = 6) as block_12_depthwise_relu
        => conv(96, 1, same, bias = false) as block_12_project => batchnorm as block_12_project_BN;
    add(block_11_add, block_12_project_BN) as block_12_add;

    block_12_add
        => conv(576, 1, same, bias = false) as block_13_expand
        => batchnorm as block_13_expand_BN => relu(max = 6) as block_13_expand_relu
        => zeropad(((0, 1), (0, 1))) as block_13_pad
        => dwconv(3, stride = 2, bias = false) as block_13_depthwise
        => batchnorm as block_13_depthwise_BN => relu(max = 6) as block_13_depthwise_relu
        => conv(160, 1, same, bias = false) as block_13_project => batchnorm as block_13_project_BN;

    block_13_project_BN
        => conv(960, 1, same, bias = false) as block_14_expand
        => batchnorm as block_14_expand_BN => relu(max = 6) as block_14_expand_relu
        => dwconv(3, same, bias = false) as block_14_depthwise
        => batchnorm as block_14_depthwise_BN => relu(max = 6) as block_14_depthwise_relu
        => conv(160, 1, same, bias = false) as block_14_project => batchnorm as block_14_project_BN;
    add(block_13_project_BN, block_14_project_BN) as block_14_add;

    block_14_add
        => conv(960, 1, same, bias = false) as block_15_expand
        => batchnorm as block_15_expand_BN => relu(max = 6) as block_15_expand_relu
        => dwconv(3, same, bias = false) as block_15_depthwise
        => batchnorm as block_15_depthwise_BN => relu(max = 6) as block_15_depthwise_relu
        => conv(160, 1, same, bias = false) as block_15_project => batchnorm as block_15_project_BN;
    add(block_14_add, block_15_project_BN) as block_15_add;

    block_15_add
        => conv(960, 1, same, bias = false) as block_16_expand
        => batchnorm as block_16_expand_BN => relu(max = 6) as block_16_expand_relu
        => dwconv(3, same, bias = false) as block_16_depthwise
        => batchnorm as block_16_depthwise_BN => relu(max = 6) as block_16_depthwise_relu
        => conv(320, 1, same, bias = false) as block_16_project => batchnorm as block_16_project_BN;

    block_16_project_BN
        => conv(1280, 1, bias = false) as Conv_1 => batchnorm as Conv_1_bn => relu(max = 6) as out_relu
        => global_avg_pool => dense(1000, activation = softmax) as predictions
}

// Keras's published summary of MobileNetV2 (alpha 1.0, 224×224): 3,538,984
// parameters, of which 34,112 are batch normalization's moving statistics.
const _: () = assert!(MobileNetV2::PARAMS == 3_538_984);
const _: () = assert!(MobileNetV2::NON_TRAINABLE_PARAMS == 34_112);

fn main() -> ExitCode {
    println!("{}", MobileNetV2::summary());
    match write_figures() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn write_figures() -> Result<(), netviz::Error> {
    let network = MobileNetV2::network();
    let options = RenderOptions::new();
    network.render_with("mobilenet_v2.svg", &options)?;
    // Stacked top to bottom, this many layers are taller than a PNG may be at
    // the default scale, so the PNG uses the largest scale within the limits.
    let scale = network.max_png_scale(&options)?.min(options.scale);
    network.render_with("mobilenet_v2.png", &options.scale(scale))?;
    println!("wrote mobilenet_v2.svg and mobilenet_v2.png (PNG at scale {scale})");
    Ok(())
}
