//! DenseNet-121 as `keras.applications.DenseNet121(include_top=True)` builds it,
//! layer for layer: four dense blocks of 6, 12, 24 and 16 units joined by
//! transitions, 429 layers in all.
//!
//! The definition lives in `tests/models/densenet121.rs`, where the tests and
//! the `densenet` benchmark use it too.
//!
//! Run with `cargo run --example densenet121`: prints the summary and writes
//! `densenet121.svg` and `densenet121.png` in the current folder.

use std::process::ExitCode;

use netviz::RenderOptions;

include!("../tests/models/densenet121.rs");

densenet121!(netviz::network);

// Keras's published summary of DenseNet121: 8,062,504 parameters, of which
// 83,648 are batch normalization's moving means and variances.
const _: () = assert!(DenseNet121::PARAMS == 8_062_504);
const _: () = assert!(DenseNet121::NON_TRAINABLE_PARAMS == 83_648);

fn main() -> ExitCode {
    println!("{}", DenseNet121::summary());
    match write_figures() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn write_figures() -> Result<(), netviz::Error> {
    let network = DenseNet121::network();
    let options = RenderOptions::new();
    network.render_with("densenet121.svg", &options)?;
    // Stacked top to bottom, this many layers are taller than a PNG may be at
    // the default scale, so the PNG uses the largest scale within the limits.
    let scale = network.max_png_scale(&options)?.min(options.scale);
    network.render_with("densenet121.png", &options.scale(scale))?;
    println!("wrote densenet121.svg and densenet121.png (PNG at scale {scale})");
    Ok(())
}
