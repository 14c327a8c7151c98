//! What several commands share: writing to standard output, loading the inputs,
//! naming a level on the command line, dates and color.

use std::io::{self, IsTerminal, Write};
use std::path::Path;

use anyhow::{Context, Result};
use clap::ValueEnum;

use crate::criteria::Criteria;
use crate::diagnostic;
use crate::evidence::Date;
use crate::inputs::{self, Inputs};

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

pub(super) use crate::inputs::{display_path, is_stdio};

/// Everything the command was given, read by the library's one loading function
/// ([`inputs::load`]), with a spinner on standard error while measures are read.
pub(super) fn load(request: &inputs::Request<'_>) -> Result<Inputs> {
    let bar: std::cell::RefCell<Option<indicatif::ProgressBar>> = Default::default();
    let loaded = inputs::load(request, &|what| {
        bar.replace(Some(spinner(what.to_owned())));
    });
    if let Some(bar) = bar.take() {
        bar.finish_and_clear();
    }
    Ok(loaded?)
}

/// How `--strict` judges: a requirement counts only where its sections cite sources.
pub(super) fn strictness(strict: bool) -> crate::evaluate::Options {
    crate::evaluate::Options {
        strict,
        ..crate::evaluate::Options::default()
    }
}

/// Says on standard error, before the command's own output, which values of the
/// measures data could not be used (for commands whose output has no place for them).
pub(super) fn warn_data_problems(loaded: &Inputs) {
    let mut stderr = io::stderr().lock();
    for w in &loaded.warnings {
        if w.code == crate::diagnostic::WarningCode::MeasuresDataError {
            let _ = writeln!(stderr, "warning: {}", crate::text::line(&w.message));
        }
    }
}

/// The path of a criteria argument that names a file (an input of the run), rather
/// than a bundled id.
pub(super) fn criteria_file(arg: &str) -> Option<&Path> {
    let path = Path::new(arg);
    path.is_file().then_some(path)
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
