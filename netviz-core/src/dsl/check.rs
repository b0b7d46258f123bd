//! The checker: resolves names, applies each layer's shape rule and collects
//! every independent error. The fuzz targets and property tests feed it
//! arbitrary statements to keep it free of panics.

use std::collections::{HashMap, HashSet};

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::Ident;

use super::args::{self, Resolved};
use super::syntax::{path_text, Statement, Step, Target};
use super::{nearest, Diagnostic, Models};
use crate::layer::{self, Computed, Op};
use crate::network::{Layer, LayerKind, Network};
use crate::shape::Shape;

/// A layer being built, with what its errors need.
struct Node {
    computed: Computed,
    inputs: Vec<usize>,
    alias: Option<String>,
    step_text: String,
    tokens: TokenStream,
    nested: Option<Network>,
    /// The path of a model step, as written.
    model_path: Option<syn::Path>,
}

/// The position of a chain after a step.
#[derive(Clone, Copy)]
enum Cursor {
    /// Before the first step of a statement.
    Start,
    /// After a layer that checked.
    At(usize),
    /// After a step that failed: later steps are checked for their own arguments only.
    Failed,
}

struct Checker<'a> {
    nodes: Vec<Node>,
    /// Bound names and the layer they name; `None` when that layer failed.
    names: HashMap<String, Option<usize>>,
    /// The step that binds each name, for "bound twice" errors.
    binders: HashMap<String, String>,
    /// Every name bound anywhere, for "used before it is bound" errors.
    all_aliases: HashSet<String>,
    input: Option<String>,
    models: &'a Models,
    diagnostics: Vec<Diagnostic>,
}

/// Checks parsed statements into a network named `name`.
///
/// `models` contains the networks of the model types that steps may use.
pub fn check(
    name: &str,
    statements: &[Statement],
    models: &Models,
) -> Result<Network, Vec<Diagnostic>> {
    check_with_paths(name, statements, models).map(|(network, _)| network)
}

/// Checks like [`check`], and also returns, for each layer, the path of the model it uses, if any.
pub fn check_with_paths(
    name: &str,
    statements: &[Statement],
    models: &Models,
) -> Result<(Network, Vec<Option<syn::Path>>), Vec<Diagnostic>> {
    let mut checker = Checker {
        nodes: Vec::new(),
        names: HashMap::new(),
        binders: HashMap::new(),
        all_aliases: statements
            .iter()
            .flat_map(|s| &s.steps)
            .filter_map(|s| s.alias.as_ref().map(|a| a.unraw().to_string()))
            .collect(),
        input: None,
        models,
        diagnostics: Vec::new(),
    };
    let mut output = Cursor::Start;
    for statement in statements {
        output = checker.statement(statement);
    }
    if checker.input.is_none()
        && !checker
            .diagnostics
            .iter()
            .any(|d| d.message.contains("`input("))
    {
        let tokens = statements
            .first()
            .and_then(|s| s.steps.first())
            .map(|s| s.tokens.clone())
            .unwrap_or_default();
        checker.diagnostics.push(Diagnostic::new(
            tokens,
            "the network has no `input(…)`; start it with the input shape, such as `input(28, 28, 1) => …`",
        ));
    }
    match output {
        Cursor::At(out) if checker.diagnostics.is_empty() => checker.finish(name, out),
        _ => {
            if checker.diagnostics.is_empty() {
                let tokens = statements
                    .last()
                    .map(|s| s.steps[0].tokens.clone())
                    .unwrap_or_default();
                checker.diagnostics.push(Diagnostic::new(
                    tokens,
                    "the last statement has no layer to be the network's output",
                ));
            }
            Err(checker.diagnostics)
        }
    }
}

impl Checker<'_> {
    fn error(&mut self, tokens: TokenStream, message: String) {
        self.diagnostics.push(Diagnostic::new(tokens, message));
    }

    fn statement(&mut self, statement: &Statement) -> Cursor {
        let mut cursor = Cursor::Start;
        for (index, step) in statement.steps.iter().enumerate() {
            cursor = self.step(step, index, cursor);
            if let Some(alias) = &step.alias {
                self.bind(step, alias, cursor);
            }
        }
        cursor
    }

    fn bind(&mut self, step: &Step, alias: &Ident, cursor: Cursor) {
        let name = alias.unraw().to_string();
        if args::is_keyword(&name) {
            self.error(
                alias.to_token_stream(),
                format!("`{name}` is a layer keyword and cannot name a layer; choose another name, such as `{name}_out`"),
            );
            // Later uses of the name refer to this step; recording it as failed keeps them quiet.
            self.names.entry(name).or_insert(None);
            return;
        }
        if let Some(first) = self.binders.get(&name) {
            let message = format!(
                "`{name}` is bound twice: `{first}` binds it first, then `{}`; give one of them another name",
                step.text()
            );
            self.error(alias.to_token_stream(), message);
            return;
        }
        if let Target::Word {
            name: word,
            args: None,
        } = &step.target
        {
            if !args::is_keyword(&word.unraw().to_string()) {
                self.error(
                    step.tokens.clone(),
                    format!(
                        "`{}` names an existing name; `as` can only name a layer, so use `{}` directly",
                        step.text(),
                        word.unraw()
                    ),
                );
                return;
            }
        }
        self.binders.insert(name.clone(), step.text());
        let node = match cursor {
            Cursor::At(i) => Some(i),
            _ => None,
        };
        if let Some(i) = node {
            self.nodes[i].alias = Some(name.clone());
        }
        self.names.insert(name, node);
    }

    fn step(&mut self, step: &Step, index: usize, cursor: Cursor) -> Cursor {
        match &step.target {
            Target::Model { path } => {
                // A capitalised name bound with `as`, such as Keras's `Conv1`, starts a chain like any name.
                if let (Some(ident), 0) = (path.get_ident(), index) {
                    if let Some(bound) = self.names.get(&ident.unraw().to_string()).copied() {
                        return bound.map_or(Cursor::Failed, Cursor::At);
                    }
                }
                self.model_step(step, path, cursor)
            }
            Target::Word { name, args } => {
                let word = name.unraw().to_string();
                if args::is_keyword(&word) {
                    return match args::resolve(
                        step,
                        name,
                        args.as_ref().map(|a| a.list.as_slice()),
                        &mut self.diagnostics,
                    ) {
                        Resolved::Invalid => Cursor::Failed,
                        Resolved::Layer { op, branches } => {
                            self.layer(step, index, cursor, op, &branches)
                        }
                    };
                }
                if args.is_none() {
                    if let Some(bound) = self.names.get(&word).copied() {
                        if index == 0 {
                            return bound.map_or(Cursor::Failed, Cursor::At);
                        }
                        self.error(
                            step.tokens.clone(),
                            format!(
                                "`{word}` is a bound name in the middle of a chain; a name can only start a chain (`{word} => …`) or be merged (`add({word})`)"
                            ),
                        );
                        return Cursor::Failed;
                    }
                    if self.all_aliases.contains(&word) {
                        self.error(
                            step.tokens.clone(),
                            format!("`{word}` is used before it is bound; move the statement that ends in `as {word}` above this one"),
                        );
                        return Cursor::Failed;
                    }
                }
                self.unknown_word(step, &word, args.is_none());
                Cursor::Failed
            }
        }
    }

    fn unknown_word(&mut self, step: &Step, word: &str, could_be_name: bool) {
        let suggestion = args::alias(&word.to_lowercase())
            .map(str::to_string)
            .or_else(|| {
                let mut candidates: Vec<&str> = args::keywords().collect();
                if could_be_name {
                    candidates.extend(self.names.keys().map(String::as_str));
                }
                nearest(word, candidates).map(str::to_string)
            });
        let tokens = match &step.target {
            Target::Word { name, .. } => name.to_token_stream(),
            Target::Model { path } => path.to_token_stream(),
        };
        let message = match suggestion {
            Some(s) => format!("unknown layer `{word}`; did you mean `{s}`?"),
            None if could_be_name => format!(
                "unknown layer or name `{word}`; a name must be bound with `as {word}` before it is used, and the layers are {}",
                args::quoted_list(&args::keywords().collect::<Vec<_>>())
            ),
            None => format!(
                "unknown layer `{word}`; the layers are {}",
                args::quoted_list(&args::keywords().collect::<Vec<_>>())
            ),
        };
        self.error(tokens, message);
    }

    fn branch(&mut self, ident: &Ident) -> Option<Option<usize>> {
        let word = ident.unraw().to_string();
        if let Some(bound) = self.names.get(&word) {
            return Some(*bound);
        }
        let message = if self.all_aliases.contains(&word) {
            format!("`{word}` is used before it is bound; move the statement that ends in `as {word}` above this one")
        } else {
            let names: Vec<&str> = self.names.keys().map(String::as_str).collect();
            match nearest(&word, names) {
                Some(near) => format!("`{word}` is not bound; did you mean `{near}`?"),
                None => format!(
                    "`{word}` is not bound; name a layer with `as {word}` before merging it"
                ),
            }
        };
        self.error(ident.to_token_stream(), message);
        None
    }

    fn layer(
        &mut self,
        step: &Step,
        index: usize,
        cursor: Cursor,
        op: Op,
        branches: &[Ident],
    ) -> Cursor {
        let text = step.text_without_alias();
        let mut inputs = Vec::new();
        let mut failed = matches!(cursor, Cursor::Failed);
        if let Op::Input(_) = op {
            if index != 0 || !matches!(cursor, Cursor::Start) {
                self.error(step.tokens.clone(), format!("`{text}` is in the middle of a chain, but an input can only start the network"));
                return Cursor::Failed;
            }
            if let Some(first) = &self.input {
                let message = format!("`{text}` is a second input, but a network has exactly one and `{first}` comes first; remove one, or start this statement from a bound name (`x => …`)");
                self.error(step.tokens.clone(), message);
                return Cursor::Failed;
            }
            self.input = Some(text.clone());
        } else if args::is_merge(&op_keyword(&op)) {
            for branch in branches {
                match self.branch(branch) {
                    Some(Some(i)) => inputs.push(i),
                    _ => failed = true,
                }
            }
            let needed = match cursor {
                Cursor::Start => 2,
                _ => 1,
            };
            if branches.len() < needed {
                let example = if needed == 2 {
                    format!("{}(a, b)", op_keyword(&op))
                } else {
                    format!("{}(shortcut)", op_keyword(&op))
                };
                let message = if needed == 2 {
                    format!("`{text}` starts a chain, so it needs at least two branches to merge, such as `{example}`")
                } else {
                    format!("`{text}` needs a branch to merge with the chain, such as `{example}`")
                };
                self.error(step.tokens.clone(), message);
                return Cursor::Failed;
            }
            if let Cursor::At(previous) = cursor {
                inputs.insert(0, previous);
            }
        } else {
            match cursor {
                Cursor::Start => {
                    let message = if self.input.is_none() && self.nodes.is_empty() {
                        format!("`{text}` has no input; start the network with its input shape, such as `input(28, 28, 1) => {text}`")
                    } else {
                        format!("`{text}` starts a statement but has no input; start the chain from a bound name, such as `x => {text}`")
                    };
                    self.error(step.tokens.clone(), message);
                    self.input.get_or_insert_with(String::new);
                    return Cursor::Failed;
                }
                Cursor::At(previous) => inputs.push(previous),
                Cursor::Failed => {}
            }
        }
        if failed {
            return Cursor::Failed;
        }
        let shapes: Vec<Shape> = inputs
            .iter()
            .map(|&i| self.nodes[i].computed.output_shape.clone())
            .collect();
        match layer::apply(&op, &shapes) {
            Ok(computed) => self.push(step, computed, inputs, None),
            Err(message) => {
                let message = self.explain(&text, &message, &inputs);
                self.error(step.tokens.clone(), message);
                Cursor::Failed
            }
        }
    }

    /// Prefixes a rule's message with the step and, for a single input, names the step it came from.
    fn explain(&self, text: &str, message: &str, inputs: &[usize]) -> String {
        if let [previous] = inputs {
            let node = &self.nodes[*previous];
            let shape = node.computed.output_shape.to_string();
            let from = format!("{} outputs {shape}", self.describe(*previous));
            let replaced = message.replacen(&format!("receives the flat shape {shape}"), &from, 1);
            let replaced = replaced.replacen(&format!("receives {shape}"), &from, 1);
            return format!("`{text}` {replaced}");
        }
        // A merge's message states two shapes, so name the branch behind each.
        let mut replaced = message.to_string();
        if let Some(start) = message.find("receives ") {
            let described: Vec<String> = inputs.iter().map(|&i| self.describe(i)).collect();
            let shapes: Vec<String> = inputs
                .iter()
                .map(|&i| self.nodes[i].computed.output_shape.to_string())
                .collect();
            for (a, b) in (0..inputs.len()).flat_map(|a| (0..inputs.len()).map(move |b| (a, b))) {
                let pair = format!("receives {} and {}", shapes[a], shapes[b]);
                if a != b && message[start..].starts_with(&pair) {
                    let named = format!(
                        "{} outputs {} and {} outputs {}",
                        described[a], shapes[a], described[b], shapes[b]
                    );
                    replaced = message.replacen(&pair, &named, 1);
                    break;
                }
            }
        }
        format!("`{text}` {replaced}")
    }

    /// Names a layer for messages: its bound name, or the step that made it.
    fn describe(&self, index: usize) -> String {
        let node = &self.nodes[index];
        match &node.alias {
            Some(alias) => format!("`{alias}`"),
            None => format!("`{}`", node.step_text),
        }
    }

    fn push(
        &mut self,
        step: &Step,
        computed: Computed,
        inputs: Vec<usize>,
        nested: Option<Network>,
    ) -> Cursor {
        self.nodes.push(Node {
            computed,
            inputs,
            alias: None,
            step_text: step.text_without_alias(),
            tokens: step.tokens.clone(),
            nested,
            model_path: None,
        });
        Cursor::At(self.nodes.len() - 1)
    }

    fn model_step(&mut self, step: &Step, path: &syn::Path, cursor: Cursor) -> Cursor {
        let text = path_text(path);
        let Some(network) = self.models.get(&text).cloned() else {
            self.error(
                path.to_token_stream(),
                format!("`{text}` is not a model made with `network!`; a step written as a type must name one, such as `Features` from `network! {{ pub Features: input(…) => … }}`"),
            );
            return Cursor::Failed;
        };
        let previous = match cursor {
            Cursor::At(p) => p,
            Cursor::Failed => return Cursor::Failed,
            Cursor::Start if self.input.is_none() && self.nodes.is_empty() => {
                // A model that starts the network brings its input with it.
                let dims = network.input_shape().dims().to_vec();
                let Ok(computed) = layer::apply(&Op::Input(dims), &[]) else {
                    return Cursor::Failed;
                };
                self.input = Some(text.clone());
                match self.push(step, computed, Vec::new(), None) {
                    Cursor::At(i) => i,
                    _ => return Cursor::Failed,
                }
            }
            Cursor::Start => {
                let message = format!(
                    "`{text}` starts a statement but has no input; start the chain from a bound name, such as `x => {text}`"
                );
                self.error(step.tokens.clone(), message);
                self.input.get_or_insert_with(String::new);
                return Cursor::Failed;
            }
        };
        let incoming = self.nodes[previous].computed.output_shape.clone();
        if &incoming != network.input_shape() {
            let from = self.describe(previous);
            let expected = network.input_shape();
            let fix = if self.nodes[previous].computed.kind == LayerKind::Input {
                let dims: Vec<String> = expected.dims().iter().map(u64::to_string).collect();
                format!("write `input({})`", dims.join(", "))
            } else {
                format!("change the layers before it so they output {expected}")
            };
            self.error(
                step.tokens.clone(),
                format!(
                    "`{text}` expects an input of {expected}, but {from} outputs {incoming}; {fix}"
                ),
            );
            return Cursor::Failed;
        }
        let last = path
            .segments
            .last()
            .map_or_else(|| text.clone(), |s| s.ident.to_string());
        let computed = Computed {
            output_shape: network.output_shape().clone(),
            params: network.total_params(),
            trainable_params: network.trainable_params(),
            macs: network.total_macs(),
            op: "model".to_string(),
            class_name: last.clone(),
            default_name: snake_case(&last),
            kind: LayerKind::Model,
            config: format!("{} layers", network.layers.len()),
            activation: None,
        };
        let cursor = self.push(step, computed, vec![previous], Some(network));
        if let Some(node) = self.nodes.last_mut() {
            node.model_path = Some(path.clone());
        }
        cursor
    }

    fn finish(
        mut self,
        name: &str,
        output: usize,
    ) -> Result<(Network, Vec<Option<syn::Path>>), Vec<Diagnostic>> {
        self.check_reachability(output);
        self.check_totals();
        if !self.diagnostics.is_empty() {
            return Err(self.diagnostics);
        }
        let names = default_names(&self.nodes);
        let paths = self.nodes.iter().map(|n| n.model_path.clone()).collect();
        let mut layers: Vec<Layer> = Vec::with_capacity(self.nodes.len());
        for (node, layer_name) in self.nodes.into_iter().zip(names) {
            let input_shapes = node
                .inputs
                .iter()
                .map(|&i| layers[i].output_shape.clone())
                .collect();
            layers.push(Layer {
                name: layer_name,
                op: node.computed.op,
                class_name: node.computed.class_name,
                kind: node.computed.kind,
                config: node.computed.config,
                activation: node.computed.activation,
                inputs: node.inputs,
                input_shapes,
                output_shape: node.computed.output_shape,
                params: node.computed.params,
                trainable_params: node.computed.trainable_params,
                macs: node.computed.macs,
                nested: node.nested.map(Box::new),
            });
        }
        Ok((
            Network {
                name: name.to_string(),
                layers,
            },
            paths,
        ))
    }

    /// Reports every chain that ends without reaching the output.
    fn check_reachability(&mut self, output: usize) {
        let count = self.nodes.len();
        let mut reaches = vec![false; count];
        reaches[output] = true;
        for i in (0..count).rev() {
            if reaches[i] {
                for &input in &self.nodes[i].inputs {
                    reaches[input] = true;
                }
            }
        }
        let mut consumed = vec![false; count];
        for node in &self.nodes {
            for &input in &node.inputs {
                consumed[input] = true;
            }
        }
        for i in 0..count {
            if reaches[i] || consumed[i] {
                continue;
            }
            let node = &self.nodes[i];
            let message = match &node.alias {
                Some(alias) => format!(
                    "`{} as {alias}` never reaches the network's output; use `{alias}` in a later step, such as `add({alias})` or `concat({alias}, …)`, or remove it",
                    node.step_text
                ),
                None => format!(
                    "the branch ending in `{}` never reaches the network's output; name it with `as NAME` and merge it later, or remove it",
                    node.step_text
                ),
            };
            let tokens = node.tokens.clone();
            self.error(tokens, message);
        }
    }

    /// Reports the step where a network total first overflows a `u64`.
    fn check_totals(&mut self) {
        let mut params = 0u64;
        let mut macs = 0u64;
        for i in 0..self.nodes.len() {
            let node = &self.nodes[i];
            let next_params = params.checked_add(node.computed.params);
            let next_macs = macs.checked_add(node.computed.macs);
            match (next_params, next_macs) {
                (Some(p), Some(m)) => {
                    params = p;
                    macs = m;
                }
                _ => {
                    let what = if next_params.is_none() {
                        "parameter"
                    } else {
                        "MAC"
                    };
                    let message = format!(
                        "`{}` makes the network's total {what} count overflow the 64-bit limit of {}; use smaller sizes",
                        node.step_text,
                        crate::shape::group_thousands(u64::MAX)
                    );
                    let tokens = node.tokens.clone();
                    self.error(tokens, message);
                    return;
                }
            }
        }
    }
}

fn op_keyword(op: &Op) -> String {
    match op {
        Op::Add => "add".into(),
        Op::Multiply => "multiply".into(),
        Op::Concat { .. } => "concat".into(),
        _ => String::new(),
    }
}

fn snake_case(name: &str) -> String {
    let mut out = String::new();
    for (i, ch) in name.chars().enumerate() {
        if ch.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(ch.to_ascii_lowercase());
        } else {
            out.push(ch);
        }
    }
    out
}

/// Keras's default names: the first `conv2d`, then `conv2d_1`, `conv2d_2`, …, skipping names given with `as`.
fn default_names(nodes: &[Node]) -> Vec<String> {
    let taken: HashSet<&str> = nodes.iter().filter_map(|n| n.alias.as_deref()).collect();
    let mut counters: HashMap<&str, u64> = HashMap::new();
    let mut names = Vec::with_capacity(nodes.len());
    for node in nodes {
        if let Some(alias) = &node.alias {
            names.push(alias.clone());
            continue;
        }
        let base = node.computed.default_name.as_str();
        let counter = counters.entry(base).or_insert(0);
        loop {
            let candidate = if *counter == 0 {
                base.to_string()
            } else {
                format!("{base}_{counter}")
            };
            *counter += 1;
            if !taken.contains(candidate.as_str()) {
                names.push(candidate);
                break;
            }
        }
    }
    names
}
