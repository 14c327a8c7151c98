//! The library's layers point down only (docs/development.md, "Architecture"): a
//! module may use the modules of the layers below its own, never one of its own layer
//! or above. Read from the source, every `crate::` path outside comments.

use std::collections::BTreeSet;
use std::path::Path;

/// Bottom first. Modules on one line are one layer, independent of each other.
const LAYERS: &[&[&str]] = &[
    &["text"],
    &["diagnostic"],
    &["read"],
    &["vocab"],
    &["evidence", "criteria", "measures"],
    &["inputs"],
    &["evaluate"],
    &["publish"],
    &["report"],
    &["write"],
    &["cli"],
];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level modules named by `crate::` paths in `text` (and in `use crate::{a, b}`).
fn used_modules(text: &str) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    for line in text.lines() {
        let code = line.trim_start();
        if code.starts_with("//") {
            continue;
        }
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            let after = &rest[i + "crate::".len()..];
            if let Some(group) = after.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                for part in group[..end].split(',') {
                    let name: String = part
                        .trim()
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    if !name.is_empty() {
                        used.insert(name);
                    }
                }
            } else {
                let name: String = after
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    used.insert(name);
                }
            }
            rest = after;
        }
    }
    used
}

#[test]
fn modules_import_only_the_layers_below_their_own() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut wrong = Vec::new();
    let mut modules = BTreeSet::new();
    for file in &files {
        let relative = file.strip_prefix(&src).unwrap();
        let first = relative.components().next().unwrap().as_os_str();
        let module = first.to_str().unwrap().trim_end_matches(".rs").to_owned();
        if module == "main" || module == "lib" {
            continue;
        }
        let Some(own) = layer(&module) else {
            wrong.push(format!(
                "{module}: a top-level module in no layer of LAYERS"
            ));
            continue;
        };
        modules.insert(module.clone());
        let text = std::fs::read_to_string(file).unwrap();
        for used in used_modules(&text) {
            if used == module {
                continue;
            }
            match layer(&used) {
                Some(l) if l < own => {}
                Some(_) => wrong.push(format!(
                    "{}: `{module}` uses `crate::{used}`, of its own layer or above",
                    relative.display()
                )),
                None => wrong.push(format!(
                    "{}: `crate::{used}` is in no layer",
                    relative.display()
                )),
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    let listed: BTreeSet<String> = LAYERS
        .iter()
        .flat_map(|l| l.iter())
        .map(|m| m.to_string())
        .collect();
    assert_eq!(
        modules, listed,
        "LAYERS lists exactly the top-level modules"
    );
}

#[test]
fn the_reader_of_crate_paths_sees_groups_and_skips_comments() {
    let text = "use crate::{evidence::Date, text};\n// crate::report\nlet x = crate::write::f();\n";
    let used: Vec<String> = used_modules(text).into_iter().collect();
    assert_eq!(used, ["evidence", "text", "write"]);
}

#[test]
fn the_layers_in_the_development_guide_are_these() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/development.md"))
        .unwrap();
    for layer in LAYERS {
        let line = layer
            .iter()
            .map(|m| format!("`{m}`"))
            .collect::<Vec<_>>()
            .join(", ");
        assert!(
            doc.contains(&line),
            "docs/development.md does not list the layer {line}"
        );
    }
}

/// docs/development.md, "Unit tests follow one convention": one `#[cfg(test)] mod tests`
/// per file, its last item; in a file of its own it is `tests.rs` in a folder module
/// or `NAME_tests.rs` beside `NAME.rs`, declared with `#[path]`.
#[test]
fn unit_tests_follow_one_convention() {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let mut wrong = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let name = path.file_name().unwrap().to_str().unwrap();
        if name == "tests.rs" || name.ends_with("_tests.rs") {
            continue;
        }
        let lines: Vec<&str> = text.lines().collect();
        let at: Vec<usize> = (0..lines.len())
            .filter(|&i| lines[i] == "#[cfg(test)]")
            .collect();
        match at.as_slice() {
            [] => {}
            [i] => {
                let rest = &lines[i + 1..];
                let stem = name.trim_end_matches(".rs");
                let declared = rest.first().copied().unwrap_or("");
                let ok = match declared {
                    "mod tests {" => rest.last() == Some(&"}"),
                    "mod tests;" => rest.len() == 1 && name == "mod.rs",
                    p if p == format!("#[path = \"{stem}_tests.rs\"]") => {
                        rest.get(1) == Some(&"mod tests;") && rest.len() == 2
                    }
                    _ => false,
                };
                if !ok {
                    wrong.push(format!("{}: `{declared}`", path.display()));
                }
            }
            _ => wrong.push(format!("{}: {} test modules", path.display(), at.len())),
        }
    }
    assert!(
        wrong.is_empty(),
        "not the convention:\n{}",
        wrong.join("\n")
    );
}
