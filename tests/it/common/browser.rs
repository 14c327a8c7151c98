//! The browser of the browser tests: Debian's Chromium, found on PATH, or None when it
//! is not installed and not demanded (`PMCHECK_BROWSER_TESTS`, set by .ci/run).

use std::path::{Path, PathBuf};
use std::process::Command as Process;

/// The browser, or None when it is not installed and not demanded by CI.
pub fn chromium() -> Option<PathBuf> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            std::env::var_os("PATH").and_then(|paths| {
                std::env::split_paths(&paths)
                    .map(|p| p.join(name))
                    .find(|p| p.is_file())
            })
        });
    if found.is_none() && std::env::var_os("PMCHECK_BROWSER_TESTS").is_some() {
        panic!("PMCHECK_BROWSER_TESTS is set but no chromium is installed");
    }
    found
}

pub fn headless(browser: &Path, profile: &Path) -> Process {
    let mut cmd = Process::new(browser);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    cmd
}
