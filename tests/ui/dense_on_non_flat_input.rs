use netviz::network;

network! {
    pub LeNet: input(28, 28, 1)
        => conv(20, 5, same) => relu => pool(2)
        => conv(50, 5, same) => relu => pool(2)
        => dense(500) => relu
        => dense(10) => softmax
}

fn main() {}
