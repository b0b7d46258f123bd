use netviz::network;

struct Features;

network! { pub Full: input(28, 28, 1) => Features => flatten => dense(10) }

fn main() {
    let _ = Features;
}
