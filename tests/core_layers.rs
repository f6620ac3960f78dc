//! The core's architecture holds: four layers (basics, template,
//! assessment, exchange), each importing only those before it, and no file
//! importing one that imports it back. Read from the sources, so a new
//! import that breaks either fails here.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

const LAYERS: [&str; 4] = ["basics", "template", "assessment", "exchange"];

/// Every core file (`layer::file`) and the core files it names.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let core = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/core");
    let mut out = BTreeMap::new();
    for layer in LAYERS {
        for entry in fs::read_dir(core.join(layer)).unwrap() {
            let path = entry.unwrap().path();
            let file = path.file_stem().unwrap().to_str().unwrap().to_string();
            if file == "mod" {
                continue;
            }
            let text = fs::read_to_string(&path).unwrap();
            let me = format!("{layer}::{file}");
            let named: BTreeSet<String> = text
                .match_indices("crate::core::")
                .filter_map(|(i, m)| {
                    let rest = &text[i + m.len()..];
                    let mut parts = rest.split("::");
                    let (layer, file) = (parts.next()?, parts.next()?);
                    let file: String = file.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                    LAYERS.contains(&layer).then(|| format!("{layer}::{file}"))
                })
                .filter(|n| *n != me)
                .collect();
            out.insert(me, named);
        }
    }
    out
}

#[test]
fn each_layer_imports_only_the_layers_before_it() {
    let rank = |m: &str| LAYERS.iter().position(|l| m.starts_with(&format!("{l}::"))).unwrap();
    let all = imports();
    assert!(all.len() > 20, "the core files were found: {}", all.len());
    for (file, named) in &all {
        for other in named {
            assert!(rank(other) <= rank(file), "{file} imports {other}, a later layer");
        }
    }
}

#[test]
fn no_core_file_imports_one_that_imports_it_back() {
    let all = imports();
    // Depth-first from every file: reaching the start again is a cycle.
    for start in all.keys() {
        let mut stack: Vec<(&String, Vec<&String>)> = vec![(start, vec![start])];
        let mut seen = BTreeSet::new();
        while let Some((at, path)) = stack.pop() {
            for next in all.get(at).into_iter().flatten() {
                assert!(
                    next != start,
                    "import cycle: {} → {next}",
                    path.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" → ")
                );
                if seen.insert(next) {
                    let mut longer = path.clone();
                    longer.push(next);
                    stack.push((next, longer));
                }
            }
        }
    }
}
