//! Running the built binary as a user does, shared by the integration tests: from the
//! repository root, with a neutral environment (no NO_COLOR, no GitHub step summary).

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;

/// `pmcheck` run from the repository root, with color and the environment neutral.
pub fn pmcheck() -> Command {
    let mut cmd = Command::cargo_bin("pmcheck").expect("binary builds");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env("TERM", "xterm");
    cmd
}

/// What a run printed and how it exited.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(out: Output) -> Run {
        Run {
            code: out.status.code().expect("exited, not killed by a signal"),
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        }
    }
}

pub fn run(args: &[&str]) -> Run {
    pmcheck().args(args).output().expect("pmcheck runs").into()
}

/// Runs in another directory.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    pmcheck()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("pmcheck runs")
        .into()
}

/// Runs with extra environment variables.
pub fn run_env(args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = pmcheck();
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.args(args).output().expect("pmcheck runs").into()
}

/// Standard output of a run that must succeed.
pub fn ok(args: &[&str]) -> String {
    let r = run(args);
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    r.stdout
}

/// Standard output of a run that must succeed, parsed as JSON.
pub fn json(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok(args)).unwrap()
}
