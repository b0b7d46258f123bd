use netviz::network;

fn main() {
    let _ = network!(input(4294967296, 4294967296, 2) => flatten => dense(10));
}
