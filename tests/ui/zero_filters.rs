use netviz::network;

fn main() {
    let _ = network!(input(28, 28, 1) => conv(0, 3) => flatten);
}
