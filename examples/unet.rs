//! U-Net (Ronneberger et al., 2015) for 128×128 single-channel images, with
//! `same` padding so that each decoder level meets its skip connection at the
//! same size and no cropping is needed.
//!
//! The encoder has four levels of two 3×3 convolutions followed by 2×2 max
//! pooling, doubling the filters from 64 to 512. The bottleneck has two 3×3
//! convolutions with 1024 filters. Each decoder level upsamples with a 2×2
//! transposed convolution of stride 2 that halves the filters, concatenates
//! the encoder output of the same size, and applies two 3×3 convolutions. A
//! 1×1 convolution with a sigmoid gives one mask channel.
//!
//! Run with `cargo run --example unet`: prints the summary and writes
//! `unet.svg` and `unet.png` in the current folder.

use std::process::ExitCode;

use netviz::network;

network! {
    /// U-Net with four levels, 64 to 1024 filters, for 128×128×1 inputs and a 128×128×1 mask.
    pub UNet: input(128, 128, 1)
        => conv(64, 3, same, activation = relu) => conv(64, 3, same, activation = relu) as enc1
        => maxpool(2)
        => conv(128, 3, same, activation = relu) => conv(128, 3, same, activation = relu) as enc2
        => maxpool(2)
        => conv(256, 3, same, activation = relu) => conv(256, 3, same, activation = relu) as enc3
        => maxpool(2)
        => conv(512, 3, same, activation = relu) => conv(512, 3, same, activation = relu) as enc4
        => maxpool(2)
        => conv(1024, 3, same, activation = relu) => conv(1024, 3, same, activation = relu) as bottleneck
        => deconv(512, 2, stride = 2) => concat(enc4)
        => conv(512, 3, same, activation = relu) => conv(512, 3, same, activation = relu) as dec4
        => deconv(256, 2, stride = 2) => concat(enc3)
        => conv(256, 3, same, activation = relu) => conv(256, 3, same, activation = relu) as dec3
        => deconv(128, 2, stride = 2) => concat(enc2)
        => conv(128, 3, same, activation = relu) => conv(128, 3, same, activation = relu) as dec2
        => deconv(64, 2, stride = 2) => concat(enc1)
        => conv(64, 3, same, activation = relu) => conv(64, 3, same, activation = relu) as dec1
        => conv(1, 1, activation = sigmoid) as mask
}

// The parameter total, from Keras's formulas: a k×k Conv2D from C to F
// channels has k·k·C·F + F parameters, and a Conv2DTranspose the same with
// its kernel size.
//
//   encoder     (9·1·64 + 64) + (9·64·64 + 64)            =     37,568
//               (9·64·128 + 128) + (9·128·128 + 128)      =    221,440
//               (9·128·256 + 256) + (9·256·256 + 256)     =    885,248
//               (9·256·512 + 512) + (9·512·512 + 512)     =  3,539,968
//   bottleneck  (9·512·1024 + 1024) + (9·1024·1024 + 1024) = 14,157,824
//   decoder 4   (4·1024·512 + 512) + (9·1024·512 + 512) + (9·512·512 + 512) = 9,176,576
//   decoder 3   (4·512·256 + 256) + (9·512·256 + 256) + (9·256·256 + 256)   = 2,294,528
//   decoder 2   (4·256·128 + 128) + (9·256·128 + 128) + (9·128·128 + 128)   =   573,824
//   decoder 1   (4·128·64 + 64) + (9·128·64 + 64) + (9·64·64 + 64)          =   143,552
//   mask        1·64·1 + 1                                                  =        65
//   total                                                                   = 31,030,593
//
// The concatenations double each decoder level's input channels, which is
// where the 1024, 512, 256 and 128 input channels of its first 3×3
// convolution come from.
const _: () = assert!(UNet::PARAMS == 31_030_593);
const _: () = assert!(UNet::NON_TRAINABLE_PARAMS == 0);

fn main() -> ExitCode {
    println!("{}", UNet::summary());
    match write_figures() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn write_figures() -> Result<(), netviz::Error> {
    UNet::render("unet.svg")?;
    UNet::render("unet.png")?;
    println!("wrote unet.svg and unet.png");
    Ok(())
}
