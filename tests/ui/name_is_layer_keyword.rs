use netviz::network;

fn main() {
    let _ = network!(input(8, 8, 16) => conv(16, 3, same) as relu => flatten);
}
