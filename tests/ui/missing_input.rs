use netviz::network;

fn main() {
    let _ = network!(dense(512) => relu => dense(10));
}
