//! Time to parse and check DenseNet-121 (429 layers) from source text, the
//! work `network!` does at compile time for the largest model in the tests.
//!
//! Run with `cargo bench --bench densenet`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};

include!("../tests/models/densenet121.rs");

const SOURCE: &str = densenet121!(stringify);

fn parse_and_check(c: &mut Criterion) {
    c.bench_function("densenet121 parse and check", |b| {
        b.iter(|| netviz::dsl::build_str(black_box(SOURCE)).expect("DenseNet-121 checks"))
    });
}

criterion_group!(benches, parse_and_check);
criterion_main!(benches);
