//! Reading an evidence file: refusing what is too large or not text, choosing YAML or
//! (by extension) JSON, and turning each parser's error into an [`InputError`] that names
//! the file, the line and the column.

use std::path::Path;

use crate::diagnostic::{self, InputError};

use super::model::Evidence;

/// Files larger than this are refused before parsing (16 MiB).
pub const MAX_EVIDENCE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads and parses an evidence file, YAML or (by extension) JSON.
pub fn load(path: &Path) -> Result<Evidence, InputError> {
    load_with_text(path).map(|(evidence, _)| evidence)
}

/// Like [`load`], also returning the text read, for messages and locations that
/// point into the file.
pub fn load_with_text(path: &Path) -> Result<(Evidence, String), InputError> {
    let text = diagnostic::read_text(path, MAX_EVIDENCE_BYTES, "evidence")?;
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
pub fn parse_yaml(text: &str, origin: &Path) -> Result<Evidence, InputError> {
    if is_blank_yaml(text) {
        return Err(InputError::new(
            origin,
            None,
            "the evidence file is empty; it needs at least `version: 1` (see the README for the format)",
        ));
    }
    // Comments are never read back, so the parser need not keep them.
    let options = serde_saphyr::options! { strict_booleans: true, emit_comments: false };
    serde_saphyr::from_str_with_options::<Evidence>(text, options).map_err(|e| {
        let at = e.location().map(|l| (l.line(), l.column()));
        let message = diagnostic::improve_serde_message(&e.without_snippet().to_string());
        InputError::new(origin, at, message).with_source_text(text)
    })
}

/// Parses evidence JSON; `origin` names the file in messages.
pub fn parse_json(text: &str, origin: &Path) -> Result<Evidence, InputError> {
    if text.trim().is_empty() {
        return Err(InputError::new(
            origin,
            None,
            "the evidence file is empty; it needs at least {\"version\": 1}",
        ));
    }
    serde_json::from_str::<Evidence>(text).map_err(|e| {
        let at = (e.line() > 0).then(|| (e.line() as u64, e.column() as u64));
        let message = diagnostic::improve_serde_message(&e.to_string());
        InputError::new(origin, at, message).with_source_text(text)
    })
}

/// True when a YAML text holds nothing but whitespace, comments and document markers.
fn is_blank_yaml(text: &str) -> bool {
    text.lines().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#') || t == "---" || t == "..."
    })
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

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

    const YAML_EMPTY: &str = "the evidence file is empty; it needs at least `version: 1` (see the README for the format)";
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
        assert_eq!(load(&yaml_in_json).unwrap_err().at, Some((1, 1)));
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
                (err.message.as_str(), err.at),
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
            assert_eq!(err.at, Some((3, 17)), "{yaml_1_1}");
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
        assert_eq!(err.at, Some((5, 15)));
        assert_eq!(
            err.message,
            "population -5 is negative; expected a whole number of residents, 0 or more"
        );
        assert_eq!(err.source_line.as_deref(), Some("  population: -5"));

        let origin = Path::new("e.json");
        let err = parse_json("{\"version\": 1,\n  \"as_of\": \"2021-5-7\"}", origin).unwrap_err();
        assert_eq!(err.at.map(|(line, _)| line), Some(2));
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
        assert_eq!(err.at, Some((2, 1)));
    }
}
