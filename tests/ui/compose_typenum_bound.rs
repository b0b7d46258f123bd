use netviz::{network, shape, Model};

network! { pub Head: input(14, 14, 20) => flatten => dense(10) => softmax }

fn train<M: Model<Input = shape![28, 28, 1]>>() {}

fn main() {
    train::<Head>();
}
