//! `init`: the evidence template, written without clobbering.

use crate::common::cli::run_in;

#[test]
fn init_writes_a_template_that_evaluates_and_never_clobbers() {
    let dir = tempfile::tempdir().unwrap();
    let r = run_in(dir.path(), &["init"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("wrote evidence.yaml"));
    let written = std::fs::read_to_string(dir.path().join("evidence.yaml")).unwrap();
    assert_eq!(written, pmcheck::cli::TEMPLATE);
    // Round trip: the template evaluates without error.
    let r = run_in(
        dir.path(),
        &[
            "evaluate",
            "evidence.yaml",
            "--as-of",
            "2021-05-07",
            "-f",
            "json",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["level"], "none");

    // No clobbering without --force; the file is untouched.
    std::fs::write(dir.path().join("evidence.yaml"), "version: 1\n# mine\n").unwrap();
    let r = run_in(dir.path(), &["init", "evidence.yaml"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("already exists"), "{}", r.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("evidence.yaml")).unwrap(),
        "version: 1\n# mine\n"
    );
    let r = run_in(dir.path(), &["init", "evidence.yaml", "--force"]);
    assert_eq!(r.code, 0);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("evidence.yaml")).unwrap(),
        pmcheck::cli::TEMPLATE
    );

    // A directory target, and a directory that does not exist: exit 2, nothing left behind.
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    assert_eq!(run_in(dir.path(), &["init", "sub"]).code, 2);
    assert_eq!(
        run_in(dir.path(), &["init", "missing/evidence.yaml"]).code,
        2
    );
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["evidence.yaml", "sub"]);
}

#[cfg(unix)]
#[test]
fn init_into_an_unwritable_directory_fails_cleanly() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
    if std::fs::write(locked.join("probe"), "x").is_ok() {
        eprintln!("skipped: this user can write into a read-only directory (root)");
        return;
    }
    let r = run_in(dir.path(), &["init", "locked/evidence.yaml"]);
    assert_eq!(r.code, 2);
    assert!(std::fs::read_dir(&locked).unwrap().next().is_none());
}

#[cfg(unix)]
#[test]
fn a_path_with_escape_sequences_is_shown_inert_in_messages() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("\u{1b}]0;pwn\u{7}.yaml");
    let p = path.to_str().unwrap();
    let first = crate::common::cli::run(&["init", p]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let again = crate::common::cli::run(&["init", p]);
    assert_eq!(again.code, 2);
    for out in [&first.stdout, &again.stderr] {
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
        assert!(out.contains("pwn"), "{out:?}");
    }
}
