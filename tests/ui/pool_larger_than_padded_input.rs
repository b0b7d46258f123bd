use netviz::network;

fn main() {
    let _ = network!(input(2, 2, 1) => maxpool(5, pad = 1) => flatten);
}
