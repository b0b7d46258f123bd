use netviz::network;

network! {
    pub Broken: input(28, 28, 1)
        => conv(0, 3) => relu
        => dropout(1.5)
        => flaten
        => dense(10, bias = yes)
}

fn main() {}
