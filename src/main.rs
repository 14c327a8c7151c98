//! The `pmcheck` binary: parse arguments, run, map errors to exit status 2.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = pmcheck::cli::Cli::parse();
    match pmcheck::cli::run(cli) {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`pmcheck ... | head`) is not an error.
            if pmcheck::cli::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            let mut chain = err.chain();
            if let Some(first) = chain.next() {
                eprintln!("error: {first}");
            }
            for cause in chain {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::from(2)
        }
    }
}
