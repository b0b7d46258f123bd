use netviz::network;

network! {
    pub LeNet: input(28, 28, 1)
        => conv(20, 5, same) => relu => pool(2)
        => dense(500) => relu
        => dense(10) => softmax
}

fn main() {
    println!("{}", LeNet::summary());
    println!("{} parameters", LeNet::PARAMS);
    println!("{:?} -> {:?}", LeNet::INPUT_SHAPE, LeNet::OUTPUT_SHAPE);
    let network: netviz::Network = LeNet::network();
    let _ = network.to_json();
    let _ = LeNet::render("lenet.svg");
}
