use netviz::network;

fn main() {
    let _ = network!(input(28, 28, 1) => conv(8, 3, same, pad = 1) => flatten);
}
