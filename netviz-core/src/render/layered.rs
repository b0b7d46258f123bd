//! Layered placement of a DAG along two abstract axes.
//!
//! The *main* axis is the direction of flow (down in top-to-bottom diagrams,
//! right in left-to-right ones) and the *cross* axis runs across it. Working
//! in these axes lets one algorithm serve both directions.
//!
//! The steps, each linear or close to it in the number of nodes plus the
//! ranks that edges cross:
//! 1. rank every node by its longest path from an input;
//! 2. pick the main path, the longest path into the output, and pin it to cross position 0;
//! 3. break edges that skip ranks into chains of dummy nodes, one per skipped rank;
//! 4. order each rank by barycenter sweeps, keeping each nested model's nodes together
//!    and putting tied branches into a merge in the merge's argument order;
//! 5. assign cross positions outwards from the main column, so skip edges run
//!    in lanes beside the boxes, and straighten each branch of single-input
//!    layers and each lane into one column;
//! 6. pick attachment points so that no two edges share one, and route each edge
//!    orthogonally, with its sideways jogs on separate tracks in the gaps between ranks.

use std::collections::HashMap;

/// A node to place: a box of `cross` × `main` size.
#[derive(Clone, Debug)]
pub(crate) struct GraphNode {
    pub cross: f64,
    pub main: f64,
    /// The innermost nested-model frame this node is drawn inside.
    pub cluster: Option<usize>,
    /// Earlier nodes this one reads from, in argument order. Nodes are in topological order.
    pub inputs: Vec<usize>,
}

/// A frame drawn around the nodes of a nested model.
#[derive(Clone, Debug)]
pub(crate) struct GraphCluster {
    pub parent: Option<usize>,
    /// Space for the label between the frame's main-start side and its content.
    pub label_main: f64,
    /// Space for the label between the frame's cross-start side and its content.
    pub label_cross: f64,
    /// Minimum frame extents, so the label fits inside.
    pub min_cross: f64,
    pub min_main: f64,
}

/// Distances used by the placement, in layout units.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Spacing {
    /// Between two boxes in the same rank.
    pub node_gap: f64,
    /// Between a skip-edge lane and its neighbours in a rank.
    pub lane_gap: f64,
    /// Minimum gap between consecutive ranks.
    pub rank_gap: f64,
    /// Minimum straight run of an edge next to a box, so arrowheads stay clear of jogs.
    pub end_margin: f64,
    /// Between parallel jog tracks in one gap.
    pub track_spacing: f64,
    /// Between a nested-model frame and its content.
    pub cluster_padding: f64,
}

/// An axis-aligned rectangle in (cross, main) coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct AxisRect {
    pub cross0: f64,
    pub cross1: f64,
    pub main0: f64,
    pub main1: f64,
}

/// An edge's source node, target node and polyline as (cross, main) points.
pub(crate) type PlacedEdge = (usize, usize, Vec<(f64, f64)>);

/// The result: every node's start corner, every edge's polyline and every frame.
#[derive(Clone, Debug)]
pub(crate) struct Placement {
    /// (cross start, main start) of each node.
    pub nodes: Vec<(f64, f64)>,
    /// Edges in the order of the nodes' inputs: (from, to, points as (cross, main)).
    pub edges: Vec<PlacedEdge>,
    /// A frame per cluster, or `None` for a cluster without nodes.
    pub clusters: Vec<Option<AxisRect>>,
}

/// A node of the layered graph: a real node or one rank of a long edge.
struct Slot {
    rank: usize,
    half_cross: f64,
    real: bool,
    pinned: bool,
    /// The chain of frames from the outermost down.
    clusters: Vec<usize>,
    in_segments: Vec<usize>,
    out_segments: Vec<usize>,
}

struct Segment {
    from: usize,
    to: usize,
    main_edge: bool,
}

/// Places `nodes`; the last node is the output.
pub(crate) fn place(
    nodes: &[GraphNode],
    clusters: &[GraphCluster],
    spacing: &Spacing,
) -> Placement {
    let count = nodes.len();
    if count == 0 {
        return Placement {
            nodes: Vec::new(),
            edges: Vec::new(),
            clusters: vec![None; clusters.len()],
        };
    }

    let mut rank = vec![0usize; count];
    for (v, node) in nodes.iter().enumerate() {
        for &u in &node.inputs {
            debug_assert!(u < v, "nodes must be in topological order");
            rank[v] = rank[v].max(rank[u] + 1);
        }
    }

    // The main path: from the output back along the highest-ranked input,
    // the first one in argument order on ties.
    let mut main_pred: Vec<Option<usize>> = vec![None; count];
    let mut on_main = vec![false; count];
    let mut v = count - 1;
    on_main[v] = true;
    loop {
        let pred =
            nodes[v]
                .inputs
                .iter()
                .copied()
                .fold(None, |best: Option<usize>, u| match best {
                    Some(b) if rank[b] >= rank[u] => Some(b),
                    _ => Some(u),
                });
        let Some(u) = pred else { break };
        main_pred[v] = Some(u);
        on_main[u] = true;
        v = u;
    }

    let chains = cluster_chains(nodes, clusters);
    let mut slots: Vec<Slot> = nodes
        .iter()
        .enumerate()
        .map(|(v, node)| Slot {
            rank: rank[v],
            half_cross: node.cross / 2.0,
            real: true,
            pinned: on_main[v],
            clusters: chains[v].clone(),
            in_segments: Vec::new(),
            out_segments: Vec::new(),
        })
        .collect();

    // Break long edges into one segment per rank gap.
    let mut segments: Vec<Segment> = Vec::new();
    let mut edge_chains: Vec<(usize, usize, Vec<usize>)> = Vec::new();
    for (to, node) in nodes.iter().enumerate() {
        let mut main_taken = false;
        for &from in &node.inputs {
            let main_edge = !main_taken && main_pred[to] == Some(from) && on_main[to];
            main_taken |= main_edge;
            let shared = common_prefix(&chains[from], &chains[to]);
            let mut chain_segments = Vec::new();
            let mut previous = from;
            for r in rank[from] + 1..=rank[to] {
                let next = if r == rank[to] {
                    to
                } else {
                    slots.push(Slot {
                        rank: r,
                        half_cross: 0.0,
                        real: false,
                        pinned: false,
                        clusters: shared.clone(),
                        in_segments: Vec::new(),
                        out_segments: Vec::new(),
                    });
                    slots.len() - 1
                };
                let id = segments.len();
                segments.push(Segment {
                    from: previous,
                    to: next,
                    main_edge,
                });
                slots[previous].out_segments.push(id);
                slots[next].in_segments.push(id);
                chain_segments.push(id);
                previous = next;
            }
            edge_chains.push((from, to, chain_segments));
        }
    }

    let rank_count = rank.iter().max().map_or(0, |r| r + 1);
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); rank_count];
    for (id, slot) in slots.iter().enumerate() {
        rows[slot.rank].push(id);
    }
    let grouped = !clusters.is_empty();
    order_rows(&mut rows, &slots, &segments, grouped);

    let mut center = align_blocks(&rows, &slots, &segments, spacing);
    let mut frames: Vec<Option<(f64, f64)>> = vec![None; clusters.len()];
    if grouped {
        push_out_of_frames(&rows, &slots, clusters, spacing, &mut center, &mut frames);
    }

    let (out_cross, in_cross) = attachments(&slots, &segments, &center);
    let main_axis = assign_main(
        nodes, &rank, &rows, &slots, &segments, clusters, &out_cross, &in_cross, spacing,
    );

    let node_positions = nodes
        .iter()
        .enumerate()
        .map(|(v, node)| (center[v] - node.cross / 2.0, main_axis.node_start[v]))
        .collect();

    let mut edges = Vec::with_capacity(edge_chains.len());
    for (from, to, chain) in edge_chains {
        let mut points = vec![(out_cross[chain[0]], main_axis.node_end[from])];
        for &s in &chain {
            if let Some(track) = main_axis.segment_track[s] {
                points.push((out_cross[s], track));
                points.push((in_cross[s], track));
            }
        }
        let last = *chain.last().expect("an edge spans at least one rank");
        points.push((in_cross[last], main_axis.node_start[to]));
        edges.push((from, to, simplify(points)));
    }

    let cluster_rects = frames
        .iter()
        .enumerate()
        .map(|(c, cross)| {
            let (cross0, cross1) = (*cross)?;
            let (main0, main1) = main_axis.cluster_main[c]?;
            Some(AxisRect {
                cross0,
                cross1,
                main0,
                main1,
            })
        })
        .collect();

    Placement {
        nodes: node_positions,
        edges,
        clusters: cluster_rects,
    }
}

/// Each node's frames from the outermost to the innermost.
fn cluster_chains(nodes: &[GraphNode], clusters: &[GraphCluster]) -> Vec<Vec<usize>> {
    nodes
        .iter()
        .map(|node| {
            let mut chain = Vec::new();
            let mut current = node.cluster;
            while let Some(c) = current {
                chain.push(c);
                current = clusters[c].parent;
            }
            chain.reverse();
            chain
        })
        .collect()
}

fn common_prefix(a: &[usize], b: &[usize]) -> Vec<usize> {
    a.iter()
        .zip(b)
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| *x)
        .collect()
}

/// Drops points that repeat the previous one or lie on a straight line through their neighbours.
fn simplify(points: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(points.len());
    for point in points {
        if let Some(&last) = out.last() {
            if (last.0 - point.0).abs() < 1e-9 && (last.1 - point.1).abs() < 1e-9 {
                continue;
            }
        }
        if out.len() >= 2 {
            let a = out[out.len() - 2];
            let b = out[out.len() - 1];
            let same_cross = (a.0 - b.0).abs() < 1e-9 && (b.0 - point.0).abs() < 1e-9;
            let same_main = (a.1 - b.1).abs() < 1e-9 && (b.1 - point.1).abs() < 1e-9;
            if same_cross || same_main {
                out.pop();
            }
        }
        out.push(point);
    }
    out
}

/// Orders every rank with barycenter sweeps: down, up, then down again.
fn order_rows(rows: &mut [Vec<usize>], slots: &[Slot], segments: &[Segment], grouped: bool) {
    let mut position = vec![0.0f64; slots.len()];
    for row in rows.iter() {
        set_positions(row, slots, &mut position);
    }
    let merge_input = merge_inputs(slots, segments);
    let main_argument: Vec<Option<usize>> = slots
        .iter()
        .map(|slot| slot.in_segments.iter().position(|&s| segments[s].main_edge))
        .collect();
    let rank_count = rows.len();
    for sweep in 0..3 {
        let downward = sweep % 2 == 0;
        let ranks: Vec<usize> = if downward {
            (1..rank_count).collect()
        } else {
            (0..rank_count.saturating_sub(1)).rev().collect()
        };
        for r in ranks {
            let barycenter = |v: usize| {
                let neighbours: Vec<usize> = if downward {
                    slots[v]
                        .in_segments
                        .iter()
                        .map(|&s| segments[s].from)
                        .collect()
                } else {
                    slots[v]
                        .out_segments
                        .iter()
                        .map(|&s| segments[s].to)
                        .collect()
                };
                if neighbours.is_empty() {
                    position[v]
                } else {
                    neighbours.iter().map(|&u| position[u]).sum::<f64>() / neighbours.len() as f64
                }
            };
            let mut keyed: Vec<(f64, f64, usize)> = rows[r]
                .iter()
                .filter(|&&v| !slots[v].pinned)
                .map(|&v| (barycenter(v), position[v], v))
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
            order_ties_by_argument(&mut keyed, &merge_input);

            let pinned = rows[r].iter().copied().find(|&v| slots[v].pinned);
            let mut row: Vec<usize> = Vec::with_capacity(rows[r].len());
            match pinned {
                Some(main) => {
                    let (left, right) = split_sides(&keyed, &merge_input, &main_argument);
                    row.extend(left);
                    row.push(main);
                    row.extend(right);
                }
                None => row.extend(keyed.iter().map(|&(_, _, v)| v)),
            }
            if grouped {
                row = group_by_cluster(&row, slots, 0);
            }
            set_positions(&row, slots, &mut position);
            rows[r] = row;
        }
    }
}

/// Finds, for each slot, the merge that its branch feeds and the argument
/// index of that input.
///
/// The branch is the path of single-output slots from the slot, and the merge
/// is the first slot on it with several inputs. A slot whose path ends at a
/// fork or at the output gets `None`.
fn merge_inputs(slots: &[Slot], segments: &[Segment]) -> Vec<Option<(usize, usize)>> {
    let mut known: Vec<Option<Option<(usize, usize)>>> = vec![None; slots.len()];
    let mut path: Vec<usize> = Vec::new();
    for start in 0..slots.len() {
        let mut v = start;
        let found = loop {
            if let Some(found) = known[v] {
                break found;
            }
            path.push(v);
            let [s] = slots[v].out_segments[..] else {
                break None;
            };
            let next = segments[s].to;
            let inputs = &slots[next].in_segments;
            if inputs.len() > 1 {
                break inputs.iter().position(|&t| t == s).map(|i| (next, i));
            }
            v = next;
        };
        for v in path.drain(..) {
            known[v] = Some(found);
        }
    }
    known.into_iter().map(Option::flatten).collect()
}

/// Reorders the slots of each run of equal barycenters that feed the same
/// merge into the merge's argument order, within the places they hold.
///
/// Parallel branches from one fork tie on every sweep, so without this they
/// would keep whatever order the first sweep gave them, and the edges into
/// the merge would not follow its list of input shapes.
fn order_ties_by_argument(keyed: &mut [(f64, f64, usize)], merge_input: &[Option<(usize, usize)>]) {
    let mut start = 0;
    while start < keyed.len() {
        let end = start
            + keyed[start..]
                .iter()
                .take_while(|item| item.0 == keyed[start].0)
                .count();
        let mut merges: Vec<usize> = Vec::new();
        for item in &keyed[start..end] {
            if let Some((merge, _)) = merge_input[item.2] {
                if !merges.contains(&merge) {
                    merges.push(merge);
                }
            }
        }
        for merge in merges {
            let places: Vec<usize> = (start..end)
                .filter(|&i| matches!(merge_input[keyed[i].2], Some((m, _)) if m == merge))
                .collect();
            let mut members: Vec<(f64, f64, usize)> = places.iter().map(|&i| keyed[i]).collect();
            members.sort_by_key(|item| merge_input[item.2].map(|(_, argument)| argument));
            for (&i, member) in places.iter().zip(members) {
                keyed[i] = member;
            }
        }
        start = end;
    }
}

/// Splits the unpinned slots of a row, sorted by barycenter, into those left
/// and right of the main column.
///
/// A slot with a negative barycenter goes left and one with a positive
/// barycenter goes right. A slot centred on the main column that feeds a
/// merge on the main path goes to the side that keeps the merge's argument
/// order: left if its argument comes before the main-path input, right if
/// after. Centred slots of one merge off the main path put their first half,
/// rounded down, on the left. The remaining centred slots alternate between
/// the sides, starting on the right.
fn split_sides(
    keyed: &[(f64, f64, usize)],
    merge_input: &[Option<(usize, usize)>],
    main_argument: &[Option<usize>],
) -> (Vec<usize>, Vec<usize>) {
    let centred = |key: f64| key == 0.0;
    // The centred slots of each merge off the main path, and how many of them went left so far.
    let mut off_main: HashMap<usize, (usize, usize)> = HashMap::new();
    for &(key, _, v) in keyed {
        if let Some((merge, _)) = merge_input[v] {
            if centred(key) && main_argument[merge].is_none() {
                off_main.entry(merge).or_insert((0, 0)).0 += 1;
            }
        }
    }

    let mut left: Vec<usize> = Vec::new();
    let mut right: Vec<usize> = Vec::new();
    let mut alternating = 0usize;
    for &(key, _, v) in keyed {
        let goes_left = if key < 0.0 {
            true
        } else if key > 0.0 {
            false
        } else {
            match merge_input[v] {
                Some((merge, argument)) => match main_argument[merge] {
                    Some(main) => argument < main,
                    None => {
                        let (count, placed) = off_main
                            .get_mut(&merge)
                            .expect("every centred slot of the merge was counted");
                        *placed += 1;
                        *placed <= *count / 2
                    }
                },
                None => {
                    alternating += 1;
                    alternating % 2 == 0
                }
            }
        };
        if goes_left {
            left.push(v);
        } else {
            right.push(v);
        }
    }
    (left, right)
}

/// Numbers a row's slots relative to its pinned slot, or to its middle if none is pinned.
fn set_positions(row: &[usize], slots: &[Slot], position: &mut [f64]) {
    let anchor = row
        .iter()
        .position(|&v| slots[v].pinned)
        .map_or((row.len() as f64 - 1.0) / 2.0, |i| i as f64);
    for (i, &v) in row.iter().enumerate() {
        position[v] = i as f64 - anchor;
    }
}

/// Reorders a row so the slots of each frame are contiguous, at every nesting
/// depth, keeping the order of first appearance.
fn group_by_cluster(row: &[usize], slots: &[Slot], depth: usize) -> Vec<usize> {
    let mut groups: Vec<(Option<usize>, Vec<usize>)> = Vec::new();
    let mut index: HashMap<usize, usize> = HashMap::new();
    for &v in row {
        match slots[v].clusters.get(depth) {
            Some(&c) => match index.get(&c) {
                Some(&g) => groups[g].1.push(v),
                None => {
                    index.insert(c, groups.len());
                    groups.push((Some(c), vec![v]));
                }
            },
            None => groups.push((None, vec![v])),
        }
    }
    let mut out = Vec::with_capacity(row.len());
    for (cluster, members) in groups {
        if cluster.is_some() && members.len() > 1 {
            out.extend(group_by_cluster(&members, slots, depth + 1));
        } else {
            out.extend(members);
        }
    }
    out
}

fn gap_between(a: &Slot, b: &Slot, spacing: &Spacing) -> f64 {
    if a.real && b.real {
        spacing.node_gap
    } else {
        spacing.lane_gap
    }
}

/// Centres each slot on the cross axis: the pinned slot at 0, the others
/// outwards from it, each as close to its predecessors' mean as the row allows.
///
/// A slot whose block has an entry in `block_target` prefers that cross
/// position instead, so the block can run straight.
fn assign_cross(
    rows: &[Vec<usize>],
    slots: &[Slot],
    segments: &[Segment],
    block_of: &[Option<usize>],
    block_target: &[Option<f64>],
    spacing: &Spacing,
) -> Vec<f64> {
    let mut center = vec![0.0f64; slots.len()];
    for row in rows {
        let desired = |v: usize, center: &[f64]| {
            if let Some(target) = block_of[v].and_then(|block| block_target[block]) {
                return Some(target);
            }
            let preds = &slots[v].in_segments;
            if preds.is_empty() {
                None
            } else {
                Some(
                    preds.iter().map(|&s| center[segments[s].from]).sum::<f64>()
                        / preds.len() as f64,
                )
            }
        };
        let anchor = row.iter().position(|&v| slots[v].pinned);
        let first_right = match anchor {
            Some(a) => {
                center[row[a]] = 0.0;
                let mut edge = -slots[row[a]].half_cross;
                for i in (0..a).rev() {
                    let v = row[i];
                    let limit = edge
                        - gap_between(&slots[v], &slots[row[i + 1]], spacing)
                        - slots[v].half_cross;
                    let preferred = desired(v, &center).unwrap_or(f64::INFINITY);
                    center[v] = preferred.min(limit);
                    edge = center[v] - slots[v].half_cross;
                }
                a + 1
            }
            None => {
                let v = row[0];
                center[v] = desired(v, &center).unwrap_or(0.0);
                1
            }
        };
        for i in first_right..row.len() {
            let v = row[i];
            let previous = row[i - 1];
            let limit = center[previous]
                + slots[previous].half_cross
                + gap_between(&slots[previous], &slots[v], spacing)
                + slots[v].half_cross;
            let preferred = desired(v, &center).unwrap_or(f64::NEG_INFINITY);
            center[v] = preferred.max(limit);
        }
    }
    center
}

/// How many times [`align_blocks`] runs [`assign_cross`]. The first pass
/// finds where each block gets pushed farthest out, the later ones move the
/// whole block there, which can push other blocks and boxes in turn.
const ALIGN_PASSES: usize = 3;

/// Assigns cross positions so that each block runs straight where its rows allow.
///
/// A block is a maximal path of unpinned slots in which each link is the
/// only segment out of its source and the only segment into its target. It
/// is a branch of single-input layers, the dummy slots of a long edge, or both.
/// Pass by pass, every block of two or more slots that lie on one side of
/// their rows' pinned slots moves to the outermost of its slots' positions.
/// A lane or branch that must clear a wide box somewhere along its span
/// therefore clears it everywhere, with no jogs between. When skips from the
/// main column nest on one side, the row order puts the inner skip's lane
/// between the outer lane and the main column where the two share ranks, so
/// the outer lane moves out for its whole length and the inner edge's jogs
/// do not cross it.
fn align_blocks(
    rows: &[Vec<usize>],
    slots: &[Slot],
    segments: &[Segment],
    spacing: &Spacing,
) -> Vec<f64> {
    let mut block_of: Vec<Option<usize>> = vec![None; slots.len()];
    let mut block_size: Vec<usize> = Vec::new();
    // The side of its row's pinned slot each slot lies on: -1 before it,
    // +1 after it or in a row without one.
    let mut side = vec![0i8; slots.len()];
    for row in rows {
        let anchor = row.iter().position(|&v| slots[v].pinned);
        for (i, &v) in row.iter().enumerate() {
            side[v] = match anchor {
                Some(a) if i < a => -1,
                _ => 1,
            };
            if slots[v].pinned {
                continue;
            }
            let linked = match slots[v].in_segments[..] {
                [s] => {
                    let u = segments[s].from;
                    (slots[u].out_segments.len() == 1)
                        .then_some(block_of[u])
                        .flatten()
                }
                _ => None,
            };
            let block = linked.unwrap_or_else(|| {
                block_size.push(0);
                block_size.len() - 1
            });
            block_of[v] = Some(block);
            block_size[block] += 1;
        }
    }
    // The side each block lies on, or 0 for a block with slots on both sides,
    // which cannot run straight.
    let mut block_side: Vec<Option<i8>> = vec![None; block_size.len()];
    for (v, block) in block_of.iter().enumerate() {
        if let Some(b) = *block {
            block_side[b] = match block_side[b] {
                Some(s) if s != side[v] => Some(0),
                _ => Some(side[v]),
            };
        }
    }

    let mut block_target: Vec<Option<f64>> = vec![None; block_size.len()];
    let mut center = assign_cross(rows, slots, segments, &block_of, &block_target, spacing);
    for _ in 1..ALIGN_PASSES {
        let mut outermost: Vec<Option<f64>> = vec![None; block_size.len()];
        for (v, block) in block_of.iter().enumerate() {
            let Some(b) = *block else { continue };
            if block_size[b] < 2 || block_side[b] == Some(0) {
                continue;
            }
            let c = center[v];
            outermost[b] = Some(match outermost[b] {
                None => c,
                Some(o) if block_side[b] == Some(-1) => o.min(c),
                Some(o) => o.max(c),
            });
        }
        if outermost == block_target {
            break;
        }
        block_target = outermost;
        center = assign_cross(rows, slots, segments, &block_of, &block_target, spacing);
    }
    center
}

/// Sizes each frame around its slots and pushes other slots of the same ranks out of it.
fn push_out_of_frames(
    rows: &[Vec<usize>],
    slots: &[Slot],
    clusters: &[GraphCluster],
    spacing: &Spacing,
    center: &mut [f64],
    frames: &mut [Option<(f64, f64)>],
) {
    let depth = |c: usize| {
        let mut d = 0;
        let mut current = clusters[c].parent;
        while let Some(p) = current {
            d += 1;
            current = clusters[p].parent;
        }
        d
    };
    let mut order: Vec<usize> = (0..clusters.len()).collect();
    order.sort_by_key(|&c| std::cmp::Reverse(depth(c)));

    for c in order {
        let d = depth(c);
        let is_member = |v: usize| slots[v].clusters.get(d) == Some(&c);
        let mut extent: Option<(f64, f64)> = None;
        let mut ranks: Option<(usize, usize)> = None;
        for (v, slot) in slots.iter().enumerate() {
            if !is_member(v) {
                continue;
            }
            let (lo, hi) = (center[v] - slot.half_cross, center[v] + slot.half_cross);
            extent = Some(extent.map_or((lo, hi), |(a, b)| (a.min(lo), b.max(hi))));
            ranks = Some(ranks.map_or((slot.rank, slot.rank), |(a, b)| {
                (a.min(slot.rank), b.max(slot.rank))
            }));
        }
        for (inner, frame) in frames.iter().enumerate() {
            if clusters[inner].parent == Some(c) {
                if let (Some((lo, hi)), Some((a, b))) = (*frame, extent) {
                    extent = Some((a.min(lo), b.max(hi)));
                }
            }
        }
        let (Some((lo, hi)), Some((first, last))) = (extent, ranks) else {
            continue;
        };
        let cross0 = lo - spacing.cluster_padding - clusters[c].label_cross;
        let cross1 = (hi + spacing.cluster_padding).max(cross0 + clusters[c].min_cross);
        frames[c] = Some((cross0, cross1));

        for row in &rows[first..=last] {
            let Some(start) = row.iter().position(|&v| is_member(v)) else {
                continue;
            };
            let end = row
                .iter()
                .rposition(|&v| is_member(v))
                .expect("a member exists");
            let mut limit = cross0 - spacing.node_gap;
            for &v in row[..start].iter().rev() {
                let right = center[v] + slots[v].half_cross;
                if right > limit {
                    center[v] -= right - limit;
                }
                limit = center[v] - slots[v].half_cross - spacing.node_gap;
            }
            let mut limit = cross1 + spacing.node_gap;
            for &v in &row[end + 1..] {
                let left = center[v] - slots[v].half_cross;
                if left < limit {
                    center[v] += limit - left;
                }
                limit = center[v] + slots[v].half_cross + spacing.node_gap;
            }
        }
    }
}

/// Chooses where each segment leaves its source and enters its target on the cross axis.
///
/// A main-path edge attaches at the centre. The others spread out to its
/// sides in the order of the slots they lead to, so every edge keeps its own
/// point and the edges into a merge layer stay distinguishable. Each lies as
/// close to the slot at its other end as the box allows.
fn attachments(slots: &[Slot], segments: &[Segment], center: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let mut out_cross = vec![0.0f64; segments.len()];
    let mut in_cross = vec![0.0f64; segments.len()];
    for (v, slot) in slots.iter().enumerate() {
        if !slot.real {
            for &s in &slot.out_segments {
                out_cross[s] = center[v];
            }
            for &s in &slot.in_segments {
                in_cross[s] = center[v];
            }
            continue;
        }
        let outgoing: Vec<(usize, f64, bool)> = slot
            .out_segments
            .iter()
            .map(|&s| (s, center[segments[s].to], segments[s].main_edge))
            .collect();
        for (s, x) in spread(center[v], slot.half_cross, outgoing) {
            out_cross[s] = x;
        }
        let incoming: Vec<(usize, f64, bool)> = slot
            .in_segments
            .iter()
            .map(|&s| (s, center[segments[s].from], segments[s].main_edge))
            .collect();
        for (s, x) in spread(center[v], slot.half_cross, incoming) {
            in_cross[s] = x;
        }
    }
    straighten(slots, segments, center, &mut out_cross, &mut in_cross);
    (out_cross, in_cross)
}

/// Returns whether a segment whose ends lie at cross positions `a` and `b` needs a sideways jog.
fn needs_jog(a: f64, b: f64) -> bool {
    (a - b).abs() > 1e-9
}

/// Moves one end of each segment that needs a jog in line with the other
/// end, where the box at the moving end allows it.
///
/// [`spread`] places each end toward the centre of the slot at the other
/// end, so an edge between two boxes whose centres differ slightly would
/// leave at one box's centre and arrive at the other's, with a short jog
/// between. The end on a real box moves if it stays within the box's
/// attachment span, keeps its order among the box's other attachment points
/// on that side and stays [`ATTACH_MIN_DISTANCE`] clear of them.
fn straighten(
    slots: &[Slot],
    segments: &[Segment],
    center: &[f64],
    out_cross: &mut [f64],
    in_cross: &mut [f64],
) {
    // Whether segment `own`'s end on slot `v`, now at `from`, can move to `to`,
    // with `others` the segments on the same side of `v` and `ends` their ends.
    let can_move = |v: usize, own: usize, from: f64, to: f64, others: &[usize], ends: &[f64]| {
        let slot = &slots[v];
        let within = (to - center[v]).abs() <= slot.half_cross * ATTACH_SPAN;
        let (lo, hi) = (from.min(to), from.max(to));
        let clear = others.iter().filter(|&&o| o != own).all(|&o| {
            let x = ends[o];
            (x - to).abs() > ATTACH_MIN_DISTANCE && !(lo..=hi).contains(&x)
        });
        slot.real && within && clear
    };
    for (s, segment) in segments.iter().enumerate() {
        let (a, b) = (out_cross[s], in_cross[s]);
        if !needs_jog(a, b) {
            continue;
        }
        let into = &slots[segment.to].in_segments;
        let out_of = &slots[segment.from].out_segments;
        if can_move(segment.to, s, b, a, into, in_cross) {
            in_cross[s] = a;
        } else if can_move(segment.from, s, a, b, out_of, out_cross) {
            out_cross[s] = b;
        }
    }
}

/// Smallest distance between neighbouring attachment points on a box with
/// room for it; a box too narrow for its edges spaces them evenly instead.
const ATTACH_STEP: f64 = 24.0;
/// The share of a box's half-width, either side of its centre, that attachment points use.
const ATTACH_SPAN: f64 = 0.8;
/// Smallest distance that [`straighten`] keeps between two attachment points on one side of a box.
const ATTACH_MIN_DISTANCE: f64 = 2.0;

/// Places the attachment points of one side of a box, centred at `center`
/// with half-width `half`, for items given as (segment, cross position of the
/// slot at the segment's other end, whether it is the main-path edge).
///
/// Each point lies as close to the other end as the box allows, so that an
/// edge to a slot within the box's span runs straight. The points keep the
/// order of the other ends and stay at least a step apart, and a main-path
/// edge keeps the centre.
fn spread(center: f64, half: f64, mut items: Vec<(usize, f64, bool)>) -> Vec<(usize, f64)> {
    let usable = half * ATTACH_SPAN;
    if let [(segment, other, main_edge)] = items[..] {
        // The common case in a chain, without the allocations below.
        let offset = if main_edge {
            0.0
        } else {
            (other - center).clamp(-usable, usable)
        };
        return vec![(segment, center + offset)];
    }
    items.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    let n = items.len();
    let desired: Vec<f64> = items.iter().map(|item| item.1 - center).collect();
    let offsets = match items.iter().position(|item| item.2) {
        Some(main_index) => {
            let left = main_index;
            let right = n - main_index - 1;
            let step = ATTACH_STEP.min(usable / left.max(right).max(1) as f64);
            // The left side is packed as a mirror image of the right one.
            let mirrored: Vec<f64> = desired[..main_index].iter().rev().map(|d| -d).collect();
            let mut offsets: Vec<f64> = pack(&mirrored, step, usable, step)
                .into_iter()
                .rev()
                .map(|x| -x)
                .collect();
            offsets.push(0.0);
            offsets.extend(pack(&desired[main_index + 1..], step, usable, step));
            offsets
        }
        None => {
            let step = if n > 1 {
                ATTACH_STEP.min(2.0 * usable / (n - 1) as f64)
            } else {
                0.0
            };
            pack(&desired, -usable, usable, step)
        }
    };
    items
        .iter()
        .zip(offsets)
        .map(|(item, offset)| (item.0, center + offset))
        .collect()
}

/// Places points as near their sorted `desired` positions as possible within
/// `lo..=hi`, at least `step` apart. The range must have room for them all.
fn pack(desired: &[f64], lo: f64, hi: f64, step: f64) -> Vec<f64> {
    let mut points = Vec::with_capacity(desired.len());
    let mut floor = lo;
    for &d in desired {
        let x = d.max(floor);
        points.push(x);
        floor = x + step;
    }
    let mut ceiling = hi;
    for x in points.iter_mut().rev() {
        *x = x.min(ceiling);
        ceiling = *x - step;
    }
    points
}

/// Assigns each jog of one gap, given as (start, end, segment), a track,
/// where track 0 lies nearest the gap's start. Returns the number of tracks.
///
/// Left and right here mean lower and higher cross positions. Two jogs in the
/// same direction whose spans overlap cross each other unless the one that
/// starts farther along that direction takes the earlier track. Its run along
/// the main axis then ends before the other jog's sideways run, and it stays
/// clear of the other jog's start. So leftward jogs are placed from the
/// leftmost start and rightward ones from the rightmost, and each jog takes
/// the track after every overlapping jog placed before it. Jogs in opposite
/// directions that overlap swap sides, so they cross on any tracks.
fn assign_tracks(
    gap_jogs: &mut [(f64, f64, usize)],
    track_spacing: f64,
    track_of: &mut [usize],
) -> usize {
    let leftward = |jog: &(f64, f64, usize)| jog.1 < jog.0;
    gap_jogs.sort_by(|x, y| {
        let order = match (leftward(x), leftward(y)) {
            (true, false) => std::cmp::Ordering::Less,
            (false, true) => std::cmp::Ordering::Greater,
            (true, true) => x.0.total_cmp(&y.0),
            (false, false) => y.0.total_cmp(&x.0),
        };
        order.then(x.2.cmp(&y.2))
    });
    let span = |jog: &(f64, f64, usize)| (jog.0.min(jog.1), jog.0.max(jog.1));
    let mut count = 0;
    for i in 0..gap_jogs.len() {
        let (lo, hi) = span(&gap_jogs[i]);
        // NOTE: this is quadratic in the jogs of one gap. The example networks
        // have a few per gap, but a fan-out to thousands of layers would be slow.
        let track = gap_jogs[..i]
            .iter()
            .filter(|earlier| {
                let (other_lo, other_hi) = span(earlier);
                other_lo <= hi + track_spacing && lo <= other_hi + track_spacing
            })
            .map(|earlier| track_of[earlier.2] + 1)
            .max()
            .unwrap_or(0);
        track_of[gap_jogs[i].2] = track;
        count = count.max(track + 1);
    }
    count
}

struct MainAxis {
    node_start: Vec<f64>,
    node_end: Vec<f64>,
    /// The main coordinate of a segment's sideways jog, if it has one.
    segment_track: Vec<Option<f64>>,
    cluster_main: Vec<Option<(f64, f64)>>,
}

/// Places ranks along the main axis, sizing each gap for its jog tracks and frame borders.
#[allow(clippy::too_many_arguments)]
fn assign_main(
    nodes: &[GraphNode],
    rank: &[usize],
    rows: &[Vec<usize>],
    slots: &[Slot],
    segments: &[Segment],
    clusters: &[GraphCluster],
    out_cross: &[f64],
    in_cross: &[f64],
    spacing: &Spacing,
) -> MainAxis {
    let rank_count = rows.len();
    let mut thickness = vec![0.0f64; rank_count];
    for (v, node) in nodes.iter().enumerate() {
        thickness[rank[v]] = thickness[rank[v]].max(node.main);
    }

    let mut jogs: Vec<Vec<(f64, f64, usize)>> = vec![Vec::new(); rank_count];
    for (s, segment) in segments.iter().enumerate() {
        let (a, b) = (out_cross[s], in_cross[s]);
        if needs_jog(a, b) {
            jogs[slots[segment.from].rank].push((a, b, s));
        }
    }
    let mut track_of = vec![0usize; segments.len()];
    let mut tracks = vec![0usize; rank_count];
    for (r, gap_jogs) in jogs.iter_mut().enumerate() {
        tracks[r] = assign_tracks(gap_jogs, spacing.track_spacing, &mut track_of);
    }

    // Frame borders: each frame takes its own band of space before its first
    // rank and after its last one, nested frames outside inner ones.
    let cluster_count = clusters.len();
    let mut first_rank: Vec<Option<usize>> = vec![None; cluster_count];
    let mut last_rank: Vec<Option<usize>> = vec![None; cluster_count];
    for slot in slots.iter().filter(|slot| slot.real) {
        for &c in &slot.clusters {
            first_rank[c] = Some(first_rank[c].map_or(slot.rank, |r: usize| r.min(slot.rank)));
            last_rank[c] = Some(last_rank[c].map_or(slot.rank, |r: usize| r.max(slot.rank)));
        }
    }
    let start_band = |c: usize| spacing.cluster_padding + clusters[c].label_main;
    let mut start_level = vec![0.0f64; cluster_count];
    let mut end_level = vec![0.0f64; cluster_count];
    // Children come after their parents in cluster order, so walk it backwards.
    for c in (0..cluster_count).rev() {
        start_level[c] += start_band(c);
        end_level[c] += spacing.cluster_padding;
        if let Some(p) = clusters[c].parent {
            if first_rank[p] == first_rank[c] {
                start_level[p] = start_level[p].max(start_level[c]);
            }
            if last_rank[p] == last_rank[c] {
                end_level[p] = end_level[p].max(end_level[c]);
            }
        }
    }
    let mut before = vec![0.0f64; rank_count + 1];
    let mut after = vec![0.0f64; rank_count];
    for c in 0..cluster_count {
        if let (Some(f), Some(l)) = (first_rank[c], last_rank[c]) {
            before[f] = before[f].max(start_level[c]);
            after[l] = after[l].max(end_level[c]);
        }
    }

    let mut band_start = vec![0.0f64; rank_count];
    let mut track_base = vec![0.0f64; rank_count];
    let mut cluster_main: Vec<Option<(f64, f64)>> = vec![None; cluster_count];
    let mut cursor = before[0];
    for r in 0..rank_count {
        band_start[r] = cursor;
        for c in 0..cluster_count {
            if first_rank[c] == Some(r) {
                cluster_main[c] = Some((cursor - start_level[c], 0.0));
            }
        }
        let band_end = cursor + thickness[r];
        let mut gap_start = band_end + after[r];
        for c in 0..cluster_count {
            if last_rank[c] == Some(r) {
                if let Some((start, _)) = cluster_main[c] {
                    let end = (band_end + end_level[c]).max(start + clusters[c].min_main);
                    cluster_main[c] = Some((start, end));
                    gap_start = gap_start.max(end);
                }
            }
        }
        let core = if tracks[r] == 0 {
            spacing.rank_gap
        } else {
            spacing
                .rank_gap
                .max(2.0 * spacing.end_margin + (tracks[r] - 1) as f64 * spacing.track_spacing)
        };
        track_base[r] =
            gap_start + core / 2.0 - (tracks[r].max(1) - 1) as f64 * spacing.track_spacing / 2.0;
        cursor = gap_start + core + before[r + 1];
    }

    let mut node_start = vec![0.0f64; nodes.len()];
    let mut node_end = vec![0.0f64; nodes.len()];
    for (v, node) in nodes.iter().enumerate() {
        let r = rank[v];
        node_start[v] = band_start[r] + (thickness[r] - node.main) / 2.0;
        node_end[v] = node_start[v] + node.main;
    }
    let segment_track = segments
        .iter()
        .enumerate()
        .map(|(s, segment)| {
            let (a, b) = (out_cross[s], in_cross[s]);
            needs_jog(a, b).then(|| {
                track_base[slots[segment.from].rank] + track_of[s] as f64 * spacing.track_spacing
            })
        })
        .collect();

    MainAxis {
        node_start,
        node_end,
        segment_track,
        cluster_main,
    }
}
