//! The LeNet variant of the Keras tutorials (20 and 50 filters, 500 units): two
//! convolution blocks, then two dense layers.
//!
//! Run with `cargo run --example lenet`: prints the summary and writes
//! `lenet.svg` and `lenet.png` in the current folder.

use std::process::ExitCode;

use netviz::network;

network! {
    /// LeNet for 28×28 grayscale digits, channels last.
    pub LeNet: input(28, 28, 1)
        => conv(20, 5, same) => relu => pool(2)
        => conv(50, 5, same) => relu => pool(2)
        => flatten => dense(500) => relu
        => dense(10) => softmax
}

const _: () = assert!(LeNet::PARAMS == 1_256_080);

fn main() -> ExitCode {
    println!("{}", LeNet::summary());
    match write_figures() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn write_figures() -> Result<(), netviz::Error> {
    LeNet::render("lenet.svg")?;
    LeNet::render("lenet.png")?;
    println!("wrote lenet.svg and lenet.png");
    Ok(())
}
