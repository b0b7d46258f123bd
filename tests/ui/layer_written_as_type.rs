use netviz::network;

fn main() {
    let _ = network!(input(784) => Dense(10) => softmax);
}
