#!/usr/bin/env bash
# Times whole-process rendering of netviz against Graphviz's dot on the same
# networks, and records peak memory.
#
# For each network (LeNet, VGG16, ResNet-50, DenseNet-121, a 3,000-layer
# dense chain) it runs, in one
# hyperfine invocation per format:
#   render_bench NETWORK out.svg|out.png   (netviz, default options)
#   dot -Tsvg|-Tpng NETWORK.dot            (the network's to_dot() export)
# and prints mean times, the dot/netviz ratio and peak resident memory from
# /usr/bin/time -v.
#
# Needs hyperfine, graphviz and GNU time (Debian packages hyperfine, graphviz, time).
# Usage: benches/render_vs_dot.sh [RUNS]   (default 30 runs per command)
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-30}"
for tool in hyperfine dot /usr/bin/time python3; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "missing $tool: install the Debian packages hyperfine, graphviz, time and python3" >&2
        exit 1
    fi
done

cargo build --quiet --release --example render_bench
bench="$PWD/target/release/examples/render_bench"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p')"
echo "dot: $(dot -V 2>&1)"
echo
echo "| network | format | netviz mean | dot mean | dot / netviz | netviz peak RSS | dot peak RSS |"
echo "| --- | --- | --- | --- | --- | --- | --- |"

peak_kib() {
    /usr/bin/time -v "$@" 2>&1 >/dev/null | sed -n 's/.*Maximum resident set size (kbytes): //p'
}

for network in lenet vgg16 resnet50 densenet121 chain3000; do
    "$bench" "$network" "$work/$network.dot"
    # Each case is FORMAT:SCALE, and an empty scale means the default, 2.0.
    # Scale 1 comes close to the pixel density of dot's PNG output.
    # The 3,000-layer chain is about 840,000 pixels tall at the default
    # scale, over the PNG limit of 32,767 rows. dot shrinks its own PNG to
    # fit that height, so netviz gets the largest scale that fits too.
    cases=("svg:" "png:" "png:1")
    # ResNet-50 and DenseNet-121 are over the side limit at scale 2 too; each
    # PNG case uses a scale that fits (Network::max_png_scale gives 1.51 and 0.59).
    case "$network" in
        chain3000) cases=("svg:" "png:0.077") ;;
        resnet50) cases=("svg:" "png:1") ;;
        densenet121) cases=("svg:" "png:0.5") ;;
    esac
    for case in "${cases[@]}"; do
        format="${case%%:*}"
        scale="${case#*:}"
        ours=("$bench" "$network" "$work/ours.$format" $scale)
        theirs=(dot "-T$format" "$work/$network.dot" -o "$work/dot.$format")
        hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/times.json" \
            --command-name netviz "${ours[*]}" --command-name dot "${theirs[*]}" >/dev/null 2>&1
        read -r ours_ms dot_ms < <(python3 -c '
import json, sys
results = {r["command"]: r["mean"] * 1000 for r in json.load(open(sys.argv[1]))["results"]}
print("%.2f %.2f" % (results["netviz"], results["dot"]))' "$work/times.json")
        ratio=$(python3 -c "print(f'{$dot_ms / $ours_ms:.1f}')")
        ours_kib=$(peak_kib "${ours[@]}")
        dot_kib=$(peak_kib "${theirs[@]}")
        label="$format"
        [[ -n "$scale" ]] && label="$format (scale $scale)"
        echo "| $network | $label | $ours_ms ms | $dot_ms ms | ${ratio}× | $((ours_kib / 1024)) MiB | $((dot_kib / 1024)) MiB |"
    done
done
