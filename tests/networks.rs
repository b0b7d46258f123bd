//! Whole networks declared with the real `network!` macro, checked layer by
//! layer against published Keras numbers or Keras's formulas worked out by hand.
//! Also covers the generated constants, `to_json()`, `to_dot()` and `summary()`.

use std::io::Write;
use std::process::{Command, Stdio};

use netviz::{network, Network};
use serde_json::Value;

network! {
    /// LeNet-5 as in the Keras tutorials (channels last).
    pub LeNet: input(28, 28, 1)
        => conv(20, 5, same) => relu => pool(2)
        => conv(50, 5, same) => relu => pool(2)
        => flatten => dense(500) => relu
        => dense(10) => softmax
}

network! {
    /// VGG16 with its 1000-way top, named as `keras.applications.VGG16` names its layers.
    pub Vgg16: input(224, 224, 3)
        => conv(64, 3, same, activation = relu) as block1_conv1
        => conv(64, 3, same, activation = relu) as block1_conv2
        => pool(2) as block1_pool
        => conv(128, 3, same, activation = relu) as block2_conv1
        => conv(128, 3, same, activation = relu) as block2_conv2
        => pool(2) as block2_pool
        => conv(256, 3, same, activation = relu) as block3_conv1
        => conv(256, 3, same, activation = relu) as block3_conv2
        => conv(256, 3, same, activation = relu) as block3_conv3
        => pool(2) as block3_pool
        => conv(512, 3, same, activation = relu) as block4_conv1
        => conv(512, 3, same, activation = relu) as block4_conv2
        => conv(512, 3, same, activation = relu) as block4_conv3
        => pool(2) as block4_pool
        => conv(512, 3, same, activation = relu) as block5_conv1
        => conv(512, 3, same, activation = relu) as block5_conv2
        => conv(512, 3, same, activation = relu) as block5_conv3
        => pool(2) as block5_pool
        => flatten
        => dense(4096, activation = relu) as fc1
        => dense(4096, activation = relu) as fc2
        => dense(1000, activation = softmax) as predictions
}

network! {
    /// MiniVGGNet for CIFAR-10, as in examples/minivggnet.rs.
    pub MiniVggNet: input(32, 32, 3)
        => conv(32, 3, same) => relu => batchnorm
        => conv(32, 3, same) => relu => batchnorm
        => pool(2) => dropout(0.25)
        => conv(64, 3, same) => relu => batchnorm
        => conv(64, 3, same) => relu => batchnorm
        => pool(2) => dropout(0.25)
        => flatten => dense(512) => relu => batchnorm => dropout(0.5)
        => dense(10) => softmax
}

network! {
    /// Keras's mnist_mlp example.
    pub MnistMlp: input(784)
        => dense(512, activation = relu) => dropout(0.2)
        => dense(512, activation = relu) => dropout(0.2)
        => dense(10, activation = softmax)
}

network! {
    /// Keras's imdb_cnn example without its Embedding layer: 400 steps of 50 features.
    pub ImdbCnn: input(400, 50)
        => dropout(0.2)
        => conv(250, 3, activation = relu)
        => global_max_pool
        => dense(250) => dropout(0.2) => relu
        => dense(1) => sigmoid
}

network! {
    /// A residual block: the shortcut `x` is added back after two convolutions.
    pub ResidualBlock: input(32, 32, 64) as x
        => conv(64, 3, same) => batchnorm => relu
        => conv(64, 3, same) => batchnorm
        => add(x) => relu
}

network! {
    /// A cut-down Inception-A block: three branches concatenated on the channels.
    pub InceptionA: input(35, 35, 192) as x;
    x => conv(64, 1, same) as b1;
    x => conv(48, 1, same) => conv(64, 5, same) as b2;
    x => avgpool(3, stride = 1, same) => conv(32, 1, same) as b3;
    concat(b1, b2, b3) => global_avg_pool => dense(10) => softmax
}

const _: () = assert!(LeNet::PARAMS == 1_256_080);
const _: () = assert!(Vgg16::PARAMS == 138_357_544);
const _: () = assert!(MiniVggNet::PARAMS == 2_171_178);
const _: () = assert!(MnistMlp::PARAMS < 1_000_000);

/// One expected layer: name, Keras class, output shape and parameter count.
type Row = (&'static str, &'static str, &'static [u64], u64);

/// Checks every layer of `network` against `expected`, in order.
fn assert_layers(network: &Network, expected: &[Row]) {
    let names: Vec<&str> = network.layers.iter().map(|l| l.name.as_str()).collect();
    let expected_names: Vec<&str> = expected.iter().map(|row| row.0).collect();
    assert_eq!(names, expected_names, "layer names of {}", network.name);
    for (layer, (name, class, shape, params)) in network.layers.iter().zip(expected) {
        assert_eq!(layer.class_name, *class, "class of {name}");
        assert_eq!(layer.output_shape.dims(), *shape, "output shape of {name}");
        assert_eq!(layer.params, *params, "params of {name}");
    }
}

/// Checks that the network's shapes and parameter total match the model's constants.
fn assert_constants(network: &Network, input: &[usize], output: &[usize], params: u64) {
    let as_usize = |dims: &[u64]| dims.iter().map(|&d| d as usize).collect::<Vec<_>>();
    assert_eq!(as_usize(network.input_shape().dims()), input);
    assert_eq!(as_usize(network.output_shape().dims()), output);
    assert_eq!(network.total_params(), params);
}

// ---------------------------------------------------------------------------
// Layer tables.
// ---------------------------------------------------------------------------

#[test]
fn lenet_layers() {
    assert_layers(
        &LeNet::network(),
        &[
            ("input_layer", "InputLayer", &[28, 28, 1], 0),
            // 5·5·1·20 + 20 = 520.
            ("conv2d", "Conv2D", &[28, 28, 20], 520),
            ("activation", "Activation", &[28, 28, 20], 0),
            ("max_pooling2d", "MaxPooling2D", &[14, 14, 20], 0),
            // 5·5·20·50 + 50 = 25,050.
            ("conv2d_1", "Conv2D", &[14, 14, 50], 25_050),
            ("activation_1", "Activation", &[14, 14, 50], 0),
            ("max_pooling2d_1", "MaxPooling2D", &[7, 7, 50], 0),
            // 7·7·50 = 2,450.
            ("flatten", "Flatten", &[2_450], 0),
            // 2,450·500 + 500 = 1,225,500.
            ("dense", "Dense", &[500], 1_225_500),
            ("activation_2", "Activation", &[500], 0),
            // 500·10 + 10 = 5,010.
            ("dense_1", "Dense", &[10], 5_010),
            ("activation_3", "Activation", &[10], 0),
        ],
    );
}

#[test]
fn lenet_constants() {
    assert_eq!(LeNet::INPUT_SHAPE, [28, 28, 1]);
    assert_eq!(LeNet::OUTPUT_SHAPE, [10]);
    // 520 + 25,050 + 1,225,500 + 5,010.
    assert_eq!(LeNet::PARAMS, 1_256_080);
    assert_eq!(LeNet::TRAINABLE_PARAMS, 1_256_080);
    assert_eq!(LeNet::NON_TRAINABLE_PARAMS, 0);
    // 28·28·(25·1·20) + 14·14·(25·20·50) + 2,450·500 + 500·10
    // = 392,000 + 4,900,000 + 1,225,000 + 5,000.
    assert_eq!(LeNet::MACS, 6_522_000);
    assert_constants(
        &LeNet::network(),
        LeNet::INPUT_SHAPE,
        LeNet::OUTPUT_SHAPE,
        LeNet::PARAMS,
    );
    assert_eq!(LeNet::network().name, "LeNet");
}

#[test]
fn vgg16_layers() {
    // Keras's published VGG16 summary.
    assert_layers(
        &Vgg16::network(),
        &[
            ("input_layer", "InputLayer", &[224, 224, 3], 0),
            ("block1_conv1", "Conv2D", &[224, 224, 64], 1_792),
            ("block1_conv2", "Conv2D", &[224, 224, 64], 36_928),
            ("block1_pool", "MaxPooling2D", &[112, 112, 64], 0),
            ("block2_conv1", "Conv2D", &[112, 112, 128], 73_856),
            ("block2_conv2", "Conv2D", &[112, 112, 128], 147_584),
            ("block2_pool", "MaxPooling2D", &[56, 56, 128], 0),
            ("block3_conv1", "Conv2D", &[56, 56, 256], 295_168),
            ("block3_conv2", "Conv2D", &[56, 56, 256], 590_080),
            ("block3_conv3", "Conv2D", &[56, 56, 256], 590_080),
            ("block3_pool", "MaxPooling2D", &[28, 28, 256], 0),
            ("block4_conv1", "Conv2D", &[28, 28, 512], 1_180_160),
            ("block4_conv2", "Conv2D", &[28, 28, 512], 2_359_808),
            ("block4_conv3", "Conv2D", &[28, 28, 512], 2_359_808),
            ("block4_pool", "MaxPooling2D", &[14, 14, 512], 0),
            ("block5_conv1", "Conv2D", &[14, 14, 512], 2_359_808),
            ("block5_conv2", "Conv2D", &[14, 14, 512], 2_359_808),
            ("block5_conv3", "Conv2D", &[14, 14, 512], 2_359_808),
            ("block5_pool", "MaxPooling2D", &[7, 7, 512], 0),
            ("flatten", "Flatten", &[25_088], 0),
            ("fc1", "Dense", &[4_096], 102_764_544),
            ("fc2", "Dense", &[4_096], 16_781_312),
            ("predictions", "Dense", &[1_000], 4_097_000),
        ],
    );
    let network = Vgg16::network();
    assert_eq!(
        network.layer("fc1").unwrap().activation.as_deref(),
        Some("relu")
    );
    assert_eq!(
        network.layer("predictions").unwrap().activation.as_deref(),
        Some("softmax")
    );
}

#[test]
fn vgg16_constants() {
    assert_eq!(Vgg16::INPUT_SHAPE, [224, 224, 3]);
    assert_eq!(Vgg16::OUTPUT_SHAPE, [1000]);
    assert_eq!(Vgg16::PARAMS, 138_357_544);
    assert_eq!(Vgg16::NON_TRAINABLE_PARAMS, 0);
    // Output positions × weights per convolution, inputs × units per dense layer:
    // 224²·1,728 + 224²·36,864 + 112²·73,728 + 112²·147,456 + 56²·294,912
    // + 2·56²·589,824 + 28²·1,179,648 + 2·28²·2,359,296 + 3·14²·2,359,296
    // + 25,088·4,096 + 4,096·4,096 + 4,096·1,000 = 15,470,264,320.
    assert_eq!(Vgg16::MACS, 15_470_264_320);
    assert_constants(
        &Vgg16::network(),
        Vgg16::INPUT_SHAPE,
        Vgg16::OUTPUT_SHAPE,
        Vgg16::PARAMS,
    );
}

#[test]
fn minivggnet_layers() {
    assert_layers(
        &MiniVggNet::network(),
        &[
            ("input_layer", "InputLayer", &[32, 32, 3], 0),
            // 3·3·3·32 + 32 = 896.
            ("conv2d", "Conv2D", &[32, 32, 32], 896),
            ("activation", "Activation", &[32, 32, 32], 0),
            // 4·32 = 128.
            (
                "batch_normalization",
                "BatchNormalization",
                &[32, 32, 32],
                128,
            ),
            // 3·3·32·32 + 32 = 9,248.
            ("conv2d_1", "Conv2D", &[32, 32, 32], 9_248),
            ("activation_1", "Activation", &[32, 32, 32], 0),
            (
                "batch_normalization_1",
                "BatchNormalization",
                &[32, 32, 32],
                128,
            ),
            ("max_pooling2d", "MaxPooling2D", &[16, 16, 32], 0),
            ("dropout", "Dropout", &[16, 16, 32], 0),
            // 3·3·32·64 + 64 = 18,496.
            ("conv2d_2", "Conv2D", &[16, 16, 64], 18_496),
            ("activation_2", "Activation", &[16, 16, 64], 0),
            // 4·64 = 256.
            (
                "batch_normalization_2",
                "BatchNormalization",
                &[16, 16, 64],
                256,
            ),
            // 3·3·64·64 + 64 = 36,928.
            ("conv2d_3", "Conv2D", &[16, 16, 64], 36_928),
            ("activation_3", "Activation", &[16, 16, 64], 0),
            (
                "batch_normalization_3",
                "BatchNormalization",
                &[16, 16, 64],
                256,
            ),
            ("max_pooling2d_1", "MaxPooling2D", &[8, 8, 64], 0),
            ("dropout_1", "Dropout", &[8, 8, 64], 0),
            // 8·8·64 = 4,096.
            ("flatten", "Flatten", &[4_096], 0),
            // 4,096·512 + 512 = 2,097,664.
            ("dense", "Dense", &[512], 2_097_664),
            ("activation_4", "Activation", &[512], 0),
            // 4·512 = 2,048.
            ("batch_normalization_4", "BatchNormalization", &[512], 2_048),
            ("dropout_2", "Dropout", &[512], 0),
            // 512·10 + 10 = 5,130.
            ("dense_1", "Dense", &[10], 5_130),
            ("activation_5", "Activation", &[10], 0),
        ],
    );
}

#[test]
fn minivggnet_constants() {
    assert_eq!(MiniVggNet::INPUT_SHAPE, [32, 32, 3]);
    assert_eq!(MiniVggNet::OUTPUT_SHAPE, [10]);
    // The published total.
    assert_eq!(MiniVggNet::PARAMS, 2_171_178);
    // Half of batch normalization's 128 + 128 + 256 + 256 + 2,048 = 2,816.
    assert_eq!(MiniVggNet::NON_TRAINABLE_PARAMS, 1_408);
    assert_eq!(MiniVggNet::TRAINABLE_PARAMS, 2_169_770);
    assert_constants(
        &MiniVggNet::network(),
        MiniVggNet::INPUT_SHAPE,
        MiniVggNet::OUTPUT_SHAPE,
        MiniVggNet::PARAMS,
    );
}

#[test]
fn mnist_mlp_layers() {
    assert_layers(
        &MnistMlp::network(),
        &[
            ("input_layer", "InputLayer", &[784], 0),
            // 784·512 + 512 = 401,920.
            ("dense", "Dense", &[512], 401_920),
            ("dropout", "Dropout", &[512], 0),
            // 512·512 + 512 = 262,656.
            ("dense_1", "Dense", &[512], 262_656),
            ("dropout_1", "Dropout", &[512], 0),
            // 512·10 + 10 = 5,130.
            ("dense_2", "Dense", &[10], 5_130),
        ],
    );
    // Keras's mnist_mlp example prints 669,706.
    assert_eq!(MnistMlp::PARAMS, 669_706);
    assert_eq!(MnistMlp::INPUT_SHAPE, [784]);
    assert_eq!(MnistMlp::OUTPUT_SHAPE, [10]);
    assert_constants(
        &MnistMlp::network(),
        MnistMlp::INPUT_SHAPE,
        MnistMlp::OUTPUT_SHAPE,
        MnistMlp::PARAMS,
    );
}

#[test]
fn imdb_cnn_layers() {
    assert_layers(
        &ImdbCnn::network(),
        &[
            ("input_layer", "InputLayer", &[400, 50], 0),
            ("dropout", "Dropout", &[400, 50], 0),
            // (400 - 3) + 1 = 398 steps; 3·50·250 + 250 = 37,750.
            ("conv1d", "Conv1D", &[398, 250], 37_750),
            ("global_max_pooling1d", "GlobalMaxPooling1D", &[250], 0),
            // 250·250 + 250 = 62,750.
            ("dense", "Dense", &[250], 62_750),
            ("dropout_1", "Dropout", &[250], 0),
            ("activation", "Activation", &[250], 0),
            // 250·1 + 1 = 251.
            ("dense_1", "Dense", &[1], 251),
            ("activation_1", "Activation", &[1], 0),
        ],
    );
    // 37,750 + 62,750 + 251.
    assert_eq!(ImdbCnn::PARAMS, 100_751);
    assert_eq!(ImdbCnn::INPUT_SHAPE, [400, 50]);
    assert_eq!(ImdbCnn::OUTPUT_SHAPE, [1]);
    assert_constants(
        &ImdbCnn::network(),
        ImdbCnn::INPUT_SHAPE,
        ImdbCnn::OUTPUT_SHAPE,
        ImdbCnn::PARAMS,
    );
}

#[test]
fn residual_block_layers() {
    // The shortcut keeps the name it was bound to.
    assert_layers(
        &ResidualBlock::network(),
        &[
            ("x", "InputLayer", &[32, 32, 64], 0),
            // 3·3·64·64 + 64 = 36,928.
            ("conv2d", "Conv2D", &[32, 32, 64], 36_928),
            (
                "batch_normalization",
                "BatchNormalization",
                &[32, 32, 64],
                256,
            ),
            ("activation", "Activation", &[32, 32, 64], 0),
            ("conv2d_1", "Conv2D", &[32, 32, 64], 36_928),
            (
                "batch_normalization_1",
                "BatchNormalization",
                &[32, 32, 64],
                256,
            ),
            ("add", "Add", &[32, 32, 64], 0),
            ("activation_1", "Activation", &[32, 32, 64], 0),
        ],
    );
    let network = ResidualBlock::network();
    // The add reads the chain first, then the shortcut.
    assert_eq!(network.layer("add").unwrap().inputs, [5, 0]);
    // 2·36,928 + 2·256.
    assert_eq!(ResidualBlock::PARAMS, 74_368);
    // 2·(2·64) moving statistics.
    assert_eq!(ResidualBlock::NON_TRAINABLE_PARAMS, 256);
}

#[test]
fn inception_block_layers() {
    assert_layers(
        &InceptionA::network(),
        &[
            ("x", "InputLayer", &[35, 35, 192], 0),
            // 192·64 + 64 = 12,352.
            ("b1", "Conv2D", &[35, 35, 64], 12_352),
            // 192·48 + 48 = 9,264.
            ("conv2d", "Conv2D", &[35, 35, 48], 9_264),
            // 5·5·48·64 + 64 = 76,864.
            ("b2", "Conv2D", &[35, 35, 64], 76_864),
            ("average_pooling2d", "AveragePooling2D", &[35, 35, 192], 0),
            // 192·32 + 32 = 6,176.
            ("b3", "Conv2D", &[35, 35, 32], 6_176),
            // 64 + 64 + 32 = 160 channels.
            ("concatenate", "Concatenate", &[35, 35, 160], 0),
            (
                "global_average_pooling2d",
                "GlobalAveragePooling2D",
                &[160],
                0,
            ),
            // 160·10 + 10 = 1,610.
            ("dense", "Dense", &[10], 1_610),
            ("activation", "Activation", &[10], 0),
        ],
    );
    let network = InceptionA::network();
    assert_eq!(network.layer("concatenate").unwrap().inputs, [1, 3, 5]);
    // 12,352 + 9,264 + 76,864 + 6,176 + 1,610.
    assert_eq!(InceptionA::PARAMS, 106_266);
}

#[test]
fn expression_form_network() {
    let network = network!(input(784) => dense(256) => relu => dense(10) => softmax);
    assert_eq!(network.name, "model");
    assert_eq!(network.output_shape().dims(), [10]);
    // 784·256 + 256 + 256·10 + 10 = 200,960 + 2,570.
    assert_eq!(network.total_params(), 203_530);
    assert_eq!(network.layers.len(), 5);
}

/// Returns the input shape of a model whose type-level input is 28×28×1.
fn digits_input<M: netviz::Model<Input = netviz::shape![28, 28, 1]>>() -> &'static [usize] {
    M::INPUT_SHAPE
}

/// Returns the parameters of a model with ten outputs.
fn ten_way_params<M: netviz::Model<Output = netviz::shape![10]>>() -> u64 {
    M::PARAMS
}

#[test]
fn model_trait_type_level_shapes() {
    assert_eq!(digits_input::<LeNet>(), [28, 28, 1]);
    assert_eq!(ten_way_params::<LeNet>(), 1_256_080);
    assert_eq!(ten_way_params::<MiniVggNet>(), 2_171_178);
    assert_eq!(<LeNet as netviz::Model>::OUTPUT_SHAPE, [10]);
    assert_eq!(<Vgg16 as netviz::Model>::network().layers.len(), 23);
}

// ---------------------------------------------------------------------------
// JSON.
// ---------------------------------------------------------------------------

fn parse_json(network: &Network) -> Value {
    let text = network.to_json();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("invalid JSON ({e}):\n{text}"))
}

fn json_dims(value: &Value) -> Vec<u64> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("expected a shape array, found {value}"))
        .iter()
        .map(|d| d.as_u64().expect("a dimension is an unsigned integer"))
        .collect()
}

#[test]
fn json_top_level_lenet() {
    let json = parse_json(&LeNet::network());
    assert_eq!(json["name"], "LeNet");
    assert_eq!(json_dims(&json["input_shape"]), [28, 28, 1]);
    assert_eq!(json_dims(&json["output_shape"]), [10]);
    assert_eq!(json["total_params"], 1_256_080);
    assert_eq!(json["trainable_params"], 1_256_080);
    assert_eq!(json["non_trainable_params"], 0);
    assert_eq!(json["layers"].as_array().unwrap().len(), 12);
}

#[test]
fn json_layers_follow_schema() {
    let json = parse_json(&LeNet::network());
    let layers = json["layers"].as_array().unwrap();

    let input = &layers[0];
    assert_eq!(input["name"], "input_layer");
    assert_eq!(input["op"], "input");
    assert_eq!(input["inputs"], serde_json::json!([]));
    assert_eq!(input["input_shapes"], serde_json::json!([]));
    assert_eq!(json_dims(&input["output_shape"]), [28, 28, 1]);
    assert_eq!(input["params"], 0);
    assert_eq!(input["trainable_params"], 0);

    let conv = &layers[1];
    assert_eq!(conv["name"], "conv2d");
    assert_eq!(conv["op"], "conv2d");
    assert_eq!(conv["inputs"], serde_json::json!(["input_layer"]));
    assert_eq!(conv["input_shapes"], serde_json::json!([[28, 28, 1]]));
    assert_eq!(json_dims(&conv["output_shape"]), [28, 28, 20]);
    assert_eq!(conv["params"], 520);
    assert_eq!(conv["trainable_params"], 520);

    let pool = &layers[3];
    assert_eq!(pool["op"], "max_pool2d");
    assert_eq!(pool["input_shapes"], serde_json::json!([[28, 28, 20]]));
}

#[test]
fn json_layers_are_topological() {
    for network in [
        LeNet::network(),
        Vgg16::network(),
        ResidualBlock::network(),
        InceptionA::network(),
    ] {
        let json = parse_json(&network);
        let mut seen: Vec<String> = Vec::new();
        for layer in json["layers"].as_array().unwrap() {
            let name = layer["name"].as_str().expect("a layer name is a string");
            let inputs = layer["inputs"].as_array().expect("inputs is an array");
            let shapes = layer["input_shapes"]
                .as_array()
                .expect("input_shapes is an array");
            assert_eq!(inputs.len(), shapes.len(), "{name}");
            for input in inputs {
                let input = input.as_str().expect("an input is a layer name");
                assert!(
                    seen.iter().any(|s| s == input),
                    "{name} reads {input}, which is not listed before it"
                );
            }
            seen.push(name.to_string());
        }
    }
}

#[test]
fn json_branches_and_non_trainable() {
    let json = parse_json(&ResidualBlock::network());
    let add = json["layers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["name"] == "add")
        .expect("an add layer");
    assert_eq!(
        add["inputs"],
        serde_json::json!(["batch_normalization_1", "x"])
    );
    assert_eq!(
        add["input_shapes"],
        serde_json::json!([[32, 32, 64], [32, 32, 64]])
    );

    let json = parse_json(&MiniVggNet::network());
    assert_eq!(json["non_trainable_params"], 1_408);
    assert_eq!(json["trainable_params"], 2_169_770);
    let batchnorm = &json["layers"][3];
    assert_eq!(batchnorm["name"], "batch_normalization");
    assert_eq!(batchnorm["op"], "batchnorm");
    assert_eq!(batchnorm["params"], 128);
    assert_eq!(batchnorm["trainable_params"], 64);
}

// ---------------------------------------------------------------------------
// DOT.
// ---------------------------------------------------------------------------

/// Splits `"a" -> "b";` into its two quoted names, or `None` for other lines.
fn edge_names(line: &str) -> Option<(String, String)> {
    let line = line.trim().strip_suffix(';')?;
    let (from, to) = line.split_once(" -> ")?;
    let unquote = |s: &str| {
        s.strip_prefix('"')
            .and_then(|s| s.strip_suffix('"'))
            .map(str::to_string)
    };
    Some((unquote(from)?, unquote(to)?))
}

#[test]
fn dot_quotes_every_name() {
    for network in [LeNet::network(), InceptionA::network()] {
        let dot = network.to_dot();
        assert!(
            dot.starts_with(&format!("digraph \"{}\" {{", network.name)),
            "{dot}"
        );
        for layer in &network.layers {
            let node = format!("  \"{}\" [label=", layer.name);
            assert!(
                dot.contains(&node),
                "no quoted node for {}:\n{dot}",
                layer.name
            );
        }
        let edges: Vec<(String, String)> = dot.lines().filter_map(edge_names).collect();
        let expected: Vec<(String, String)> = network
            .edges()
            .into_iter()
            .map(|(from, to)| {
                (
                    network.layers[from].name.clone(),
                    network.layers[to].name.clone(),
                )
            })
            .collect();
        assert_eq!(edges, expected);
        let arrows = dot.lines().filter(|l| l.contains("->")).count();
        assert_eq!(
            arrows,
            expected.len(),
            "every edge line has quoted names:\n{dot}"
        );
    }
}

#[test]
fn dot_renders_with_graphviz() {
    if Command::new("dot").arg("-V").output().is_err() {
        println!("note: Graphviz `dot` is not installed, so the DOT output was not rendered");
        return;
    }
    for network in [LeNet::network(), Vgg16::network(), InceptionA::network()] {
        let mut child = Command::new("dot")
            .arg("-Tsvg")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("dot starts");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(network.to_dot().as_bytes())
            .unwrap();
        let result = child.wait_with_output().unwrap();
        assert!(
            result.status.success(),
            "dot rejected the DOT of {}: {}",
            network.name,
            String::from_utf8_lossy(&result.stderr)
        );
        assert!(String::from_utf8_lossy(&result.stdout).contains("<svg"));
    }
}

// ---------------------------------------------------------------------------
// Summary.
// ---------------------------------------------------------------------------

#[test]
fn summary_headers_and_rows() {
    let summary = LeNet::summary();
    assert!(summary.starts_with("Model: \"LeNet\"\n"), "{summary}");
    for header in ["Layer (type)", "Output Shape", "Param #", "MACs"] {
        assert!(summary.contains(header), "missing {header:?}:\n{summary}");
    }
    // A sequential model has no "Connected to" column, as in Keras.
    assert!(!summary.contains("Connected to"), "{summary}");
    let conv_row = summary
        .lines()
        .find(|l| l.contains("conv2d (Conv2D)"))
        .expect("a row for conv2d");
    assert!(conv_row.contains("(None, 28, 28, 20)"), "{conv_row}");
    assert!(conv_row.contains("520"), "{conv_row}");
    assert!(conv_row.contains("392,000"), "{conv_row}");
}

#[test]
fn summary_totals_lenet() {
    let summary = LeNet::summary();
    let lines: Vec<&str> = summary.lines().collect();
    // 1,256,080 · 4 bytes = 5,024,320 B = 4.79 MiB, which Keras prints as MB.
    assert!(
        lines.contains(&" Total params: 1,256,080 (4.79 MB)"),
        "{summary}"
    );
    assert!(
        lines.contains(&" Trainable params: 1,256,080 (4.79 MB)"),
        "{summary}"
    );
    assert!(
        lines.contains(&" Non-trainable params: 0 (0.00 B)"),
        "{summary}"
    );
    assert!(
        lines.contains(&" Total MACs: 6,522,000 (6.52 M)"),
        "{summary}"
    );
}

#[test]
fn summary_totals_published_models() {
    // 138,357,544 · 4 = 553,430,176 B = 527.79 MiB.
    assert!(
        Vgg16::summary().contains(" Total params: 138,357,544 (527.79 MB)\n"),
        "{}",
        Vgg16::summary()
    );
    // 2,171,178 · 4 = 8,684,712 B = 8.28 MiB; 1,408 · 4 = 5,632 B = 5.50 KiB.
    let summary = MiniVggNet::summary();
    assert!(
        summary.contains(" Total params: 2,171,178 (8.28 MB)\n"),
        "{summary}"
    );
    assert!(
        summary.contains(" Trainable params: 2,169,770 (8.28 MB)\n"),
        "{summary}"
    );
    assert!(
        summary.contains(" Non-trainable params: 1,408 (5.50 KB)\n"),
        "{summary}"
    );
    // 669,706 · 4 = 2,678,824 B = 2.55 MiB.
    assert!(MnistMlp::summary().contains(" Total params: 669,706 (2.55 MB)\n"));
}

#[test]
fn summary_connected_to_for_branches() {
    let summary = ResidualBlock::summary();
    assert!(summary.contains("Connected to"), "{summary}");
    let add_row = summary
        .lines()
        .find(|l| l.contains("add (Add)"))
        .expect("a row for add");
    assert!(add_row.contains("batch_normalization_1[0][0]"), "{add_row}");
    assert!(summary.contains("x[0][0]"), "{summary}");
}

/// A 200-character layer name.
const LONG_NAME: &str = "layer_abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcd";

#[test]
fn summary_wraps_long_names() {
    let network = network!(
        input(4) => dense(2) as layer_abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcd
    );
    assert_eq!(LONG_NAME.chars().count(), 200);
    assert_eq!(network.layers[1].name, LONG_NAME);
    let summary = network.summary();

    // Every line of the table has the same width.
    let table: Vec<&str> = summary
        .lines()
        .skip(1)
        .take_while(|l| !l.starts_with(' '))
        .collect();
    let width = table[0].chars().count();
    for line in &table {
        assert_eq!(
            line.chars().count(),
            width,
            "ragged line {line:?}:\n{summary}"
        );
    }

    // The dense row is the last one: after the last row rule, before the bottom rule.
    let start = table.iter().rposition(|l| l.starts_with('├')).unwrap() + 1;
    let end = table.len() - 1;
    let cells: Vec<&str> = table[start..end]
        .iter()
        .map(|l| l.split('│').nth(1).expect("a first column").trim())
        .collect();
    assert!(
        cells.len() >= 5,
        "a 200-character name needs 5 lines of 40:\n{summary}"
    );
    // Nothing is cut: the pieces put back together give the whole title.
    let joined: String = cells.concat();
    let title = format!("{LONG_NAME} (Dense)");
    assert_eq!(joined.replace(' ', ""), title.replace(' ', ""));
}

#[test]
fn summary_wrapped_lines_start_with_text() {
    let network = network!(
        input(4) => dense(2) as layer_abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcd
    );
    let summary = network.summary();
    for line in summary.lines().filter(|l| l.starts_with('│')) {
        let cell = line.split('│').nth(1).expect("a first column");
        // One space of padding after the border, then the text.
        assert!(
            !cell.starts_with("  ") || cell.trim().is_empty(),
            "a wrapped piece starts with a space: {line:?}"
        );
    }
}
