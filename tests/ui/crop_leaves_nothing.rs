use netviz::network;

fn main() {
    let _ = network!(input(4, 4, 1) => crop(2) => flatten);
}
