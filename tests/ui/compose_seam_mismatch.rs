use netviz::network;

network! { pub Features: input(28, 28, 1) => conv(20, 5, same) => relu => pool(2) }
network! { pub Full: input(32, 32, 3) => Features => flatten => dense(10) }

fn main() {
    let _ = Full::summary();
}
