//! `pmcheck completions`: shell completions generated from the clap definitions.

use anyhow::Result;
use clap::Args;

use super::common::emit;
use super::{Cli, ExitStatus};

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

pub(super) fn run(args: CompletionsArgs) -> Result<ExitStatus> {
    let mut cmd = <Cli as clap::CommandFactory>::command();
    emit(|out| {
        clap_complete::generate(args.shell, &mut cmd, "pmcheck", out);
        Ok(())
    })?;
    Ok(ExitStatus::Success)
}
