use netviz::network;

fn main() {
    let _ = network!(
        input(8, 8, 16) as x
            => conv(16, 3, same) as y
            => conv(16, 3, same) as y
            => add(x)
    );
}
