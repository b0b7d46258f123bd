use netviz::network;

fn main() {
    let _ = network!(input(28, 28, 1) => conv(8, 3, activation = "relu") => flatten => dense(10));
    let _ = network!(input(28, 28, 1) => conv(8, 3, padding = "same") => flatten => dense(10));
}
