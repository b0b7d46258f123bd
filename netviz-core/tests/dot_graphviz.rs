//! `to_dot()` output checked by Graphviz itself: each network's DOT text is
//! piped through `dot -Tsvg`, which must accept it. Without `dot` on the PATH
//! these tests print a note and pass. `apt-get install graphviz` provides it.

use std::io::Write;
use std::process::{Command, Stdio};

use netviz_core::dsl::build_str;
use netviz_core::Network;

const LENET: &str = "pub LeNet: input(28, 28, 1)
    => conv(20, 5, same) => relu => pool(2)
    => conv(50, 5, same) => relu => pool(2)
    => flatten => dense(500) => relu
    => dense(10) => softmax";

const INCEPTION: &str = "pub InceptionA: input(35, 35, 192) as x;
    x => conv(64, 1, same) as b1;
    x => conv(48, 1, same) => conv(64, 5, same) as b2;
    x => avgpool(3, stride = 1, same) => conv(32, 1, same) as b3;
    concat(b1, b2, b3) => global_avg_pool => dense(10) => softmax";

fn build(source: &str) -> Network {
    match build_str(source) {
        Ok(network) => network,
        Err(errors) => panic!("`{source}` failed: {}", errors[0].message),
    }
}

/// Builds a network whose names, class names and configs contain every character
/// that DOT or a record label treats specially. `network!` only makes
/// identifiers, but `Network`'s fields are public.
fn network_with_special_characters() -> Network {
    let mut network = build("input(4) => dense(2) => relu");
    network.name = "My \"net\" \\ {x}".to_string();
    network.layers[1].name = "a \"q\" {b|c} <d> \\ e\\".to_string();
    network.layers[1].class_name = "Dense{x}".to_string();
    network.layers[1].config = "\"quoted\" {config}".to_string();
    network.layers[2].name = "\\".to_string();
    network
}

/// Runs `dot -Tsvg` on `text` and returns the SVG, or `None` when `dot` is not installed.
fn render_with_graphviz(text: &str) -> Option<String> {
    let child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return None,
        Err(error) => panic!("could not start `dot`: {error}"),
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success() && output.stderr.is_empty(),
        "dot rejected the output ({}): {}\n{text}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    Some(String::from_utf8(output.stdout).unwrap())
}

/// Renders `network` with Graphviz and returns the SVG, or `None` after printing a note.
fn check_with_graphviz(label: &str, network: &Network) -> Option<String> {
    let svg = render_with_graphviz(&network.to_dot());
    if svg.is_none() {
        println!("note: `dot` is not installed, so the DOT output of {label} was not checked");
    }
    svg
}

#[test]
fn lenet_dot_renders() {
    let network = build(LENET);
    let Some(svg) = check_with_graphviz("LeNet", &network) else {
        return;
    };
    assert!(svg.contains("conv2d_1 (Conv2D)"));
    assert!(svg.contains("(None, 7, 7, 50)"));
}

#[test]
fn branching_dot_renders() {
    let network = build(INCEPTION);
    let Some(svg) = check_with_graphviz("a branching network", &network) else {
        return;
    };
    assert!(svg.contains("concatenate (Concatenate)"));
    // Graphviz draws one edge per layer input.
    assert_eq!(svg.matches("class=\"edge\"").count(), network.edges().len());
}

#[test]
fn long_names_dot_renders() {
    let name = format!("n{}", "a".repeat(199));
    let network = build(&format!(
        "input(8, 8, 1) as {name}_in => conv(4, 3, same) as {name}; {name}_in => conv(4, 1) as b; add({name}, b) => flatten"
    ));
    let Some(svg) = check_with_graphviz("a network with 200-character names", &network) else {
        return;
    };
    assert!(svg.contains(&format!("{name} (Conv2D)")));
}

#[test]
fn special_characters_dot_renders() {
    let network = network_with_special_characters();
    let Some(svg) = check_with_graphviz("a network with quotes and braces", &network) else {
        return;
    };
    // The record shows the title as written, escaped only for XML.
    assert!(
        svg.contains("a &quot;q&quot; {b|c} &lt;d&gt; \\ e\\ (Dense{x})"),
        "{svg}"
    );
}

#[test]
fn record_labels_escape_once() {
    // Doubling the backslash of `\{` used to leave a bare `{`, which Graphviz
    // rejects as a bad record label. This check needs no Graphviz.
    let dot = network_with_special_characters().to_dot();
    assert!(
        dot.contains(r#"label="{a \"q\" \{b\|c\} \<d\> \\ e\\ (Dense\{x\})|"#),
        "{dot}"
    );
    assert!(!dot.contains(r"\\{"), "{dot}");
}
