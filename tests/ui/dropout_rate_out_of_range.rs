use netviz::network;

fn main() {
    let _ = network!(input(784) => dense(512) => dropout(1.0) => dense(10));
}
