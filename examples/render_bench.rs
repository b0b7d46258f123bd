//! Renders one built-in network to a file, for timing whole-process renders
//! against other tools.
//!
//! Usage: `render_bench NETWORK OUTPUT [SCALE] [--lr] [--dark] [--expand]`,
//! where NETWORK is `lenet`, `vgg16`, `residual`, `inception`, `nested`,
//! `resnet50`, `densenet121` or `chainN` (N dense layers), OUTPUT ends in `.svg` or `.png`, SCALE is the
//! PNG pixel density, and the flags pick left-to-right flow, the dark theme
//! and expanded nested models. An OUTPUT ending in `.dot` gets the network's
//! Graphviz export instead, to feed `dot` with the same network.

#[path = "../tests/support/render_networks.rs"]
mod render_networks;

// The ResNet-50 example, compiled in as a module; its `main` is unused here.
#[allow(dead_code)]
#[path = "resnet50.rs"]
mod resnet50;

mod densenet {
    include!("../tests/models/densenet121.rs");

    densenet121!(netviz::network);
}

use std::process::ExitCode;

use netviz::{Direction, RenderOptions, Theme};

fn main() -> ExitCode {
    let (flags, args): (Vec<String>, Vec<String>) =
        std::env::args().skip(1).partition(|a| a.starts_with("--"));
    if args.len() < 2 || args.len() > 3 {
        eprintln!("usage: render_bench NETWORK OUTPUT [SCALE] [--lr] [--dark] [--expand]");
        return ExitCode::from(2);
    }
    let network = match args[0].as_str() {
        "lenet" => render_networks::lenet(),
        "vgg16" => render_networks::vgg16(),
        "residual" => render_networks::residual(),
        "inception" => render_networks::inception(),
        "nested" => render_networks::nested(),
        "resnet50" => resnet50::ResNet50::network(),
        "densenet121" => densenet::DenseNet121::network(),
        name => match name.strip_prefix("chain").and_then(|n| n.parse().ok()) {
            Some(layers) => render_networks::chain(layers),
            None => {
                eprintln!("unknown network {name}: expected lenet, vgg16, residual, inception, nested, resnet50, densenet121 or chainN");
                return ExitCode::from(2);
            }
        },
    };
    let mut options = RenderOptions::new();
    for flag in &flags {
        options = match flag.as_str() {
            "--lr" => options.direction(Direction::LeftToRight),
            "--dark" => options.theme(Theme::Dark),
            "--expand" => options.expand_nested(true),
            _ => {
                eprintln!("unknown flag {flag}: expected --lr, --dark or --expand");
                return ExitCode::from(2);
            }
        };
    }
    if let Some(scale) = args.get(2) {
        match scale.parse() {
            Ok(scale) => options = options.scale(scale),
            Err(_) => {
                eprintln!("invalid scale {scale}: expected a number such as 2.0");
                return ExitCode::from(2);
            }
        }
    }
    if args[1].ends_with(".dot") {
        return match std::fs::write(&args[1], network.to_dot()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("failed to write {}: {error}", args[1]);
                ExitCode::FAILURE
            }
        };
    }
    match network.render_with(&args[1], &options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}
