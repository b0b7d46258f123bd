use netviz::network;

fn main() {
    let _ = network!(
        input(8, 8, 3) as x;
        x => pool(2) as half;
        concat(x, half)
    );
}
