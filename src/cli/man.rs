//! `pmcheck man`: man pages (roff) generated from the clap definitions: the page of
//! pmcheck or of one command to standard output, or every page into a folder.

use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::Args;

use super::common::emit;
use super::{Cli, ExitStatus};
use crate::diagnostic;

#[derive(Debug, Args)]
pub struct ManArgs {
    /// A command (e.g. `evaluate`, or `criteria show`): print its page instead of
    /// pmcheck's.
    #[arg(value_name = "COMMAND")]
    pub command: Vec<String>,

    /// Write every page (pmcheck.1, pmcheck-evaluate.1, ...) into this folder.
    #[arg(long, value_name = "DIR", conflicts_with = "command")]
    pub dir: Option<PathBuf>,

    /// With --dir: replace pages that exist.
    #[arg(long, requires = "dir")]
    pub force: bool,
}

pub(super) fn run(args: ManArgs) -> Result<ExitStatus> {
    let mut root = <Cli as clap::CommandFactory>::command();
    root.build();
    if let Some(dir) = &args.dir {
        let mut written = Vec::new();
        for cmd in pages(&root) {
            let man = page(cmd);
            let mut bytes = Vec::new();
            man.render(&mut bytes)?;
            let path = dir.join(man.get_filename());
            crate::write::write_atomic(&path, &bytes, args.force, &Default::default())?;
            written.push(path);
        }
        emit(|out| {
            writeln!(
                out,
                "wrote {} man pages to {}",
                written.len(),
                crate::text::line(&dir.display().to_string())
            )
        })?;
        return Ok(ExitStatus::Success);
    }
    let mut cmd = &root;
    for name in &args.command {
        cmd = match cmd.find_subcommand(name) {
            Some(sub) => sub,
            None => {
                let names: Vec<&str> = cmd.get_subcommands().map(|s| s.get_name()).collect();
                bail!(
                    "`{}` is not a command of `{}`; {}commands: {}",
                    diagnostic::printable(name),
                    cmd.get_display_name().unwrap_or(cmd.get_name()),
                    diagnostic::did_you_mean(name, names.iter().copied()),
                    names.join(", ")
                );
            }
        };
    }
    emit(|out| page(cmd).render(out))?;
    Ok(ExitStatus::Success)
}

/// The page of one command; every page names pmcheck's version as its source (a
/// subcommand has no version of its own).
fn page(cmd: &clap::Command) -> clap_mangen::Man {
    clap_mangen::Man::new(cmd.clone()).source(concat!("pmcheck ", env!("CARGO_PKG_VERSION")))
}

/// The command and every command below it, depth first, without `help`.
fn pages(cmd: &clap::Command) -> Vec<&clap::Command> {
    let mut out = vec![cmd];
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        out.extend(pages(sub));
    }
    out
}
