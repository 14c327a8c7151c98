//! What text may reach output. Every string that comes from an input (evidence,
//! criteria, a baseline, a plan, a file path) passes through one function of this
//! module, the one for the place it is written to, at the renderer boundary:
//!
//! - [`line`]: a one-line value on a terminal (names, ids, titles, paths, levels).
//! - [`block`]: multi-line text on a terminal (hints, readings, notes); [`indented`]
//!   when its lines continue under an indented first line.
//! - [`markdown_inline`], [`markdown_text`], [`markdown_cell`] and [`markdown_code`]:
//!   Markdown.
//! - [`html`]: HTML text and attribute values (the askama escaper).
//! - [`csv_cell`]: a spreadsheet cell that cannot run as a formula.
//! - [`github_data`] and [`github_property`]: GitHub Actions workflow commands.
//! - [`json`]: a JSON document, whose strings keep their content.
//!
//! A file path is first made text by [`portable_path`], with `/` between its parts on
//! every platform, before the function for its place cleans it.
//!
//! All of them start from the same cleaning: control characters, the characters that
//! reorder text (bidirectional controls) and the ones that hide it (zero-width and other
//! invisible format characters) become U+FFFD, visible and inert; tabs become spaces;
//! line breaks become spaces in one-line contexts and `\n` where kept.

/// What a character that may not be shown is replaced with.
const REPLACEMENT: char = char::REPLACEMENT_CHARACTER;

/// Characters that reorder the text around them: the bidirectional embeddings,
/// overrides and isolates, and the directional marks.
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

/// Characters that take no space and show nothing, so that two texts that differ look
/// the same: zero-width spaces and joiners, invisible operators, the byte-order mark,
/// the deprecated format characters, interlinear annotations and the tag characters.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{180e}'
            | '\u{200b}'..='\u{200d}'
            | '\u{2060}'..='\u{2064}'
            | '\u{206a}'..='\u{206f}'
            | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{e0000}'..='\u{e007f}'
    )
}

/// Unicode noncharacters (XML 1.0 forbids U+FFFE and U+FFFF).
fn is_noncharacter(c: char) -> bool {
    let n = u32::from(c);
    (0xfdd0..=0xfdef).contains(&n) || n & 0xfffe == 0xfffe
}

/// Whether `c` may never be shown as it is: a control character (other than the
/// line breaks and tab, which [`clean`] turns into layout), a bidirectional control,
/// an invisible character or a noncharacter.
fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || is_invisible(c) || is_noncharacter(c)
}

/// The common cleaning: unsafe characters become U+FFFD, a tab a space, and each line
/// break (`\n`, `\r\n`, a lone `\r`, U+2028, U+2029) `\n` when `keep_newlines`, else a
/// space.
fn clean(s: &str, keep_newlines: bool) -> String {
    let newline = if keep_newlines { '\n' } else { ' ' };
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push(newline);
            }
            '\n' | '\u{2028}' | '\u{2029}' => out.push(newline),
            '\t' => out.push(' '),
            c if is_unsafe(c) => out.push(REPLACEMENT),
            c => out.push(c),
        }
    }
    out
}

/// A one-line value for the terminal: unsafe characters replaced, tabs and line
/// breaks turned into spaces, so that it can neither drive the terminal nor start a
/// line of the report.
pub fn line(s: &str) -> String {
    clean(s, false)
}

/// Multi-line text for the terminal: as [`line`], but line breaks are kept as `\n`.
pub fn block(s: &str) -> String {
    clean(s, true)
}

/// Multi-line text for the terminal, shown after `indent` on its first line: each
/// further line starts with `indent` too, so that none can pass for a line of the
/// report itself.
pub fn indented(s: &str, indent: &str) -> String {
    block(s).replace('\n', &format!("\n{indent}"))
}

/// Appends `text` (already cleaned) with every character that Markdown or HTML would
/// interpret escaped; `at_start` when it begins the value (where `-`, `+`, `=` and
/// `1.` would start a list or a heading underline).
fn push_markdown(out: &mut String, text: &str, at_start: bool) {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    for (i, ch) in text.char_indices() {
        match ch {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '!' | '~' | '$' => {
                out.push('\\');
                out.push(ch);
            }
            '-' | '+' | '=' if at_start && i == 0 => {
                out.push('\\');
                out.push(ch);
            }
            '.' | ')' if at_start && digits > 0 && i == digits => {
                out.push('\\');
                out.push(ch);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            _ => out.push(ch),
        }
    }
}

/// A value in a Markdown document, on one line: nothing in it is markup (no link,
/// image, emphasis, code, heading, table cell break or HTML). Safe in table cells.
pub fn markdown_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_markdown(&mut out, &line(s), true);
    out
}

/// Text written with code spans (criteria wording, hints): as [`markdown_inline`],
/// except that the pieces between backticks stay code spans. Inside a code span
/// nothing is markup, so its text is only cleaned; `|` is escaped there too when
/// `in_table`, since GitHub splits table cells on it even inside code.
fn markdown_spans(s: &str, in_table: bool) -> String {
    let s = line(s);
    let mut out = String::with_capacity(s.len());
    let pieces: Vec<&str> = s.split('`').collect();
    for (i, piece) in pieces.iter().enumerate() {
        let code = i % 2 == 1;
        let closed = i + 1 < pieces.len();
        if code && closed && !piece.is_empty() {
            out.push('`');
            if in_table {
                out.push_str(&piece.replace('|', "\\|"));
            } else {
                out.push_str(piece);
            }
            out.push('`');
        } else if code {
            // An empty or unclosed code span: the backticks are shown as they are.
            out.push_str("\\`");
            push_markdown(&mut out, piece, false);
            if closed {
                out.push_str("\\`");
            }
        } else {
            push_markdown(&mut out, piece, i == 0);
        }
    }
    out
}

/// An id as a Markdown code span, in which nothing is markup; a value holding a
/// backtick (which would close the span) is escaped as [`markdown_inline`] instead.
pub fn markdown_code(s: &str) -> String {
    let s = line(s);
    if s.is_empty() || s.contains('`') || s.starts_with(' ') || s.ends_with(' ') {
        markdown_inline(&s)
    } else if s.contains('|') {
        format!("`{}`", s.replace('|', "\\|"))
    } else {
        format!("`{s}`")
    }
}

/// Prose written with code spans, on one line of a Markdown document.
pub fn markdown_text(s: &str) -> String {
    markdown_spans(s, false)
}

/// Prose written with code spans, in a Markdown table cell.
pub fn markdown_cell(s: &str) -> String {
    markdown_spans(s, true)
}

/// Text for HTML content and attribute values. Line breaks become spaces, as a browser
/// shows them, so that the source of the page reads the same.
pub fn html(s: &str) -> String {
    let s = line(s);
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Whether a spreadsheet would read a cell starting with `c` as a formula, in ASCII
/// or in the full-width forms some spreadsheets fold to ASCII.
fn starts_formula(c: char) -> bool {
    matches!(
        c,
        '=' | '+' | '-' | '@' | '\u{ff1d}' | '\u{ff0b}' | '\u{ff0d}' | '\u{ff20}'
    )
}

/// A CSV cell that a spreadsheet never runs as a formula: cleaned onto one line, then
/// given a leading `'` when it would start a formula. The check is made after tabs
/// and line breaks became spaces, looking past leading white space (which some
/// spreadsheets drop), and a cell that began with a tab or carriage return is
/// neutralized whatever follows.
pub fn csv_cell(s: &str) -> String {
    let mut cell = line(s);
    let risky = s.starts_with(['\t', '\r']) || cell.trim_start().starts_with(starts_formula);
    if risky {
        cell.insert(0, '\'');
    }
    cell
}

/// The message of a GitHub Actions workflow command: cleaned, line breaks kept but
/// encoded, so that no line of it can be read as another command.
pub fn github_data(s: &str) -> String {
    block(s)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value (`file=`, `title=`) of a GitHub Actions workflow command.
pub fn github_property(s: &str) -> String {
    github_data(&line(s))
        .replace(':', "%3A")
        .replace(',', "%2C")
}

/// A serialized JSON document with the same content, in which the characters that
/// would drive a terminal or hide or reorder text when the file is shown are written
/// as `\u` escapes (serde_json escapes only the C0 controls). Only strings can hold
/// such characters, so the document stays valid and its strings keep their value.
pub fn json(document: &str) -> String {
    let mut out = String::with_capacity(document.len());
    for c in document.chars() {
        if !c.is_ascii() && (is_unsafe(c) || matches!(c, '\u{2028}' | '\u{2029}')) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A path as machine output names it (JSON, SARIF, JUnit, GitHub annotations, portfolio
/// and measures files): its components joined with `/` on every platform, so a report made
/// on Windows reads `examples/a.yaml`, not `examples\a.yaml`, and sorts as it does elsewhere.
/// A drive keeps its letter (`C:/x/a.yaml`), a UNC share reads `//server/share/a.yaml`, and
/// the `\\?\` of a verbatim path is dropped. `.` inside a path and repeated or trailing
/// separators go, as [`Path::components`] reads them; a leading `./` stays.
pub fn portable_path(path: &std::path::Path) -> String {
    use std::path::{Component, Prefix};
    let mut out = String::new();
    // After a drive or share, the next part follows directly (`C:a.yaml` is relative to C:).
    let mut after_prefix = false;
    for component in path.components() {
        match component {
            Component::Prefix(prefix) => match prefix.kind() {
                Prefix::Disk(letter) | Prefix::VerbatimDisk(letter) => {
                    out.push(char::from(letter));
                    out.push(':');
                }
                Prefix::UNC(server, share) | Prefix::VerbatimUNC(server, share) => {
                    out.push_str("//");
                    out.push_str(&server.to_string_lossy());
                    out.push('/');
                    out.push_str(&share.to_string_lossy());
                }
                Prefix::Verbatim(_) | Prefix::DeviceNS(_) => {
                    out.push_str(&prefix.as_os_str().to_string_lossy().replace('\\', "/"));
                }
            },
            Component::RootDir => out.push('/'),
            Component::CurDir | Component::ParentDir | Component::Normal(_) => {
                if !out.is_empty() && !out.ends_with('/') && !after_prefix {
                    out.push('/');
                }
                out.push_str(&component.as_os_str().to_string_lossy());
            }
        }
        after_prefix = matches!(component, Component::Prefix(_));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const R: char = REPLACEMENT;

    #[test]
    fn line_replaces_controls_and_flattens_line_breaks() {
        assert_eq!(line("a\u{1b}[31mb"), format!("a{R}[31mb"));
        assert_eq!(line("\u{1b}]0;pwn\u{7}"), format!("{R}]0;pwn{R}"));
        assert_eq!(line("a\u{7f}b\u{9b}c\u{85}d"), format!("a{R}b{R}c{R}d"));
        assert_eq!(line("a\0b\u{b}c\u{c}d"), format!("a{R}b{R}c{R}d"));
        assert_eq!(
            line("Lakeside\nLevel reached: Excellence"),
            "Lakeside Level reached: Excellence"
        );
        assert_eq!(line("a\r\nb\rc\td"), "a b c d");
        assert_eq!(line("a\u{2028}b\u{2029}c"), "a b c");
        assert_eq!(line("\n"), " ");
        assert_eq!(line(""), "");
    }

    #[test]
    fn line_replaces_bidi_controls_and_invisible_characters() {
        for c in [
            '\u{202a}',
            '\u{202b}',
            '\u{202c}',
            '\u{202d}',
            '\u{202e}',
            '\u{2066}',
            '\u{2067}',
            '\u{2068}',
            '\u{2069}',
            '\u{200e}',
            '\u{200f}',
            '\u{061c}',
            '\u{200b}',
            '\u{200c}',
            '\u{200d}',
            '\u{2060}',
            '\u{feff}',
            '\u{e0041}',
            '\u{fffe}',
            '\u{ffff}',
        ] {
            assert_eq!(
                line(&format!("a{c}b")),
                format!("a{R}b"),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn line_keeps_ordinary_text() {
        for s in [
            "Village of Lakeside",
            "Ciudad de México · 82.5% ✓",
            "القاهرة",
            "東京都",
            "a`b` | *c* <d> & e",
            "\u{fffd}",
            "emoji 👍🏽",
        ] {
            assert_eq!(line(s), s);
            assert_eq!(block(s), s);
        }
        // Neighbours of the replaced ranges stay.
        assert_eq!(
            line("\u{2010}\u{2065}\u{206a}"),
            format!("\u{2010}\u{2065}{R}")
        );
        assert_eq!(line("\u{202f}\u{200a}"), "\u{202f}\u{200a}");
    }

    #[test]
    fn block_keeps_line_breaks_as_newlines() {
        assert_eq!(block("a\nb"), "a\nb");
        assert_eq!(block("a\r\nb\rc\u{2028}d"), "a\nb\nc\nd");
        assert_eq!(block("a\tb\u{1b}[2J"), format!("a b{R}[2J"));
        assert_eq!(block("\u{202e}gpj.exe"), format!("{R}gpj.exe"));
    }

    #[test]
    fn indented_continues_each_line_under_the_indent() {
        assert_eq!(indented("one", "  "), "one");
        assert_eq!(
            indented("one\nLevel reached: x\r\n\u{1b}", "  "),
            format!("one\n  Level reached: x\n  {R}")
        );
    }

    #[test]
    fn markdown_inline_leaves_no_markup() {
        assert_eq!(
            markdown_inline("<script>alert(1)</script> | *x*"),
            "&lt;script&gt;alert(1)&lt;/script&gt; \\| \\*x\\*"
        );
        assert_eq!(
            markdown_inline("[x](javascript:alert(1))"),
            "\\[x\\](javascript:alert(1))"
        );
        assert_eq!(
            markdown_inline("![](http://t.example/p.gif)"),
            "\\!\\[\\](http://t.example/p.gif)"
        );
        assert_eq!(markdown_inline("# Title"), "\\# Title");
        assert_eq!(
            markdown_inline("`code` _e_ ~s~ $m$ \\"),
            "\\`code\\` \\_e\\_ \\~s\\~ \\$m\\$ \\\\"
        );
        assert_eq!(markdown_inline("&amp;"), "&amp;amp;");
        assert_eq!(markdown_inline("a\nb\u{1b}\u{202e}"), format!("a b{R}{R}"));
        // Only at the start would these begin a list item or a heading underline.
        assert_eq!(markdown_inline("- x"), "\\- x");
        assert_eq!(markdown_inline("+ x"), "\\+ x");
        assert_eq!(markdown_inline("==="), "\\===");
        assert_eq!(markdown_inline("12. x"), "12\\. x");
        assert_eq!(markdown_inline("1) x"), "1\\) x");
        assert_eq!(markdown_inline("a - b + c = 1. 2)"), "a - b + c = 1. 2)");
        assert_eq!(markdown_inline("2021"), "2021");
        assert_eq!(
            markdown_inline("Village of Lakeside"),
            "Village of Lakeside"
        );
    }

    #[test]
    fn markdown_text_keeps_code_spans_and_escapes_the_rest() {
        assert_eq!(
            markdown_text("add `sources` to [x](javascript:y)"),
            "add `sources` to \\[x\\](javascript:y)"
        );
        // Nothing inside a code span is markup; it is only cleaned.
        assert_eq!(markdown_text("`<b>|*x*`"), "`<b>|*x*`");
        assert_eq!(markdown_cell("`a|b` | c"), "`a\\|b` \\| c");
        assert_eq!(markdown_text("`a\u{1b}\nb`"), format!("`a{R} b`"));
        // An unclosed or empty code span shows its backticks.
        assert_eq!(markdown_text("a `b"), "a \\`b");
        assert_eq!(markdown_text("a `` b"), "a \\`\\` b");
        assert_eq!(markdown_text("- `x`"), "\\- `x`");
        assert_eq!(markdown_text(""), "");
    }

    #[test]
    fn markdown_code_holds_an_id() {
        assert_eq!(
            markdown_code("data_collection.achievement"),
            "`data_collection.achievement`"
        );
        assert_eq!(markdown_code("a`b"), "a\\`b");
        assert_eq!(markdown_code("a|b"), "`a\\|b`");
        assert_eq!(markdown_code(""), "");
        assert_eq!(markdown_code("a\n\u{1b}"), format!("`a {R}`"));
    }

    #[test]
    fn html_escapes_markup_and_cleans() {
        assert_eq!(
            html("<a href=\"x\" title='y'>&</a>"),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;"
        );
        assert_eq!(
            html("a\u{1b}\u{7}\u{202e}\u{200b}\nb"),
            format!("a{R}{R}{R}{R} b")
        );
        assert_eq!(html("Millbrook County"), "Millbrook County");
    }

    #[test]
    fn csv_cells_cannot_start_a_formula() {
        for s in [
            "=1+1", "+1", "-1", "@SUM(A1)", "＝1", "＋1", "－1", "＠x", " =1", "  -x",
        ] {
            let cell = csv_cell(s);
            assert!(cell.starts_with('\''), "{s:?} -> {cell:?}");
        }
        // Tabs and carriage returns become spaces first, and the check comes after.
        assert_eq!(csv_cell("\t=cmd"), "' =cmd");
        assert_eq!(csv_cell("\r=cmd"), "' =cmd");
        assert_eq!(csv_cell("\tx"), "' x");
        assert_eq!(csv_cell("\n=cmd"), "' =cmd");
        assert_eq!(csv_cell("a\tb\r\nc"), "a b c");
        assert_eq!(csv_cell("City of Riverton"), "City of Riverton");
        assert_eq!(csv_cell("82.5"), "82.5");
        assert_eq!(csv_cell("a=b"), "a=b");
        assert_eq!(csv_cell(""), "");
        assert_eq!(csv_cell("\u{1b}=x"), format!("{R}=x"));
    }

    #[test]
    fn github_commands_cannot_be_forged() {
        assert_eq!(
            github_data("50% done\n::error::forged\r\n"),
            "50%25 done%0A::error::forged%0A"
        );
        assert_eq!(github_data("a\u{1b}b"), format!("a{R}b"));
        assert_eq!(github_property("dir/a:b,c\n.yaml"), "dir/a%3Ab%2Cc .yaml");
        assert_eq!(github_property("x\u{202e}"), format!("x{R}"));
    }

    #[test]
    fn json_escapes_hidden_characters_and_keeps_the_content() {
        let value = serde_json::json!({
            "name": "a\u{202e}b\u{200b}c\u{9b}d\u{e0041}e\u{2028}f é\u{1b}",
        });
        let raw = serde_json::to_string_pretty(&value).unwrap();
        let safe = json(&raw);
        for c in [
            '\u{202e}',
            '\u{200b}',
            '\u{9b}',
            '\u{e0041}',
            '\u{2028}',
            '\u{1b}',
        ] {
            assert!(!safe.contains(c), "U+{:04X}", c as u32);
        }
        assert!(
            safe.contains("\\u202e") && safe.contains("\\udb40\\udc41"),
            "{safe}"
        );
        assert!(safe.contains('é') && safe.contains('\n'), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }

    mod portable_path {
        use std::path::{Path, PathBuf};

        use crate::text::portable_path;

        #[test]
        fn a_path_built_from_components_reads_with_forward_slashes_on_every_platform() {
            // Joined with the platform's separator: `\` on Windows, `/` elsewhere.
            let built: PathBuf = ["examples", "measures", "fairview-kpis.xlsx"]
                .iter()
                .collect();
            assert_eq!(
                portable_path(&built),
                "examples/measures/fairview-kpis.xlsx"
            );
            let joined = Path::new("..").join("shared").join("city.yaml");
            assert_eq!(portable_path(&joined), "../shared/city.yaml");
            assert_eq!(portable_path(Path::new("./a.yaml")), "./a.yaml");
            assert_eq!(portable_path(Path::new("a//b/./c.yaml")), "a/b/c.yaml");
            assert_eq!(
                portable_path(Path::new("évidence 2021.yaml")),
                "évidence 2021.yaml"
            );
            assert_eq!(portable_path(Path::new("")), "");
        }

        #[test]
        fn an_absolute_path_keeps_its_root() {
            let root: PathBuf = std::env::temp_dir().join("pmcheck").join("a.yaml");
            let portable = portable_path(&root);
            assert!(portable.ends_with("/pmcheck/a.yaml"), "{portable}");
            assert!(!portable.contains('\\'), "{portable}");
        }

        #[cfg(unix)]
        #[test]
        fn on_unix_a_backslash_is_part_of_a_file_name() {
            assert_eq!(
                portable_path(Path::new("/srv/x/a\\b.yaml")),
                "/srv/x/a\\b.yaml"
            );
        }

        #[cfg(windows)]
        #[test]
        fn on_windows_drives_shares_and_verbatim_paths_read_with_forward_slashes() {
            assert_eq!(
                portable_path(Path::new(r"examples\a.yaml")),
                "examples/a.yaml"
            );
            assert_eq!(portable_path(Path::new(r"C:\x\a.yaml")), "C:/x/a.yaml");
            assert_eq!(portable_path(Path::new(r"C:a.yaml")), "C:a.yaml");
            assert_eq!(portable_path(Path::new(r"\\?\C:\x\a.yaml")), "C:/x/a.yaml");
            assert_eq!(
                portable_path(Path::new(r"\\server\share\a.yaml")),
                "//server/share/a.yaml"
            );
        }
    }
}
