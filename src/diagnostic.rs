//! Errors about input files that a person can act on: the file, the line and column
//! where known, what is wrong and what would be right.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// A problem with a file the user gave us (evidence or criteria).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub file: PathBuf,
    /// 1-based line and column.
    pub at: Option<(u64, u64)>,
    pub message: String,
    /// The offending source line, shown under the message.
    pub source_line: Option<String>,
}

impl InputError {
    pub fn new(file: &Path, at: Option<(u64, u64)>, message: impl Into<String>) -> InputError {
        InputError {
            file: file.to_path_buf(),
            at,
            message: message.into(),
            source_line: None,
        }
    }

    /// Attaches the line the error points at, taken from the whole source text.
    pub fn with_source_text(mut self, text: &str) -> InputError {
        if let Some((line, _)) = self.at {
            self.source_line = usize::try_from(line)
                .ok()
                .and_then(|l| l.checked_sub(1))
                .and_then(|l| text.lines().nth(l))
                .map(|l| printable(l.trim_end_matches('\r')));
        }
        self
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some((line, column)) = self.at {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": {}", printable(&self.message))?;
        if let (Some((line, column)), Some(src)) = (self.at, &self.source_line) {
            let gutter = line.to_string().len();
            let shown: String = src.chars().take(120).collect();
            write!(f, "\n{:gutter$} |\n{line} | {shown}", "")?;
            let col = usize::try_from(column).unwrap_or(1).max(1);
            if col <= shown.chars().count() + 1 {
                write!(f, "\n{:gutter$} | {:>col$}", "", "^")?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for InputError {}

/// Several problems found in one file; all are reported at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problems {
    pub file: PathBuf,
    pub problems: Vec<InputError>,
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        write!(
            f,
            "{}: {n} problem{} found",
            self.file.display(),
            if n == 1 { "" } else { "s" }
        )?;
        for p in &self.problems {
            write!(f, "\n{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

/// Replaces control characters so that file content cannot drive the terminal.
pub fn printable(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == '\n' || !c.is_control() {
                c
            } else {
                char::REPLACEMENT_CHARACTER
            }
        })
        .collect()
}

/// Reads a whole text file, refusing directories, files over `limit` bytes (before
/// reading them), binary content and invalid UTF-8. A leading byte-order mark is dropped.
pub fn read_text(path: &Path, limit: u64, what: &str) -> Result<String, InputError> {
    let fail = |message: String| InputError::new(path, None, message);
    let meta = std::fs::metadata(path).map_err(|e| fail(io_message(&e, what)))?;
    if meta.is_dir() {
        return Err(fail(format!(
            "is a directory; give the path of the {what} file itself"
        )));
    }
    if meta.len() > limit {
        return Err(fail(format!(
            "the file is {} bytes, over the {} MiB limit for {what} files",
            meta.len(),
            limit / (1024 * 1024)
        )));
    }
    let file = std::fs::File::open(path).map_err(|e| fail(io_message(&e, what)))?;
    let mut bytes = Vec::new();
    // Read at most one byte over the limit, in case the file grew after the check.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(io_message(&e, what)))?;
    if bytes.len() as u64 > limit {
        return Err(fail(format!(
            "the file is over the {} MiB limit for {what} files",
            limit / (1024 * 1024)
        )));
    }
    if bytes.contains(&0) {
        return Err(fail(format!(
            "this looks like a binary file (it contains NUL bytes); the {what} file must be UTF-8 text"
        )));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        let column = valid.iter().rev().take_while(|&&b| b != b'\n').count() as u64 + 1;
        InputError::new(
            path,
            Some((line, column)),
            format!(
                "invalid UTF-8 at byte {}; save the {what} file as UTF-8 text",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    })
}

fn io_message(e: &std::io::Error, what: &str) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => format!("no such file; check the path of the {what} file"),
        std::io::ErrorKind::PermissionDenied => {
            format!("permission denied; pmcheck needs to read the {what} file")
        }
        _ => format!("cannot read the {what} file: {e}"),
    }
}

/// The candidate closest to `name`, if it is close enough to be a likely typo.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(name, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Adds "did you mean" to serde's unknown field / variant messages, which list the
/// expected names as `` expected one of `a`, `b` ``.
pub fn improve_serde_message(message: &str) -> String {
    let message = message.trim();
    for (prefix, noun) in [("unknown field `", "field"), ("unknown variant `", "value")] {
        let Some(start) = message.find(prefix) else {
            continue;
        };
        let rest = &message[start + prefix.len()..];
        let Some(end) = rest.find('`') else { continue };
        let name = &rest[..end];
        let expected: Vec<&str> = rest[end..]
            .split('`')
            .skip(1)
            .step_by(2)
            .filter(|s| !s.is_empty())
            .collect();
        let allowed = if expected.is_empty() {
            "there are none here".to_owned()
        } else {
            format!("allowed: {}", expected.join(", "))
        };
        return match closest(name, expected.iter().copied()) {
            Some(best) => {
                format!("unknown {noun} `{name}`; did you mean `{best}`? ({allowed})")
            }
            None => format!("unknown {noun} `{name}` ({allowed})"),
        };
    }
    message.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_field_gets_a_suggestion() {
        let m = improve_serde_message(
            "unknown field `servce_areas`, expected one of `version`, `service_areas`, `equity`",
        );
        assert_eq!(
            m,
            "unknown field `servce_areas`; did you mean `service_areas`? (allowed: version, service_areas, equity)"
        );
    }

    #[test]
    fn unrelated_name_gets_no_suggestion() {
        let m = improve_serde_message("unknown variant `zzz`, expected `city` or `county`");
        assert_eq!(m, "unknown value `zzz` (allowed: city, county)");
    }

    #[test]
    fn control_characters_are_replaced() {
        assert_eq!(printable("a\u{1b}[31mb"), "a\u{fffd}[31mb");
    }

    #[test]
    fn error_shows_the_line_with_a_caret() {
        let e = InputError::new(Path::new("e.yaml"), Some((2, 3)), "bad")
            .with_source_text("version: 1\nxxyy: 2\n");
        assert_eq!(e.to_string(), "e.yaml:2:3: bad\n  |\n2 | xxyy: 2\n  |   ^");
    }
}
