//! `--help`, shell completions and the man page.

use crate::common::cli::run;

#[test]
fn help_snapshots() {
    insta::assert_snapshot!("help", run(&["--help"]).stdout);
    insta::assert_snapshot!("help_evaluate", run(&["evaluate", "--help"]).stdout);
}

#[test]
fn completions_for_every_shell_and_a_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let r = run(&["completions", shell]);
        assert_eq!(r.code, 0, "{shell}");
        assert!(
            r.stdout.contains("pmcheck") && r.stdout.contains("evaluate"),
            "{shell}"
        );
    }
    assert_eq!(run(&["completions", "tcsh"]).code, 2);
    let man = run(&["man"]).stdout;
    assert!(
        man.contains(".TH pmcheck"),
        "{}",
        &man[..200.min(man.len())]
    );
}
