use netviz::network;

fn main() {
    let _ = network!(input(8, 8, 16) as inputs => conv(16, 3, same) => add(input));
    let _ = network!(input(8, 8, 16) as stem => conv(16, 3, same) => add(shortcut));
}
