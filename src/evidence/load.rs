//! Reading an evidence file: refusing what is too large or not text, choosing YAML or
//! (by extension) JSON, and turning each parser's error into an [`Problem`] that names
//! the file, the line and the column.

use std::path::Path;

use crate::diagnostic::{self, Problem};

use super::model::Evidence;

/// Files larger than this are refused before parsing (16 MiB).
pub const MAX_EVIDENCE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads and parses an evidence file, YAML or (by extension) JSON.
pub fn load(path: &Path) -> Result<Evidence, Problem> {
    load_with_text(path).map(|(evidence, _)| evidence)
}

/// Like [`load`], also returning the text read, for messages and locations that
/// point into the file.
pub fn load_with_text(path: &Path) -> Result<(Evidence, String), Problem> {
    let text = crate::read::text(path, MAX_EVIDENCE_BYTES, "evidence")?;
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let evidence = if is_json {
        parse_json(&text, path)
    } else {
        parse_yaml(&text, path)
    }?;
    Ok((evidence, text))
}

/// Parses evidence YAML; `origin` names the file in messages.
pub fn parse_yaml(text: &str, origin: &Path) -> Result<Evidence, Problem> {
    if is_blank_yaml(text) {
        return Err(Problem::new(
            origin,
            None,
            "the evidence file is empty; it needs at least `version: 1` (see \"Evidence format v1\" in docs/reference.md)",
        ));
    }
    parse_yaml_within(text, origin, MAX_YAML_NODES)
}

/// [`parse_yaml`] with a node budget of `max_nodes`.
fn parse_yaml_within(text: &str, origin: &Path, max_nodes: usize) -> Result<Evidence, Problem> {
    parse_within(text, origin, max_nodes)
}

/// Parses another YAML document pmcheck reads (a narratives file) with the evidence
/// file's parser settings and located errors.
pub fn parse_yaml_document<T: serde::de::DeserializeOwned>(
    text: &str,
    origin: &Path,
) -> Result<T, Problem> {
    parse_within(text, origin, MAX_YAML_NODES)
}

fn parse_within<T: serde::de::DeserializeOwned>(
    text: &str,
    origin: &Path,
    max_nodes: usize,
) -> Result<T, Problem> {
    // Comments are never read back, so the parser need not keep them.
    let options = serde_saphyr::options! {
        strict_booleans: true,
        emit_comments: false,
        budget: serde_saphyr::budget! {
            max_nodes: max_nodes,
            // Every node but a scalar also ends: twice the nodes, and the stream's own events.
            max_events: 2 * max_nodes + 16,
        },
    };
    serde_saphyr::from_str_with_options::<T>(text, options)
        .map_err(|e| yaml_error(&e, text, origin, max_nodes))
}

/// An error from serde-saphyr as a located [`Problem`], in words a person can act on.
fn yaml_error(e: &serde_saphyr::Error, text: &str, origin: &Path, max_nodes: usize) -> Problem {
    let e = e.without_snippet();
    let mut at = e.location().map(|l| (l.line(), l.column()));
    let message = if let Some(message) = budget_message(e, max_nodes) {
        message
    } else if is_tab_error(e) {
        // The parser reports where it was when it met the tab: the start of the value
        // before it (a line early) or just after the tab. Point at the tab itself.
        match at.and_then(|(line, _)| indenting_tab(text, line)) {
            Some(tab) => {
                at = Some(tab);
                TAB_MESSAGE.to_owned()
            }
            None => "a tab where YAML allows only spaces; replace the tab with spaces".to_owned(),
        }
    } else {
        diagnostic::improve_serde_message(&e.to_string())
    };
    Problem::new(origin, at, message).with_source_text(text)
}

/// What a tab that indents a YAML line is told.
const TAB_MESSAGE: &str =
    "a tab indents this line; YAML indents with spaces, not tabs: replace the tab with spaces";

/// Whether serde-saphyr refused a tab where YAML allows only spaces.
fn is_tab_error(e: &serde_saphyr::Error) -> bool {
    use serde_saphyr::ExternalMessageSource;
    use serde_saphyr::granit_parser::ErrorKind;
    let serde_saphyr::Error::ExternalMessage { source, .. } = e else {
        return false;
    };
    let ExternalMessageSource::Parser(scan) = &**source else {
        return false;
    };
    matches!(
        scan.kind(),
        ErrorKind::TabNotAllowed
            | ErrorKind::TabInBlockIndentation
            | ErrorKind::TabInIndentation
            | ErrorKind::TabInPlainScalar
            | ErrorKind::TabAtBlockScalarStart
    )
}

/// The line and column (1-based) of the first tab in the indentation of a line from
/// `from_line` on, skipping blank and comment lines (a tab there is harmless). One pass
/// over the text from that line, stopping at the first such tab.
fn indenting_tab(text: &str, from_line: u64) -> Option<(u64, u64)> {
    let skip = usize::try_from(from_line.checked_sub(1)?).ok()?;
    text.lines().enumerate().skip(skip).find_map(|(i, line)| {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        let rest = line[indent..].trim_end();
        let tab = line[..indent].find('\t')?;
        (!rest.is_empty() && !rest.starts_with('#')).then_some((i as u64 + 1, tab as u64 + 1))
    })
}

/// The most YAML nodes (keys, values, lists and mappings) one evidence file may hold.
/// serde-saphyr's default, 250,000, refuses a legitimate 4 MB file of 10,000 service
/// areas with ten years, five measures and three sources each (about 260,000 nodes).
/// Two million admits any file within the other limits written at eight bytes a node
/// or more (block or flow style, 16 MiB), and still stops a file of one-letter list
/// entries after about 2.5 seconds and 130 MB (measured on a release build).
pub const MAX_YAML_NODES: usize = 2_000_000;

/// serde-saphyr's budget breaches in words, with the limit pmcheck sets.
fn budget_message(e: &serde_saphyr::Error, max_nodes: usize) -> Option<String> {
    use serde_saphyr::budget::BudgetBreach;
    let serde_saphyr::Error::Budget { breach, .. } = e else {
        return None;
    };
    let limits = serde_saphyr::Budget::default();
    let what = match breach {
        BudgetBreach::Nodes { .. } | BudgetBreach::Events { .. } => format!(
            "more than {} YAML nodes (keys, values, lists and mappings)",
            thousands(max_nodes)
        ),
        BudgetBreach::Aliases { .. } => format!(
            "more than {} aliases (`*name`)",
            thousands(limits.max_aliases)
        ),
        BudgetBreach::Anchors { .. } => format!(
            "more than {} anchors (`&name`)",
            thousands(limits.max_anchors)
        ),
        BudgetBreach::AliasAnchorRatio { .. } => format!(
            "more than {} aliases for each anchor (`&name` used as `*name`)",
            limits.alias_anchor_ratio_multiplier
        ),
        BudgetBreach::RecordedAnchorEvents { .. } | BudgetBreach::RecordedAnchorBytes { .. } => {
            "anchors (`&name`) whose aliases (`*name`) copy too much of the file".to_owned()
        }
        BudgetBreach::Depth { .. } => format!("nesting deeper than {} levels", limits.max_depth),
        BudgetBreach::ScalarBytes { .. } => format!(
            "more than {} MiB of text in values",
            limits.max_total_scalar_bytes / (1024 * 1024)
        ),
        BudgetBreach::MergeKeys { .. } => format!(
            "more than {} merge keys (`<<`)",
            thousands(limits.max_merge_keys)
        ),
        BudgetBreach::Documents { .. } => "too many YAML documents (separated by `---`)".to_owned(),
        other => format!("a YAML limit ({other:?})"),
    };
    let advice = "(see \"Errors\" in docs/reference.md); remove what the evaluation does not need";
    Some(format!(
        "the file has {what}, over pmcheck's limit for one evidence file {advice}"
    ))
}

/// `n` with a comma every three digits, as the README writes limits.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// Parses evidence JSON; `origin` names the file in messages.
pub fn parse_json(text: &str, origin: &Path) -> Result<Evidence, Problem> {
    if text.trim().is_empty() {
        return Err(Problem::new(
            origin,
            None,
            "the evidence file is empty; it needs at least {\"version\": 1}",
        ));
    }
    serde_json::from_str::<Evidence>(text).map_err(|e| {
        let at = (e.line() > 0).then(|| (e.line() as u64, e.column() as u64));
        let message = diagnostic::improve_serde_message(&e.to_string());
        Problem::new(origin, at, message).with_source_text(text)
    })
}

/// True when a YAML text holds nothing but whitespace, comments and document markers.
fn is_blank_yaml(text: &str) -> bool {
    text.lines().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#') || t == "---" || t == "..."
    })
}

/// The line on which each top-level key of an evidence file starts: YAML `key:` at
/// the start of a line, or JSON `"key":` indented by at most two spaces. Linear in the
/// size of the text: a line counts only when it looks like a key, and each key is
/// looked up in a set.
pub fn section_lines(text: &str) -> Vec<(String, u64)> {
    let mut out: Vec<(String, u64)> = Vec::new();
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_start_matches('\u{feff}');
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let key = if let Some(rest) = trimmed.strip_prefix('"') {
            (indent <= 2)
                .then(|| rest.split_once('"'))
                .flatten()
                .filter(|(_, after)| after.trim_start().starts_with(':'))
                .map(|(key, _)| key)
        } else if indent == 0 {
            trimmed
                .split_once(':')
                .filter(|(_, after)| after.is_empty() || after.starts_with([' ', '\t']))
                .map(|(key, _)| key.trim_end())
                .filter(|key| {
                    key.starts_with(|c: char| c.is_ascii_alphabetic())
                        && key
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
                })
        } else {
            None
        };
        if let Some(k) = key
            && seen.insert(k)
        {
            out.push((k.to_owned(), n as u64 + 1));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::evidence::MAX_ITEMS;

    /// A fresh folder for one test's files, removed when dropped.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(test: &str) -> Scratch {
            let dir = std::env::temp_dir()
                .join(format!("pmcheck-evidence-{}-{test}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            Scratch(dir)
        }

        fn file(&self, name: &str, contents: &[u8]) -> PathBuf {
            let path = self.0.join(name);
            std::fs::write(&path, contents).unwrap();
            path
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    const YAML_EMPTY: &str = "the evidence file is empty; it needs at least `version: 1` (see \"Evidence format v1\" in docs/reference.md)";
    const JSON_EMPTY: &str = "the evidence file is empty; it needs at least {\"version\": 1}";

    #[test]
    fn a_file_over_16_mib_is_refused_unread() {
        let scratch = Scratch::new("size");
        let path = scratch.file("big.yaml", b"version: 1\n");
        let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        file.set_len(MAX_EVIDENCE_BYTES + 1).unwrap();
        let err = load(&path).unwrap_err();
        assert_eq!(err.file, path);
        assert_eq!(
            err.message,
            format!(
                "the file is {} bytes, over the 16 MiB limit for evidence files",
                MAX_EVIDENCE_BYTES + 1
            )
        );
        assert_eq!(MAX_EVIDENCE_BYTES, 16 * 1024 * 1024);
    }

    #[test]
    fn a_binary_file_is_refused() {
        let scratch = Scratch::new("binary");
        let path = scratch.file("evidence.yaml", b"version: 1\n\0\x01\x02");
        assert_eq!(
            load(&path).unwrap_err().message,
            "this looks like a binary file (it contains NUL bytes); the evidence file must be UTF-8 text"
        );
    }

    #[test]
    fn json_is_chosen_by_the_extension_alone() {
        let scratch = Scratch::new("json");
        // Empty files tell the two parsers apart by their message.
        for (name, expected) in [
            ("e.json", JSON_EMPTY),
            ("e.JSON", JSON_EMPTY),
            ("e.yaml", YAML_EMPTY),
            ("e.yml", YAML_EMPTY),
            ("e.json.txt", YAML_EMPTY),
            ("json", YAML_EMPTY),
        ] {
            let path = scratch.file(name, b"");
            assert_eq!(load(&path).unwrap_err().message, expected, "{name}");
        }
        // YAML syntax in a .json file is a JSON error, with its place.
        let yaml_in_json = scratch.file("yaml.json", b"version: 1\n");
        assert_eq!(load(&yaml_in_json).unwrap_err().line_column(), Some((1, 1)));
        assert!(load(&scratch.file("yaml.yaml", b"version: 1\n")).is_ok());
        let json = scratch.file("ok.json", br#"{"version": 1, "as_of": "2021-05-07"}"#);
        assert_eq!(
            load(&json).unwrap().as_of.unwrap().to_string(),
            "2021-05-07"
        );
    }

    #[test]
    fn the_text_read_comes_back_without_its_byte_order_mark() {
        let scratch = Scratch::new("text");
        let path = scratch.file("e.yaml", "\u{feff}version: 1\n# note\n".as_bytes());
        let (_, text) = load_with_text(&path).unwrap();
        assert_eq!(text, "version: 1\n# note\n");
    }

    #[test]
    fn utf16_evidence_reads_like_its_utf8_twin() {
        let scratch = Scratch::new("utf16");
        let text = "version: 1\r\njurisdiction:\r\n  name: Zürich\r\n  kind: city\r\n";
        for (name, bom, big_endian) in [
            ("le.yaml", [0xFF, 0xFE], false),
            ("be.yaml", [0xFE, 0xFF], true),
        ] {
            let mut bytes = bom.to_vec();
            for unit in text.encode_utf16() {
                bytes.extend(if big_endian {
                    unit.to_be_bytes()
                } else {
                    unit.to_le_bytes()
                });
            }
            let (evidence, read) = load_with_text(&scratch.file(name, &bytes)).unwrap();
            assert_eq!(read, text, "{name}");
            assert_eq!(evidence.jurisdiction.unwrap().name.as_str(), "Zürich");
        }
    }

    #[test]
    fn a_duplicate_service_area_is_located_at_the_later_entry() {
        let origin = Path::new("e.yaml");
        let yaml = "version: 1\nservice_areas:\n  - name: Police\n    years: [2020]\n  - name: Fire\n  - name: \"Police\\u200B\"\n    years: [2019]\n";
        let err = parse_yaml(yaml, origin).unwrap_err();
        assert_eq!(err.line_column(), Some((6, 5)));
        assert_eq!(
            err.source_line.as_deref(),
            Some("  - name: \"Police\\u200B\"")
        );
        assert!(
            err.message.starts_with(
                "service area `Police<U+200B>` is listed twice (entries 1 and 3, `Police` and `Police<U+200B>`"
            ),
            "{}",
            err.message
        );
        let json = r#"{"version": 1, "service_areas": [
            {"name": "Police"},
            {"name": "Fire"},
            {"name": "POLICE"}]}"#;
        assert_eq!(
            parse_json(json, origin)
                .unwrap_err()
                .line_column()
                .map(|(l, _)| l),
            Some(4)
        );
    }

    #[test]
    fn a_tab_in_the_indentation_is_pointed_at() {
        let origin = Path::new("e.yaml");
        let mut yaml = String::from("version: 1\njurisdiction:\n  name: Oakdale\n  kind: city\n");
        for _ in 0..40 {
            yaml.push_str("# filler\n");
        }
        // After a plain scalar the parser stops a line early, at the scalar (46:17).
        yaml.push_str("verification:\n  data_checked: true\n\tcoordinator: Sam\n");
        let err = parse_yaml(&yaml, origin).unwrap_err();
        assert_eq!(err.line_column(), Some((47, 1)));
        assert_eq!(err.message, TAB_MESSAGE);
        assert!(err.message.contains("YAML indents with spaces, not tabs"));
        // After spaces, in block indentation, and a tab-only blank line before it.
        for (text, at) in [
            (
                "version: 1\nverification:\n  data_checked: true\n  \tcoordinator: Sam\n",
                (4, 3),
            ),
            ("version: 1\nverification:\n\tdata_checked: true\n", (3, 1)),
            (
                "version: 1\nservice_areas:\n  - name: A\n\t\n\t- name: B\n",
                (5, 1),
            ),
        ] {
            let err = parse_yaml(text, origin).unwrap_err();
            assert_eq!(
                (err.line_column(), err.message.as_str()),
                (Some(at), TAB_MESSAGE),
                "{text:?}"
            );
        }
        assert_eq!(indenting_tab("a\n\t# note\n \tb\n", 1), Some((3, 2)));
        assert_eq!(indenting_tab("a\nb\tc\n", 1), None);
        assert_eq!(indenting_tab("\ta\nb\n", 2), None);
    }

    #[test]
    fn a_breached_budget_is_told_in_words() {
        let origin = Path::new("e.yaml");
        let yaml = "version: 1\ninitiatives: [crm, crm, crm, crm, crm, crm]\n";
        assert!(parse_yaml_within(yaml, origin, 16).is_ok());
        let err = parse_yaml_within(yaml, origin, 6).unwrap_err();
        assert_eq!(
            err.message,
            "the file has more than 6 YAML nodes (keys, values, lists and mappings), over pmcheck's limit for one evidence file (see \"Errors\" in docs/reference.md); remove what the evaluation does not need"
        );
        assert_eq!(err.line_column().map(|(line, _)| line), Some(2));
        assert_eq!(thousands(MAX_YAML_NODES), "2,000,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
    }

    #[test]
    fn ten_thousand_service_areas_with_ten_years_each_load() {
        // About 260,000 nodes: over serde-saphyr's default budget, well within pmcheck's.
        let mut yaml = String::from("version: 1\nservice_areas:\n");
        for i in 0..MAX_ITEMS {
            yaml.push_str(&format!(
                "  - name: Area {i}\n    years: [2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020]\n    measures: [input, output, workload, efficiency, outcome]\n    sources: [a.pdf, b.pdf, c.pdf]\n"
            ));
        }
        let evidence = parse_yaml(&yaml, Path::new("e.yaml")).unwrap();
        assert_eq!(evidence.service_areas.0.len(), MAX_ITEMS);
    }

    #[test]
    fn a_missing_file_is_named() {
        let path = Path::new("no/such/evidence.yaml");
        let err = load(path).unwrap_err();
        assert_eq!(err.file, path);
        assert_eq!(
            err.message,
            "no such file; check the path of the evidence file"
        );
    }

    #[test]
    fn comments_and_document_markers_alone_are_empty() {
        let origin = Path::new("e.yaml");
        for text in ["", "\n  \n", "# version: 1\n", "---\n# nothing yet\n...\n"] {
            let err = parse_yaml(text, origin).unwrap_err();
            assert_eq!(
                (err.message.as_str(), err.line_column()),
                (YAML_EMPTY, None),
                "{text:?}"
            );
        }
        assert_eq!(parse_json(" \n\t", origin).unwrap_err().message, JSON_EMPTY);
        assert!(!is_blank_yaml("# Oakdale\n---\nversion: 1\n"));
    }

    #[test]
    fn booleans_are_strict() {
        let origin = Path::new("e.yaml");
        let flag = |value: &str| {
            parse_yaml(
                &format!("version: 1\nverification:\n  data_checked: {value}\n"),
                origin,
            )
        };
        assert!(flag("true").unwrap().verification.data_checked);
        assert!(!flag("false").unwrap().verification.data_checked);
        for yaml_1_1 in ["yes", "no", "on", "off", "y"] {
            let err = flag(yaml_1_1).unwrap_err();
            assert_eq!(err.line_column(), Some((3, 17)), "{yaml_1_1}");
            assert!(
                err.message.starts_with("expected `true` or `false`"),
                "{yaml_1_1}: {}",
                err.message
            );
        }
    }

    #[test]
    fn a_parse_error_points_at_its_line_and_column() {
        let origin = Path::new("e.yaml");
        let err = parse_yaml(
            "version: 1\njurisdiction:\n  name: Oakdale\n  kind: city\n  population: -5\n",
            origin,
        )
        .unwrap_err();
        assert_eq!(err.file, origin);
        assert_eq!(err.line_column(), Some((5, 15)));
        assert_eq!(
            err.message,
            "population -5 is negative; expected a whole number of residents, 0 or more"
        );
        assert_eq!(err.source_line.as_deref(), Some("  population: -5"));

        let origin = Path::new("e.json");
        let err = parse_json("{\"version\": 1,\n  \"as_of\": \"2021-5-7\"}", origin).unwrap_err();
        assert_eq!(err.line_column().map(|(line, _)| line), Some(2));
        assert_eq!(
            err.source_line.as_deref(),
            Some("  \"as_of\": \"2021-5-7\"}")
        );
        assert!(
            err.message.starts_with("`2021-5-7` is not a date"),
            "{}",
            err.message
        );
        let err = parse_json("{\"version\": 1,\n}", origin).unwrap_err();
        assert_eq!(err.line_column(), Some((2, 1)));
    }

    #[test]
    fn section_lines_finds_top_level_keys_only() {
        let yaml = "\u{feff}version: 1\n# c\nservice_areas:\n  - name: x\n    sources: [\nsources,\nas_of,\n    ]\nverification:   # note\n  data_checked: true\nservice_areas:\nas_of: 2021-05-07\nurl:http://x\n";
        assert_eq!(
            section_lines(yaml),
            [
                ("version".to_owned(), 1),
                ("service_areas".to_owned(), 3),
                ("verification".to_owned(), 9),
                ("as_of".to_owned(), 12),
            ]
        );
        let json = "{\n  \"version\": 1,\n  \"service_areas\": [\n  \"s0\",\n    \"name\": \"x\"\n  ],\n  \"as_of\" : \"2021-05-07\"\n}\n";
        assert_eq!(
            section_lines(json),
            [
                ("version".to_owned(), 2),
                ("service_areas".to_owned(), 3),
                ("as_of".to_owned(), 7),
            ]
        );
    }
}
