use netviz::network;

fn main() {
    let _ = network!(input(784) => reshape(27, 27, 1) => flatten);
}
