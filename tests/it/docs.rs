//! The documents (README.md and docs/*.md) checked against the code, ruff's
//! generate-and-check habit: the tables of requirements and codes are generated from the
//! library between marker comments, every relative link resolves, and every runtime
//! message that sends the reader to a document names a heading that exists.
//!
//! A generated region is
//!
//! ```text
//! <!-- generated:NAME -->
//!
//! | ... table ... |
//!
//! <!-- end generated -->
//! ```
//!
//! and `PMCHECK_BLESS_DOCS=1 cargo test --locked --test it docs` rewrites every region
//! from the code.

// The library, in one place: when these types move, only this block changes.
mod lib {
    use pmcheck::criteria::{BUNDLED, DEFAULT_CRITERIA, bundled};
    pub use pmcheck::criteria::{Criteria, Requirement};
    use pmcheck::diagnostic::WarningCode;
    use pmcheck::measures::inventory::FindingCode;

    /// The bundled criteria: (id, file), in bundle order.
    pub fn bundled_ids() -> Vec<(&'static str, &'static str)> {
        BUNDLED.iter().map(|(id, file, _)| (*id, *file)).collect()
    }
    pub const DEFAULT: &str = DEFAULT_CRITERIA;
    pub fn criteria(id: &str) -> Criteria {
        bundled(id).unwrap_or_else(|e| panic!("bundled criteria {id}: {e}"))
    }
    /// Every warning code with its one-line summary.
    pub fn warning_codes() -> Vec<(&'static str, &'static str)> {
        WarningCode::ALL
            .iter()
            .map(|c| (c.id(), c.summary()))
            .collect()
    }
    /// Every measures finding code with its severity and description.
    pub fn finding_codes() -> Vec<(&'static str, &'static str, &'static str)> {
        FindingCode::ALL
            .iter()
            .map(|c| (c.id(), c.severity().id(), c.describe()))
            .collect()
    }
}

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const BLESS: &str = "PMCHECK_BLESS_DOCS";
const REGENERATE: &str = "PMCHECK_BLESS_DOCS=1 cargo test --locked --test it docs";
const END: &str = "<!-- end generated -->";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// README.md and every docs/*.md, as paths relative to the repository root.
fn documents() -> Vec<PathBuf> {
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| p.strip_prefix(root()).unwrap().to_owned())
        .collect();
    docs.sort();
    docs.insert(0, PathBuf::from("README.md"));
    docs
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

// ---------------------------------------------------------------------------------------
// Generated tables

/// A table cell: Markdown-safe in a table row (a `|` would end the cell, a line break the
/// row). Inline Markdown (code spans in readings) is kept: the texts are written for it.
fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A Markdown table; every cell goes through [`cell`].
fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let line = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
    let mut out = line(header.iter().map(|h| cell(h)).collect());
    out += &line(header.iter().map(|_| "---".to_owned()).collect());
    for row in rows {
        out += &line(row.iter().map(|c| cell(c)).collect());
    }
    out
}

fn code(text: &str) -> String {
    format!("`{text}`")
}

fn codes_table(codes: &[(&str, &str)]) -> String {
    let rows: Vec<Vec<String>> = codes
        .iter()
        .map(|(id, meaning)| vec![code(id), meaning.to_string()])
        .collect();
    table(&["Code", "Meaning"], &rows)
}

fn finding_codes_table() -> String {
    let rows: Vec<Vec<String>> = lib::finding_codes()
        .iter()
        .map(|(id, severity, meaning)| vec![code(id), severity.to_string(), meaning.to_string()])
        .collect();
    table(&["Code", "Severity", "Meaning"], &rows)
}

/// The bundled criteria: how `--criteria` names them, their file, title and levels.
fn bundled_criteria_table() -> String {
    let rows: Vec<Vec<String>> = lib::bundled_ids()
        .into_iter()
        .map(|(id, file)| {
            let c = lib::criteria(id);
            let mut name = code(id);
            if let Some(short) = id.strip_prefix(&format!("{}-", c.framework)) {
                name += &format!(" or {}", code(short));
            }
            if id == lib::DEFAULT {
                name += " (default)";
            }
            let levels: Vec<&str> = c.levels.iter().map(|l| l.id.as_str()).collect();
            vec![name, code(file), c.title.clone(), levels.join(", ")]
        })
        .collect();
    table(&["`--criteria`", "File", "Framework", "Levels"], &rows)
}

/// One text per criteria version: the text when all agree; otherwise the sentences they
/// share, then what each version says after them (`Optional in 2021.` against
/// `Required from 2022.`).
fn merged(texts: &[(String, String)]) -> String {
    let first = &texts[0].1;
    if texts.iter().all(|(_, t)| t == first) {
        return first.clone();
    }
    // The longest common prefix that ends a sentence.
    let mut shared = 0;
    for (at, _) in first.match_indices(". ") {
        let prefix = &first[..at + 2];
        if texts.iter().all(|(_, t)| t.starts_with(prefix)) {
            shared = at + 2;
        }
    }
    let tails: Vec<String> = texts
        .iter()
        .map(|(version, t)| format!("*{version}:* {}", &t[shared..]))
        .collect();
    format!("{}{}", &first[..shared], tails.join(" "))
}

/// Every requirement of one framework's criteria versions (`ids`, oldest first): its
/// category, level, id, wording and pmcheck's reading, in the file order of the newest
/// version; where versions differ, each version's words are given.
fn requirements_table(ids: &[&str], wording: &str) -> String {
    let versions: Vec<lib::Criteria> = ids.iter().map(|id| lib::criteria(id)).collect();
    let newest = versions.last().unwrap();
    let mut order: Vec<String> = newest.requirements.iter().map(|r| r.id.clone()).collect();
    for c in &versions {
        for r in &c.requirements {
            if !order.contains(&r.id) {
                order.push(r.id.clone());
            }
        }
    }
    let rows: Vec<Vec<String>> = order
        .iter()
        .map(|id| {
            let present: Vec<(&lib::Criteria, &lib::Requirement)> = versions
                .iter()
                .filter_map(|c| c.requirements.iter().find(|r| &r.id == id).map(|r| (c, r)))
                .collect();
            let (c, r) = *present.last().unwrap();
            let mut level = c.levels[r.level].name.clone();
            let optional: Vec<&str> = present
                .iter()
                .filter(|(_, r)| r.optional)
                .map(|(c, _)| c.version.as_str())
                .collect();
            if !optional.is_empty() {
                if optional.len() == versions.len() {
                    level += " (optional)";
                } else {
                    level += &format!(" (optional in {})", optional.join(", "));
                }
            }
            if present.len() < versions.len() {
                let only: Vec<&str> = present.iter().map(|(c, _)| c.version.as_str()).collect();
                level += &format!(" (only in {})", only.join(", "));
            }
            let each = |f: fn(&lib::Requirement) -> &String| {
                let texts: Vec<(String, String)> = present
                    .iter()
                    .map(|(c, r)| (c.version.clone(), f(r).clone()))
                    .collect();
                merged(&texts)
            };
            vec![
                c.categories[r.category].name.clone(),
                level,
                code(id),
                each(|r| &r.text),
                each(|r| &r.reading),
            ]
        })
        .collect();
    table(
        &[
            "Category",
            "Level",
            "Requirement id",
            wording,
            "pmcheck's reading",
        ],
        &rows,
    )
}

/// Every generated region: its name and how to make it.
/// A generated region's marker name and the function that writes its text.
type Generator = (&'static str, fn() -> String);

fn generators() -> Vec<Generator> {
    vec![
        ("bundled-criteria", bundled_criteria_table),
        ("icma-requirements", || {
            requirements_table(
                &["icma-2021", "icma-2022"],
                "Official wording (ICMA 2021 table)",
            )
        }),
        ("spectrum-requirements", || {
            requirements_table(&["spectrum"], "Wording (pmcheck's rubric)")
        }),
        ("federal-requirements", || {
            requirements_table(&["federal"], "Official wording (Performance.gov)")
        }),
        ("warning-codes", || codes_table(&lib::warning_codes())),
        ("finding-codes", finding_codes_table),
    ]
}

/// The generated regions of a document: name, and the byte range of its body (between
/// the marker lines). Markers count only at the start of a line, so that a document can
/// name them in prose.
fn regions(text: &str, doc: &Path) -> Vec<(String, std::ops::Range<usize>)> {
    const START: &str = "\n<!-- generated:";
    let text_nl = format!("\n{text}"); // offsets in it are one past those in `text`
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = text_nl[from..].find(START) {
        let start = from + at + START.len();
        let line_end = start + text_nl[start..].find('\n').expect("marker line ends");
        let name = text_nl[start..line_end]
            .trim()
            .strip_suffix("-->")
            .unwrap_or_else(|| panic!("{}: a marker must be one line", doc.display()))
            .trim()
            .to_owned();
        let body = line_end + 1;
        let end = body
            + text_nl[body - 1..]
                .find(&format!("\n{END}"))
                .unwrap_or_else(|| panic!("{}: `{name}` has no `{END}` line", doc.display()));
        out.push((name, body - 1..end - 1));
        from = end + END.len();
    }
    out
}

#[test]
fn the_generated_tables_are_what_the_code_says() {
    let bless = std::env::var_os(BLESS).is_some_and(|v| v == "1");
    let generators: BTreeMap<&str, fn() -> String> = generators().into_iter().collect();
    let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut stale = Vec::new();
    for doc in documents() {
        let text = read(&doc);
        let mut fresh = String::new();
        let mut last = 0;
        for (name, range) in regions(&text, &doc) {
            let generate = generators.get(name.as_str()).unwrap_or_else(|| {
                panic!(
                    "{}: no generator for `{name}` (known: {:?})",
                    doc.display(),
                    generators.keys()
                )
            });
            if let Some(other) = seen.insert(name.clone(), doc.clone()) {
                panic!(
                    "`{name}` is generated twice: {} and {}",
                    other.display(),
                    doc.display()
                );
            }
            let body = format!("\n{}\n", generate());
            if text[range.clone()] != body {
                let line = text[..range.start].lines().count();
                stale.push(format!("{}:{line}: `{name}`", doc.display()));
            }
            fresh += &text[last..range.start];
            fresh += &body;
            last = range.end;
        }
        fresh += &text[last..];
        if bless && fresh != text {
            let path = root().join(&doc);
            let mut tmp = tempfile::NamedTempFile::new_in(path.parent().unwrap()).unwrap();
            std::io::Write::write_all(&mut tmp, fresh.as_bytes()).unwrap();
            tmp.persist(&path).unwrap();
        }
    }
    let missing: Vec<&&str> = generators
        .keys()
        .filter(|n| !seen.contains_key(**n))
        .collect();
    assert!(
        missing.is_empty(),
        "no document has a region for {missing:?}: add `<!-- generated:NAME -->` and `{END}` lines where the table belongs, then run `{REGENERATE}`"
    );
    assert!(
        bless || stale.is_empty(),
        "generated tables differ from the code:\n  {}\nRegenerate them with `{REGENERATE}` and review the diff",
        stale.join("\n  ")
    );
}

#[test]
fn a_cell_cannot_break_its_table() {
    assert_eq!(cell("a | b"), "a \\| b");
    assert_eq!(cell("a\nb"), "a b");
    assert_eq!(cell("`x|y`"), "`x\\|y`");
    let t = table(&["A", "B"], &[vec!["1|2".into(), "3".into()]]);
    assert_eq!(t, "| A | B |\n| --- | --- |\n| 1\\|2 | 3 |\n");
}

#[test]
fn regions_are_marked_by_whole_lines() {
    let text = "<!-- generated:a -->\nA\n<!-- end generated -->\nsay `<!-- generated:b -->`\n\n<!-- generated:c -->\n<!-- end generated -->\n";
    let found: Vec<(String, &str)> = regions(text, Path::new("t.md"))
        .into_iter()
        .map(|(name, range)| (name, &text[range]))
        .collect();
    assert_eq!(found, [("a".to_owned(), "A\n"), ("c".to_owned(), "")]);
}

#[test]
fn versions_that_differ_are_each_given_their_words() {
    let t = |v: &str, s: &str| (v.to_owned(), s.to_owned());
    assert_eq!(merged(&[t("1", "Same."), t("2", "Same.")]), "Same.");
    assert_eq!(
        merged(&[t("2021", "A b. Optional."), t("2022", "A b. Required.")]),
        "A b. *2021:* Optional. *2022:* Required."
    );
    assert_eq!(
        merged(&[t("1", "One."), t("2", "Two.")]),
        "*1:* One. *2:* Two."
    );
}

// ---------------------------------------------------------------------------------------
// Headings and links

/// The lines of a Markdown text outside fenced code blocks.
fn prose_lines(text: &str) -> Vec<(usize, &str)> {
    let mut fence: Option<&str> = None;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
        match (fence, marker) {
            (None, Some(m)) => fence = Some(m),
            (Some(f), Some(m)) if f == m => fence = None,
            (None, None) => out.push((n + 1, line)),
            _ => {}
        }
    }
    out
}

/// The ATX headings of a Markdown text, as written (`The inventory: \`pmcheck measures\``).
fn headings(text: &str) -> Vec<String> {
    prose_lines(text)
        .into_iter()
        .filter_map(|(_, line)| {
            let hashes = line.chars().take_while(|c| *c == '#').count();
            let rest = line[hashes..].strip_prefix(' ')?;
            (1..=6)
                .contains(&hashes)
                .then(|| rest.trim().trim_end_matches('#').trim().to_owned())
        })
        .collect()
}

/// GitHub's anchor for a heading: lowercase, spaces to `-`, punctuation dropped but `-`
/// and `_`; a repeated anchor gets `-1`, `-2`, ...
fn slug(heading: &str) -> String {
    heading
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

fn anchors(text: &str) -> Vec<String> {
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    headings(text)
        .iter()
        .map(|h| {
            let s = slug(h);
            let n = count.entry(s.clone()).or_default();
            *n += 1;
            if *n == 1 {
                s
            } else {
                format!("{s}-{}", *n - 1)
            }
        })
        .collect()
}

/// Inline code spans blanked out, so that `[a](b)` shown as code is not a link.
fn without_code_spans(line: &str) -> String {
    let mut out = String::new();
    let mut in_code = false;
    for c in line.chars() {
        if c == '`' {
            in_code = !in_code;
            out.push(' ');
        } else {
            out.push(if in_code { ' ' } else { c });
        }
    }
    out
}

/// The link targets of a Markdown text (inline links and images), with their lines.
fn links(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in prose_lines(text) {
        let line = without_code_spans(line);
        let mut from = 0;
        while let Some(at) = line[from..].find("](") {
            let start = from + at + 2;
            let Some(len) = line[start..].find(')') else {
                break;
            };
            let target = line[start..start + len].trim();
            let target = target.split(" \"").next().unwrap().trim_matches(['<', '>']);
            out.push((n, target.to_owned()));
            from = start + len;
        }
    }
    out
}

#[test]
fn every_relative_link_in_the_documents_resolves() {
    let mut broken = Vec::new();
    for doc in documents() {
        let text = read(&doc);
        let dir = doc.parent().unwrap();
        for (line, target) in links(&text) {
            if ["http://", "https://", "mailto:"]
                .iter()
                .any(|s| target.starts_with(s))
            {
                continue;
            }
            let (path, anchor) = match target.split_once('#') {
                Some((p, a)) => (p, Some(a)),
                None => (target.as_str(), None),
            };
            let file = if path.is_empty() {
                doc.clone()
            } else {
                dir.join(path)
            };
            let where_ = format!("{}:{line}: ({target})", doc.display());
            if !root().join(&file).exists() {
                broken.push(format!("{where_}: no file {}", file.display()));
                continue;
            }
            if let Some(anchor) = anchor {
                if !path.is_empty() && !path.ends_with(".md") {
                    broken.push(format!(
                        "{where_}: an anchor into a file that is not Markdown"
                    ));
                } else if !anchors(&read(&file)).iter().any(|a| a == anchor) {
                    broken.push(format!(
                        "{where_}: {} has no heading whose anchor is #{anchor}",
                        file.display()
                    ));
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "broken links:\n  {}",
        broken.join("\n  ")
    );
}

#[test]
fn anchors_follow_githubs_rules() {
    assert_eq!(slug("Evidence format v1"), "evidence-format-v1");
    assert_eq!(
        slug("The inventory: `pmcheck measures`"),
        "the-inventory-pmcheck-measures"
    );
    assert_eq!(
        slug("Performance Management Spectrum (`--criteria spectrum`)"),
        "performance-management-spectrum---criteria-spectrum"
    );
    assert_eq!(
        slug("Weights, readiness and gaps"),
        "weights-readiness-and-gaps"
    );
    assert_eq!(slug("snake_case and ÄÖ"), "snake_case-and-äö");
    let text = "# A\n## A\n```sh\n# not a heading\n```\n## A\n";
    assert_eq!(anchors(text), ["a", "a-1", "a-2"]);
    assert_eq!(
        links("[x](a.md#b) `[y](c.md)` ![z](d.png \"t\")\n```\n[w](e.md)\n```\n"),
        [(1, "a.md#b".to_owned()), (1, "d.png".to_owned())]
    );
}

// ---------------------------------------------------------------------------------------
// Runtime messages that point at documents

/// The headings runtime messages point at (`see "Limits" in docs/reference.md`), so that
/// renaming one is a change of the messages too.
const POINTED_AT: &[(&str, &str)] = &[
    ("docs/reference.md", "Evidence format v1"),
    ("docs/reference.md", "Errors"),
    ("docs/reference.md", "Limits"),
    ("docs/reference.md", "Warning and finding codes"),
    ("docs/reference.md", "Criteria"),
    ("docs/guide.md", "Measures data"),
    ("docs/guide.md", "Publishing the public report"),
    ("docs/guide.md", "The narratives file"),
];

#[test]
fn the_headings_messages_point_at_exist() {
    for (file, heading) in POINTED_AT {
        let text = read(Path::new(file));
        assert!(
            text.lines().any(|l| l == format!("## {heading}")),
            "{file} has no `## {heading}`, which runtime messages point at"
        );
    }
}

/// A string literal of a Rust source file: the line it starts on and its value.
struct Literal {
    line: usize,
    value: String,
}

/// The string literals of Rust source (normal, raw and byte strings), comments and
/// character literals skipped. Escapes are resolved as far as messages need: `\"`, `\\`,
/// `\n`, `\t` and line continuations; others are kept as written.
fn string_literals(src: &str) -> Vec<Literal> {
    let s: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    let at = |i: usize| s.get(i).copied();
    while i < s.len() {
        let c = s[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c == '/' && at(i + 1) == Some('/') {
            while i < s.len() && s[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == Some('*') {
            let mut depth = 0;
            loop {
                match (at(i), at(i + 1)) {
                    (Some('/'), Some('*')) => {
                        depth += 1;
                        i += 2;
                    }
                    (Some('*'), Some('/')) => {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    }
                    (Some(ch), _) => {
                        line += usize::from(ch == '\n');
                        i += 1;
                    }
                    (None, _) => break,
                }
            }
        } else if c == '\'' {
            // A character literal ('"', '\'', '\u{..}') or a lifetime ('a).
            if at(i + 1) == Some('\\') {
                i += 3;
                while i < s.len() && s[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if at(i + 2) == Some('\'') {
                i += 3;
            } else {
                i += 1;
            }
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < s.len() && (s[i].is_alphanumeric() || s[i] == '_') {
                i += 1;
            }
            let word: String = s[start..i].iter().collect();
            if matches!(word.as_str(), "r" | "br" | "cr") && matches!(at(i), Some('#' | '"')) {
                let hashes = s[i..].iter().take_while(|c| **c == '#').count();
                if at(i + hashes) != Some('"') {
                    continue; // a raw identifier such as r#type
                }
                let close: Vec<char> = std::iter::once('"')
                    .chain(std::iter::repeat_n('#', hashes))
                    .collect();
                let body = i + hashes + 1;
                let mut j = body;
                while j < s.len() && !s[j..].starts_with(&close) {
                    j += 1;
                }
                let value: String = s[body..j.min(s.len())].iter().collect();
                out.push(Literal {
                    line,
                    value: value.clone(),
                });
                line += value.matches('\n').count();
                i = j + close.len();
            }
        } else if c == '"' {
            let start_line = line;
            let mut value = String::new();
            i += 1;
            while i < s.len() && s[i] != '"' {
                if s[i] == '\\' {
                    match at(i + 1) {
                        Some('"') => value.push('"'),
                        Some('\\') => value.push('\\'),
                        Some('n') => value.push('\n'),
                        Some('t') => value.push('\t'),
                        Some('\n') => {
                            line += 1;
                            i += 2;
                            while i < s.len() && s[i].is_whitespace() {
                                line += usize::from(s[i] == '\n');
                                i += 1;
                            }
                            continue;
                        }
                        Some(other) => {
                            value.push('\\');
                            value.push(other);
                        }
                        None => {}
                    }
                    i += 2;
                } else {
                    line += usize::from(s[i] == '\n');
                    value.push(s[i]);
                    i += 1;
                }
            }
            out.push(Literal {
                line: start_line,
                value,
            });
            i += 1;
        } else {
            i += 1;
        }
    }
    out
}

/// Every `see "HEADING" in FILE.md` of a text: (heading, file).
fn pointers(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find("see \"") {
        let start = from + at + "see \"".len();
        from = start;
        let Some(len) = text[start..].find('"') else {
            break;
        };
        let heading = &text[start..start + len];
        let Some(rest) = text[start + len + 1..].strip_prefix(" in ") else {
            continue;
        };
        let file: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || "_./-".contains(*c))
            .collect();
        let file = file.trim_end_matches('.');
        let file = match file.find(".md") {
            Some(end) => &file[..end + 3],
            None => continue,
        };
        if !heading.contains('\\') {
            out.push((heading.to_owned(), file.to_owned()));
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn messages_name_a_document_and_a_heading_it_has() {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let mut problems = Vec::new();
    let mut checked = 0;
    for path in files {
        let shown = path.strip_prefix(root()).unwrap().display().to_string();
        let src = std::fs::read_to_string(&path).unwrap();
        for lit in string_literals(&src) {
            let one_line = lit.value.split_whitespace().collect::<Vec<_>>().join(" ");
            if one_line.contains("in the README") || one_line.contains("see the README") {
                problems.push(format!(
                    "{shown}:{}: names the README, not a document and heading: {one_line:?}",
                    lit.line
                ));
            }
            for (heading, file) in pointers(&lit.value) {
                checked += 1;
                let doc = root().join(&file);
                if !doc.is_file() {
                    problems.push(format!("{shown}:{}: no file {file}", lit.line));
                } else if !headings(&read(Path::new(&file))).contains(&heading) {
                    problems.push(format!(
                        "{shown}:{}: {file} has no heading {heading:?}",
                        lit.line
                    ));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "runtime messages must point at a document and one of its headings (`see \"Limits\" in docs/reference.md`); {checked} pointers checked:\n  {}",
        problems.join("\n  ")
    );
}

#[test]
fn string_literals_are_found_as_the_compiler_sees_them() {
    let src = r####"
// "in a comment"
/* "in /* a nested */ block" */
let c = '"'; let q = '\''; fn f<'a>(x: &'a str) {}
let a = "see \"Limits\" in docs/reference.md";
let b = r#"raw "quoted" text"#; let r#type = 1;
let d = "two \
         lines";
"####;
    let found: Vec<(usize, String)> = string_literals(src)
        .into_iter()
        .map(|l| (l.line, l.value))
        .collect();
    assert_eq!(
        found,
        [
            (5, "see \"Limits\" in docs/reference.md".to_owned()),
            (6, "raw \"quoted\" text".to_owned()),
            (7, "two lines".to_owned()),
        ]
    );
    assert_eq!(
        pointers("limits (see \"Limits\" in docs/reference.md). And see \"X\" in the README"),
        [("Limits".to_owned(), "docs/reference.md".to_owned())]
    );
}
