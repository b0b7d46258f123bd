use netviz::network;

mod blocks {
    use netviz::network;

    network! { pub Stem: input(28, 28, 1) => convv(20, 5, same) => relu => pool(2) }
}

network! { pub Full: input(28, 28, 1) => blocks::Stem => flatten => dense(10) }

fn main() {
    println!("{}", Full::summary());
    let _ = network!(input(28, 28, 1) => blocks::Stem => flatten => dense(10));
}
