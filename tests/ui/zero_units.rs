use netviz::network;

fn main() {
    let _ = network!(input(784) => dense(0));
}
