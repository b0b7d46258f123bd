use netviz::network;

fn main() {
    let _ = network!(
        input(8, 8, 16) as x;
        x => conv(16, 1) as side;
        x => conv(16, 3, same) => relu
    );
}
