//! What several commands share: writing to standard output, reading evidence (or
//! standard input for `-`), naming a level on the command line, dates and color.

use std::io::{self, IsTerminal, Write};
use std::path::Path;

use anyhow::{Context, Result};
use clap::ValueEnum;

use crate::criteria::Criteria;
use crate::diagnostic;
use crate::evidence::{self, Date, Evidence};

/// Writes a report to standard output through a buffer. A reader that goes away
/// (`pmcheck ... | head`) is not an error: the rest is dropped quietly and the command
/// still ends with the status of its verdict.
pub(super) fn emit(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<()> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("cannot write to standard output"),
    }
}

pub(super) fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

pub(super) fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s)
}

/// The index of a level of the criteria named on the command line (any case), or an
/// error naming the flag and the levels.
pub(super) fn level_arg(criteria: &Criteria, flag: &str, level: &str) -> Result<usize> {
    criteria.level_index_ignore_case(level).ok_or_else(|| {
        let ids: Vec<&str> = criteria.levels.iter().map(|l| l.id.as_str()).collect();
        let lower = level.to_lowercase();
        anyhow::anyhow!(
            "{flag}: `{}` is not a level of {}; {}levels: {}",
            diagnostic::printable(level),
            criteria.label(),
            diagnostic::did_you_mean(&lower, ids.iter().copied()),
            ids.join(", ")
        )
    })
}

/// True when a path argument means standard input (or output): `-`.
pub(super) fn is_stdio(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Loads evidence (and the text read) from a file, or from standard input for `-`
/// (JSON when it starts with `{`, YAML otherwise), and refuses plans that name a
/// requirement no criteria know.
pub(super) fn load_evidence_unlinked(path: &Path, c: &Criteria) -> Result<(Evidence, String)> {
    let (evidence, text) = if is_stdio(path) {
        let text = diagnostic::read_stdin(evidence::MAX_EVIDENCE_BYTES, "evidence")?;
        let origin = Path::new(diagnostic::STDIN_NAME);
        let evidence = if text.trim_start().starts_with('{') {
            evidence::parse_json(&text, origin)?
        } else {
            evidence::parse_yaml(&text, origin)?
        };
        (evidence, text)
    } else {
        evidence::load_with_text(path)?
    };
    if let Some((id, closest)) = crate::plan::unknown_plan(c, &evidence) {
        let line = text.lines().enumerate().find_map(|(n, l)| {
            let col = l.find(id.as_str())?;
            l.contains("requirement")
                .then(|| (n as u64 + 1, l[..col].chars().count() as u64 + 1))
        });
        let closest: Vec<String> = closest.iter().map(|c| format!("`{c}`")).collect();
        return Err(diagnostic::InputError::new(
            &display_path(path),
            line,
            format!(
                "plans: `{id}` is not a requirement id; closest in {}: {}",
                c.label(),
                closest.join(", ")
            ),
        )
        .with_source_text(&text)
        .into());
    }
    Ok((evidence, text))
}

/// Evidence with its linked measures read and brought in (see
/// [`crate::measures::link`]): the files its `measures:` names, relative to its folder
/// (the current folder for standard input), and `extra` ones from the command line.
pub(super) struct Loaded {
    pub evidence: Evidence,
    pub text: String,
    pub linked: Option<crate::measures::link::Linked>,
}

pub(super) fn load_linked(
    path: &Path,
    c: &Criteria,
    extra: &[std::path::PathBuf],
    as_of: Option<Date>,
    strict: bool,
) -> Result<Loaded> {
    let (mut evidence, text) = load_evidence_unlinked(path, c)?;
    let (date, _) = crate::evaluate::resolve_as_of(as_of, evidence.as_of, today());
    let base = if is_stdio(path) {
        Path::new("")
    } else {
        path.parent().unwrap_or(Path::new(""))
    };
    let reading = (!evidence.measures.is_empty() || !extra.is_empty())
        .then(|| spinner("reading measures".to_owned()));
    let linked = crate::measures::link::link(&mut evidence, base, extra, date.0, strict);
    if let Some(bar) = reading {
        bar.finish_and_clear();
    }
    let linked = linked?;
    Ok(Loaded {
        evidence,
        text,
        linked,
    })
}

/// Like [`load_linked`] with no measures beyond those the evidence links.
pub(super) fn load_evidence(path: &Path, c: &Criteria) -> Result<(Evidence, String)> {
    let loaded = load_linked(path, c, &[], None, false)?;
    Ok((loaded.evidence, loaded.text))
}

/// Whether progress may be drawn on standard error: a terminal, outside CI.
pub(super) fn progress_allowed() -> bool {
    io::stderr().is_terminal() && std::env::var_os("CI").is_none_or(|v| v.is_empty())
}

/// A spinner on standard error for reading measures files, which can take a few
/// seconds for a large workbook; drawn only when [`progress_allowed`], first after a
/// moment, and cleared when done.
pub(super) fn spinner(message: String) -> indicatif::ProgressBar {
    if !progress_allowed() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_message(message);
    bar.enable_steady_tick(std::time::Duration::from_millis(150));
    bar
}

/// The path as messages and reports name it: `<stdin>` for `-`, and with `/` between its
/// parts on every platform ([`crate::text::portable_path`]), so that JSON, SARIF, JUnit
/// and GitHub annotations made on Windows name `examples/a.yaml`, not `examples\a.yaml`.
pub(super) fn display_path(path: &Path) -> std::path::PathBuf {
    if is_stdio(path) {
        diagnostic::STDIN_NAME.into()
    } else {
        crate::text::portable_path(path).into()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Whether to color standard output: `auto` colors only a terminal, and never when
/// `NO_COLOR` is set or `TERM` is `dumb`; on Windows, only a terminal known to show ANSI
/// colors ([`shows_ansi_on_windows`]).
pub(super) fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
            let ansi = !cfg!(windows) || shows_ansi_on_windows(|name| std::env::var_os(name));
            !no_color && !dumb && ansi && io::stdout().is_terminal()
        }
    }
}

/// Whether a Windows terminal shows the table's ANSI colors, from its environment. The
/// classic console window of cmd and PowerShell shows them only after a program switches
/// on its virtual-terminal mode, a Windows API call pmcheck does not make; Windows
/// Terminal (`WT_SESSION`), VS Code's terminal, ConEmu, ANSICON, and the terminals of Git
/// Bash, MSYS2 and Cygwin (which set `TERM`) show them as they are. Elsewhere `auto` means
/// no color, which loses nothing: every status is a symbol and a word.
pub(super) fn shows_ansi_on_windows(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> bool {
    let set = |name: &str| var(name).is_some_and(|v| !v.is_empty());
    let is = |name: &str, value: &str| var(name).is_some_and(|v| v == value);
    set("WT_SESSION")
        || set("TERM")
        || set("ANSICON")
        || is("ConEmuANSI", "ON")
        || is("TERM_PROGRAM", "vscode")
}

#[cfg(test)]
mod tests {
    use std::ffi::OsString;

    use super::shows_ansi_on_windows;

    fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<OsString> {
        let vars: Vec<(String, OsString)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), OsString::from(v)))
            .collect();
        move |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    }

    #[test]
    fn only_terminals_known_to_show_ansi_get_color_on_windows() {
        assert!(!shows_ansi_on_windows(env(&[])), "the classic console");
        assert!(!shows_ansi_on_windows(env(&[("WT_SESSION", "")])));
        assert!(!shows_ansi_on_windows(env(&[("ConEmuANSI", "OFF")])));
        assert!(!shows_ansi_on_windows(env(&[(
            "TERM_PROGRAM",
            "Apple_Terminal"
        )])));
        for vars in [
            [("WT_SESSION", "0b6c6a3e-5a8f-4e3b-9d7e-1f2a3b4c5d6e")],
            [("TERM", "xterm-256color")],
            [("ANSICON", "120x9001 (120x30)")],
            [("ConEmuANSI", "ON")],
            [("TERM_PROGRAM", "vscode")],
        ] {
            assert!(shows_ansi_on_windows(env(&vars)), "{vars:?}");
        }
    }
}
