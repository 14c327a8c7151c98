//! `--help`, shell completions and the man page.

use crate::common::cli::{ok, run};

#[test]
fn help_snapshots() {
    insta::assert_snapshot!("help", run(&["--help"]).stdout);
    insta::assert_snapshot!("help_evaluate", run(&["evaluate", "--help"]).stdout);
    insta::assert_snapshot!("help_explain", run(&["explain", "--help"]).stdout);
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

#[test]
fn man_pages_exist_for_every_command() {
    let top = ok(&["man"]);
    assert!(
        top.contains("pmcheck\\-evaluate(1)"),
        "the top page lists sub-pages"
    );
    let page = ok(&["man", "evaluate"]);
    assert!(page.starts_with(".ie"), "roff: {page:.40}");
    assert!(page.contains("pmcheck\\-evaluate"), "{page:.200}");
    assert!(page.contains("\\-\\-require"), "documents its options");
    let nested = ok(&["man", "criteria", "show"]);
    assert!(
        nested.contains("pmcheck\\-criteria\\-show"),
        "{nested:.200}"
    );
    assert!(
        nested.contains(&format!("\"pmcheck {}\"", env!("CARGO_PKG_VERSION"))),
        "every page names pmcheck's version: {nested:.200}"
    );
    let r = run(&["man", "evalute"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("did you mean `evaluate`?"),
        "{}",
        r.stderr
    );

    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    ok(&["man", "--dir", d]);
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    for expected in [
        "pmcheck.1",
        "pmcheck-evaluate.1",
        "pmcheck-criteria.1",
        "pmcheck-criteria-show.1",
        "pmcheck-portfolio.1",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} in {names:?}"
        );
    }
    // Every sub-page the top page names exists.
    for line in top.lines().filter(|l| l.contains("(1)")) {
        let name = line
            .split("\\fB")
            .nth(1)
            .and_then(|s| s.split("\\fR").next());
        if let Some(name) = name.map(|n| n.replace("\\-", "-").replace("(1)", "")) {
            assert!(
                names.contains(&format!("{name}.1")),
                "{name} listed, not written"
            );
        }
    }
    let again = run(&["man", "--dir", d]);
    assert_eq!(again.code, 2, "no clobbering without --force");
    ok(&["man", "--dir", d, "--force"]);
}
