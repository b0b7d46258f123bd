use netviz::network;

fn main() {
    let _ = network!(input(28, 28, 1) => conv(32) => flatten);
}
