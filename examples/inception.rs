//! Inception-v3 as `keras.applications.InceptionV3(include_top=True)` builds it,
//! layer for layer.
//!
//! Every convolution is Keras's `conv2d_bn` unit: a convolution without bias,
//! batch normalization without a scale (`scale = false`, so 3 parameters per
//! channel, 1 of them trainable) and ReLU. After the stem come eleven modules,
//! `mixed0` to `mixed10`, whose branches are concatenated on the channel axis.
//! There are three 35×35 modules, a grid reduction to 17×17, four modules with
//! factorized 7×7 convolutions (`(1, 7)` then `(7, 1)`), a reduction to 8×8,
//! and two modules whose 3×3 branches split into parallel `(1, 3)` and `(3, 1)`
//! convolutions.
//!
//! The modules keep Keras's names (`mixed0` to `mixed10`, `mixed9_0`,
//! `mixed9_1`). The convolution and normalization layers, which Keras leaves
//! unnamed, get the same default names as there (`conv2d_93`,
//! `batch_normalization_93`). A merge refers to its branches by name, so the
//! last activation of each branch has a descriptive name here (`mixed0_5x5`),
//! and so do the two inner concatenations that Keras calls `concatenate` and
//! `concatenate_1` (`mixed9_3x3dbl_out`, `mixed10_3x3dbl_out`). The remaining
//! activations are therefore numbered differently from Keras's `activation_N`.
//!
//! Run with `cargo run --example inception`: prints the summary and writes
//! `inception.svg` and `inception.png` in the current folder.

use std::process::ExitCode;

use netviz::network;
use netviz::RenderOptions;

network! {
    /// Inception-v3 for 299×299 RGB images, with the 1000-class ImageNet head.
    pub InceptionV3: input(299, 299, 3)
        => conv(32, 3, stride = 2, bias = false) => batchnorm(scale = false) => relu
        => conv(32, 3, bias = false) => batchnorm(scale = false) => relu
        => conv(64, 3, same, bias = false) => batchnorm(scale = false) => relu
        => maxpool(3, stride = 2)
        => conv(80, 1, bias = false) => batchnorm(scale = false) => relu
        => conv(192, 3, bias = false) => batchnorm(scale = false) => relu
        => maxpool(3, stride = 2) as stem;

    stem => conv(64, 1, same, bias = false) => batchnorm(scale = false) => relu as mixed0_1x1;
    stem
        => conv(48, 1, same, bias = false) => batchnorm(scale = false) => relu
        => conv(64, 5, same, bias = false) => batchnorm(scale = false) => relu as mixed0_5x5;
    stem
        => conv(64, 1, same, bias = false) => batchnorm(scale = false) => relu
        => conv(96, 3, same, bias = false) => batchnorm(scale = false) => relu
        => conv(96, 3, same, bias = false) => batchnorm(scale = false) => relu as mixed0_3x3dbl;
    stem
        => avgpool(3, stride = 1, same)
        => conv(32, 1, same, bias = false) => batchnorm(scale = false) => relu as mixed0_pool;
    concat(mixed0_1x1, mixed0_5x5, mixed0_3x3dbl, mixed0_pool) as mixed0;

    mixed0 => conv(64, 1, same, bias = false) => batchnorm(scale = false) => relu as mixed1_1x1;
    mixed0
        => conv(48, 1, same, bias = false) => batchnorm(scale = false) => relu
        => conv(64, 5, same, bias = false) => batchnorm(scale = false) => relu as mixed1_5x5;
    mixed0
        => conv(64, 1, same, bias = false) => batchnorm(scale = false) => relu
        => conv(96, 3, same, bias = false) => batchnorm(scale = false) => relu
        => conv(96, 3, same, bias = false) => batchnorm(scale = false) => relu as mixed1_3x3dbl;
    mixed0
        => avgpool(3, stride = 1, same)
        => conv(64, 1, same, bias = false) => batchnorm(scale = false) => relu as mixed1_pool;
    concat(mixed1_1x1, mixed1_5x5, mixed1_3x3dbl, mixed1_pool) as mixed1;

    mixed1 => conv(64, 1, same, bias = false) => batchnorm(scale = false) => relu as mixed2_1x1;
    mixed1
        => conv(48, 1, same, bias = false) => batchnorm(scale = false) => relu
        => conv(64, 5, same, bias = false) => batchnorm(scale = false) => relu as mixed2_5x5;
    mixed1
        => conv(64, 1, same, bias = false) => batchnorm(scale = false) => relu
        => conv(96, 3, same, bias = false) => batchnorm(scale = false) => relu
        => conv(96, 3, same, bias = false) => batchnorm(scale = false) => relu as mixed2_3x3dbl;
    mixed1
        => avgpool(3, stride = 1, same)
        => conv(64, 1, same, bias = false) => batchnorm(scale = false) => relu as mixed2_pool;
    concat(mixed2_1x1, mixed2_5x5, mixed2_3x3dbl, mixed2_pool) as mixed2;

    mixed2 => conv(384, 3, stride = 2, bias = false) => batchnorm(scale = false) => relu as mixed3_3x3;
    mixed2
        => conv(64, 1, same, bias = false) => batchnorm(scale = false) => relu
        => conv(96, 3, same, bias = false) => batchnorm(scale = false) => relu
        => conv(96, 3, stride = 2, bias = false) => batchnorm(scale = false) => relu as mixed3_3x3dbl;
    mixed2 => maxpool(3, stride = 2) as mixed3_pool;
    concat(mixed3_3x3, mixed3_3x3dbl, mixed3_pool) as mixed3;

    mixed3 => conv(192, 1, same, bias = false) => batchnorm(scale = false) => relu as mixed4_1x1;
    mixed3
        => conv(128, 1, same, bias = false) => batchnorm(scale = false) => relu
        => conv(128, (1, 7), same, bias = false) => batchnorm(scale = false) => relu
        => conv(192, (7, 1), same, bias = false) => batchnorm(scale = false) => relu as mixed4_7x7;
    mixed3
        => conv(128, 1, same, bias = false) => batchnorm(scale = false) => relu
        => conv(128, (7, 1), same, bias = false) => batchnorm(scale = false) => relu
        => conv(128, (1, 7), same, bias = false) => batchnorm(scale = false) => relu
        => conv(128, (7, 1), same, bias = false) => batchnorm(scale = false) => relu
        => conv(192, (1, 7), same, bias = false) => batchnorm(scale = false) => relu as mixed4_7x7dbl;
    mixed3
        => avgpool(3, stride = 1, same)
        => conv(192, 1, same, bias = false) => batchnorm(scale = false) => relu as mixed4_pool;
    concat(mixed4_1x1, mixed4_7x7, mixed4_7x7dbl, mixed4_pool) as mixed4;

    mixed4 => conv(192, 1, same, bias = false) => batchnorm(scale = false) => relu as mixed5_1x1;
    mixed4
        => conv(160, 1, same, bias = false) => batchnorm(scale = false) => relu
        => conv(160, (1, 7), same, bias = false) => batchnorm(scale = false) => relu
        => conv(192, (7, 1), same, bias = false) => batchnorm(scale = false) => relu as mixed5_7x7;
    mixed4
        => conv(160, 1, same, bias = false) => batchnorm(scale = false) => relu
        => conv(160, (7, 1), same, bias = false) => batchnorm(scale = false) => relu
        => conv(160, (1, 7), same, bias = false) => batchnorm(scale = false) => relu
        => conv(160, (7, 1), same, bias = false) => batchnorm(scale = false) => relu
        => conv(192, (1, 7), same, bias = false) => batchnorm(scale = false) => relu as mixed5_7x7dbl;
    mixed4
        => avgpool(3, stride = 1, same)
        => conv(192, 1, same, bias = false) => batchnorm(scale = false) => relu as mixed5_pool;
    concat(mixed5_1x1, mixed5_7x7, mixed5_7x7dbl, mixed5_pool) as mixed5;

    mixed5 => conv(192, 1, same, bias = false) => batchnorm(scale = false) => relu as mixed6_1x1;
    mixed5
        => conv(160, 1, same, bias = false) => batchnorm(scale = false) => relu
        => conv(160, (1, 7), same, bias = false) => batchnorm(scale = false) => relu
        => conv(192, (7, 1), same, bias = false) => batchnorm(scale = false) => relu as mixed6_7x7;
    mixed5
        => conv(160, 1, same, bias = false) => batchnorm(scale = false) => relu
        => conv(160, (7, 1), same, bias = false) => batchnorm(scale = false) => relu
        => conv(160, (1, 7), same, bias = false) => batchnorm(scale = false) => relu
        => conv(160, (7, 1), same, bias = false) => batchnorm(scale = false) => relu
        => conv(192, (1, 7), same, bias = false) => batchnorm(scale = false) => relu as mixed6_7x7dbl;
    mixed5
        => avgpool(3, stride = 1, same)
        => conv(192, 1, same, bias = false) => batchnorm(scale = false) => relu as mixed6_pool;
    concat(mixed6_1x1, mixed6_7x7, mixed6_7x7dbl, mixed6_pool) as mixed6;

    mixed6 => conv(192, 1, same, bias = false) => batchnorm(scale = false) => relu as mixed7_1x1;
    mixed6
        => conv(192, 1, same, bias = false) => batchnorm(scale = false) => relu
        => conv(192, (1, 7), same, bias = false) => batchnorm(scale = false) => relu
        => conv(192, (7, 1), same, bias = false) => batchnorm(scale = false) => relu as mixed7_7x7;
    mixed6
        => conv(192, 1, same, bias = false) => batchnorm(scale = false) => relu
        => conv(192, (7, 1), same, bias = false) => batchnorm(scale = false) => relu
        => conv(192, (1, 7), same, bias = false) => batchnorm(scale = false) => relu
        => conv(192, (7, 1), same, bias = false) => batchnorm(scale = false) => relu
        => conv(192, (1, 7), same, bias = false) => batchnorm(scale = false) => relu as mixed7_7x7dbl;
    mixed6
        => avgpool(3, stride = 1, same)
        => conv(192, 1, same, bias = false) => batchnorm(scale = false) => relu as mixed7_pool;
    concat(mixed7_1x1, mixed7_7x7, mixed7_7x7dbl, mixed7_pool) as mixed7;

    mixed7
        => conv(192, 1, same, bias = false) => batchnorm(scale = false) => relu
        => conv(320, 3, stride = 2, bias = false) => batchnorm(scale = false) => relu as mixed8_3x3;
    mixed7
        => conv(192, 1, same, bias = false) => batchnorm(scale = false) => relu
        => conv(192, (1, 7), same, bias = false) => batchnorm(scale = false) => relu
        => conv(192, (7, 1), same, bias = false) => batchnorm(scale = false) => relu
        => conv(192, 3, stride = 2, bias = false) => batchnorm(scale = false) => relu as mixed8_7x7x3;
    mixed7 => maxpool(3, stride = 2) as mixed8_pool;
    concat(mixed8_3x3, mixed8_7x7x3, mixed8_pool) as mixed8;

    mixed8 => conv(320, 1, same, bias = false) => batchnorm(scale = false) => relu as mixed9_1x1;
    mixed8 => conv(384, 1, same, bias = false) => batchnorm(scale = false) => relu as mixed9_3x3;
    mixed9_3x3 => conv(384, (1, 3), same, bias = false) => batchnorm(scale = false) => relu as mixed9_3x3_1;
    mixed9_3x3 => conv(384, (3, 1), same, bias = false) => batchnorm(scale = false) => relu as mixed9_3x3_2;
    concat(mixed9_3x3_1, mixed9_3x3_2) as mixed9_0;
    mixed8
        => conv(448, 1, same, bias = false) => batchnorm(scale = false) => relu
        => conv(384, 3, same, bias = false) => batchnorm(scale = false) => relu as mixed9_3x3dbl;
    mixed9_3x3dbl => conv(384, (1, 3), same, bias = false) => batchnorm(scale = false) => relu as mixed9_3x3dbl_1;
    mixed9_3x3dbl => conv(384, (3, 1), same, bias = false) => batchnorm(scale = false) => relu as mixed9_3x3dbl_2;
    concat(mixed9_3x3dbl_1, mixed9_3x3dbl_2) as mixed9_3x3dbl_out;
    mixed8
        => avgpool(3, stride = 1, same)
        => conv(192, 1, same, bias = false) => batchnorm(scale = false) => relu as mixed9_pool;
    concat(mixed9_1x1, mixed9_0, mixed9_3x3dbl_out, mixed9_pool) as mixed9;

    mixed9 => conv(320, 1, same, bias = false) => batchnorm(scale = false) => relu as mixed10_1x1;
    mixed9 => conv(384, 1, same, bias = false) => batchnorm(scale = false) => relu as mixed10_3x3;
    mixed10_3x3 => conv(384, (1, 3), same, bias = false) => batchnorm(scale = false) => relu as mixed10_3x3_1;
    mixed10_3x3 => conv(384, (3, 1), same, bias = false) => batchnorm(scale = false) => relu as mixed10_3x3_2;
    concat(mixed10_3x3_1, mixed10_3x3_2) as mixed9_1;
    mixed9
        => conv(448, 1, same, bias = false) => batchnorm(scale = false) => relu
        => conv(384, 3, same, bias = false) => batchnorm(scale = false) => relu as mixed10_3x3dbl;
    mixed10_3x3dbl => conv(384, (1, 3), same, bias = false) => batchnorm(scale = false) => relu as mixed10_3x3dbl_1;
    mixed10_3x3dbl => conv(384, (3, 1), same, bias = false) => batchnorm(scale = false) => relu as mixed10_3x3dbl_2;
    concat(mixed10_3x3dbl_1, mixed10_3x3dbl_2) as mixed10_3x3dbl_out;
    mixed9
        => avgpool(3, stride = 1, same)
        => conv(192, 1, same, bias = false) => batchnorm(scale = false) => relu as mixed10_pool;
    concat(mixed10_1x1, mixed9_1, mixed10_3x3dbl_out, mixed10_pool) as mixed10;

    mixed10 => global_avg_pool as avg_pool => dense(1000, activation = softmax) as predictions
}

// Keras's published summary of InceptionV3: 23,851,784 parameters, of which
// 34,432 are batch normalization's moving means and variances.
const _: () = assert!(InceptionV3::PARAMS == 23_851_784);
const _: () = assert!(InceptionV3::NON_TRAINABLE_PARAMS == 34_432);

fn main() -> ExitCode {
    println!("{}", InceptionV3::summary());
    match write_figures() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn write_figures() -> Result<(), netviz::Error> {
    let network = InceptionV3::network();
    let options = RenderOptions::new();
    network.render_with("inception.svg", &options)?;
    // Stacked top to bottom, this many layers are taller than a PNG may be at
    // the default scale, so the PNG uses the largest scale within the limits.
    let scale = network.max_png_scale(&options)?.min(options.scale);
    network.render_with("inception.png", &options.scale(scale))?;
    println!("wrote inception.svg and inception.png (PNG at scale {scale})");
    Ok(())
}
