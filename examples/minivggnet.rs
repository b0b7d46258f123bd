//! MiniVGGNet for 32×32 colour images (CIFAR-10): two VGG blocks of
//! convolution, ReLU and batch normalization, then a dense head.
//!
//! Run with `cargo run --example minivggnet`: prints the summary and writes
//! `minivggnet.svg` and `minivggnet.png` in the current folder.

use std::process::ExitCode;

use netviz::network;

network! {
    /// MiniVGGNet: [conv 3×3 same, ReLU, batch norm] ×2, max pool and dropout, twice; then dense layers.
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

fn main() -> ExitCode {
    println!("{}", MiniVggNet::summary());
    match write_figures() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn write_figures() -> Result<(), netviz::Error> {
    MiniVggNet::render("minivggnet.svg")?;
    MiniVggNet::render("minivggnet.png")?;
    println!("wrote minivggnet.svg and minivggnet.png");
    Ok(())
}
