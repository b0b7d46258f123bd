//! The checked network: layers with names, edges, shapes and parameter counts.

use crate::shape::Shape;

/// The family a layer belongs to; the diagram colours boxes by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LayerKind {
    /// The network's input.
    Input,
    /// Convolutions: conv, deconv, sepconv, dwconv.
    Convolution,
    /// Local and global pooling.
    Pooling,
    /// Fully connected layers.
    Dense,
    /// Batch and layer normalization.
    Normalization,
    /// Activation functions.
    Activation,
    /// Dropout.
    Regularization,
    /// Flatten, reshape, zero padding, upsampling and cropping.
    Reshaping,
    /// Add, multiply and concatenate.
    Merge,
    /// Another model used as one step.
    Model,
}

impl LayerKind {
    /// All kinds, in the order the diagram's legend lists them.
    pub const ALL: [LayerKind; 10] = [
        LayerKind::Input,
        LayerKind::Convolution,
        LayerKind::Pooling,
        LayerKind::Dense,
        LayerKind::Normalization,
        LayerKind::Activation,
        LayerKind::Regularization,
        LayerKind::Reshaping,
        LayerKind::Merge,
        LayerKind::Model,
    ];

    /// Returns a short English label for legends.
    pub fn label(self) -> &'static str {
        match self {
            LayerKind::Input => "Input",
            LayerKind::Convolution => "Convolution",
            LayerKind::Pooling => "Pooling",
            LayerKind::Dense => "Dense",
            LayerKind::Normalization => "Normalization",
            LayerKind::Activation => "Activation",
            LayerKind::Regularization => "Dropout",
            LayerKind::Reshaping => "Reshaping",
            LayerKind::Merge => "Merge",
            LayerKind::Model => "Model",
        }
    }
}

/// One layer of a checked network.
#[derive(Clone, Debug, PartialEq)]
pub struct Layer {
    /// The layer's name: given with `as NAME`, or Keras's default (`conv2d`, `conv2d_1`, …).
    pub name: String,
    /// The operation with the rank suffix for convolution and pooling: `conv2d`, `max_pool2d`, `dense`.
    pub op: String,
    /// The Keras class this layer corresponds to: `Conv2D`, `MaxPooling2D`, `Dense`.
    pub class_name: String,
    /// The layer's family.
    pub kind: LayerKind,
    /// The arguments in short form, such as `5×5, same` or `rate 0.25`; empty when there are none.
    pub config: String,
    /// An activation fused into this layer (`activation = relu`).
    pub activation: Option<String>,
    /// Indices of the layers this one reads from, in argument order.
    pub inputs: Vec<usize>,
    /// The shapes this layer receives, one per input.
    pub input_shapes: Vec<Shape>,
    /// The shape this layer produces.
    pub output_shape: Shape,
    /// All parameters, trainable or not.
    pub params: u64,
    /// Parameters updated by gradient descent; the rest (batch normalization's moving statistics) are not.
    pub trainable_params: u64,
    /// Multiply-accumulate operations for one sample. Only convolution and dense layers count them.
    pub macs: u64,
    /// The layers of another model used as this step.
    pub nested: Option<Box<Network>>,
}

impl Layer {
    /// Parameters that are not trained, such as batch normalization's moving mean and variance.
    pub fn non_trainable_params(&self) -> u64 {
        self.params - self.trainable_params
    }

    /// Formats the layer's header as Keras prints it: `conv2d (Conv2D)`.
    pub fn title(&self) -> String {
        format!("{} ({})", self.name, self.class_name)
    }
}

/// A checked network: a directed acyclic graph of layers in topological order.
///
/// The first layer is the input and the last one is the output. Every shape,
/// parameter count and MAC count was computed, and checked for overflow, when
/// the network was built.
#[derive(Clone, Debug, PartialEq)]
pub struct Network {
    /// The model's name: the type name in the item form, `model` in the expression form.
    pub name: String,
    /// The layers in topological order.
    pub layers: Vec<Layer>,
}

impl Network {
    /// Returns the input layer's shape.
    pub fn input_shape(&self) -> &Shape {
        &self.layers[0].output_shape
    }

    /// Returns the output layer's shape.
    pub fn output_shape(&self) -> &Shape {
        &self.layers[self.layers.len() - 1].output_shape
    }

    /// All parameters.
    pub fn total_params(&self) -> u64 {
        self.layers.iter().map(|l| l.params).sum()
    }

    /// Parameters updated by training.
    pub fn trainable_params(&self) -> u64 {
        self.layers.iter().map(|l| l.trainable_params).sum()
    }

    /// Parameters that training does not update.
    pub fn non_trainable_params(&self) -> u64 {
        self.total_params() - self.trainable_params()
    }

    /// Multiply-accumulate operations for one sample.
    pub fn total_macs(&self) -> u64 {
        self.layers.iter().map(|l| l.macs).sum()
    }

    /// Finds a layer by name.
    pub fn layer(&self, name: &str) -> Option<&Layer> {
        self.layers.iter().find(|l| l.name == name)
    }

    /// Returns whether every layer reads exactly the layer before it, as in a Keras `Sequential` model.
    pub fn is_sequential(&self) -> bool {
        self.layers
            .iter()
            .enumerate()
            .skip(1)
            .all(|(i, l)| l.inputs.len() == 1 && l.inputs[0] == i - 1)
    }

    /// Lists the edges `(from, to)` as layer indices, in layer order.
    pub fn edges(&self) -> Vec<(usize, usize)> {
        let mut edges = Vec::new();
        for (to, layer) in self.layers.iter().enumerate() {
            for &from in &layer.inputs {
                edges.push((from, to));
            }
        }
        edges
    }

    /// Builds a network from the static tables that `network!` generates.
    #[doc(hidden)]
    pub fn from_static(name: &str, layers: &[StaticLayer]) -> Network {
        let mut built: Vec<Layer> = Vec::with_capacity(layers.len());
        for layer in layers {
            let input_shapes = layer
                .inputs
                .iter()
                .map(|&i| built[i].output_shape.clone())
                .collect();
            built.push(Layer {
                name: layer.name.to_string(),
                op: layer.op.to_string(),
                class_name: layer.class_name.to_string(),
                kind: layer.kind,
                config: layer.config.to_string(),
                activation: layer.activation.map(str::to_string),
                inputs: layer.inputs.to_vec(),
                input_shapes,
                output_shape: Shape::from(layer.output_shape),
                params: layer.params,
                trainable_params: layer.trainable_params,
                macs: layer.macs,
                nested: layer.nested.map(|f| Box::new(f())),
            });
        }
        Network {
            name: name.to_string(),
            layers: built,
        }
    }
}

/// One layer as static data, as `network!` embeds it in the generated code.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct StaticLayer {
    pub name: &'static str,
    pub op: &'static str,
    pub class_name: &'static str,
    pub kind: LayerKind,
    pub config: &'static str,
    pub activation: Option<&'static str>,
    pub inputs: &'static [usize],
    pub output_shape: &'static [u64],
    pub params: u64,
    pub trainable_params: u64,
    pub macs: u64,
    pub nested: Option<fn() -> Network>,
}
