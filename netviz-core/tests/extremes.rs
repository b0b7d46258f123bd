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
    // input, so ceil mode drops it. Computing that start used to overflow.
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

#[test]
fn largest_input_and_counts_fit() {
    let network = build("input(18446744073709551615)");
    assert_eq!(network.output_shape().dims(), &[u64::MAX]);

    // Dense on a flat input of u64::MAX: in · u is exactly u64::MAX without bias.
    let network = build("input(18446744073709551615) => dense(1, bias = false)");
    assert_eq!(network.total_params(), u64::MAX);
    assert_eq!(network.total_macs(), u64::MAX);
    let message = build_err("input(18446744073709551615) => dense(1)");
    assert!(message.contains("parameter count exceeds"), "{message}");
    let message = build_err("input(4294967296) => dense(4294967296)");
    assert!(message.contains("parameter count exceeds"), "{message}");

    // Conv filters near u64::MAX on a 1×1 input: k · C · F is exactly u64::MAX.
    let network = build("input(1, 1) => conv(18446744073709551615, 1, bias = false)");
    assert_eq!(network.output_shape().dims(), &[1, u64::MAX]);
    assert_eq!(network.total_params(), u64::MAX);
    let message = build_err("input(1, 1) => conv(18446744073709551615, 1)");
    assert!(message.contains("parameter count exceeds"), "{message}");
    let message = build_err("input(1, 2) => conv(18446744073709551615, 1, bias = false)");
    assert!(message.contains("parameter count exceeds"), "{message}");

    // Each layer fits, but the network's total does not.
    let message =
        build_err("input(1) => dense(9223372036854775808, bias = false) => dense(1, bias = false)");
    assert!(
        message.contains("total parameter count overflow"),
        "{message}"
    );

    // A literal above u64::MAX is a parse error, not a wrap.
    let message = build_err("input(18446744073709551616)");
    assert!(
        message.contains("does not fit in a 64-bit size"),
        "{message}"
    );
}

#[test]
fn ten_thousand_layer_chain() {
    let mut source = String::from("input(8)");
    for i in 0..10_000 {
        source.push_str(if i % 2 == 0 {
            " => dense(8)"
        } else {
            " => relu"
        });
    }
    let started = std::time::Instant::now();
    let network = build(&source);
    // A hang guard, not a benchmark: the build measured 0.3 s in a debug build on 2 cores.
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());

    assert_eq!(network.layers.len(), 10_001);
    assert_eq!(network.layers[9_999].name, "dense_4999");
    assert_eq!(network.layers[10_000].name, "activation_4999");
    assert_eq!(network.output_shape().dims(), &[8]);
    assert_eq!(network.total_params(), 5_000 * (8 * 8 + 8));
    assert!(network.is_sequential());

    let summary = network.summary();
    assert!(summary.contains("dense_4999 (Dense)"));
    assert!(summary.contains("Total params: 360,000"));
    let encoded = netviz_core::codec::encode(&network);
    assert_eq!(netviz_core::codec::decode(&encoded), Some(network));
}

#[test]
fn long_names_wrap_without_loss() {
    let name = format!("n{}", "a".repeat(199));
    let network = build(&format!("input(8) => dense(4) as {name} => relu"));
    assert_eq!(network.layers[1].name, name);

    // The summary wraps the 200-character title over several lines of the
    // first column: joined again, they give the whole title.
    let summary = network.summary();
    let mut first_column = String::new();
    for line in summary.lines().filter(|l| l.starts_with('│')) {
        let cell = line.split('│').nth(1).unwrap();
        first_column.push_str(cell.trim());
    }
    let title = format!("{name} (Dense)").replace(' ', "");
    assert!(
        first_column.contains(&title),
        "summary cut the name:\n{summary}"
    );
    // Every row of the table has the same width, so the wrapped cell did not stretch it.
    let table_widths: Vec<usize> = summary
        .lines()
        .filter(|l| l.starts_with(['┏', '┃', '┡', '│', '├', '└']))
        .map(|l| l.chars().count())
        .collect();
    assert!(
        table_widths.iter().all(|w| *w == table_widths[0]),
        "{summary}"
    );

    assert!(network.to_json().contains(&format!("\"{name}\"")));
    assert!(network.to_dot().contains(&format!("\"{name}\"")));
}

/// What a source must give: an output shape with total and trainable parameters, or an error.
enum Expect {
    Shape(&'static [u64], u64, u64),
    Error(&'static str),
}

#[test]
fn every_layer_with_every_option() {
    let cases: &[(&str, Expect)] = &[
        // conv: per-axis kernel, stride, dilation and padding.
        (
            "input(32, 32, 3) => conv(16, (3, 5), stride = (1, 2), dilation = (2, 1), pad = (1, 2), groups = 1, bias = false, activation = relu)",
            Expect::Shape(&[30, 16, 16], 720, 720),
        ),
        ("input(8, 8, 4) => conv(8, 3, same, groups = 2)", Expect::Shape(&[8, 8, 8], 152, 152)),
        ("input(8, 8, 4) => conv(6, 3, groups = 4)", Expect::Error("which must divide")),
        ("input(10, 3) => conv(2, 3, valid, stride = 2)", Expect::Shape(&[4, 2], 20, 20)),
        (
            "input(8, 8, 8, 2) => conv(4, (3, 3, 1), stride = (1, 2, 1), same)",
            Expect::Shape(&[8, 4, 8, 4], 76, 76),
        ),
        ("input(8, 8, 3) => conv(4, 3, stride = 2, dilation = 2)", Expect::Shape(&[2, 2, 4], 112, 112)),
        ("input(2, 2, 2, 2, 2) => conv(1, 1)", Expect::Error("works on inputs of rank 2 to 4")),
        ("input(8, 8, 2) => conv(1, 3, same, pad = 1)", Expect::Error("gives its padding twice")),
        ("input(8, 8, 2) => conv(1, (3, 3, 3))", Expect::Error("gives 3 values for the kernel size")),
        // deconv
        (
            "input(7, 7, 8) => deconv(4, (3, 2), stride = (2, 3), dilation = 1, output_padding = (1, 2), same, bias = false, activation = sigmoid)",
            Expect::Shape(&[14, 20, 4], 192, 192),
        ),
        ("input(4, 4, 2) => deconv(3, 3, stride = 2)", Expect::Shape(&[9, 9, 3], 57, 57)),
        (
            "input(4, 4, 2) => deconv(3, 3, stride = 2, output_padding = 2)",
            Expect::Error("must be smaller than the stride 2"),
        ),
        ("input(4, 4, 2) => deconv(3, 3, pad = 1)", Expect::Error("unknown argument `pad`")),
        // sepconv and dwconv
        (
            "input(16, 16, 3) => sepconv(8, 3, stride = 2, pad = 1, dilation = 1, multiplier = 2, bias = true, activation = swish)",
            Expect::Shape(&[8, 8, 8], 110, 110),
        ),
        ("input(4, 4, 4, 3) => sepconv(8, 3)", Expect::Error("rank 2 to 3")),
        (
            "input(16, 16, 3) => dwconv((3, 3), stride = 1, valid, dilation = 2, multiplier = 3, bias = false, activation = gelu)",
            Expect::Shape(&[12, 12, 9], 81, 81),
        ),
        ("input(16, 16, 3) => dwconv(3, multiplier = 2, pad = 1)", Expect::Shape(&[16, 16, 6], 60, 60)),
        ("input(16, 16, 3) => dwconv(3, multiplier = 0)", Expect::Error("has 0 depth multiplier")),
        // pooling
        ("input(9, 1) => avgpool(4, stride = 4, pad = 2, ceil)", Expect::Shape(&[3, 1], 0, 0)),
        ("input(5, 7, 2) => maxpool((2, 3), stride = (1, 2), same)", Expect::Shape(&[5, 4, 2], 0, 0)),
        ("input(10, 1) => pool(3, ceil)", Expect::Shape(&[4, 1], 0, 0)),
        ("input(10, 1) => pool(3, valid)", Expect::Shape(&[3, 1], 0, 0)),
        ("input(10, 1) => pool", Expect::Shape(&[5, 1], 0, 0)),
        ("input(10, 1) => pool(3, same, ceil)", Expect::Error("combines `ceil` with `same`")),
        ("input(10, 1) => pool(4, pad = 3)", Expect::Error("more than half its pool size")),
        ("input(4, 4, 4, 2) => global_max_pool", Expect::Shape(&[2], 0, 0)),
        ("input(4, 4, 2) => global_avg_pool", Expect::Shape(&[2], 0, 0)),
        ("input(4) => global_avg_pool", Expect::Error("needs an input with spatial dimensions")),
        // reshaping
        ("input(2, 3, 4) => reshape(2, -1, 3)", Expect::Shape(&[2, 4, 3], 0, 0)),
        ("input(2, 3, 4) => reshape(5, -1)", Expect::Error("cannot infer its `-1` dimension")),
        ("input(2, 3, 4) => reshape(-1, -1)", Expect::Error("more than one `-1`")),
        ("input(2, 3, 4) => reshape(0, 24)", Expect::Error("as a dimension")),
        ("input(2, 3, 4) => reshape(25)", Expect::Error("keep the element count")),
        ("input(4, 4, 1) => zeropad(((0, 1), (2, 3)))", Expect::Shape(&[5, 9, 1], 0, 0)),
        ("input(4, 4, 1) => zeropad((1, 2))", Expect::Shape(&[6, 8, 1], 0, 0)),
        ("input(4, 4, 1) => zeropad", Expect::Shape(&[6, 6, 1], 0, 0)),
        ("input(4, 4, 1) => crop(((0, 1), (1, 0)))", Expect::Shape(&[3, 3, 1], 0, 0)),
        ("input(4, 4, 1) => crop(2)", Expect::Error("which leaves nothing")),
        ("input(4, 4, 1) => upsample((2, 3))", Expect::Shape(&[8, 12, 1], 0, 0)),
        ("input(4, 4, 1) => upsample", Expect::Shape(&[8, 8, 1], 0, 0)),
        // dense, dropout, normalization and activations
        (
            "input(2, 3, 4) => flatten => dense(10, bias = false, activation = softmax)",
            Expect::Shape(&[10], 240, 240),
        ),
        ("input(8) => dense(4, activation = linear)", Expect::Shape(&[4], 36, 36)),
        ("input(8) => dense(4, activation = mish)", Expect::Error("unknown activation `mish`")),
        ("input(8) => dense(4, bias = false, bias = true)", Expect::Error("gives `bias` twice")),
        ("input(8) => dense(4, units = 5)", Expect::Error("gives `units` twice")),
        ("input(8) => dense(4, 5)", Expect::Error("has too many arguments")),
        ("input(8) => dense(bias = false, 4)", Expect::Error("after a `key = value` argument")),
        ("input(4) => dropout(0.0) => dropout(0.999)", Expect::Shape(&[4], 0, 0)),
        ("input(4) => dropout(1.0)", Expect::Error("a dropout rate must be at least 0 and below 1")),
        ("input(4) => dropout(1e999)", Expect::Error("must be a number")),
        ("input(4, 6) => batchnorm(scale = false, center = false)", Expect::Shape(&[4, 6], 12, 0)),
        ("input(4, 6) => batchnorm", Expect::Shape(&[4, 6], 24, 12)),
        ("input(4, 6) => batchnorm(scale = false)", Expect::Shape(&[4, 6], 18, 6)),
        ("input(4, 6) => layernorm(scale = false, center = true)", Expect::Shape(&[4, 6], 6, 6)),
        (
            "input(4) => relu(max = 6) => leaky_relu(0.2) => leaky_relu => sigmoid => tanh => softmax => gelu => elu => selu => swish",
            Expect::Shape(&[4], 0, 0),
        ),
        ("input(4) => relu(max = 0)", Expect::Error("it must be above 0")),
        // merges
        ("input(4, 2) as a => relu as b; add(a, b) => multiply(a)", Expect::Shape(&[4, 2], 0, 0)),
        ("input(4, 2) as a => relu as b; concat(a, b, axis = 1)", Expect::Shape(&[8, 2], 0, 0)),
        ("input(4, 2) as a => relu as b; concat(a, b)", Expect::Shape(&[4, 4], 0, 0)),
        ("input(4, 2) as a => relu as b; concat(a, b, axis = 3)", Expect::Error("out of range")),
        ("input(4, 2) as a => relu as b; concat(a, b, axis = -9223372036854775807)", Expect::Error("out of range")),
        ("input(4, 2) as a => conv(3, 1) as b; add(a, b)", Expect::Error("needs inputs of one shape")),
        ("input(4, 2) as a => relu; add(a)", Expect::Error("needs at least two branches")),
    ];
    for (source, expect) in cases {
        match (expect, build_str(source)) {
            (Expect::Shape(dims, params, trainable), Ok(network)) => {
                assert_eq!(network.output_shape().dims(), *dims, "{source}");
                assert_eq!(network.total_params(), *params, "{source}");
                assert_eq!(network.trainable_params(), *trainable, "{source}");
            }
            (Expect::Shape(..), Err(errors)) => panic!("`{source}` failed: {}", messages(&errors)),
            (Expect::Error(expected), Ok(network)) => panic!(
                "`{source}` checked with output {}, expected an error containing `{expected}`",
                network.output_shape()
            ),
            (Expect::Error(expected), Err(errors)) => {
                let text = messages(&errors);
                assert!(text.contains(expected), "`{source}`: {text}");
            }
        }
    }
}
