// DenseNet-121 as `keras.applications.DenseNet121(include_top=True)` builds it,
// layer for layer and with Keras's layer names. It is written once here and
// used by the macro (tests and the `densenet121` example) and by the run-time
// checker (the `densenet` benchmark).
//
// Each dense block's unit normalizes and activates everything before it, then
// a 1×1 convolution to 128 channels and a 3×3 convolution to 32 (the growth
// rate). `concat` then appends those 32 channels to the unit's input. A transition
// between blocks halves the channels with a 1×1 convolution and the size with
// 2×2 average pooling. No convolution has a bias. Keras names the final ReLU
// `relu`, which is a layer keyword here and cannot be bound, so it is
// `relu_out`. Keras's published summary: 8,062,504 parameters, of which 83,648
// are non-trainable, in 429 layers.

/// Expands to `TARGET! { pub DenseNet121: … }`, the DenseNet-121 definition.
///
/// `densenet121!(netviz::network)` defines the model type `DenseNet121`, and
/// `densenet121!(stringify)` gives the same definition as source text for
/// `netviz::dsl::build_str`.
macro_rules! densenet121 {
    ($($target:tt)+) => {
        $($target)+! {
            /// DenseNet-121 for 224×224 RGB images, with the 1000-class ImageNet head.
            pub DenseNet121: input(224, 224, 3)
                => zeropad(3) => conv(64, 7, stride = 2, bias = false) as conv1_conv
                => batchnorm as conv1_bn => relu as conv1_relu
                => zeropad(1) => maxpool(3, stride = 2) as pool1;

            pool1
                => batchnorm as conv2_block1_0_bn => relu as conv2_block1_0_relu
                => conv(128, 1, bias = false) as conv2_block1_1_conv
                => batchnorm as conv2_block1_1_bn => relu as conv2_block1_1_relu
                => conv(32, 3, same, bias = false) as conv2_block1_2_conv;
            concat(pool1, conv2_block1_2_conv) as conv2_block1_concat;
            conv2_block1_concat
                => batchnorm as conv2_block2_0_bn => relu as conv2_block2_0_relu
                => conv(128, 1, bias = false) as conv2_block2_1_conv
                => batchnorm as conv2_block2_1_bn => relu as conv2_block2_1_relu
                => conv(32, 3, same, bias = false) as conv2_block2_2_conv;
            concat(conv2_block1_concat, conv2_block2_2_conv) as conv2_block2_concat;
            conv2_block2_concat
                => batchnorm as conv2_block3_0_bn => relu as conv2_block3_0_relu
                => conv(128, 1, bias = false) as conv2_block3_1_conv
                => batchnorm as conv2_block3_1_bn => relu as conv2_block3_1_relu
                => conv(32, 3, same, bias = false) as conv2_block3_2_conv;
            concat(conv2_block2_concat, conv2_block3_2_conv) as conv2_block3_concat;
            conv2_block3_concat
                => batchnorm as conv2_block4_0_bn => relu as conv2_block4_0_relu
                => conv(128, 1, bias = false) as conv2_block4_1_conv
                => batchnorm as conv2_block4_1_bn => relu as conv2_block4_1_relu
                => conv(32, 3, same, bias = false) as conv2_block4_2_conv;
            concat(conv2_block3_concat, conv2_block4_2_conv) as conv2_block4_concat;
            conv2_block4_concat
                => batchnorm as conv2_block5_0_bn => relu as conv2_block5_0_relu
                => conv(128, 1, bias = false) as conv2_block5_1_conv
                => batchnorm as conv2_block5_1_bn => relu as conv2_block5_1_relu
                => conv(32, 3, same, bias = false) as conv2_block5_2_conv;
            concat(conv2_block4_concat, conv2_block5_2_conv) as conv2_block5_concat;
            conv2_block5_concat
                => batchnorm as conv2_block6_0_bn => relu as conv2_block6_0_relu
                => conv(128, 1, bias = false) as conv2_block6_1_conv
                => batchnorm as conv2_block6_1_bn => relu as conv2_block6_1_relu
                => conv(32, 3, same, bias = false) as conv2_block6_2_conv;
            concat(conv2_block5_concat, conv2_block6_2_conv) as conv2_block6_concat;
            conv2_block6_concat
                => batchnorm as pool2_bn => relu as pool2_relu
                => conv(128, 1, bias = false) as pool2_conv => avgpool(2, stride = 2) as pool2_pool;

            pool2_pool
                => batchnorm as conv3_block1_0_bn => relu as conv3_block1_0_relu
                => conv(128, 1, bias = false) as conv3_block1_1_conv
                => batchnorm as conv3_block1_1_bn => relu as conv3_block1_1_relu
                => conv(32, 3, same, bias = false) as conv3_block1_2_conv;
            concat(pool2_pool, conv3_block1_2_conv) as conv3_block1_concat;
            conv3_block1_concat
                => batchnorm as conv3_block2_0_bn => relu as conv3_block2_0_relu
                => conv(128, 1, bias = false) as conv3_block2_1_conv
                => batchnorm as conv3_block2_1_bn => relu as conv3_block2_1_relu
                => conv(32, 3, same, bias = false) as conv3_block2_2_conv;
            concat(conv3_block1_concat, conv3_block2_2_conv) as conv3_block2_concat;
            conv3_block2_concat
                => batchnorm as conv3_block3_0_bn => relu as conv3_block3_0_relu
                => conv(128, 1, bias = false) as conv3_block3_1_conv
                => batchnorm as conv3_block3_1_bn => relu as conv3_block3_1_relu
                => conv(32, 3, same, bias = false) as conv3_block3_2_conv;
            concat(conv3_block2_concat, conv3_block3_2_conv) as conv3_block3_concat;
            conv3_block3_concat
                => batchnorm as conv3_block4_0_bn => relu as conv3_block4_0_relu
                => conv(128, 1, bias = false) as conv3_block4_1_conv
                => batchnorm as conv3_block4_1_bn => relu as conv3_block4_1_relu
                => conv(32, 3, same, bias = false) as conv3_block4_2_conv;
            concat(conv3_block3_concat, conv3_block4_2_conv) as conv3_block4_concat;
            conv3_block4_concat
                => batchnorm as conv3_block5_0_bn => relu as conv3_block5_0_relu
                => conv(128, 1, bias = false) as conv3_block5_1_conv
                => batchnorm as conv3_block5_1_bn => relu as conv3_block5_1_relu
                => conv(32, 3, same, bias = false) as conv3_block5_2_conv;
            concat(conv3_block4_concat, conv3_block5_2_conv) as conv3_block5_concat;
            conv3_block5_concat
                => batchnorm as conv3_block6_0_bn => relu as conv3_block6_0_relu
                => conv(128, 1, bias = false) as conv3_block6_1_conv
                => batchnorm as conv3_block6_1_bn => relu as conv3_block6_1_relu
                => conv(32, 3, same, bias = false) as conv3_block6_2_conv;
            concat(conv3_block5_concat, conv3_block6_2_conv) as conv3_block6_concat;
            conv3_block6_concat
                => batchnorm as conv3_block7_0_bn => relu as conv3_block7_0_relu
                => conv(128, 1, bias = false) as conv3_block7_1_conv
                => batchnorm as conv3_block7_1_bn => relu as conv3_block7_1_relu
                => conv(32, 3, same, bias = false) as conv3_block7_2_conv;
            concat(conv3_block6_concat, conv3_block7_2_conv) as conv3_block7_concat;
            conv3_block7_concat
                => batchnorm as conv3_block8_0_bn => relu as conv3_block8_0_relu
                => conv(128, 1, bias = false) as conv3_block8_1_conv
                => batchnorm as conv3_block8_1_bn => relu as conv3_block8_1_relu
                => conv(32, 3, same, bias = false) as conv3_block8_2_conv;
            concat(conv3_block7_concat, conv3_block8_2_conv) as conv3_block8_concat;
            conv3_block8_concat
                => batchnorm as conv3_block9_0_bn => relu as conv3_block9_0_relu
                => conv(128, 1, bias = false) as conv3_block9_1_conv
                => batchnorm as conv3_block9_1_bn => relu as conv3_block9_1_relu
                => conv(32, 3, same, bias = false) as conv3_block9_2_conv;
            concat(conv3_block8_concat, conv3_block9_2_conv) as conv3_block9_concat;
            conv3_block9_concat
                => batchnorm as conv3_block10_0_bn => relu as conv3_block10_0_relu
                => conv(128, 1, bias = false) as conv3_block10_1_conv
                => batchnorm as conv3_block10_1_bn => relu as conv3_block10_1_relu
                => conv(32, 3, same, bias = false) as conv3_block10_2_conv;
            concat(conv3_block9_concat, conv3_block10_2_conv) as conv3_block10_concat;
            conv3_block10_concat
                => batchnorm as conv3_block11_0_bn => relu as conv3_block11_0_relu
                => conv(128, 1, bias = false) as conv3_block11_1_conv
                => batchnorm as conv3_block11_1_bn => relu as conv3_block11_1_relu
                => conv(32, 3, same, bias = false) as conv3_block11_2_conv;
            concat(conv3_block10_concat, conv3_block11_2_conv) as conv3_block11_concat;
            conv3_block11_concat
                => batchnorm as conv3_block12_0_bn => relu as conv3_block12_0_relu
                => conv(128, 1, bias = false) as conv3_block12_1_conv
                => batchnorm as conv3_block12_1_bn => relu as conv3_block12_1_relu
                => conv(32, 3, same, bias = false) as conv3_block12_2_conv;
            concat(conv3_block11_concat, conv3_block12_2_conv) as conv3_block12_concat;
            conv3_block12_concat
                => batchnorm as pool3_bn => relu as pool3_relu
                => conv(256, 1, bias = false) as pool3_conv => avgpool(2, stride = 2) as pool3_pool;

            pool3_pool
                => batchnorm as conv4_block1_0_bn => relu as conv4_block1_0_relu
                => conv(128, 1, bias = false) as conv4_block1_1_conv
                => batchnorm as conv4_block1_1_bn => relu as conv4_block1_1_relu
                => conv(32, 3, same, bias = false) as conv4_block1_2_conv;
            concat(pool3_pool, conv4_block1_2_conv) as conv4_block1_concat;
            conv4_block1_concat
                => batchnorm as conv4_block2_0_bn => relu as conv4_block2_0_relu
                => conv(128, 1, bias = false) as conv4_block2_1_conv
                => batchnorm as conv4_block2_1_bn => relu as conv4_block2_1_relu
                => conv(32, 3, same, bias = false) as conv4_block2_2_conv;
            concat(conv4_block1_concat, conv4_block2_2_conv) as conv4_block2_concat;
            conv4_block2_concat
                => batchnorm as conv4_block3_0_bn => relu as conv4_block3_0_relu
                => conv(128, 1, bias = false) as conv4_block3_1_conv
                => batchnorm as conv4_block3_1_bn => relu as conv4_block3_1_relu
                => conv(32, 3, same, bias = false) as conv4_block3_2_conv;
            concat(conv4_block2_concat, conv4_block3_2_conv) as conv4_block3_concat;
            conv4_block3_concat
                => batchnorm as conv4_block4_0_bn => relu as conv4_block4_0_relu
                => conv(128, 1, bias = false) as conv4_block4_1_conv
                => batchnorm as conv4_block4_1_bn => relu as conv4_block4_1_relu
                => conv(32, 3, same, bias = false) as conv4_block4_2_conv;
            concat(conv4_block3_concat, conv4_block4_2_conv) as conv4_block4_concat;
            conv4_block4_concat
                => batchnorm as conv4_block5_0_bn => relu as conv4_block5_0_relu
                => conv(128, 1, bias = false) as conv4_block5_1_conv
                => batchnorm as conv4_block5_1_bn => relu as conv4_block5_1_relu
                => conv(32, 3, same, bias = false) as conv4_block5_2_conv;
            concat(conv4_block4_concat, conv4_block5_2_conv) as conv4_block5_concat;
            conv4_block5_concat
                => batchnorm as conv4_block6_0_bn => relu as conv4_block6_0_relu
                => conv(128, 1, bias = false) as conv4_block6_1_conv
                => batchnorm as conv4_block6_1_bn => relu as conv4_block6_1_relu
                => conv(32, 3, same, bias = false) as conv4_block6_2_conv;
            concat(conv4_block5_concat, conv4_block6_2_conv) as conv4_block6_concat;
            conv4_block6_concat
                => batchnorm as conv4_block7_0_bn => relu as conv4_block7_0_relu
                => conv(128, 1, bias = false) as conv4_block7_1_conv
                => batchnorm as conv4_block7_1_bn => relu as conv4_block7_1_relu
                => conv(32, 3, same, bias = false) as conv4_block7_2_conv;
            concat(conv4_block6_concat, conv4_block7_2_conv) as conv4_block7_concat;
            conv4_block7_concat
                => batchnorm as conv4_block8_0_bn => relu as conv4_block8_0_relu
                => conv(128, 1, bias = false) as conv4_block8_1_conv
                => batchnorm as conv4_block8_1_bn => relu as conv4_block8_1_relu
                => conv(32, 3, same, bias = false) as conv4_block8_2_conv;
            concat(conv4_block7_concat, conv4_block8_2_conv) as conv4_block8_concat;
            conv4_block8_concat
                => batchnorm as conv4_block9_0_bn => relu as conv4_block9_0_relu
                => conv(128, 1, bias = false) as conv4_block9_1_conv
                => batchnorm as conv4_block9_1_bn => relu as conv4_block9_1_relu
                => conv(32, 3, same, bias = false) as conv4_block9_2_conv;
            concat(conv4_block8_concat, conv4_block9_2_conv) as conv4_block9_concat;
            conv4_block9_concat
                => batchnorm as conv4_block10_0_bn => relu as conv4_block10_0_relu
                => conv(128, 1, bias = false) as conv4_block10_1_conv
                => batchnorm as conv4_block10_1_bn => relu as conv4_block10_1_relu
                => conv(32, 3, same, bias = false) as conv4_block10_2_conv;
            concat(conv4_block9_concat, conv4_block10_2_conv) as conv4_block10_concat;
            conv4_block10_concat
                => batchnorm as conv4_block11_0_bn => relu as conv4_block11_0_relu
                => conv(128, 1, bias = false) as conv4_block11_1_conv
                => batchnorm as conv4_block11_1_bn => relu as conv4_block11_1_relu
                => conv(32, 3, same, bias = false) as conv4_block11_2_conv;
            concat(conv4_block10_concat, conv4_block11_2_conv) as conv4_block11_concat;
            conv4_block11_concat
                => batchnorm as conv4_block12_0_bn => relu as conv4_block12_0_relu
                => conv(128, 1, bias = false) as conv4_block12_1_conv
                => batchnorm as conv4_block12_1_bn => relu as conv4_block12_1_relu
                => conv(32, 3, same, bias = false) as conv4_block12_2_conv;
            concat(conv4_block11_concat, conv4_block12_2_conv) as conv4_block12_concat;
            conv4_block12_concat
                => batchnorm as conv4_block13_0_bn => relu as conv4_block13_0_relu
                => conv(128, 1, bias = false) as conv4_block13_1_conv
                => batchnorm as conv4_block13_1_bn => relu as conv4_block13_1_relu
                => conv(32, 3, same, bias = false) as conv4_block13_2_conv;
            concat(conv4_block12_concat, conv4_block13_2_conv) as conv4_block13_concat;
            conv4_block13_concat
                => batchnorm as conv4_block14_0_bn => relu as conv4_block14_0_relu
                => conv(128, 1, bias = false) as conv4_block14_1_conv
                => batchnorm as conv4_block14_1_bn => relu as conv4_block14_1_relu
                => conv(32, 3, same, bias = false) as conv4_block14_2_conv;
            concat(conv4_block13_concat, conv4_block14_2_conv) as conv4_block14_concat;
            conv4_block14_concat
                => batchnorm as conv4_block15_0_bn => relu as conv4_block15_0_relu
                => conv(128, 1, bias = false) as conv4_block15_1_conv
                => batchnorm as conv4_block15_1_bn => relu as conv4_block15_1_relu
                => conv(32, 3, same, bias = false) as conv4_block15_2_conv;
            concat(conv4_block14_concat, conv4_block15_2_conv) as conv4_block15_concat;
            conv4_block15_concat
                => batchnorm as conv4_block16_0_bn => relu as conv4_block16_0_relu
                => conv(128, 1, bias = false) as conv4_block16_1_conv
                => batchnorm as conv4_block16_1_bn => relu as conv4_block16_1_relu
                => conv(32, 3, same, bias = false) as conv4_block16_2_conv;
            concat(conv4_block15_concat, conv4_block16_2_conv) as conv4_block16_concat;
            conv4_block16_concat
                => batchnorm as conv4_block17_0_bn => relu as conv4_block17_0_relu
                => conv(128, 1, bias = false) as conv4_block17_1_conv
                => batchnorm as conv4_block17_1_bn => relu as conv4_block17_1_relu
                => conv(32, 3, same, bias = false) as conv4_block17_2_conv;
            concat(conv4_block16_concat, conv4_block17_2_conv) as conv4_block17_concat;
            conv4_block17_concat
                => batchnorm as conv4_block18_0_bn => relu as conv4_block18_0_relu
                => conv(128, 1, bias = false) as conv4_block18_1_conv
                => batchnorm as conv4_block18_1_bn => relu as conv4_block18_1_relu
                => conv(32, 3, same, bias = false) as conv4_block18_2_conv;
            concat(conv4_block17_concat, conv4_block18_2_conv) as conv4_block18_concat;
            conv4_block18_concat
                => batchnorm as conv4_block19_0_bn => relu as conv4_block19_0_relu
                => conv(128, 1, bias = false) as conv4_block19_1_conv
                => batchnorm as conv4_block19_1_bn => relu as conv4_block19_1_relu
                => conv(32, 3, same, bias = false) as conv4_block19_2_conv;
            concat(conv4_block18_concat, conv4_block19_2_conv) as conv4_block19_concat;
            conv4_block19_concat
                => batchnorm as conv4_block20_0_bn => relu as conv4_block20_0_relu
                => conv(128, 1, bias = false) as conv4_block20_1_conv
                => batchnorm as conv4_block20_1_bn => relu as conv4_block20_1_relu
                => conv(32, 3, same, bias = false) as conv4_block20_2_conv;
            concat(conv4_block19_concat, conv4_block20_2_conv) as conv4_block20_concat;
            conv4_block20_concat
                => batchnorm as conv4_block21_0_bn => relu as conv4_block21_0_relu
                => conv(128, 1, bias = false) as conv4_block21_1_conv
                => batchnorm as conv4_block21_1_bn => relu as conv4_block21_1_relu
                => conv(32, 3, same, bias = false) as conv4_block21_2_conv;
            concat(conv4_block20_concat, conv4_block21_2_conv) as conv4_block21_concat;
            conv4_block21_concat
                => batchnorm as conv4_block22_0_bn => relu as conv4_block22_0_relu
                => conv(128, 1, bias = false) as conv4_block22_1_conv
                => batchnorm as conv4_block22_1_bn => relu as conv4_block22_1_relu
                => conv(32, 3, same, bias = false) as conv4_block22_2_conv;
            concat(conv4_block21_concat, conv4_block22_2_conv) as conv4_block22_concat;
            conv4_block22_concat
                => batchnorm as conv4_block23_0_bn => relu as conv4_block23_0_relu
                => conv(128, 1, bias = false) as conv4_block23_1_conv
                => batchnorm as conv4_block23_1_bn => relu as conv4_block23_1_relu
                => conv(32, 3, same, bias = false) as conv4_block23_2_conv;
            concat(conv4_block22_concat, conv4_block23_2_conv) as conv4_block23_concat;
            conv4_block23_concat
                => batchnorm as conv4_block24_0_bn => relu as conv4_block24_0_relu
                => conv(128, 1, bias = false) as conv4_block24_1_conv
                => batchnorm as conv4_block24_1_bn => relu as conv4_block24_1_relu
                => conv(32, 3, same, bias = false) as conv4_block24_2_conv;
            concat(conv4_block23_concat, conv4_block24_2_conv) as conv4_block24_concat;
            conv4_block24_concat
                => batchnorm as pool4_bn => relu as pool4_relu
                => conv(512, 1, bias = false) as pool4_conv => avgpool(2, stride = 2) as pool4_pool;

            pool4_pool
                => batchnorm as conv5_block1_0_bn => relu as conv5_block1_0_relu
                => conv(128, 1, bias = false) as conv5_block1_1_conv
                => batchnorm as conv5_block1_1_bn => relu as conv5_block1_1_relu
                => conv(32, 3, same, bias = false) as conv5_block1_2_conv;
            concat(pool4_pool, conv5_block1_2_conv) as conv5_block1_concat;
            conv5_block1_concat
                => batchnorm as conv5_block2_0_bn => relu as conv5_block2_0_relu
                => conv(128, 1, bias = false) as conv5_block2_1_conv
                => batchnorm as conv5_block2_1_bn => relu as conv5_block2_1_relu
                => conv(32, 3, same, bias = false) as conv5_block2_2_conv;
            concat(conv5_block1_concat, conv5_block2_2_conv) as conv5_block2_concat;
            conv5_block2_concat
                => batchnorm as conv5_block3_0_bn => relu as conv5_block3_0_relu
                => conv(128, 1, bias = false) as conv5_block3_1_conv
                => batchnorm as conv5_block3_1_bn => relu as conv5_block3_1_relu
                => conv(32, 3, same, bias = false) as conv5_block3_2_conv;
            concat(conv5_block2_concat, conv5_block3_2_conv) as conv5_block3_concat;
            conv5_block3_concat
                => batchnorm as conv5_block4_0_bn => relu as conv5_block4_0_relu
                => conv(128, 1, bias = false) as conv5_block4_1_conv
                => batchnorm as conv5_block4_1_bn => relu as conv5_block4_1_relu
                => conv(32, 3, same, bias = false) as conv5_block4_2_conv;
            concat(conv5_block3_concat, conv5_block4_2_conv) as conv5_block4_concat;
            conv5_block4_concat
                => batchnorm as conv5_block5_0_bn => relu as conv5_block5_0_relu
                => conv(128, 1, bias = false) as conv5_block5_1_conv
                => batchnorm as conv5_block5_1_bn => relu as conv5_block5_1_relu
                => conv(32, 3, same, bias = false) as conv5_block5_2_conv;
            concat(conv5_block4_concat, conv5_block5_2_conv) as conv5_block5_concat;
            conv5_block5_concat
                => batchnorm as conv5_block6_0_bn => relu as conv5_block6_0_relu
                => conv(128, 1, bias = false) as conv5_block6_1_conv
                => batchnorm as conv5_block6_1_bn => relu as conv5_block6_1_relu
                => conv(32, 3, same, bias = false) as conv5_block6_2_conv;
            concat(conv5_block5_concat, conv5_block6_2_conv) as conv5_block6_concat;
            conv5_block6_concat
                => batchnorm as conv5_block7_0_bn => relu as conv5_block7_0_relu
                => conv(128, 1, bias = false) as conv5_block7_1_conv
                => batchnorm as conv5_block7_1_bn => relu as conv5_block7_1_relu
                => conv(32, 3, same, bias = false) as conv5_block7_2_conv;
            concat(conv5_block6_concat, conv5_block7_2_conv) as conv5_block7_concat;
            conv5_block7_concat
                => batchnorm as conv5_block8_0_bn => relu as conv5_block8_0_relu
                => conv(128, 1, bias = false) as conv5_block8_1_conv
                => batchnorm as conv5_block8_1_bn => relu as conv5_block8_1_relu
                => conv(32, 3, same, bias = false) as conv5_block8_2_conv;
            concat(conv5_block7_concat, conv5_block8_2_conv) as conv5_block8_concat;
            conv5_block8_concat
                => batchnorm as conv5_block9_0_bn => relu as conv5_block9_0_relu
                => conv(128, 1, bias = false) as conv5_block9_1_conv
                => batchnorm as conv5_block9_1_bn => relu as conv5_block9_1_relu
                => conv(32, 3, same, bias = false) as conv5_block9_2_conv;
            concat(conv5_block8_concat, conv5_block9_2_conv) as conv5_block9_concat;
            conv5_block9_concat
                => batchnorm as conv5_block10_0_bn => relu as conv5_block10_0_relu
                => conv(128, 1, bias = false) as conv5_block10_1_conv
                => batchnorm as conv5_block10_1_bn => relu as conv5_block10_1_relu
                => conv(32, 3, same, bias = false) as conv5_block10_2_conv;
            concat(conv5_block9_concat, conv5_block10_2_conv) as conv5_block10_concat;
            conv5_block10_concat
                => batchnorm as conv5_block11_0_bn => relu as conv5_block11_0_relu
                => conv(128, 1, bias = false) as conv5_block11_1_conv
                => batchnorm as conv5_block11_1_bn => relu as conv5_block11_1_relu
                => conv(32, 3, same, bias = false) as conv5_block11_2_conv;
            concat(conv5_block10_concat, conv5_block11_2_conv) as conv5_block11_concat;
            conv5_block11_concat
                => batchnorm as conv5_block12_0_bn => relu as conv5_block12_0_relu
                => conv(128, 1, bias = false) as conv5_block12_1_conv
                => batchnorm as conv5_block12_1_bn => relu as conv5_block12_1_relu
                => conv(32, 3, same, bias = false) as conv5_block12_2_conv;
            concat(conv5_block11_concat, conv5_block12_2_conv) as conv5_block12_concat;
            conv5_block12_concat
                => batchnorm as conv5_block13_0_bn => relu as conv5_block13_0_relu
                => conv(128, 1, bias = false) as conv5_block13_1_conv
                => batchnorm as conv5_block13_1_bn => relu as conv5_block13_1_relu
                => conv(32, 3, same, bias = false) as conv5_block13_2_conv;
            concat(conv5_block12_concat, conv5_block13_2_conv) as conv5_block13_concat;
            conv5_block13_concat
                => batchnorm as conv5_block14_0_bn => relu as conv5_block14_0_relu
                => conv(128, 1, bias = false) as conv5_block14_1_conv
                => batchnorm as conv5_block14_1_bn => relu as conv5_block14_1_relu
                => conv(32, 3, same, bias = false) as conv5_block14_2_conv;
            concat(conv5_block13_concat, conv5_block14_2_conv) as conv5_block14_concat;
            conv5_block14_concat
                => batchnorm as conv5_block15_0_bn => relu as conv5_block15_0_relu
                => conv(128, 1, bias = false) as conv5_block15_1_conv
                => batchnorm as conv5_block15_1_bn => relu as conv5_block15_1_relu
                => conv(32, 3, same, bias = false) as conv5_block15_2_conv;
            concat(conv5_block14_concat, conv5_block15_2_conv) as conv5_block15_concat;
            conv5_block15_concat
                => batchnorm as conv5_block16_0_bn => relu as conv5_block16_0_relu
                => conv(128, 1, bias = false) as conv5_block16_1_conv
                => batchnorm as conv5_block16_1_bn => relu as conv5_block16_1_relu
                => conv(32, 3, same, bias = false) as conv5_block16_2_conv;
            concat(conv5_block15_concat, conv5_block16_2_conv) as conv5_block16_concat;

            conv5_block16_concat => batchnorm as bn => relu as relu_out
                => global_avg_pool as avg_pool => dense(1000, activation = softmax) as predictions
        }
    };
}
