//! Rendering: layout geometry, SVG and PNG output, file handling and errors.

#[path = "support/layout_checks.rs"]
mod layout_checks;
#[path = "support/render_networks.rs"]
mod render_networks;

use std::fs;
use std::path::Path;

use netviz_core::render::{MAX_PNG_PIXELS, MAX_PNG_SIDE};
use netviz_core::{Direction, LayerKind, Network, RenderError, RenderOptions, Theme};

use layout_checks::{assert_well_formed, check_network, directions, lay_out, EPSILON};
use render_networks::{chain, inception, lenet, nested, residual, vgg16, Builder};

#[test]
fn lenet_layout_is_well_formed() {
    check_network(&lenet(), false);
}

#[test]
fn residual_layout_is_well_formed() {
    check_network(&residual(), false);
}

#[test]
fn inception_layout_is_well_formed() {
    check_network(&inception(), false);
}

#[test]
fn nested_layout_is_well_formed() {
    check_network(&nested(), false);
    check_network(&nested(), true);
}

#[test]
fn long_chain_layout_is_well_formed() {
    check_network(&chain(1000), false);
}

#[test]
fn long_texts_fit_their_boxes() {
    let long_name = "a".repeat(200);
    let mut b = Builder::new("LongNames", &[1024, 1024, 3]);
    b.then(
        &long_name,
        "Conv2D",
        LayerKind::Convolution,
        &"very long configuration ".repeat(8),
        &[1024, 1024, 999_999],
        123_456_789_012,
    );
    b.then(
        "reshape",
        "Reshape",
        LayerKind::Reshaping,
        "",
        &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
        0,
    );
    let network = b.build();
    for options in directions() {
        let layout = lay_out(&network, &options.show_batch_dim(true));
        assert_well_formed(&layout, "long texts");
        assert!(layout.boxes[1]
            .lines
            .iter()
            .any(|l| l.text.contains(&long_name)));
    }
}

#[test]
fn main_path_stays_in_one_column() {
    let network = residual();
    let main_path = [
        "input_layer",
        "conv2d",
        "batch_normalization",
        "conv2d_1",
        "add",
        "activation",
        "conv2d_2",
        "dropout",
        "add_1",
        "global_average_pooling2d",
        "dense",
    ];
    for options in directions() {
        let layout = lay_out(&network, &options);
        let centre = |name: &str| {
            let b = layout.boxes.iter().find(|b| b.name == name).unwrap();
            match options.direction {
                Direction::TopToBottom => b.rect.x + b.rect.width / 2.0,
                Direction::LeftToRight => b.rect.y + b.rect.height / 2.0,
            }
        };
        let column = centre(main_path[0]);
        for name in main_path {
            assert!(
                (centre(name) - column).abs() < EPSILON,
                "{name} is off the main column in {:?}",
                options.direction
            );
        }
    }
}

#[test]
fn skip_edges_avoid_main_column() {
    let network = residual();
    let layout = lay_out(&network, &RenderOptions::new());
    let input = &layout.boxes[0].rect;
    let column = input.x + input.width / 2.0;
    let conv2d = layout
        .boxes
        .iter()
        .position(|b| b.name == "conv2d")
        .unwrap();
    let skip = layout
        .edges
        .iter()
        .find(|e| e.from == conv2d && layout.boxes[e.to].name == "add")
        .unwrap();
    for pair in skip.points.windows(2) {
        let vertical = (pair[0].x - pair[1].x).abs() < EPSILON;
        if vertical {
            assert!(
                (pair[0].x - column).abs() > 1.0,
                "the skip edge runs along the main column"
            );
        }
    }
}

#[test]
fn legend_lists_present_kinds_only() {
    let layout = lay_out(&lenet(), &RenderOptions::new());
    let kinds: Vec<LayerKind> = layout.legend.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [
            LayerKind::Input,
            LayerKind::Convolution,
            LayerKind::Pooling,
            LayerKind::Dense,
            LayerKind::Activation,
            LayerKind::Reshaping
        ]
    );
    let without = lay_out(&lenet(), &RenderOptions::new().legend(false));
    assert!(without.legend.is_empty());
}

#[test]
fn collapsed_nested_model_is_one_box() {
    let layout = lay_out(&nested(), &RenderOptions::new());
    let block = layout
        .boxes
        .iter()
        .find(|b| b.name == "feature_block")
        .unwrap();
    assert_eq!(block.kind, LayerKind::Model);
    assert!(layout.clusters.is_empty());

    let expanded = lay_out(&nested(), &RenderOptions::new().expand_nested(true));
    assert_eq!(expanded.clusters.len(), 1);
    assert!(expanded.boxes.iter().all(|b| b.name != "feature_block"));
}

#[test]
fn box_text_follows_options() {
    let network = residual();
    let texts = |options: &RenderOptions| -> Vec<String> {
        lay_out(&network, options)
            .boxes
            .iter()
            .flat_map(|b| b.lines.iter().map(|l| l.text.clone()))
            .collect()
    };
    let default = texts(&RenderOptions::new());
    assert!(default.contains(&"conv2d (Conv2D)".to_string()));
    assert!(default.contains(&"16 filters, 3×3, same · + relu".to_string()));
    assert!(default.contains(&"32×32×16".to_string()));
    assert!(default.contains(&"64 (32 non-trainable)".to_string()));
    assert!(default.contains(&"2,320".to_string()));

    let keras = texts(&RenderOptions::new().show_batch_dim(true));
    assert!(keras.contains(&"(None, 32, 32, 16)".to_string()));

    let bare = texts(
        &RenderOptions::new()
            .show_shapes(false)
            .show_params(false)
            .show_activations(false)
            .show_layer_names(false),
    );
    assert!(bare.contains(&"Conv2D".to_string()));
    assert!(bare.contains(&"16 filters, 3×3, same".to_string()));
    assert!(!bare.iter().any(|t| t.contains("shape") || t == "2,320"));
}

#[test]
fn empty_network_renders_title_only() {
    let network = Network {
        name: "Empty".to_string(),
        layers: Vec::new(),
    };
    let layout = lay_out(&network, &RenderOptions::new());
    assert!(layout.boxes.is_empty());
    assert_eq!(layout.title[0].text, "Empty");
    assert!(network.render_svg_string(&RenderOptions::new()).is_ok());
    assert!(network.render_png_bytes(&RenderOptions::new()).is_ok());
}

fn all_option_sets() -> Vec<RenderOptions> {
    let mut sets = Vec::new();
    for direction in [Direction::TopToBottom, Direction::LeftToRight] {
        for theme in [Theme::Light, Theme::Dark] {
            for flag in [false, true] {
                sets.push(
                    RenderOptions::new()
                        .direction(direction)
                        .theme(theme)
                        .legend(flag)
                        .show_batch_dim(flag)
                        .expand_nested(flag),
                );
            }
        }
    }
    sets
}

fn attribute(node: &roxmltree::Node, name: &str) -> f64 {
    node.attribute(name).unwrap().parse().unwrap()
}

#[test]
fn svg_parses_and_contains_every_layer() {
    for network in [lenet(), residual(), inception(), nested()] {
        for options in all_option_sets() {
            let svg = network.render_svg_string(&options).unwrap();
            let document = roxmltree::Document::parse(&svg).unwrap();
            let root = document.root_element();
            assert_eq!(root.tag_name().name(), "svg");
            let texts: Vec<&str> = root
                .descendants()
                .filter(|n| n.has_tag_name("text"))
                .filter_map(|n| n.text())
                .collect();
            for layer in &network.layers {
                let hidden = options.expand_nested && layer.nested.is_some();
                if !hidden {
                    assert!(
                        texts.iter().any(|t| t.starts_with(&layer.name)),
                        "{}: no text names layer {}",
                        network.name,
                        layer.name
                    );
                }
            }
        }
    }
}

#[test]
fn svg_viewbox_encloses_drawing() {
    for network in [lenet(), residual(), inception(), nested()] {
        for options in all_option_sets() {
            let layout = lay_out(&network, &options);
            let svg = network.render_svg_string(&options).unwrap();
            let document = roxmltree::Document::parse(&svg).unwrap();
            let root = document.root_element();
            let width = attribute(&root, "width");
            let height = attribute(&root, "height");
            assert_eq!(width, layout.width);
            assert_eq!(height, layout.height);
            assert_eq!(
                root.attribute("viewBox").unwrap(),
                format!("0 0 {width} {height}")
            );
            for node in root.descendants().filter(|n| n.has_tag_name("text")) {
                let x = attribute(&node, "x");
                let y = attribute(&node, "y");
                let length = attribute(&node, "textLength");
                assert!(x >= 0.0, "text starts left of the drawing at x {x}");
                assert!(
                    x + length <= width,
                    "text at x {x} ends past the width {width}"
                );
                assert!(y >= 0.0, "text baseline above the drawing at y {y}");
                assert!(
                    y <= height,
                    "text baseline at y {y} below the height {height}"
                );
            }
        }
    }
}

#[test]
fn svg_escapes_text() {
    let mut b = Builder::new("<Model & \"Co\">", &[4]);
    b.then("a<b>&c", "Dense", LayerKind::Dense, "x < y", &[4], 20);
    let network = b.build();
    let svg = network.render_svg_string(&RenderOptions::new()).unwrap();
    let document = roxmltree::Document::parse(&svg).unwrap();
    let texts: Vec<&str> = document
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect();
    assert!(texts.contains(&"a<b>&c (Dense)"));
    assert!(texts.contains(&"x < y"));
    assert!(texts.contains(&"<Model & \"Co\">"));
}

fn decode_png(bytes: &[u8]) -> (u32, u32) {
    let decoder = png::Decoder::new(bytes);
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut pixels).unwrap();
    (info.width, info.height)
}

#[test]
fn png_decodes_at_expected_size() {
    // Every option set at scale 1, and the other scales with the defaults:
    // unoptimised PNG encoding makes each render take a noticeable fraction of a second.
    let mut cases: Vec<RenderOptions> = all_option_sets()
        .into_iter()
        .map(|options| options.scale(1.0))
        .collect();
    cases.push(RenderOptions::new().scale(2.0));
    cases.push(RenderOptions::new().scale(1.5));
    let network = residual();
    for options in cases {
        let layout = lay_out(&network, &options);
        let bytes = network.render_png_bytes(&options).unwrap();
        let (width, height) = decode_png(&bytes);
        assert_eq!(width, (layout.width * options.scale).ceil() as u32);
        assert_eq!(height, (layout.height * options.scale).ceil() as u32);
    }
}

#[test]
fn png_over_limit_is_an_error() {
    let network = chain(3000);
    let error = network.render_png_bytes(&RenderOptions::new()).unwrap_err();
    match &error {
        RenderError::ImageTooLarge {
            height,
            max_side,
            max_pixels,
            ..
        } => {
            assert!(*height > MAX_PNG_SIDE);
            assert_eq!(*max_side, MAX_PNG_SIDE);
            assert_eq!(*max_pixels, MAX_PNG_PIXELS);
        }
        other => panic!("expected ImageTooLarge, got {other}"),
    }
    let message = error.to_string();
    assert!(message.contains("32,767 pixels per side"), "{message}");
    assert!(message.contains("max_png_scale"), "{message}");
    assert!(message.contains(".svg"), "{message}");

    // The same network fits as SVG, at full size.
    let svg = network.render_svg_string(&RenderOptions::new()).unwrap();
    assert!(svg.contains("dense_2999 (Dense)"));
}

#[test]
fn renders_are_deterministic() {
    let network = inception();
    let options = RenderOptions::new().theme(Theme::Dark);
    assert_eq!(
        network.render_svg_string(&options).unwrap(),
        network.render_svg_string(&options).unwrap()
    );
    assert_eq!(
        network.render_png_bytes(&options).unwrap(),
        network.render_png_bytes(&options).unwrap()
    );
}

#[test]
fn vgg16_title_shows_total_params() {
    let layout = lay_out(&vgg16(), &RenderOptions::new());
    assert_eq!(layout.title[0].text, "VGG16");
    assert!(
        layout.title[1].text.contains("138,357,544 parameters"),
        "{}",
        layout.title[1].text
    );
}

fn entries(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn render_writes_file_by_extension() {
    let folder = tempfile::tempdir().unwrap();
    let network = lenet();
    let svg = folder.path().join("lenet.svg");
    let png = folder.path().join("lenet.PNG");
    network.render(&svg).unwrap();
    network.render(&png).unwrap();
    assert!(fs::read_to_string(&svg).unwrap().starts_with("<svg"));
    assert!(fs::read(&png).unwrap().starts_with(b"\x89PNG\r\n\x1a\n"));
    assert_eq!(entries(folder.path()), ["lenet.PNG", "lenet.svg"]);
}

#[test]
fn unsupported_extension_is_an_error() {
    let folder = tempfile::tempdir().unwrap();
    for name in ["model.jpg", "model"] {
        let path = folder.path().join(name);
        let error = lenet().render(&path).unwrap_err();
        assert!(
            matches!(error, RenderError::UnsupportedFormat { .. }),
            "{error}"
        );
        let message = error.to_string();
        assert!(message.contains(".svg or .png"), "{message}");
        assert!(message.contains(name), "{message}");
    }
    assert!(entries(folder.path()).is_empty());
}

#[test]
fn failed_render_keeps_existing_file() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("model.png");
    fs::write(&path, b"previous contents").unwrap();

    let too_large = chain(3000).render(&path).unwrap_err();
    assert!(matches!(too_large, RenderError::ImageTooLarge { .. }));
    let invalid = lenet()
        .render_with(&path, &RenderOptions::new().scale(f64::NAN))
        .unwrap_err();
    assert!(matches!(invalid, RenderError::InvalidOption { .. }));

    assert_eq!(fs::read(&path).unwrap(), b"previous contents");
    assert_eq!(entries(folder.path()), ["model.png"]);
}

#[test]
fn failed_rename_leaves_no_temporary_file() {
    let folder = tempfile::tempdir().unwrap();
    // A folder in the way makes the final rename fail after the temporary file is written.
    let path = folder.path().join("taken.svg");
    fs::create_dir(&path).unwrap();
    let error = lenet().render(&path).unwrap_err();
    assert!(matches!(error, RenderError::Io { .. }), "{error}");
    assert!(error.to_string().contains("taken.svg"), "{error}");
    assert_eq!(entries(folder.path()), ["taken.svg"]);
}

#[test]
fn missing_folder_error_names_path() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("no such folder").join("model.svg");
    let error = lenet().render(&path).unwrap_err();
    assert!(matches!(error, RenderError::Io { .. }), "{error}");
    let message = error.to_string();
    assert!(message.contains("no such folder"), "{message}");
    assert!(message.contains("model.svg"), "{message}");
    assert!(entries(folder.path()).is_empty());
}

#[test]
fn dsl_network_renders() {
    let network = netviz_core::dsl::build_str(
        "LeNet: input(28, 28, 1)
            => conv(20, 5, same) => relu => pool(2)
            => conv(50, 5, same) => relu => pool(2)
            => flatten => dense(500) => relu
            => dense(10) => softmax",
    )
    .unwrap_or_else(|diagnostics| panic!("the DSL rejected LeNet: {diagnostics:?}"));
    for options in directions() {
        let layout = lay_out(&network, &options);
        assert_eq!(layout.boxes.len(), network.layers.len());
        assert_well_formed(&layout, "LeNet from the DSL");
    }
    let svg = network.render_svg_string(&RenderOptions::new()).unwrap();
    assert!(svg.contains("1,256,080 parameters"));
}
