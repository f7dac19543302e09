//! The module graph reads one way: every `crate::` path in `src/` goes from a module to one in
//! its own layer or a lower one, and the top-level modules import each other in no circle.
//! The layers are the ones `src/lib.rs` draws.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Top-level modules, lowest layer first. A module may use its own layer and those before it.
const LAYERS: &[&[&str]] = &[
    &["error", "fingerprint"],
    &["posting", "analysis", "geo"],
    &["skills"],
    &["source", "schema", "enrich", "directory"],
    &["store"],
    &["indexer", "search", "relevance"],
    &["ingest", "publish", "render"],
    &["server", "bench", "generate"],
];

/// Names the crate root re-exports, and the module each comes from.
const ROOT_REEXPORTS: &[(&str, &str)] = &[
    ("Error", "error"),
    ("ErrorCode", "error"),
    ("Result", "error"),
    ("Posting", "posting"),
];

fn layer_of(module: &str) -> usize {
    LAYERS
        .iter()
        .position(|layer| layer.contains(&module))
        .unwrap_or_else(|| panic!("module `{module}` is in no layer: add it to LAYERS and lib.rs"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of `text` without comments (line comments, doc comments, block comments);
/// string literals are kept, which is harmless: none spells a `crate::` path.
fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.find('\n').map_or("", |i| &after[i..]);
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.find("*/").map_or("", |i| &after[i + 2..]);
        } else {
            let c = rest.chars().next().unwrap();
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

fn ident_at(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    &text[..end]
}

/// The first path segments named after `crate::` in `code`: `crate::a::B` gives `a`,
/// `use crate::{a::B, c, D}` gives `a`, `c` and `D`.
fn crate_paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        if at > 0 {
            let before = code[..at].chars().next_back().unwrap();
            if before.is_alphanumeric() || before == '_' || before == '$' {
                continue;
            }
        }
        let rest = code[at + "crate::".len()..].trim_start();
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let mut expect_name = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    ',' if depth == 1 => expect_name = true,
                    c if depth == 1 && expect_name && (c.is_alphabetic() || c == '_') => {
                        out.push(ident_at(&group[i..]).to_owned());
                        expect_name = false;
                    }
                    _ => {}
                }
            }
        } else {
            out.push(ident_at(rest).to_owned());
        }
    }
    out
}

/// The top-level module a first path segment names.
fn module_named(segment: &str) -> Option<&str> {
    if let Some((_, module)) = ROOT_REEXPORTS.iter().find(|(name, _)| *name == segment) {
        return Some(module);
    }
    let lowest = segment.chars().next()?.is_lowercase();
    assert!(
        lowest || segment == "self",
        "`crate::{segment}` is a root item the test does not know: add it to ROOT_REEXPORTS"
    );
    (segment != "self").then_some(segment)
}

/// Every import between top-level modules: (from, to) → the files where it is written.
fn module_graph() -> BTreeMap<(String, String), BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut graph: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let relative = file
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let from = relative
            .split('/')
            .next()
            .unwrap()
            .trim_end_matches(".rs")
            .to_owned();
        // The binary (main.rs and its cli.rs) may use every module; lib.rs declares them.
        if ["main", "cli", "lib"].contains(&from.as_str()) {
            continue;
        }
        let code = strip_comments(&fs::read_to_string(&file).unwrap());
        for segment in crate_paths(&code) {
            if let Some(to) = module_named(&segment) {
                if to != from {
                    graph
                        .entry((from.clone(), to.to_owned()))
                        .or_default()
                        .insert(relative.clone());
                }
            }
        }
    }
    graph
}

#[test]
fn the_path_parser_finds_every_form() {
    let code = "use crate::search::{Engine, Hit};\nuse crate::{\n    error::Error,\n    \
                geo::{a, b},\n    Posting,\n};\nlet x = crate::skills::tag(p);\n\
                let y = my_crate::nope::x();";
    assert_eq!(
        crate_paths(&strip_comments(code)),
        ["search", "error", "geo", "Posting", "skills"]
    );
    assert_eq!(
        crate_paths(&strip_comments(
            "/// [`crate::server`]\n// crate::bench\n/* crate::x */"
        )),
        Vec::<String>::new()
    );
}

#[test]
fn every_import_goes_to_the_same_or_a_lower_layer() {
    let graph = module_graph();
    assert!(
        graph.contains_key(&("search".to_owned(), "schema".to_owned())),
        "the parser must see imports"
    );
    let upward: Vec<String> = graph
        .iter()
        .filter(|((from, to), _)| layer_of(to) > layer_of(from))
        .map(|((from, to), files)| format!("{from} -> {to} in {files:?}"))
        .collect();
    assert!(
        upward.is_empty(),
        "imports against the layers:\n{}",
        upward.join("\n")
    );
}

#[test]
fn top_level_modules_import_each_other_in_no_circle() {
    let graph = module_graph();
    let mut edges: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (from, to) in graph.keys() {
        edges.entry(from).or_default().push(to);
    }
    // Depth-first search; a module met again while still on the path closes a circle.
    fn visit<'a>(
        node: &'a str,
        edges: &BTreeMap<&'a str, Vec<&'a str>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<&'a str>> {
        if let Some(start) = path.iter().position(|n| *n == node) {
            let mut circle = path[start..].to_vec();
            circle.push(node);
            return Some(circle);
        }
        if !done.insert(node) {
            return None;
        }
        path.push(node);
        for next in edges.get(node).into_iter().flatten() {
            if let Some(circle) = visit(next, edges, path, done) {
                return Some(circle);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    for node in edges.keys() {
        if let Some(circle) = visit(node, &edges, &mut Vec::new(), &mut done) {
            panic!(
                "modules import each other in a circle: {}",
                circle.join(" -> ")
            );
        }
    }
}

#[test]
fn the_binary_is_argument_parsing_and_calls() {
    let main =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/main.rs")).unwrap();
    let lines = main.lines().count();
    assert!(
        lines < 250,
        "src/main.rs has {lines} lines: move library work into the library"
    );
}

#[test]
fn every_top_level_module_has_a_layer() {
    let lib = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    for line in lib.lines() {
        if let Some(name) = line.trim().strip_prefix("pub mod ") {
            layer_of(name.trim_end_matches(';'));
        }
    }
}
