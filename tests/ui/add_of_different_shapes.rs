use netviz::network;

fn main() {
    let _ = network!(input(32, 32, 64) as x => conv(128, 3, same) => add(x));
}
