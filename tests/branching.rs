//! Branching networks: whole Keras application models through the `network!`
//! macro, and small run-time checks of the branch language through
//! `netviz::dsl::build_str`.
//!
//! Expected totals, layer counts and shapes come from the model summaries that
//! Keras prints for `keras.applications` models, or from Keras's parameter
//! formulas worked by hand in the comments beside them.

use netviz::{network, Network};

// The examples are compiled in as modules so that the tests check exactly the
// networks that the examples print. Their `main` functions are unused here.
#[allow(dead_code)]
#[path = "../examples/inception.rs"]
mod inception;
#[allow(dead_code)]
#[path = "../examples/mobilenet_v2.rs"]
mod mobilenet_v2;
#[allow(dead_code)]
#[path = "../examples/resnet50.rs"]
mod resnet50;
#[allow(dead_code)]
#[path = "../examples/unet.rs"]
mod unet;

mod models {
    include!("models/densenet121.rs");

    densenet121!(netviz::network);

    /// The DenseNet-121 definition as source text, for the run-time checker.
    pub const DENSENET121_SOURCE: &str = densenet121!(stringify);
}

use inception::InceptionV3;
use mobilenet_v2::MobileNetV2;
use models::DenseNet121;
use resnet50::ResNet50;
use unet::UNet;

/// Asserts the output shape of each named layer, with the layer's name in the failure message.
fn assert_shapes(network: &Network, expected: &[(&str, &[u64])]) {
    for (name, shape) in expected {
        let layer = network
            .layer(name)
            .unwrap_or_else(|| panic!("{}: no layer named `{name}`", network.name));
        assert_eq!(
            layer.output_shape.dims(),
            *shape,
            "{}: output shape of `{name}`",
            network.name
        );
    }
}

/// Returns the names of the layers that `name` reads from, in argument order.
fn input_names(network: &Network, name: &str) -> Vec<String> {
    let layer = network
        .layer(name)
        .unwrap_or_else(|| panic!("{}: no layer named `{name}`", network.name));
    layer
        .inputs
        .iter()
        .map(|&i| network.layers[i].name.clone())
        .collect()
}

fn build(source: &str) -> Network {
    match netviz::dsl::build_str(source) {
        Ok(network) => network,
        Err(errors) => {
            let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
            panic!("expected `{source}` to check, got errors: {messages:#?}")
        }
    }
}

// ResNet50: Keras prints 25,636,712 parameters, 25,583,592 trainable and
// 53,120 non-trainable, and `len(model.layers)` is 177.

#[test]
fn resnet50_totals_match_keras() {
    assert_eq!(ResNet50::PARAMS, 25_636_712);
    assert_eq!(ResNet50::TRAINABLE_PARAMS, 25_583_592);
    assert_eq!(ResNet50::NON_TRAINABLE_PARAMS, 53_120);
    let network = ResNet50::network();
    assert_eq!(network.total_params(), 25_636_712);
    assert_eq!(network.layers.len(), 177);
    assert_eq!(ResNet50::INPUT_SHAPE, &[224, 224, 3]);
    assert_eq!(ResNet50::OUTPUT_SHAPE, &[1000]);
}

#[test]
fn resnet50_layer_shapes_match_keras() {
    assert_shapes(
        &ResNet50::network(),
        &[
            ("conv1_pad", &[230, 230, 3]),
            ("conv1_conv", &[112, 112, 64]),
            ("pool1_pad", &[114, 114, 64]),
            ("pool1_pool", &[56, 56, 64]),
            ("conv2_block1_0_conv", &[56, 56, 256]),
            ("conv2_block1_out", &[56, 56, 256]),
            ("conv3_block1_1_conv", &[28, 28, 128]),
            ("conv3_block1_out", &[28, 28, 512]),
            ("conv3_block4_out", &[28, 28, 512]),
            ("conv4_block1_out", &[14, 14, 1024]),
            ("conv4_block6_out", &[14, 14, 1024]),
            ("conv5_block1_out", &[7, 7, 2048]),
            ("conv5_block3_out", &[7, 7, 2048]),
            ("avg_pool", &[2048]),
            ("predictions", &[1000]),
        ],
    );
}

#[test]
fn resnet50_layer_params_match_keras() {
    let network = ResNet50::network();
    // A Conv2D has k·k·C·F + F parameters. A BatchNormalization has 4C, of
    // which 2C (the moving mean and variance) are not trained.
    let expected = [
        ("conv1_conv", 7 * 7 * 3 * 64 + 64, 7 * 7 * 3 * 64 + 64),
        ("conv1_bn", 4 * 64, 2 * 64),
        ("conv2_block1_0_conv", 64 * 256 + 256, 64 * 256 + 256),
        ("conv2_block1_2_conv", 9 * 64 * 64 + 64, 9 * 64 * 64 + 64),
        ("conv5_block3_3_bn", 4 * 2048, 2 * 2048),
        ("predictions", 2048 * 1000 + 1000, 2048 * 1000 + 1000),
    ];
    for (name, params, trainable) in expected {
        let layer = network.layer(name).expect(name);
        assert_eq!(layer.params, params, "params of `{name}`");
        assert_eq!(
            layer.trainable_params, trainable,
            "trainable params of `{name}`"
        );
    }
}

#[test]
fn resnet50_adds_connect_like_keras() {
    let network = ResNet50::network();
    // Keras's `Add()([shortcut, x])`: the shortcut comes first.
    assert_eq!(
        input_names(&network, "conv2_block1_add"),
        ["conv2_block1_0_bn", "conv2_block1_3_bn"]
    );
    assert_eq!(
        input_names(&network, "conv2_block2_add"),
        ["conv2_block1_out", "conv2_block2_3_bn"]
    );
    assert_eq!(
        input_names(&network, "conv3_block1_0_conv"),
        ["conv2_block3_out"]
    );
    assert_eq!(
        input_names(&network, "conv3_block1_1_conv"),
        ["conv2_block3_out"]
    );
    let adds = network.layers.iter().filter(|l| l.op == "add").count();
    assert_eq!(adds, 16, "ResNet-50 has 3 + 4 + 6 + 3 residual blocks");
}

// InceptionV3: Keras prints 23,851,784 parameters, 23,817,352 trainable and
// 34,432 non-trainable, and `len(model.layers)` is 313.

#[test]
fn inception_v3_totals_match_keras() {
    assert_eq!(InceptionV3::PARAMS, 23_851_784);
    assert_eq!(InceptionV3::TRAINABLE_PARAMS, 23_817_352);
    assert_eq!(InceptionV3::NON_TRAINABLE_PARAMS, 34_432);
    let network = InceptionV3::network();
    assert_eq!(network.layers.len(), 313);
    assert_eq!(InceptionV3::INPUT_SHAPE, &[299, 299, 3]);
    assert_eq!(InceptionV3::OUTPUT_SHAPE, &[1000]);
}

#[test]
fn inception_v3_module_shapes_match_keras() {
    assert_shapes(
        &InceptionV3::network(),
        &[
            ("conv2d", &[149, 149, 32]),
            ("conv2d_1", &[147, 147, 32]),
            ("conv2d_2", &[147, 147, 64]),
            ("conv2d_4", &[71, 71, 192]),
            ("mixed0", &[35, 35, 256]),
            ("mixed1", &[35, 35, 288]),
            ("mixed2", &[35, 35, 288]),
            ("mixed3", &[17, 17, 768]),
            ("mixed4", &[17, 17, 768]),
            ("mixed7", &[17, 17, 768]),
            ("mixed8", &[8, 8, 1280]),
            ("mixed9_0", &[8, 8, 768]),
            ("mixed9", &[8, 8, 2048]),
            ("mixed9_1", &[8, 8, 768]),
            ("mixed10", &[8, 8, 2048]),
            // Keras's last convolution is the 1×1 of mixed10's pooling branch.
            ("conv2d_93", &[8, 8, 192]),
            ("batch_normalization_93", &[8, 8, 192]),
            ("avg_pool", &[2048]),
            ("predictions", &[1000]),
        ],
    );
}

#[test]
fn inception_v3_layers_have_no_bias_or_scale() {
    let network = InceptionV3::network();
    // Conv2D without bias: k·k·C·F. BatchNormalization with scale=False:
    // beta (trained) plus the moving mean and variance, 3 per channel.
    let stem = network.layer("conv2d").unwrap();
    assert_eq!(stem.params, 3 * 3 * 3 * 32);
    let norm = network.layer("batch_normalization").unwrap();
    assert_eq!(norm.params, 3 * 32);
    assert_eq!(norm.trainable_params, 32);
    let convs = network.layers.iter().filter(|l| l.op == "conv2d").count();
    assert_eq!(convs, 94);
    assert!(network.layer("conv2d_94").is_none());
}

#[test]
fn inception_v3_mixed0_concatenates_four_branches() {
    let network = InceptionV3::network();
    assert_eq!(
        input_names(&network, "mixed0"),
        ["mixed0_1x1", "mixed0_5x5", "mixed0_3x3dbl", "mixed0_pool"]
    );
    let channels: Vec<u64> = network
        .layer("mixed0")
        .unwrap()
        .input_shapes
        .iter()
        .map(|s| s.channels())
        .collect();
    assert_eq!(channels, [64, 64, 96, 32]);
}

// MobileNetV2 (alpha 1.0, 224×224): Keras prints 3,538,984 parameters,
// 3,504,872 trainable and 34,112 non-trainable, and `len(model.layers)` is 156.

#[test]
fn mobilenet_v2_totals_match_keras() {
    assert_eq!(MobileNetV2::PARAMS, 3_538_984);
    assert_eq!(MobileNetV2::TRAINABLE_PARAMS, 3_504_872);
    assert_eq!(MobileNetV2::NON_TRAINABLE_PARAMS, 34_112);
    assert_eq!(MobileNetV2::network().layers.len(), 156);
}

#[test]
fn mobilenet_v2_layer_shapes_match_keras() {
    assert_shapes(
        &MobileNetV2::network(),
        &[
            ("Conv1", &[112, 112, 32]),
            ("expanded_conv_depthwise", &[112, 112, 32]),
            ("expanded_conv_project_BN", &[112, 112, 16]),
            ("block_1_expand", &[112, 112, 96]),
            ("block_1_pad", &[113, 113, 96]),
            ("block_1_depthwise", &[56, 56, 96]),
            ("block_2_add", &[56, 56, 24]),
            ("block_3_pad", &[57, 57, 144]),
            ("block_5_add", &[28, 28, 32]),
            ("block_6_depthwise", &[14, 14, 192]),
            ("block_9_add", &[14, 14, 64]),
            ("block_12_add", &[14, 14, 96]),
            ("block_13_pad", &[15, 15, 576]),
            ("block_15_add", &[7, 7, 160]),
            ("block_16_project_BN", &[7, 7, 320]),
            ("Conv_1", &[7, 7, 1280]),
            ("out_relu", &[7, 7, 1280]),
            ("global_average_pooling2d", &[1280]),
            ("predictions", &[1000]),
        ],
    );
}

#[test]
fn mobilenet_v2_blocks_match_keras() {
    let network = MobileNetV2::network();
    // DepthwiseConv2D without bias: k·k·C.
    assert_eq!(network.layer("block_1_depthwise").unwrap().params, 9 * 96);
    assert_eq!(network.layer("Conv1_relu").unwrap().class_name, "ReLU");
    // Keras adds the block input first: `Add()([inputs, x])`.
    assert_eq!(
        input_names(&network, "block_2_add"),
        ["block_1_project_BN", "block_2_project_BN"]
    );
    let adds = network.layers.iter().filter(|l| l.op == "add").count();
    assert_eq!(
        adds, 10,
        "blocks 2, 4, 5, 7, 8, 9, 11, 12, 14 and 15 are residual"
    );
}

// DenseNet121: Keras prints 8,062,504 parameters, 7,978,856 trainable and
// 83,648 non-trainable, and `len(model.layers)` is 429.

#[test]
fn densenet121_totals_match_keras() {
    assert_eq!(DenseNet121::PARAMS, 8_062_504);
    assert_eq!(DenseNet121::TRAINABLE_PARAMS, 7_978_856);
    assert_eq!(DenseNet121::NON_TRAINABLE_PARAMS, 83_648);
    assert_eq!(DenseNet121::network().layers.len(), 429);
}

#[test]
fn densenet121_block_shapes_match_keras() {
    assert_shapes(
        &DenseNet121::network(),
        &[
            ("zero_padding2d", &[230, 230, 3]),
            ("conv1_conv", &[112, 112, 64]),
            ("zero_padding2d_1", &[114, 114, 64]),
            ("pool1", &[56, 56, 64]),
            ("conv2_block1_concat", &[56, 56, 96]),
            ("conv2_block6_concat", &[56, 56, 256]),
            ("pool2_conv", &[56, 56, 128]),
            ("pool2_pool", &[28, 28, 128]),
            ("conv3_block12_concat", &[28, 28, 512]),
            ("pool3_pool", &[14, 14, 256]),
            ("conv4_block24_concat", &[14, 14, 1024]),
            ("pool4_pool", &[7, 7, 512]),
            ("conv5_block16_concat", &[7, 7, 1024]),
            ("avg_pool", &[1024]),
            ("predictions", &[1000]),
        ],
    );
}

#[test]
fn densenet121_macro_and_build_str_agree() {
    let checked_at_run_time = build(models::DENSENET121_SOURCE);
    assert_eq!(checked_at_run_time, DenseNet121::network());
}

// U-Net: the total is worked out by hand in examples/unet.rs.

#[test]
fn unet_totals_and_skips() {
    assert_eq!(UNet::PARAMS, 31_030_593);
    assert_eq!(UNet::NON_TRAINABLE_PARAMS, 0);
    assert_eq!(UNet::OUTPUT_SHAPE, &[128, 128, 1]);
    let network = UNet::network();
    assert_shapes(
        &network,
        &[
            ("enc4", &[16, 16, 512]),
            ("bottleneck", &[8, 8, 1024]),
            ("conv2d_transpose", &[16, 16, 512]),
            ("concatenate", &[16, 16, 1024]),
            ("concatenate_3", &[128, 128, 128]),
            ("mask", &[128, 128, 1]),
        ],
    );
    assert_eq!(
        input_names(&network, "concatenate"),
        ["conv2d_transpose", "enc4"]
    );
    assert_eq!(
        input_names(&network, "concatenate_3"),
        ["conv2d_transpose_3", "enc1"]
    );
    // Conv2DTranspose from 1024 to 512 channels with a 2×2 kernel: 2·2·512·1024 + 512.
    let upsample = network.layer("conv2d_transpose").unwrap();
    assert_eq!(upsample.params, 2 * 2 * 512 * 1024 + 512);
}

// Exports and summaries.

#[test]
fn json_lists_inputs_by_name() {
    let network = ResNet50::network();
    let json: serde_json::Value =
        serde_json::from_str(&network.to_json()).expect("to_json() is valid JSON");
    let layers = json["layers"].as_array().expect("`layers` is an array");
    assert_eq!(layers.len(), 177);
    assert_eq!(json["total_params"], 25_636_712);
    assert_eq!(json["non_trainable_params"], 53_120);

    for (layer, expected) in layers.iter().zip(&network.layers) {
        let inputs: Vec<&str> = layer["inputs"]
            .as_array()
            .expect("`inputs` is an array")
            .iter()
            .map(|v| v.as_str().expect("inputs are layer names"))
            .collect();
        let expected_inputs: Vec<&str> = expected
            .inputs
            .iter()
            .map(|&i| network.layers[i].name.as_str())
            .collect();
        assert_eq!(layer["name"], expected.name.as_str());
        assert_eq!(inputs, expected_inputs, "inputs of `{}`", expected.name);
    }

    let add = layers
        .iter()
        .find(|l| l["name"] == "conv2_block1_add")
        .expect("conv2_block1_add is exported");
    assert_eq!(
        add["inputs"],
        serde_json::json!(["conv2_block1_0_bn", "conv2_block1_3_bn"])
    );
    assert_eq!(
        add["input_shapes"],
        serde_json::json!([[56, 56, 256], [56, 56, 256]])
    );
    assert_eq!(layers[0]["inputs"], serde_json::json!([]));
}

#[test]
fn summary_connected_to_only_with_branches() {
    let branching = ResNet50::summary();
    assert!(branching.contains("Connected to"));
    let add_row = branching
        .lines()
        .find(|l| l.contains("conv2_block1_add (Add)"))
        .expect("the summary has a row for conv2_block1_add");
    assert!(add_row.contains("conv2_block1_0_bn[0][0]"), "{add_row}");

    let sequential = network!(input(784) => dense(256) => relu => dense(10) => softmax);
    assert!(sequential.is_sequential());
    assert!(!sequential.summary().contains("Connected to"));
}

// The branch language, checked at run time.

#[test]
fn residual_block_adds_shortcut() {
    let network = build(
        "input(32, 32, 64) as x
            => conv(64, 3, same) => batchnorm => relu
            => conv(64, 3, same) => batchnorm
            => add(x) => relu",
    );
    // Two 3×3 convolutions from 64 to 64 channels (9·64·64 + 64 each) and
    // two batch normalizations of 64 channels (4·64 each, half not trained).
    assert_eq!(network.total_params(), 2 * (9 * 64 * 64 + 64) + 2 * 4 * 64);
    assert_eq!(network.non_trainable_params(), 2 * 2 * 64);
    assert_eq!(input_names(&network, "add"), ["batch_normalization_1", "x"]);
    assert_eq!(
        network.layer("add").unwrap().output_shape.dims(),
        &[32, 32, 64]
    );
    assert_eq!(network.output_shape().dims(), &[32, 32, 64]);
    assert!(!network.is_sequential());
}

#[test]
fn inception_a_concatenates_branches() {
    let network = build(
        "input(35, 35, 192) as x;
         x => conv(64, 1, same) as b1;
         x => conv(48, 1, same) => conv(64, 5, same) as b2;
         x => avgpool(3, stride = 1, same) => conv(32, 1, same) as b3;
         concat(b1, b2, b3) => global_avg_pool => dense(10) => softmax",
    );
    let concat = network.layer("concatenate").unwrap();
    assert_eq!(concat.output_shape.dims(), &[35, 35, 64 + 64 + 32]);
    assert_eq!(input_names(&network, "concatenate"), ["b1", "b2", "b3"]);
    let pool = network.layer("average_pooling2d").unwrap();
    assert_eq!(pool.output_shape.dims(), &[35, 35, 192]);
    // Keras's Conv2D count k·k·C·F + F for b1, b2's two convolutions and b3,
    // then the Dense head from the 160 pooled channels.
    let expected = (192 * 64 + 64)
        + (192 * 48 + 48)
        + (5 * 5 * 48 * 64 + 64)
        + (192 * 32 + 32)
        + (160 * 10 + 10);
    assert_eq!(network.total_params(), expected);
    assert_eq!(network.output_shape().dims(), &[10]);
}

#[test]
fn merge_heads_a_chain() {
    let network = build(
        "input(8, 8, 3) as x;
         x => conv(4, 1) as a;
         x => conv(6, 1) as b;
         concat(a, b) => conv(2, 1) as out",
    );
    assert_eq!(
        network.layer("concatenate").unwrap().output_shape.dims(),
        &[8, 8, 10]
    );
    assert_eq!(input_names(&network, "out"), ["concatenate"]);
    // 1×1 convolution from 10 channels to 2: 10·2 + 2.
    assert_eq!(network.layer("out").unwrap().params, 10 * 2 + 2);
    assert_eq!(network.layers.last().unwrap().name, "out");
}

#[test]
fn concat_along_other_axes() {
    // Keras counts the batch as axis 0, so axis 1 is the height of an
    // (height, width, channels) input, and -3 is the same axis from the end.
    let cases: [(i64, &str, &str, &[u64]); 5] = [
        (1, "input(4, 4, 3)", "zeropad(((0, 1), (0, 0)))", &[9, 4, 3]),
        (2, "input(4, 4, 3)", "zeropad(((0, 0), (0, 1)))", &[4, 9, 3]),
        (3, "input(4, 5, 2)", "conv(1, 1)", &[4, 5, 3]),
        (-1, "input(4, 5, 2)", "conv(1, 1)", &[4, 5, 3]),
        (
            -3,
            "input(4, 4, 3)",
            "zeropad(((0, 1), (0, 0)))",
            &[9, 4, 3],
        ),
    ];
    for (axis, input, branch, expected) in cases {
        let source = format!("{input} as x; x => {branch} as y; concat(x, y, axis = {axis})");
        let network = build(&source);
        assert_eq!(network.output_shape().dims(), expected, "{source}");
    }
}

#[test]
fn concat_rejects_mismatch_off_axis() {
    let errors =
        netviz::dsl::build_str("input(4, 4, 3) as x; x => conv(8, 1) as y; concat(x, y, axis = 1)")
            .unwrap_err();
    assert_eq!(errors.len(), 1);
    let message = &errors[0].message;
    assert!(message.contains("axis 1"), "{message}");
    assert!(message.contains("`x` outputs 4×4×3"), "{message}");
    assert!(message.contains("`y` outputs 4×4×8"), "{message}");
}

#[test]
fn multiply_gates_a_branch() {
    let network = build(
        "input(8, 8, 16) as x;
         x => conv(16, 1, activation = sigmoid) as gate;
         multiply(x, gate) => global_avg_pool",
    );
    let multiply = network.layer("multiply").unwrap();
    assert_eq!(multiply.class_name, "Multiply");
    assert_eq!(multiply.output_shape.dims(), &[8, 8, 16]);
    assert_eq!(multiply.params, 0);
    assert_eq!(input_names(&network, "multiply"), ["x", "gate"]);
    assert_eq!(network.total_params(), 16 * 16 + 16);
}

#[test]
fn merges_get_keras_default_names() {
    let network = build(
        "input(8, 8, 4) as x;
         x => conv(4, 3, same) as a;
         add(x, a) as s;
         s => conv(4, 3, same) => add(s) as t;
         concat(s, t) as c;
         c => conv(8, 1) => concat(c) => conv(4, 1) => multiply(x) => add(x)",
    );
    let merges: Vec<(&str, &str)> = network
        .layers
        .iter()
        .filter(|l| l.kind == netviz::LayerKind::Merge)
        .map(|l| (l.name.as_str(), l.class_name.as_str()))
        .collect();
    // Names given with `as` are kept, and the unnamed merges take Keras's
    // default names, counted per class.
    assert_eq!(
        merges,
        [
            ("s", "Add"),
            ("t", "Add"),
            ("c", "Concatenate"),
            ("concatenate", "Concatenate"),
            ("multiply", "Multiply"),
            ("add", "Add"),
        ]
    );

    let unnamed = build(
        "input(8, 8, 4) as x;
         x => conv(4, 1) as a;
         x => conv(4, 1) as b;
         add(a, b) => add(x) => concat(x) => concat(a, axis = -1)",
    );
    let names: Vec<&str> = unnamed
        .layers
        .iter()
        .filter(|l| l.kind == netviz::LayerKind::Merge)
        .map(|l| l.name.as_str())
        .collect();
    assert_eq!(names, ["add", "add_1", "concatenate", "concatenate_1"]);
    assert_eq!(unnamed.output_shape().dims(), &[8, 8, 12]);
}
