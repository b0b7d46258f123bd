#!/usr/bin/env python3
"""Compares `cargo check` time of ResNet-50 declared in one `network!` invocation
against the same network composed from separately declared parts: a stem, 16
bottleneck blocks and a head, each its own `network!` model.

Usage: python3 benches/compose_check.py [runs]

It writes two crates under target/compose-bench/, builds their dependencies
once, then times `cargo check` after touching each crate's main.rs, so only
the crate itself (macro expansion and type checking) is measured. The runs of
the two crates alternate.
"""

import os
import pathlib
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
WORK = ROOT / "target" / "compose-bench"
STAGES = [(64, 3, 1), (128, 4, 2), (256, 6, 2), (512, 3, 2)]


def stem_steps():
    return ("zeropad(3) => conv(64, 7, stride = 2) as conv1_conv => batchnorm => relu "
            "=> zeropad(1) => pool(3, stride = 2)")


def block_statements(prefix, filters, stride, first, entry):
    """Statements of one bottleneck block reading from the name `entry`."""
    out = []
    if first:
        out.append(f"{entry} => conv({4 * filters}, 1, stride = {stride}) => batchnorm as {prefix}_0_bn")
        shortcut = f"{prefix}_0_bn"
    else:
        shortcut = entry
    out.append(
        f"{entry} => conv({filters}, 1, stride = {stride}) => batchnorm => relu "
        f"=> conv({filters}, 3, same) => batchnorm => relu "
        f"=> conv({4 * filters}, 1) => batchnorm => add({shortcut}) => relu as {prefix}_out")
    return out


def blocks():
    """(name, filters, stride, first, input shape) of the 16 blocks."""
    size, channels = 56, 64
    result = []
    for stage, (filters, count, stride) in enumerate(STAGES, start=2):
        for index in range(1, count + 1):
            s = stride if index == 1 else 1
            result.append((f"conv{stage}_block{index}", filters, s, index == 1, (size, size, channels)))
            size = size // s if s > 1 else size
            channels = 4 * filters
    return result


def single_crate():
    statements = [f"input(224, 224, 3) => {stem_steps()} as stem_out"]
    entry = "stem_out"
    for name, filters, stride, first, _ in blocks():
        statements += block_statements(name, filters, stride, first, entry)
        entry = f"{name}_out"
    statements.append(f"{entry} => global_avg_pool => dense(1000, activation = softmax)")
    body = ";\n    ".join(statements)
    return f"""use netviz::network;

network! {{
    pub ResNet50: {body}
}}

fn main() {{
    assert_eq!(ResNet50::PARAMS, 25_636_712);
}}
"""


def composed_crate():
    parts = ["use netviz::network;", "",
             f"network! {{ pub Stem: input(224, 224, 3) => {stem_steps()} }}"]
    names = []
    for name, filters, stride, first, (h, w, c) in blocks():
        type_name = "".join(p.capitalize() for p in name.split("_"))
        names.append(type_name)
        statements = [f"input({h}, {w}, {c}) as x"] + block_statements(name, filters, stride, first, "x")
        body = ";\n    ".join(statements)
        parts.append(f"network! {{\n    pub {type_name}: {body}\n}}")
    parts.append("network! { pub Head: input(7, 7, 2048) => global_avg_pool => dense(1000, activation = softmax) }")
    chain = " => ".join(["Stem"] + names + ["Head"])
    parts.append(f"network! {{ pub ResNet50: input(224, 224, 3) => {chain} }}")
    parts.append("fn main() {\n    assert_eq!(ResNet50::PARAMS, 25_636_712);\n}\n")
    return "\n\n".join(parts)


def write_crate(name, source):
    crate = WORK / name
    (crate / "src").mkdir(parents=True, exist_ok=True)
    (crate / "Cargo.toml").write_text(
        f'[package]\nname = "{name}"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n'
        f'[dependencies]\nnetviz = {{ path = "{ROOT}" }}\n\n[workspace]\n')
    (crate / "src" / "main.rs").write_text(source)
    return crate


def check(crate, env):
    subprocess.run(["cargo", "check", "-q"], cwd=crate, env=env, check=True)


def time_once(crate, env):
    os.utime(crate / "src" / "main.rs")
    start = time.perf_counter()
    check(crate, env)
    return time.perf_counter() - start


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    env = dict(os.environ, CARGO_TARGET_DIR=str(WORK / "target"))
    single = write_crate("resnet_single", single_crate())
    composed = write_crate("resnet_composed", composed_crate())
    for crate in (single, composed):
        check(crate, env)
        subprocess.run(["cargo", "run", "-q"], cwd=crate, env=env, check=True)
    # The two crates alternate, so a slow spell of the machine affects both alike.
    labels = {"one invocation": single, "16 blocks + stem + head": composed}
    results = {label: [] for label in labels}
    for _ in range(runs):
        for label, crate in labels.items():
            results[label].append(time_once(crate, env))
    for label, samples in results.items():
        print(f"{label}: median {statistics.median(samples) * 1000:.0f} ms, "
              f"min {min(samples) * 1000:.0f} ms, max {max(samples) * 1000:.0f} ms over {runs} runs")
    ratio = statistics.median(results["16 blocks + stem + head"]) / statistics.median(results["one invocation"])
    print(f"ratio composed / single (medians): {ratio:.2f}")


if __name__ == "__main__":
    main()
