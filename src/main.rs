//! The `pmcheck` binary: parse arguments, run, map errors to exit status 2.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use pmcheck::cli::{self, Cli, ExitStatus};
use pmcheck::text;

fn main() -> ExitCode {
    match cli::run(Cli::parse()) {
        Ok(status) => status.into(),
        Err(err) => {
            // Standard error may be closed too; that must not turn an error into a panic.
            let mut stderr = std::io::stderr().lock();
            // Every message may hold a path or text from input: it reaches the
            // terminal only through the one function that makes it safe there.
            let mut chain = err.chain().map(|e| text::block(&e.to_string()));
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
