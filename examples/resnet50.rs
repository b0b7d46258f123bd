//! ResNet-50 as `keras.applications.ResNet50(include_top=True)` builds it,
//! layer for layer and with Keras's layer names.
//!
//! Each stage is a run of bottleneck blocks: a 1×1 convolution that narrows the
//! channels, a 3×3 convolution, and a 1×1 convolution that widens them four
//! times, each followed by batch normalization. The block then adds its input
//! back and applies ReLU. The first block of a stage projects its shortcut with a
//! strided 1×1 convolution so that the two branches agree in shape. As in
//! Keras, every convolution has a bias.
//!
//! Run with `cargo run --example resnet50`: prints the summary and writes
//! `resnet50.svg` and `resnet50.png` in the current folder.

use std::process::ExitCode;

use netviz::network;
use netviz::RenderOptions;

network! {
    /// ResNet-50 for 224×224 RGB images, with the 1000-class ImageNet head.
    pub ResNet50: input(224, 224, 3)
        => zeropad(3) as conv1_pad
        => conv(64, 7, stride = 2) as conv1_conv => batchnorm as conv1_bn => relu as conv1_relu
        => zeropad(1) as pool1_pad => maxpool(3, stride = 2) as pool1_pool;

    pool1_pool => conv(256, 1) as conv2_block1_0_conv => batchnorm as conv2_block1_0_bn;
    pool1_pool
        => conv(64, 1) as conv2_block1_1_conv => batchnorm as conv2_block1_1_bn => relu as conv2_block1_1_relu
        => conv(64, 3, same) as conv2_block1_2_conv => batchnorm as conv2_block1_2_bn => relu as conv2_block1_2_relu
        => conv(256, 1) as conv2_block1_3_conv => batchnorm as conv2_block1_3_bn;
    add(conv2_block1_0_bn, conv2_block1_3_bn) as conv2_block1_add => relu as conv2_block1_out;
    conv2_block1_out
        => conv(64, 1) as conv2_block2_1_conv => batchnorm as conv2_block2_1_bn => relu as conv2_block2_1_relu
        => conv(64, 3, same) as conv2_block2_2_conv => batchnorm as conv2_block2_2_bn => relu as conv2_block2_2_relu
        => conv(256, 1) as conv2_block2_3_conv => batchnorm as conv2_block2_3_bn;
    add(conv2_block1_out, conv2_block2_3_bn) as conv2_block2_add => relu as conv2_block2_out;
    conv2_block2_out
        => conv(64, 1) as conv2_block3_1_conv => batchnorm as conv2_block3_1_bn => relu as conv2_block3_1_relu
        => conv(64, 3, same) as conv2_block3_2_conv => batchnorm as conv2_block3_2_bn => relu as conv2_block3_2_relu
        => conv(256, 1) as conv2_block3_3_conv => batchnorm as conv2_block3_3_bn;
    add(conv2_block2_out, conv2_block3_3_bn) as conv2_block3_add => relu as conv2_block3_out;

    conv2_block3_out => conv(512, 1, stride = 2) as conv3_block1_0_conv => batchnorm as conv3_block1_0_bn;
    conv2_block3_out
        => conv(128, 1, stride = 2) as conv3_block1_1_conv => batchnorm as conv3_block1_1_bn => relu as conv3_block1_1_relu
        => conv(128, 3, same) as conv3_block1_2_conv => batchnorm as conv3_block1_2_bn => relu as conv3_block1_2_relu
        => conv(512, 1) as conv3_block1_3_conv => batchnorm as conv3_block1_3_bn;
    add(conv3_block1_0_bn, conv3_block1_3_bn) as conv3_block1_add => relu as conv3_block1_out;
    conv3_block1_out
        => conv(128, 1) as conv3_block2_1_conv => batchnorm as conv3_block2_1_bn => relu as conv3_block2_1_relu
        => conv(128, 3, same) as conv3_block2_2_conv => batchnorm as conv3_block2_2_bn => relu as conv3_block2_2_relu
        => conv(512, 1) as conv3_block2_3_conv => batchnorm as conv3_block2_3_bn;
    add(conv3_block1_out, conv3_block2_3_bn) as conv3_block2_add => relu as conv3_block2_out;
    conv3_block2_out
        => conv(128, 1) as conv3_block3_1_conv => batchnorm as conv3_block3_1_bn => relu as conv3_block3_1_relu
        => conv(128, 3, same) as conv3_block3_2_conv => batchnorm as conv3_block3_2_bn => relu as conv3_block3_2_relu
        => conv(512, 1) as conv3_block3_3_conv => batchnorm as conv3_block3_3_bn;
    add(conv3_block2_out, conv3_block3_3_bn) as conv3_block3_add => relu as conv3_block3_out;
    conv3_block3_out
        => conv(128, 1) as conv3_block4_1_conv => batchnorm as conv3_block4_1_bn => relu as conv3_block4_1_relu
        => conv(128, 3, same) as conv3_block4_2_conv => batchnorm as conv3_block4_2_bn => relu as conv3_block4_2_relu
        => conv(512, 1) as conv3_block4_3_conv => batchnorm as conv3_block4_3_bn;
    add(conv3_block3_out, conv3_block4_3_bn) as conv3_block4_add => relu as conv3_block4_out;

    conv3_block4_out => conv(1024, 1, stride = 2) as conv4_block1_0_conv => batchnorm as conv4_block1_0_bn;
    conv3_block4_out
        => conv(256, 1, stride = 2) as conv4_block1_1_conv => batchnorm as conv4_block1_1_bn => relu as conv4_block1_1_relu
        => conv(256, 3, same) as conv4_block1_2_conv => batchnorm as conv4_block1_2_bn => relu as conv4_block1_2_relu
        => conv(1024, 1) as conv4_block1_3_conv => batchnorm as conv4_block1_3_bn;
    add(conv4_block1_0_bn, conv4_block1_3_bn) as conv4_block1_add => relu as conv4_block1_out;
    conv4_block1_out
        => conv(256, 1) as conv4_block2_1_conv => batchnorm as conv4_block2_1_bn => relu as conv4_block2_1_relu
        => conv(256, 3, same) as conv4_block2_2_conv => batchnorm as conv4_block2_2_bn => relu as conv4_block2_2_relu
        => conv(1024, 1) as conv4_block2_3_conv => batchnorm as conv4_block2_3_bn;
    add(conv4_block1_out, conv4_block2_3_bn) as conv4_block2_add => relu as conv4_block2_out;
    conv4_block2_out
        => conv(256, 1) as conv4_block3_1_conv => batchnorm as conv4_block3_1_bn => relu as conv4_block3_1_relu
        => conv(256, 3, same) as conv4_block3_2_conv => batchnorm as conv4_block3_2_bn => relu as conv4_block3_2_relu
        => conv(1024, 1) as conv4_block3_3_conv => batchnorm as conv4_block3_3_bn;
    add(conv4_block2_out, conv4_block3_3_bn) as conv4_block3_add => relu as conv4_block3_out;
    conv4_block3_out
        => conv(256, 1) as conv4_block4_1_conv => batchnorm as conv4_block4_1_bn => relu as conv4_block4_1_relu
        => conv(256, 3, same) as conv4_block4_2_conv => batchnorm as conv4_block4_2_bn => relu as conv4_block4_2_relu
        => conv(1024, 1) as conv4_block4_3_conv => batchnorm as conv4_block4_3_bn;
    add(conv4_block3_out, conv4_block4_3_bn) as conv4_block4_add => relu as conv4_block4_out;
    conv4_block4_out
        => conv(256, 1) as conv4_block5_1_conv => batchnorm as conv4_block5_1_bn => relu as conv4_block5_1_relu
        => conv(256, 3, same) as conv4_block5_2_conv => batchnorm as conv4_block5_2_bn => relu as conv4_block5_2_relu
        => conv(1024, 1) as conv4_block5_3_conv => batchnorm as conv4_block5_3_bn;
    add(conv4_block4_out, conv4_block5_3_bn) as conv4_block5_add => relu as conv4_block5_out;
    conv4_block5_out
        => conv(256, 1) as conv4_block6_1_conv => batchnorm as conv4_block6_1_bn => relu as conv4_block6_1_relu
        => conv(256, 3, same) as conv4_block6_2_conv => batchnorm as conv4_block6_2_bn => relu as conv4_block6_2_relu
        => conv(1024, 1) as conv4_block6_3_conv => batchnorm as conv4_block6_3_bn;
    add(conv4_block5_out, conv4_block6_3_bn) as conv4_block6_add => relu as conv4_block6_out;

    conv4_block6_out => conv(2048, 1, stride = 2) as conv5_block1_0_conv => batchnorm as conv5_block1_0_bn;
    conv4_block6_out
        => conv(512, 1, stride = 2) as conv5_block1_1_conv => batchnorm as conv5_block1_1_bn => relu as conv5_block1_1_relu
        => conv(512, 3, same) as conv5_block1_2_conv => batchnorm as conv5_block1_2_bn => relu as conv5_block1_2_relu
        => conv(2048, 1) as conv5_block1_3_conv => batchnorm as conv5_block1_3_bn;
    add(conv5_block1_0_bn, conv5_block1_3_bn) as conv5_block1_add => relu as conv5_block1_out;
    conv5_block1_out
        => conv(512, 1) as conv5_block2_1_conv => batchnorm as conv5_block2_1_bn => relu as conv5_block2_1_relu
        => conv(512, 3, same) as conv5_block2_2_conv => batchnorm as conv5_block2_2_bn => relu as conv5_block2_2_relu
        => conv(2048, 1) as conv5_block2_3_conv => batchnorm as conv5_block2_3_bn;
    add(conv5_block1_out, conv5_block2_3_bn) as conv5_block2_add => relu as conv5_block2_out;
    conv5_block2_out
        => conv(512, 1) as conv5_block3_1_conv => batchnorm as conv5_block3_1_bn => relu as conv5_block3_1_relu
        => conv(512, 3, same) as conv5_block3_2_conv => batchnorm as conv5_block3_2_bn => relu as conv5_block3_2_relu
        => conv(2048, 1) as conv5_block3_3_conv => batchnorm as conv5_block3_3_bn;
    add(conv5_block2_out, conv5_block3_3_bn) as conv5_block3_add => relu as conv5_block3_out;

    conv5_block3_out => global_avg_pool as avg_pool => dense(1000, activation = softmax) as predictions
}

// Keras's published summary of ResNet50: 25,636,712 parameters, of which
// 53,120 are batch normalization's moving means and variances.
const _: () = assert!(ResNet50::PARAMS == 25_636_712);
const _: () = assert!(ResNet50::NON_TRAINABLE_PARAMS == 53_120);

fn main() -> ExitCode {
    println!("{}", ResNet50::summary());
    match write_figures() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn write_figures() -> Result<(), netviz::Error> {
    let network = ResNet50::network();
    let options = RenderOptions::new();
    network.render_with("resnet50.svg", &options)?;
    // Stacked top to bottom, this many layers are taller than a PNG may be at
    // the default scale, so the PNG uses the largest scale within the limits.
    let scale = network.max_png_scale(&options)?.min(options.scale);
    network.render_with("resnet50.png", &options.scale(scale))?;
    println!("wrote resnet50.svg and resnet50.png (PNG at scale {scale})");
    Ok(())
}
