use netviz::network;

fn main() {
    let _ = network!(input(784) => denze(10) => softmax);
}
