//! One version everywhere a user or a tool reads it: Cargo.toml, `--version`, the SARIF
//! driver and the CHANGELOG; and the `cargo binstall` metadata names exactly the archives the
//! release workflow builds.

use crate::common::cli::{json, ok};

fn repo_file(path: &str) -> String {
    let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

fn manifest() -> toml::Table {
    toml::from_str(&repo_file("Cargo.toml")).expect("Cargo.toml parses")
}

/// `package.version` of Cargo.toml, read from the file (not from the build).
fn manifest_version() -> String {
    manifest()["package"]["version"]
        .as_str()
        .expect("package.version is a string")
        .to_owned()
}

/// The lines of the CHANGELOG section headed `## [version]` (with or without a date).
fn changelog_section(changelog: &str, version: &str) -> Option<Vec<String>> {
    let head = format!("## [{version}]");
    let mut lines = changelog.lines();
    lines.find(|l| *l == head || l.starts_with(&format!("{head} - ")))?;
    Some(
        lines
            .take_while(|l| !l.starts_with("## "))
            .map(str::to_owned)
            .collect(),
    )
}

#[test]
fn cargo_toml_version_and_sarif_driver_agree() {
    let version = manifest_version();
    assert_eq!(ok(&["--version"]), format!("pmcheck {version}\n"));
    let sarif = json(&[
        "evaluate",
        "examples/millbrook-distinction.yaml",
        "-f",
        "sarif",
    ]);
    assert_eq!(sarif["runs"][0]["tool"]["driver"]["name"], "pmcheck");
    assert_eq!(
        sarif["runs"][0]["tool"]["driver"]["version"],
        version.as_str()
    );
}

#[test]
fn the_changelog_has_a_section_for_the_version() {
    let version = manifest_version();
    let changelog = repo_file("CHANGELOG.md");
    let section = changelog_section(&changelog, &version)
        .unwrap_or_else(|| panic!("CHANGELOG.md has no `## [{version}]` section"));
    assert!(
        section.iter().any(|l| l.starts_with("- ")),
        "the {version} section of CHANGELOG.md lists nothing"
    );
    assert!(changelog_section(&changelog, "Unreleased").is_some());
}

#[test]
fn a_changelog_section_is_found_only_under_its_own_heading() {
    let text = "# Changelog\n\n## [1.2.0] - 2030-01-02\n\n- one\n\n## [1.2.0-rc.1]\n\n- two\n";
    assert_eq!(
        changelog_section(text, "1.2.0").unwrap(),
        ["", "- one", ""].map(String::from)
    );
    assert_eq!(
        changelog_section(text, "1.2.0-rc.1").unwrap(),
        ["", "- two"].map(String::from)
    );
    assert!(changelog_section(text, "1.2").is_none());
}

/// The release targets, each with its archive format, as issue 16 lists them.
const RELEASE_TARGETS: [(&str, &str); 5] = [
    ("x86_64-pc-windows-msvc", "zip"),
    ("x86_64-apple-darwin", "tgz"),
    ("aarch64-apple-darwin", "tgz"),
    ("x86_64-unknown-linux-musl", "tgz"),
    ("aarch64-unknown-linux-musl", "tgz"),
];

/// `- target: X` lines of the release workflow's build matrix.
fn release_workflow_targets(workflow: &str) -> Vec<String> {
    workflow
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- target: "))
        .map(|t| t.trim().to_owned())
        .collect()
}

#[test]
fn the_release_workflow_builds_exactly_the_five_targets() {
    let workflow = repo_file(".github/workflows/release.yml");
    let mut built = release_workflow_targets(&workflow);
    built.sort();
    let mut wanted: Vec<String> = RELEASE_TARGETS.iter().map(|(t, _)| t.to_string()).collect();
    wanted.sort();
    assert_eq!(built, wanted);
}

#[test]
fn binstall_metadata_names_the_archives_the_release_workflow_makes() {
    let manifest = manifest();
    let version = manifest_version();
    let meta = &manifest["package"]["metadata"]["binstall"];
    let workflow = repo_file(".github/workflows/release.yml");
    // The workflow's archive: a folder `pmcheck-VERSION-TARGET` holding the binary, packed as
    // `$name.zip` on Windows and `$name.tar.gz` elsewhere, attached to the release of tag vVERSION.
    for line in [
        r#"name="pmcheck-${GITHUB_REF_NAME#v}-$TARGET""#,
        r#"cp "../target/$TARGET/release/pmcheck.exe" "$name/""#,
        r#"7z a -tzip "$name.zip" "$name""#,
        r#"cp "../target/$TARGET/release/pmcheck" "$name/""#,
        r#"tar -czf "$name.tar.gz" "$name""#,
    ] {
        assert!(
            workflow.lines().any(|l| l.trim() == line),
            "release.yml no longer has `{line}`"
        );
    }
    for (target, format) in RELEASE_TARGETS {
        let over = meta
            .get("overrides")
            .and_then(|o| o.get(target))
            .and_then(|o| o.get("pkg-fmt"));
        let pkg_fmt = over.unwrap_or(&meta["pkg-fmt"]).as_str().unwrap();
        assert_eq!(pkg_fmt, format, "pkg-fmt for {target}");
        let suffix = if pkg_fmt == "zip" { ".zip" } else { ".tar.gz" };
        let exe = if target.contains("windows") {
            ".exe"
        } else {
            ""
        };
        let expand = |template: &str| {
            template
                .replace("{ name }", "pmcheck")
                .replace("{ version }", &version)
                .replace("{ target }", target)
                .replace("{ archive-suffix }", suffix)
                .replace("{ bin }", "pmcheck")
                .replace("{ binary-ext }", exe)
        };
        let folder = format!("pmcheck-{version}-{target}");
        assert_eq!(
            expand(meta["pkg-url"].as_str().unwrap()),
            format!(
                "https://github.com/pmcheck/pmcheck/releases/download/v{version}/{folder}{suffix}"
            )
        );
        assert_eq!(
            expand(meta["bin-dir"].as_str().unwrap()),
            format!("{folder}/pmcheck{exe}")
        );
    }
}
