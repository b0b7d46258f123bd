//! Sizes up to `u64::MAX`, very long networks and names, and every option of
//! every layer: each must check correctly or fail with errors, never panic,
//! wrap or hang.

use netviz_core::dsl::build_str;
use netviz_core::Network;

/// Builds `source`, which must check, and returns the network.
fn build(source: &str) -> Network {
    match build_str(source) {
        Ok(network) => network,
        Err(errors) => panic!("`{source}` failed: {}", messages(&errors)),
    }
}

/// Builds `source`, which must fail, and returns the error messages joined.
fn build_err(source: &str) -> String {
    match build_str(source) {
        Ok(network) => panic!("`{source}` checked, output {}", network.output_shape()),
        Err(errors) => messages(&errors),
    }
}

fn messages(errors: &[netviz_core::dsl::Diagnostic]) -> String {
    let texts: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
    texts.join(" | ")
}

#[test]
fn ceil_pool_with_huge_stride() {
    // The last window would start at 2 × 10^19, past u64::MAX and past the
    // input, so ceil mode drops it; computing that start used to overflow.
    let network =
        build("input(18446744073709551615, 1) => pool(1, stride = 10000000000000000000, ceil)");
    assert_eq!(network.output_shape().dims(), &[2, 1]);
}

#[test]
fn pool_padding_near_u64_max() {
    // Doubling the padding used to overflow before the comparison with the pool size.
    for pad in ["9223372036854775808", "18446744073709551615"] {
        let message = build_err(&format!("input(8, 1) => maxpool(2, pad = {pad})"));
        assert!(
            message.contains("more than half its pool size 2"),
            "{message}"
        );
    }
    let network = build("input(8, 1) => maxpool(3, pad = 1)");
    assert_eq!(network.output_shape().dims(), &[3, 1]);
}

#[test]
fn element_count_overflow_is_an_error() {
    // Each dimension fits in a u64 but the product does not: 2^32 × 2^32 × 2^16.
    let cases = [
        "input(65536, 65536, 65536) => upsample(65536)",
        "input(4294967295, 4294967295, 1) => zeropad(1)",
        "input(4294967296, 2147483648, 1) as a => relu as b; concat(a, b, axis = 2)",
        "input(4294967296, 4294967296, 1) => flatten",
    ];
    for source in cases {
        let message = build_err(source);
        assert!(
            message.contains("element count exceeds the 64-bit limit"),
            "{message}"
        );
    }
    // The largest element count that fits still checks.
    let network = build("input(4294967295, 4294967297, 1) => flatten");
    assert_eq!(network.output_shape().dims(), &[u64::MAX]);
}

#[test]
fn padding_beyond_u64_gives_exact_size() {
    // n + 2p exceeds u64::MAX, but the output size fits, so it is no overflow.
    let conv = build("input(18446744073709551615, 1) => conv(1, 1, stride = 2, pad = 1)");
    assert_eq!(conv.output_shape().dims(), &[(1 << 63) + 1, 1]);
    let pool = build("input(18446744073709551615, 1) => maxpool(2, stride = 2, pad = 1)");
    assert_eq!(pool.output_shape().dims(), &[1 << 63, 1]);
}

#[test]
fn same_deconv_ignores_huge_kernel() {
    // Keras's `same` transposed output is n·s, whatever the kernel and
    // dilation; here the dilated kernel, 4 × (2^63 - 1) + 1, exceeds u64::MAX.
    let network =
        build("input(1, 1) => deconv(1, 9223372036854775808, dilation = 4, same, stride = 3)");
    assert_eq!(network.output_shape().dims(), &[3, 1]);
    // With output padding the dilated kernel enters the formula, but
    // span - 2·(span / 2) is 1, so the size is 0·3 + 1 + 2.
    let network = build(
        "input(1, 1) => deconv(1, 9223372036854775808, dilation = 4, same, stride = 3, output_padding = 2)",
    );
    assert_eq!(network.output_shape().dims(), &[3, 1]);
}

#[test]
fn shape_rules_reject_zero_sizes() {
    // The checker never passes a zero, but the rules are public.
    use netviz_core::layer::{apply, transposed_output, window_output, Op};
    for (n, k, s, d) in [(0, 1, 1, 1), (1, 0, 1, 1), (1, 1, 0, 1), (1, 1, 1, 0)] {
        for same in [false, true] {
            let window = window_output(n, k, s, d, None, same, false);
            assert!(window.is_err(), "window {n} {k} {s} {d} {same}: {window:?}");
            let transposed = transposed_output(n, k, s, d, same, None);
            assert!(
                transposed.is_err(),
                "transposed {n} {k} {s} {d} {same}: {transposed:?}"
            );
        }
    }
    let message = apply(&Op::Flatten, &[]).unwrap_err();
    assert!(message.contains("has no input"), "{message}");
}

#[test]
fn deeply_nested_brackets_are_an_error() {
    // syn parses groups recursively: 100,000 levels used to overflow the stack.
    for depth in [65, 1_000, 100_000] {
        let source = format!(
            "input(8, 8, 1) => conv(4, {}3{})",
            "(".repeat(depth),
            ")".repeat(depth)
        );
        let message = build_err(&source);
        assert!(
            message.contains("brackets nest more than 64 deep"),
            "{depth}: {message}"
        );
    }
    // The deepest nesting a layer takes still parses.
    let network = build("input(4, 4, 1) => zeropad(((0, 1), (2, 3)))");
    assert_eq!(network.output_shape().dims(), &[5, 9, 1]);
}
