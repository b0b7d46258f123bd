use netviz::network;

fn main() {
    let _ = network!(input(5, 5, 1) => conv(8, 6) => flatten);
}
