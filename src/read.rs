//! Bounded reading of the text files pmcheck is given (evidence, criteria, baselines,
//! narratives, CSV measures) and of standard input: a size limit checked before reading
//! and again while reading, only regular files, and text that is UTF-8 (or UTF-16 with
//! a byte-order mark), each refusal a located [`Problem`] that says what to do.

use std::io::Read;
use std::path::Path;

use crate::diagnostic::Problem;

/// How standard input is named in messages, when `-` is given as a file.
pub const STDIN_NAME: &str = "<stdin>";

/// Reads a whole text file, refusing directories, files over `limit` bytes (before
/// reading them), binary content and invalid UTF-8. UTF-16 with a byte-order mark is
/// decoded; a leading byte-order mark is dropped.
pub fn text(path: &Path, limit: u64, what: &str) -> Result<String, Problem> {
    let fail = |message: String| Problem::new(path, None, message);
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
            describe_file_type(&meta.file_type())
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
/// checks as [`text`]; messages name it [`STDIN_NAME`].
pub fn stdin(limit: u64, what: &str) -> Result<String, Problem> {
    read_limited(std::io::stdin().lock(), Path::new(STDIN_NAME), limit, what)
}

fn read_limited(reader: impl Read, path: &Path, limit: u64, what: &str) -> Result<String, Problem> {
    let fail = |message: String| Problem::new(path, None, message);
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
        Problem::new(
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
fn utf16(bytes: &[u8], path: &Path, what: &str) -> Result<Option<String>, Problem> {
    let big_endian = match bytes {
        [0xFF, 0xFE, 0, 0, ..] | [0, 0, 0xFE, 0xFF, ..] => {
            return Err(Problem::new(
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
        return Err(Problem::new(
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

/// How a file type is named in messages ("a FIFO (named pipe)").
pub fn describe_file_type(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_symlink() {
        "a symbolic link"
    } else {
        "not a regular file"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Result<String, Problem> {
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
            (err.line_column(), err.message.as_str()),
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
}
