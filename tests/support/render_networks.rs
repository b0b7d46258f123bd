//! Networks built by hand for the rendering tests and the rendering benchmark.
//!
//! Shapes and parameter counts follow Keras's rules, so the diagrams show
//! what `model.summary()` would.

#![allow(dead_code)]

use netviz_core::{Layer, LayerKind, Network, Shape};

/// Builds networks layer by layer, filling in input shapes from earlier layers.
pub struct Builder {
    network: Network,
}

impl Builder {
    pub fn new(name: &str, input: &[u64]) -> Builder {
        let mut builder = Builder {
            network: Network {
                name: name.to_string(),
                layers: Vec::new(),
            },
        };
        builder.push(
            "input_layer",
            "InputLayer",
            LayerKind::Input,
            "",
            &[],
            input,
            0,
        );
        builder
    }

    /// Appends a layer reading `inputs` and returns its index.
    #[allow(clippy::too_many_arguments)]
    pub fn push(
        &mut self,
        name: &str,
        class_name: &str,
        kind: LayerKind,
        config: &str,
        inputs: &[usize],
        output: &[u64],
        params: u64,
    ) -> usize {
        let input_shapes = inputs
            .iter()
            .map(|&i| self.network.layers[i].output_shape.clone())
            .collect();
        self.network.layers.push(Layer {
            name: name.to_string(),
            op: class_name.to_lowercase(),
            class_name: class_name.to_string(),
            kind,
            config: config.to_string(),
            activation: None,
            inputs: inputs.to_vec(),
            input_shapes,
            output_shape: Shape::new(output.to_vec()),
            params,
            trainable_params: params,
            macs: 0,
            nested: None,
        });
        self.network.layers.len() - 1
    }

    /// Appends a layer reading the previous one.
    pub fn then(
        &mut self,
        name: &str,
        class_name: &str,
        kind: LayerKind,
        config: &str,
        output: &[u64],
        params: u64,
    ) -> usize {
        let previous = self.network.layers.len() - 1;
        self.push(name, class_name, kind, config, &[previous], output, params)
    }

    pub fn last_mut(&mut self) -> &mut Layer {
        self.network
            .layers
            .last_mut()
            .expect("the input layer exists")
    }

    pub fn build(self) -> Network {
        self.network
    }
}

/// LeNet as in the Keras tutorials: 1,256,080 parameters.
pub fn lenet() -> Network {
    use LayerKind::*;
    let mut b = Builder::new("LeNet", &[28, 28, 1]);
    b.then(
        "conv2d",
        "Conv2D",
        Convolution,
        "20 filters, 5×5, same",
        &[28, 28, 20],
        520,
    );
    b.then(
        "activation",
        "Activation",
        Activation,
        "relu",
        &[28, 28, 20],
        0,
    );
    b.then(
        "max_pooling2d",
        "MaxPooling2D",
        Pooling,
        "2×2",
        &[14, 14, 20],
        0,
    );
    b.then(
        "conv2d_1",
        "Conv2D",
        Convolution,
        "50 filters, 5×5, same",
        &[14, 14, 50],
        25_050,
    );
    b.then(
        "activation_1",
        "Activation",
        Activation,
        "relu",
        &[14, 14, 50],
        0,
    );
    b.then(
        "max_pooling2d_1",
        "MaxPooling2D",
        Pooling,
        "2×2",
        &[7, 7, 50],
        0,
    );
    b.then("flatten", "Flatten", Reshaping, "", &[2450], 0);
    b.then("dense", "Dense", Dense, "500 units", &[500], 1_225_500);
    b.then("activation_2", "Activation", Activation, "relu", &[500], 0);
    b.then("dense_1", "Dense", Dense, "10 units", &[10], 5_010);
    b.then(
        "activation_3",
        "Activation",
        Activation,
        "softmax",
        &[10],
        0,
    );
    b.build()
}

/// A small residual network: two blocks whose `add` layers read a skip connection.
pub fn residual() -> Network {
    use LayerKind::*;
    let mut b = Builder::new("ResidualNet", &[32, 32, 16]);
    let conv = b.then(
        "conv2d",
        "Conv2D",
        Convolution,
        "16 filters, 3×3, same",
        &[32, 32, 16],
        2_320,
    );
    b.last_mut().activation = Some("relu".to_string());
    b.then(
        "batch_normalization",
        "BatchNormalization",
        Normalization,
        "",
        &[32, 32, 16],
        64,
    );
    b.last_mut().trainable_params = 32;
    b.then(
        "conv2d_1",
        "Conv2D",
        Convolution,
        "16 filters, 3×3, same",
        &[32, 32, 16],
        2_320,
    );
    let add = b.push("add", "Add", Merge, "", &[conv, 3], &[32, 32, 16], 0);
    let relu = b.push(
        "activation",
        "Activation",
        Activation,
        "relu",
        &[add],
        &[32, 32, 16],
        0,
    );
    b.then(
        "conv2d_2",
        "Conv2D",
        Convolution,
        "16 filters, 3×3, same",
        &[32, 32, 16],
        2_320,
    );
    b.then(
        "dropout",
        "Dropout",
        Regularization,
        "rate 0.25",
        &[32, 32, 16],
        0,
    );
    let last = b.network.layers.len() - 1;
    b.push("add_1", "Add", Merge, "", &[last, relu], &[32, 32, 16], 0);
    b.then(
        "global_average_pooling2d",
        "GlobalAveragePooling2D",
        Pooling,
        "",
        &[16],
        0,
    );
    b.then("dense", "Dense", Dense, "10 units, softmax", &[10], 170);
    b.build()
}

/// An inception-like block: four parallel branches of different depths joined by `concatenate`.
pub fn inception() -> Network {
    use LayerKind::*;
    let mut b = Builder::new("InceptionBlock", &[28, 28, 192]);
    let a = b.push(
        "branch1x1",
        "Conv2D",
        Convolution,
        "64 filters, 1×1",
        &[0],
        &[28, 28, 64],
        12_352,
    );
    let b1 = b.push(
        "branch3x3_reduce",
        "Conv2D",
        Convolution,
        "96 filters, 1×1",
        &[0],
        &[28, 28, 96],
        18_528,
    );
    let b2 = b.push(
        "branch3x3",
        "Conv2D",
        Convolution,
        "128 filters, 3×3, same",
        &[b1],
        &[28, 28, 128],
        110_720,
    );
    let c1 = b.push(
        "branch5x5_reduce",
        "Conv2D",
        Convolution,
        "16 filters, 1×1",
        &[0],
        &[28, 28, 16],
        3_088,
    );
    let c2 = b.push(
        "branch5x5_a",
        "Conv2D",
        Convolution,
        "32 filters, 3×3, same",
        &[c1],
        &[28, 28, 32],
        4_640,
    );
    let c3 = b.push(
        "branch5x5_b",
        "Conv2D",
        Convolution,
        "32 filters, 3×3, same",
        &[c2],
        &[28, 28, 32],
        9_248,
    );
    let d1 = b.push(
        "branch_pool",
        "MaxPooling2D",
        Pooling,
        "3×3, same",
        &[0],
        &[28, 28, 192],
        0,
    );
    let d2 = b.push(
        "branch_pool_proj",
        "Conv2D",
        Convolution,
        "32 filters, 1×1",
        &[d1],
        &[28, 28, 32],
        6_176,
    );
    let cat = b.push(
        "concatenate",
        "Concatenate",
        Merge,
        "",
        &[a, b2, c3, d2],
        &[28, 28, 256],
        0,
    );
    b.push(
        "global_average_pooling2d",
        "GlobalAveragePooling2D",
        Pooling,
        "",
        &[cat],
        &[256],
        0,
    );
    b.then("dense", "Dense", Dense, "10 units", &[10], 2_570);
    b.build()
}

/// VGG16 with its classifier on 224×224×3 images: 138,357,544 parameters.
pub fn vgg16() -> Network {
    use LayerKind::*;
    let mut b = Builder::new("VGG16", &[224, 224, 3]);
    let mut size = 224;
    let mut channels = 3u64;
    let blocks: [(u64, usize); 5] = [(64, 2), (128, 2), (256, 3), (512, 3), (512, 3)];
    for (block, &(filters, convs)) in blocks.iter().enumerate() {
        for conv in 0..convs {
            let params = 9 * channels * filters + filters;
            let name = format!("block{}_conv{}", block + 1, conv + 1);
            b.then(
                &name,
                "Conv2D",
                Convolution,
                &format!("{filters} filters, 3×3, same"),
                &[size, size, filters],
                params,
            );
            b.last_mut().activation = Some("relu".to_string());
            channels = filters;
        }
        size /= 2;
        b.then(
            &format!("block{}_pool", block + 1),
            "MaxPooling2D",
            Pooling,
            "2×2",
            &[size, size, channels],
            0,
        );
    }
    b.then("flatten", "Flatten", Reshaping, "", &[25_088], 0);
    b.then(
        "fc1",
        "Dense",
        Dense,
        "4096 units",
        &[4096],
        25_088 * 4096 + 4096,
    );
    b.last_mut().activation = Some("relu".to_string());
    b.then(
        "fc2",
        "Dense",
        Dense,
        "4096 units",
        &[4096],
        4096 * 4096 + 4096,
    );
    b.last_mut().activation = Some("relu".to_string());
    b.then(
        "predictions",
        "Dense",
        Dense,
        "1000 units",
        &[1000],
        4096 * 1000 + 1000,
    );
    b.last_mut().activation = Some("softmax".to_string());
    b.build()
}

/// A chain of `layers` dense layers after the input.
pub fn chain(layers: usize) -> Network {
    let mut b = Builder::new(&format!("Chain{layers}"), &[64]);
    for i in 0..layers {
        let name = if i == 0 {
            "dense".to_string()
        } else {
            format!("dense_{i}")
        };
        b.then(&name, "Dense", LayerKind::Dense, "64 units", &[64], 4_160);
        b.last_mut().activation = Some("relu".to_string());
    }
    b.build()
}

/// A classifier whose middle step is another model: a two-layer feature block.
pub fn nested() -> Network {
    use LayerKind::*;
    let mut block = Builder::new("feature_block", &[28, 28, 1]);
    block.then(
        "conv2d",
        "Conv2D",
        Convolution,
        "8 filters, 3×3, same",
        &[28, 28, 8],
        80,
    );
    block.last_mut().activation = Some("relu".to_string());
    block.then(
        "max_pooling2d",
        "MaxPooling2D",
        Pooling,
        "2×2",
        &[14, 14, 8],
        0,
    );
    let block = block.build();

    let mut b = Builder::new("NestedNet", &[28, 28, 1]);
    b.then("feature_block", "Sequential", Model, "", &[14, 14, 8], 80);
    b.last_mut().nested = Some(Box::new(block));
    b.then("flatten", "Flatten", Reshaping, "", &[1568], 0);
    b.then("dense", "Dense", Dense, "10 units, softmax", &[10], 15_690);
    b.build()
}
