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

    /// Attaches the line the error points at, when the caller has it at hand.
    pub fn with_source_line(mut self, line: &str) -> InputError {
        if self.at.is_some() {
            self.source_line = Some(printable(line.trim_end_matches('\r')));
        }
        self
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
        write!(f, "{}", printable(&self.file.display().to_string()))?;
        if let Some((line, column)) = self.at {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": {}", printable(&self.message))?;
        if let (Some((line, column)), Some(src)) = (self.at, &self.source_line) {
            let gutter = line.to_string().len();
            // Show at most 100 characters, in a window that holds the column.
            let col = usize::try_from(column).unwrap_or(1).max(1);
            let skip = col.saturating_sub(60);
            let mut shown: String = src.chars().skip(skip).take(100).collect();
            let mut caret = col - skip;
            if skip > 0 {
                shown.insert(0, '…');
                caret += 1;
            }
            write!(f, "\n{:gutter$} |\n{line} | {shown}", "")?;
            if caret <= shown.chars().count() + 1 {
                write!(f, "\n{:gutter$} | {:>caret$}", "", "^")?;
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
    /// Further problems found but not listed, to keep the report readable.
    pub omitted: usize,
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len() + self.omitted;
        write!(
            f,
            "{}: {n} problem{} found",
            printable(&self.file.display().to_string()),
            if n == 1 { "" } else { "s" }
        )?;
        for p in &self.problems {
            write!(f, "\n{p}")?;
        }
        if self.omitted > 0 {
            write!(
                f,
                "\n... and {} more; fix these first, then check again",
                self.omitted
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

/// Text from a file or the command line, fit for one line of a terminal message: control,
/// bidirectional and invisible characters replaced, line breaks and tabs made spaces
/// (see [`crate::text::line`], which this is).
pub fn printable(s: &str) -> String {
    crate::text::line(s)
}

/// How standard input is named in messages, when `-` is given as a file.
pub const STDIN_NAME: &str = "<stdin>";

/// Reads a whole text file, refusing directories, files over `limit` bytes (before
/// reading them), binary content and invalid UTF-8. UTF-16 with a byte-order mark is
/// decoded; a leading byte-order mark is dropped.
pub fn read_text(path: &Path, limit: u64, what: &str) -> Result<String, InputError> {
    let fail = |message: String| InputError::new(path, None, message);
    let meta = std::fs::metadata(path).map_err(|e| fail(io_message(&e, what)))?;
    if meta.is_dir() {
        return Err(fail(format!(
            "is a directory; give the path of the {what} file itself"
        )));
    }
    if !meta.is_file() {
        // A FIFO or a device would block or never end: only regular files are read.
        return Err(fail(format!(
            "is {}, not a regular file; give the path of the {what} file itself",
            crate::write::describe_file_type(&meta.file_type())
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
    read_limited(file, path, limit, what)
}

/// Reads standard input as a text file of kind `what`, with the same limits and
/// checks as [`read_text`]; messages name it [`STDIN_NAME`].
pub fn read_stdin(limit: u64, what: &str) -> Result<String, InputError> {
    read_limited(std::io::stdin().lock(), Path::new(STDIN_NAME), limit, what)
}

fn read_limited(
    reader: impl Read,
    path: &Path,
    limit: u64,
    what: &str,
) -> Result<String, InputError> {
    let fail = |message: String| InputError::new(path, None, message);
    let mut bytes = Vec::new();
    // Read at most one byte over the limit, in case the file grew after the check.
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(io_message(&e, what)))?;
    if bytes.len() as u64 > limit {
        return Err(fail(format!(
            "the file is over the {} MiB limit for {what} files",
            limit / (1024 * 1024)
        )));
    }
    if let Some(text) = utf16(&bytes, path, what)? {
        return Ok(text);
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

/// Decodes UTF-16 text that starts with a byte-order mark (what Excel and Notepad save
/// as "Unicode text"), without the mark; `None` when `bytes` has no UTF-16 mark. A UTF-32
/// mark, an odd length, an unpaired surrogate or a NUL character is an error that says
/// to save the file as UTF-8.
fn utf16(bytes: &[u8], path: &Path, what: &str) -> Result<Option<String>, InputError> {
    let big_endian = match bytes {
        [0xFF, 0xFE, 0, 0, ..] | [0, 0, 0xFE, 0xFF, ..] => {
            return Err(InputError::new(
                path,
                None,
                format!(
                    "this is UTF-32 text, which pmcheck does not read; save the {what} file as UTF-8 text"
                ),
            ));
        }
        [0xFF, 0xFE, ..] => false,
        [0xFE, 0xFF, ..] => true,
        _ => return Ok(None),
    };
    let encoding = if big_endian { "UTF-16 BE" } else { "UTF-16 LE" };
    let units = bytes[2..].chunks(2).map(|pair| match *pair {
        [a, b] if big_endian => u16::from_be_bytes([a, b]),
        [a, b] => u16::from_le_bytes([a, b]),
        // An odd byte at the end: not a code unit, so decoding fails on it.
        _ => 0xDC00,
    });
    let mut text = String::with_capacity(bytes.len() / 2);
    let (mut line, mut column) = (1u64, 1u64);
    for c in char::decode_utf16(units) {
        let problem = match c {
            Ok('\0') => "a NUL character",
            Ok(c) => {
                text.push(c);
                (line, column) = if c == '\n' {
                    (line + 1, 1)
                } else {
                    (line, column + 1)
                };
                continue;
            }
            Err(_) => "invalid UTF-16",
        };
        return Err(InputError::new(
            path,
            Some((line, column)),
            format!("{problem} in {encoding} text; save the {what} file as UTF-8 text"),
        ));
    }
    Ok(Some(text))
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

/// Candidates from the most to the least similar to `name`, for "closest: ..." lists.
pub fn ranked<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(name, c), c))
        .collect();
    // Stable: equally similar candidates keep their given order.
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.into_iter().map(|(_, c)| c).collect()
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

/// "did you mean `x`? " when a candidate is close to `name`, else nothing: the
/// words that go before a list of the allowed names.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(name, candidates)
        .map(|best| format!("did you mean `{best}`? "))
        .unwrap_or_default()
}

/// Drops a trailing ` at line N, column M` that some parsers append; the location is
/// printed separately, before the message.
fn strip_location(message: &str) -> &str {
    if let Some(i) = message.rfind(" at line ") {
        let rest = &message[i + " at line ".len()..];
        let rest = rest.replacen(", column ", " column ", 1);
        let is_location = rest
            .split(" column ")
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
        if is_location && rest.contains(" column ") {
            return &message[..i];
        }
    }
    message
}

/// The names listed after "expected one of" / "expected" in a serde message.
fn expected_names(rest: &str) -> Vec<String> {
    let list = match rest.find("expected one of ") {
        Some(i) => &rest[i + "expected one of ".len()..],
        None => match rest.find("expected ") {
            Some(i) => &rest[i + "expected ".len()..],
            None => return Vec::new(),
        },
    };
    list.split(", ")
        .flat_map(|part| part.split(" or "))
        .map(|n| {
            n.trim()
                .trim_matches(|c| c == '`' || c == '(' || c == ')')
                .to_owned()
        })
        .filter(|n| !n.is_empty() && !n.contains(' '))
        .collect()
}

/// Rewrites serde and parser messages into ones a person can act on: adds "did you
/// mean" and the allowed names to unknown fields and values, and plain words to a few
/// parser phrasings.
pub fn improve_serde_message(message: &str) -> String {
    let message = strip_location(message.trim()).trim();
    let message = message
        .strip_prefix('(')
        .and_then(|m| m.strip_suffix(')'))
        .unwrap_or(message);
    for (prefix, noun) in [("unknown field `", "field"), ("unknown variant `", "value")] {
        let Some(start) = message.find(prefix) else {
            continue;
        };
        let rest = &message[start + prefix.len()..];
        let Some(end) = rest.find('`') else { continue };
        let name = &rest[..end];
        let expected = expected_names(&rest[end + 1..]);
        let allowed = if expected.is_empty() {
            "there are none here".to_owned()
        } else {
            format!("allowed: {}", expected.join(", "))
        };
        let shown = printable(name);
        return match closest(name, expected.iter().map(String::as_str)) {
            Some(best) => format!("unknown {noun} `{shown}`; did you mean `{best}`? ({allowed})"),
            None => format!("unknown {noun} `{shown}` ({allowed})"),
        };
    }
    if message.starts_with("missing field `version`") {
        return "missing `version: 1`; an evidence file starts with the format version".to_owned();
    }
    if let Some(key) = message.strip_prefix("duplicate mapping key: ") {
        let key = key.split(", set DuplicateKeyPolicy").next().unwrap_or(key);
        return format!(
            "duplicate key `{}`; a key may appear only once in a mapping, so merge or remove the repeated one",
            printable(key)
        );
    }
    if message.starts_with("multiple YAML documents detected") {
        return "several YAML documents (separated by `---`) in one file; an evidence file holds exactly one".to_owned();
    }
    if let Some(rest) = message.strip_prefix("expected string scalar") {
        return format!("expected a text value{rest}");
    }
    match message {
        "invalid boolean (strict mode expects true/false)" => {
            "expected `true` or `false` (yes/no/on/off are not accepted)".to_owned()
        }
        "expected mapping start" => "expected a mapping of `key: value` entries here".to_owned(),
        "expected sequence start" => "expected a list here".to_owned(),
        "recursion limit exceeded" => {
            "nesting is too deep (recursion limit exceeded); evidence is at most a few levels deep"
                .to_owned()
        }
        _ => message.to_owned(),
    }
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
        // serde-saphyr's phrasing: no backticks around the names, location appended.
        let m = improve_serde_message(
            "unknown field `servce_areas`, expected one of version, service_areas, equity at line 2, column 1",
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
    fn suggestions_rank_and_threshold() {
        let ids = [
            "training.achievement",
            "equity.excellence",
            "training.distinction",
        ];
        assert_eq!(
            ranked("training.achievment", ids)[0],
            "training.achievement",
            "the closest first"
        );
        assert_eq!(ranked("x", ids).len(), 3, "every candidate is ranked");
        assert_eq!(
            did_you_mean("equity.excelence", ids),
            "did you mean `equity.excellence`? "
        );
        assert_eq!(did_you_mean("zzz", ids), "", "nothing close: no suggestion");
    }

    #[test]
    fn control_characters_are_replaced() {
        assert_eq!(printable("a\u{1b}[31mb"), "a\u{fffd}[31mb");
    }

    fn read(bytes: &[u8]) -> Result<String, InputError> {
        read_limited(bytes, Path::new("e.yaml"), 1024, "evidence")
    }

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut bytes = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in text.encode_utf16() {
            bytes.extend(if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        bytes
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_decoded() {
        let text = "version: 1\r\njurisdiction: {name: Zürich 🏙, kind: city}\r\n";
        for big_endian in [false, true] {
            assert_eq!(read(&utf16(text, big_endian)).unwrap(), text);
        }
        // A NUL byte without a byte-order mark is still binary.
        let err = read(b"v\0e\0r\0").unwrap_err();
        assert!(err.message.starts_with("this looks like a binary file"));
    }

    #[test]
    fn invalid_utf16_says_to_save_as_utf8() {
        let mut unpaired = utf16("version: 1\nname: ab", false);
        // A lone high surrogate in place of `b`, on line 2, column 8.
        let n = unpaired.len();
        unpaired[n - 2..].copy_from_slice(&0xD800u16.to_le_bytes());
        let err = read(&unpaired).unwrap_err();
        assert_eq!(
            (err.at, err.message.as_str()),
            (
                Some((2, 8)),
                "invalid UTF-16 in UTF-16 LE text; save the evidence file as UTF-8 text"
            )
        );
        let mut odd = utf16("version: 1\n", true);
        odd.push(b'x');
        assert_eq!(
            read(&odd).unwrap_err().message,
            "invalid UTF-16 in UTF-16 BE text; save the evidence file as UTF-8 text"
        );
        let nul = utf16("version: 1\0", false);
        assert_eq!(
            read(&nul).unwrap_err().message,
            "a NUL character in UTF-16 LE text; save the evidence file as UTF-8 text"
        );
        let utf32 = [0xFF, 0xFE, 0, 0, b'v', 0, 0, 0];
        assert_eq!(
            read(&utf32).unwrap_err().message,
            "this is UTF-32 text, which pmcheck does not read; save the evidence file as UTF-8 text"
        );
    }

    #[test]
    fn file_names_and_messages_cannot_drive_the_terminal() {
        let e = InputError::new(
            Path::new("\u{1b}]0;pwn\u{7}\nerror: forged.yaml"),
            None,
            "bad `\u{202e}x`\nerror: forged",
        );
        assert_eq!(
            e.to_string(),
            "\u{fffd}]0;pwn\u{fffd} error: forged.yaml: bad `\u{fffd}x` error: forged"
        );
        let p = Problems {
            file: PathBuf::from("\u{1b}[31m.toml"),
            problems: vec![],
            omitted: 1,
        };
        assert!(
            p.to_string()
                .starts_with("\u{fffd}[31m.toml: 1 problem found")
        );
    }

    #[test]
    fn error_shows_the_line_with_a_caret() {
        let e = InputError::new(Path::new("e.yaml"), Some((2, 3)), "bad")
            .with_source_text("version: 1\nxxyy: 2\n");
        assert_eq!(e.to_string(), "e.yaml:2:3: bad\n  |\n2 | xxyy: 2\n  |   ^");
    }
}
