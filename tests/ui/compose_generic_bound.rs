use netviz::{network, Dims3, HasInput};

network! { pub Head: input(14, 14, 20) => flatten => dense(10) => softmax }

fn train<M: HasInput<Dims3<28, 28, 1>>>() {}

fn main() {
    train::<Head>();
}
