use netviz::network;

fn main() {
    let _ = network!(input(28, 0, 1) => flatten => dense(10));
}
