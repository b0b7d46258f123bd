//! Models exported by a library crate for netviz's cross-crate tests.

pub mod blocks {
    use netviz::network;

    network! {
        /// A LeNet stem: one convolution block on 28×28 grayscale images.
        pub Stem: input(28, 28, 1) => conv(20, 5, same) => relu => pool(2)
    }

    network! {
        /// A second convolution block.
        pub Block: input(14, 14, 20) => conv(50, 5, same) => relu => pool(2)
    }
}

netviz::network! {
    /// A classifier head on 7×7×50 features.
    pub Head: input(7, 7, 50) => flatten => dense(500) => relu => dense(10) => softmax
}
