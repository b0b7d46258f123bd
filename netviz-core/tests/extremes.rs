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
