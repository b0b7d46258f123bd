use netviz::network;

fn main() {
    let _ = network!(input(8, 8, 16) as conv => relu => add(conv));
}
