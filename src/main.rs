//! The `pmcheck` binary: parse arguments, run, map errors to exit status 2.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use pmcheck::cli::{self, Cli, ExitStatus};

fn main() -> ExitCode {
    match cli::run(Cli::parse()) {
        Ok(status) => status.into(),
        Err(err) => {
            // Standard error may be closed too; that must not turn an error into a panic.
            let mut stderr = std::io::stderr().lock();
            let mut chain = err.chain();
            if let Some(first) = chain.next() {
                let _ = writeln!(stderr, "error: {first}");
            }
            for cause in chain {
                let _ = writeln!(stderr, "  caused by: {cause}");
            }
            ExitStatus::Error.into()
        }
    }
}
