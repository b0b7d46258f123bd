use netviz::network;

fn main() {
    let _ = network!(
        input(8, 8, 3) as x;
        x => conv(3, 1) as a;
        concat(x, a, axis = 4)
    );
}
