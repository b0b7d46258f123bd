use netviz::network;

fn main() {
    let _ = network!(input(784) => dense(10); input(28, 28, 1) => flatten);
}
