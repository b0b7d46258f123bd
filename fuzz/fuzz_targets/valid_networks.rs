//! Builds syntactically valid `network!` bodies from the fuzz input, picking
//! layers and arguments from the language's table. Every network that passes
//! the checker then goes through the summary, the JSON and DOT exports, a
//! codec round trip that must give back the same network, and rendering.
//!
//! Shapes are tracked by rank only, so many bodies still fail the checker
//! (a window larger than its input, say). Those must fail with errors, not
//! panics.

#![no_main]

use arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use netviz_core::{codec, dsl, Direction, Network, RenderOptions};

/// Writes a body step by step while tracking the rank of the current shape.
struct Writer<'a, 'b> {
    u: &'b mut Unstructured<'a>,
    /// The finished statements.
    statements: Vec<String>,
    /// The steps of the statement being written.
    chain: Vec<String>,
    /// The rank of the shape the last step outputs.
    rank: usize,
    next_name: usize,
}

impl Writer<'_, '_> {
    fn fresh_name(&mut self, prefix: &str) -> String {
        self.next_name += 1;
        format!("{prefix}{}", self.next_name)
    }

    /// Draws a size: mostly small, sometimes large, rarely near `u64::MAX`.
    fn size(&mut self, min: u64) -> Result<u64> {
        let max = match self.u.int_in_range(0..=15)? {
            0..=8 => 4,
            9..=12 => 32,
            13 | 14 => 512,
            _ => u64::MAX,
        };
        self.u.int_in_range(min..=max.max(min))
    }

    /// Draws a value for every spatial axis: `3` or `(3, 1)`.
    fn dims(&mut self, min: u64) -> Result<String> {
        let axes = self.rank.saturating_sub(1).max(1);
        if axes > 1 && self.u.ratio(1, 4)? {
            let mut values = Vec::new();
            for _ in 0..axes {
                values.push(self.size(min)?.to_string());
            }
            Ok(format!("({})", values.join(", ")))
        } else {
            Ok(self.size(min)?.to_string())
        }
    }

    /// Draws padding or cropping in one of Keras's three forms.
    fn sides(&mut self) -> Result<String> {
        let axes = self.rank.saturating_sub(1).max(1);
        Ok(match self.u.int_in_range(0..=2)? {
            0 => self.size(0)?.to_string(),
            1 => {
                let mut values = Vec::new();
                for _ in 0..axes {
                    values.push(self.size(0)?.to_string());
                }
                format!("({})", values.join(", "))
            }
            _ => {
                let mut pairs = Vec::new();
                for _ in 0..axes {
                    pairs.push(format!("({}, {})", self.size(0)?, self.size(0)?));
                }
                format!("({})", pairs.join(", "))
            }
        })
    }

    fn activation(&mut self) -> Result<&'static str> {
        Ok(*self.u.choose(&[
            "relu",
            "sigmoid",
            "tanh",
            "softmax",
            "gelu",
            "elu",
            "selu",
            "swish",
            "leaky_relu",
            "linear",
        ])?)
    }

    fn float(&mut self) -> Result<String> {
        let tenths = self.u.int_in_range(0..=9)?;
        Ok(format!("0.{tenths}"))
    }

    /// Arguments of the convolution family after the positional ones.
    fn conv_options(&mut self, keyword: &str, args: &mut Vec<String>) -> Result<()> {
        let mut stride = 1;
        match self.u.int_in_range(0..=3)? {
            0 => args.push("same".into()),
            1 => args.push("valid".into()),
            2 if keyword != "deconv" => args.push(format!("pad = {}", self.dims(0)?)),
            _ => {}
        }
        if self.u.ratio(1, 3)? {
            stride = self.size(1)?;
            args.push(format!("stride = {stride}"));
        }
        if self.u.ratio(1, 4)? {
            args.push(format!("dilation = {}", self.dims(1)?));
        }
        if keyword == "conv" && self.u.ratio(1, 6)? {
            args.push(format!("groups = {}", self.size(1)?));
        }
        if (keyword == "sepconv" || keyword == "dwconv") && self.u.ratio(1, 4)? {
            args.push(format!("multiplier = {}", self.size(1)?));
        }
        if keyword == "deconv" && self.u.ratio(1, 4)? {
            let extra = self.u.int_in_range(0..=stride - 1)?;
            args.push(format!("output_padding = {extra}"));
        }
        if self.u.ratio(1, 4)? {
            args.push("bias = false".into());
        }
        if self.u.ratio(1, 4)? {
            let activation = self.activation()?;
            args.push(format!("activation = {activation}"));
        }
        Ok(())
    }

    /// Draws a layer that keeps the shape, for the body of a residual block.
    fn shape_keeping_layer(&mut self) -> Result<String> {
        Ok(match self.u.int_in_range(0..=5)? {
            0 => "relu".into(),
            1 => "batchnorm".into(),
            2 => "layernorm".into(),
            3 => format!("dropout({})", self.float()?),
            4 if (2..=3).contains(&self.rank) => format!("dwconv({}, same)", self.dims(1)?),
            _ => self.activation()?.replace("linear", "tanh"),
        })
    }

    fn spatial_layer(&mut self) -> Result<()> {
        let axes = self.rank - 1;
        let step = match self.u.int_in_range(0..=12)? {
            0..=2 => {
                let keyword = *self.u.choose(&["conv", "deconv", "sepconv", "dwconv"])?;
                let keyword = if axes == 3 && matches!(keyword, "sepconv" | "dwconv") {
                    "conv"
                } else {
                    keyword
                };
                let mut args = Vec::new();
                if keyword != "dwconv" {
                    args.push(self.size(1)?.to_string());
                }
                args.push(self.dims(1)?);
                self.conv_options(keyword, &mut args)?;
                format!("{keyword}({})", args.join(", "))
            }
            3 | 4 => {
                let keyword = *self.u.choose(&["pool", "maxpool", "avgpool"])?;
                let size = self.dims(1)?;
                let mut args = vec![size.clone()];
                if self.u.ratio(1, 3)? {
                    args.push(format!("stride = {}", self.dims(1)?));
                }
                match self.u.int_in_range(0..=3)? {
                    0 => args.push("same".into()),
                    1 => {
                        let pool: u64 = size.parse().unwrap_or(1);
                        let pad = self.u.int_in_range(0..=pool / 2)?;
                        args.push(format!("pad = {pad}"));
                        if self.u.ratio(1, 2)? {
                            args.push("ceil".into());
                        }
                    }
                    2 => args.push("ceil".into()),
                    _ => {}
                }
                format!("{keyword}({})", args.join(", "))
            }
            5 => {
                self.rank = 1;
                self.u
                    .choose(&["global_avg_pool", "global_max_pool"])?
                    .to_string()
            }
            6 => {
                self.rank = 1;
                "flatten".into()
            }
            7 => format!("zeropad({})", self.sides()?),
            8 => format!("upsample({})", self.dims(1)?),
            9 => format!("crop({})", self.sides()?),
            10 => {
                self.rank = 1;
                "reshape(-1)".into()
            }
            _ => self.shape_keeping_layer()?,
        };
        self.chain.push(step);
        Ok(())
    }

    fn flat_layer(&mut self) -> Result<()> {
        let step = match self.u.int_in_range(0..=6)? {
            0..=2 => {
                let mut args = vec![self.size(1)?.to_string()];
                if self.u.ratio(1, 4)? {
                    args.push("bias = false".into());
                }
                if self.u.ratio(1, 3)? {
                    let activation = self.activation()?;
                    args.push(format!("activation = {activation}"));
                }
                format!("dense({})", args.join(", "))
            }
            3 => {
                let scale = self.u.arbitrary::<bool>()?;
                let center = self.u.arbitrary::<bool>()?;
                format!("batchnorm(scale = {scale}, center = {center})")
            }
            4 => {
                let ones = self.u.int_in_range(1..=3)?;
                self.rank = ones + 1;
                format!("reshape(-1{})", ", 1".repeat(ones))
            }
            5 => format!("leaky_relu({})", self.float()?),
            _ => self.shape_keeping_layer()?,
        };
        self.chain.push(step);
        Ok(())
    }

    /// `… as r => (shape-keeping layers) => add(r)`.
    fn residual(&mut self) -> Result<()> {
        let name = self.fresh_name("r");
        let last = self.chain.pop().unwrap_or_else(|| "relu".into());
        self.chain.push(format!("{last} as {name}"));
        for _ in 0..self.u.int_in_range(1..=3)? {
            let step = self.shape_keeping_layer()?;
            self.chain.push(step);
        }
        let merge = *self.u.choose(&["add", "multiply"])?;
        self.chain.push(format!("{merge}({name})"));
        Ok(())
    }

    /// `… as x; x => conv(…, same) as a; x => conv(…, same) as b; concat(a, b)`.
    fn inception(&mut self) -> Result<()> {
        let source = self.fresh_name("x");
        let last = self.chain.pop().unwrap_or_else(|| "relu".into());
        self.chain.push(format!("{last} as {source}"));
        self.end_statement();
        let mut branches = Vec::new();
        for _ in 0..self.u.int_in_range(2..=3)? {
            let branch = self.fresh_name("b");
            let filters = self.size(1)?;
            let kernel = self.dims(1)?;
            self.chain.push(source.clone());
            self.chain
                .push(format!("conv({filters}, {kernel}, same) as {branch}"));
            self.end_statement();
            branches.push(branch);
        }
        self.chain.push(format!("concat({})", branches.join(", ")));
        Ok(())
    }

    fn end_statement(&mut self) {
        let chain = std::mem::take(&mut self.chain);
        self.statements.push(chain.join(" => "));
    }
}

fn body(u: &mut Unstructured) -> Result<String> {
    let rank = u.int_in_range(1..=4)?;
    let mut writer = Writer {
        u,
        statements: Vec::new(),
        chain: Vec::new(),
        rank,
        next_name: 0,
    };
    let mut dims = Vec::new();
    for _ in 0..rank {
        dims.push(writer.size(1)?.to_string());
    }
    writer.chain.push(format!("input({})", dims.join(", ")));
    let steps = writer.u.int_in_range(0..=24)?;
    for _ in 0..steps {
        match writer.u.int_in_range(0..=15)? {
            0 => writer.residual()?,
            1 if writer.rank >= 2 => writer.inception()?,
            _ if writer.rank == 1 => writer.flat_layer()?,
            _ => writer.spatial_layer()?,
        }
    }
    writer.end_statement();
    Ok(writer.statements.join(";\n"))
}

/// Checks that `dot` has balanced braces outside quoted strings and closes every string.
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

fn check_network(source: &str, network: &Network) {
    let layers = &network.layers;
    assert!(!layers.is_empty(), "{source}");
    let mut params = 0u64;
    let mut macs = 0u64;
    let mut names = std::collections::HashSet::new();
    for (i, layer) in layers.iter().enumerate() {
        assert!(
            names.insert(layer.name.as_str()),
            "duplicate name {} in {source}",
            layer.name
        );
        assert!(
            layer.output_shape.dims().iter().all(|d| *d >= 1),
            "{source}"
        );
        assert!(layer.trainable_params <= layer.params, "{source}");
        assert_eq!(layer.inputs.len(), layer.input_shapes.len(), "{source}");
        for (input, shape) in layer.inputs.iter().zip(&layer.input_shapes) {
            assert!(*input < i, "{source}");
            assert_eq!(&layers[*input].output_shape, shape, "{source}");
        }
        params = params
            .checked_add(layer.params)
            .expect("total params overflow");
        macs = macs.checked_add(layer.macs).expect("total MACs overflow");
    }
    assert_eq!(network.total_params(), params);
    assert_eq!(network.total_macs(), macs);

    let summary = network.summary();
    assert!(summary.contains(&network.name), "{source}");

    let json = network.to_json();
    let value: serde_json::Value = serde_json::from_str(&json).expect("to_json is not JSON");
    assert_eq!(value["total_params"].as_u64(), Some(params), "{source}");
    assert_eq!(
        value["layers"].as_array().map(Vec::len),
        Some(layers.len()),
        "{source}"
    );

    let dot = network.to_dot();
    assert!(dot_is_balanced(&dot), "unbalanced DOT for {source}:\n{dot}");
    assert_eq!(
        dot.matches(" -> ").count(),
        network.edges().len(),
        "{source}"
    );

    let encoded = codec::encode(network);
    assert_eq!(codec::decode(&encoded).as_ref(), Some(network), "{source}");

    check_render(source, network);
}

/// Renders both formats. A PNG over the renderer's size limits is an error,
/// not a panic; anything else must render.
fn check_render(source: &str, network: &Network) {
    let options = RenderOptions {
        direction: if network.layers.len() % 2 == 0 {
            Direction::LeftToRight
        } else {
            Direction::TopToBottom
        },
        ..RenderOptions::default()
    };
    let svg = network
        .render_svg_string(&options)
        .unwrap_or_else(|e| panic!("SVG failed for {source}: {e}"));
    assert!(svg.contains("<svg"), "{source}");
    assert!(svg.trim_end().ends_with("</svg>"), "{source}");
    if let Ok(png) = network.render_png_bytes(&options) {
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "{source}");
    }
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(source) = body(&mut u) else {
        return;
    };
    match dsl::build_str(&source) {
        Ok(network) => check_network(&source, &network),
        Err(errors) => assert!(!errors.is_empty(), "{source}"),
    }
});
