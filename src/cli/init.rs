//! `pmcheck init`: a commented evidence template, written atomically, never over an
//! existing file unless `--force`.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::ExitStatus;
use super::common::emit;

/// The evidence template that `pmcheck init` writes.
pub const TEMPLATE: &str = include_str!("../template.yaml");

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to write it.
    #[arg(default_value = "evidence.yaml")]
    pub path: PathBuf,
    /// Replace the file if it exists.
    #[arg(long)]
    pub force: bool,
}

pub(super) fn run(args: InitArgs) -> Result<ExitStatus> {
    let path = &args.path;
    crate::write::write_atomic(path, TEMPLATE.as_bytes(), args.force, &Default::default())?;
    let shown = crate::text::line(&path.display().to_string());
    emit(|out| {
        writeln!(
            out,
            "wrote {shown}; fill it in, then run: pmcheck evaluate {shown}"
        )
    })?;
    Ok(ExitStatus::Success)
}
