//! Times what `network!` does at compile time for chains of 10 to 10,000 layers:
//! tokenising the source text, parsing the tokens and checking the statements.
//!
//! Run with `cargo bench --bench check`. The chain repeats `conv(16, 3, same)`,
//! `relu` and `batchnorm` on a 32×32×16 input, so every shape stays valid.

use std::hint::black_box;
use std::str::FromStr;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use netviz::dsl::{self, Models};
use proc_macro2::TokenStream;

const SIZES: [usize; 4] = [10, 100, 1_000, 10_000];

/// Writes a chain of `layers` layers, counting the input.
fn chain(layers: usize) -> String {
    let mut source = String::from("input(32, 32, 16)");
    for i in 0..layers - 1 {
        source.push_str(match i % 3 {
            0 => " => conv(16, 3, same)",
            1 => " => relu",
            _ => " => batchnorm",
        });
    }
    source
}

fn tokens(source: &str) -> TokenStream {
    TokenStream::from_str(source).expect("the chain is valid Rust tokens")
}

/// Parses and checks tokens as the macro does, panicking on any error.
fn parse_and_check(tokens: TokenStream, models: &Models) -> netviz::Network {
    let invocation = dsl::parse(tokens).expect("the chain parses");
    let statements = invocation.body.expect("the chain has a body");
    dsl::check("model", &statements, models).expect("the chain checks")
}

fn bench_check(c: &mut Criterion) {
    let models = Models::new();
    for size in SIZES {
        // Sanity check outside the timing: every layer is there.
        let network = parse_and_check(tokens(&chain(size)), &models);
        assert_eq!(network.layers.len(), size);
    }

    let mut group = c.benchmark_group("parse_and_check");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(5));
    for size in SIZES {
        let source = chain(size);
        let prebuilt = tokens(&source);
        group.throughput(Throughput::Elements(size as u64));
        group.bench_with_input(BenchmarkId::from_parameter(size), &prebuilt, |b, t| {
            b.iter_batched(
                || t.clone(),
                |t| parse_and_check(black_box(t), &models),
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();

    let mut group = c.benchmark_group("parse");
    group.sample_size(20);
    for size in SIZES {
        let prebuilt = tokens(&chain(size));
        group.throughput(Throughput::Elements(size as u64));
        group.bench_with_input(BenchmarkId::from_parameter(size), &prebuilt, |b, t| {
            b.iter_batched(
                || t.clone(),
                |t| dsl::parse(black_box(t)).expect("the chain parses"),
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();

    let mut group = c.benchmark_group("check");
    group.sample_size(20);
    for size in SIZES {
        let invocation = dsl::parse(tokens(&chain(size))).expect("the chain parses");
        let statements = invocation.body.expect("the chain has a body");
        group.throughput(Throughput::Elements(size as u64));
        group.bench_with_input(BenchmarkId::from_parameter(size), &statements, |b, s| {
            b.iter(|| dsl::check("model", black_box(s), &models).expect("the chain checks"))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("tokenise");
    group.sample_size(20);
    for size in SIZES {
        let source = chain(size);
        group.throughput(Throughput::Elements(size as u64));
        group.bench_with_input(BenchmarkId::from_parameter(size), &source, |b, s| {
            b.iter(|| tokens(black_box(s)))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("build_str");
    group.sample_size(20);
    for size in SIZES {
        let source = chain(size);
        group.throughput(Throughput::Elements(size as u64));
        group.bench_with_input(BenchmarkId::from_parameter(size), &source, |b, s| {
            b.iter(|| dsl::build_str(black_box(s)).expect("the chain checks"))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_check);
criterion_main!(benches);
