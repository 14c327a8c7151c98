//! Writing a published site as a whole. The files are written into a new folder beside
//! the target, flushed, and only then put in its place: a failure part way leaves the
//! previous site as it was. An existing folder is replaced only with `--force` and
//! only when pmcheck wrote it (it holds [`MARKER`]); a folder holding anything else,
//! a symlink, a file, or a folder that holds an input of the run is never replaced.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::write::WriteError;

/// The file that marks a folder as a site pmcheck wrote (and may replace with `--force`).
pub const MARKER: &str = ".pmcheck-publish";

fn fail(path: &Path, message: impl Into<String>) -> WriteError {
    WriteError {
        path: path.to_path_buf(),
        message: message.into(),
    }
}

/// What is at the target now.
enum Existing {
    Nothing,
    Empty,
    /// A site pmcheck wrote.
    Site,
}

fn existing(dir: &Path, force: bool) -> Result<Existing, WriteError> {
    let meta = match std::fs::symlink_metadata(dir) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Existing::Nothing),
        Err(e) => return Err(fail(dir, format!("cannot check the output folder: {e}"))),
    };
    let kind = meta.file_type();
    if kind.is_symlink() {
        return Err(fail(
            dir,
            "is a symbolic link; publish writes a real folder and never replaces a link, even with --force: give the folder it points to, or a new name",
        ));
    }
    if !kind.is_dir() {
        return Err(fail(
            dir,
            format!(
                "is {}, not a folder; give --out a folder name (it is created)",
                if kind.is_file() {
                    "a file"
                } else {
                    crate::write::describe_file_type(&kind)
                }
            ),
        ));
    }
    let mut entries = std::fs::read_dir(dir)
        .map_err(|e| fail(dir, format!("cannot read the output folder: {e}")))?;
    if entries.next().is_none() {
        return Ok(Existing::Empty);
    }
    let ours = std::fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file());
    match (ours, force) {
        (true, true) => Ok(Existing::Site),
        (true, false) => Err(fail(
            dir,
            "holds a site published earlier; use --force to replace it",
        )),
        (false, _) => Err(fail(
            dir,
            format!(
                "is not empty and is not a site pmcheck published (it has no {MARKER} file); publish replaces only its own sites, even with --force: give a new or empty folder"
            ),
        )),
    }
}

/// Whether `input` is `dir` or inside it.
fn inside(input: &Path, dir: &Path) -> bool {
    match (input.canonicalize(), dir.canonicalize()) {
        (Ok(i), Ok(d)) => i.starts_with(d),
        _ => false,
    }
}

/// Writes `files` (names relative to the site, contents) as the site at `dir`.
/// `inputs` are the files this run read: a site folder that holds one is refused.
pub fn write_site(
    dir: &Path,
    files: &[(&str, &[u8])],
    force: bool,
    inputs: &[&Path],
) -> Result<(), WriteError> {
    if let Some(input) = inputs.iter().find(|i| inside(i, dir)) {
        return Err(fail(
            dir,
            format!(
                "holds {}, an input of this run; replacing the site would remove it: publish to another folder",
                input.display()
            ),
        ));
    }
    let state = existing(dir, force)?;
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !parent.is_dir() {
        return Err(fail(
            dir,
            format!(
                "its parent folder {} does not exist; create it first",
                parent.display()
            ),
        ));
    }
    let temp = tempfile::Builder::new()
        .prefix(".pmcheck-site-")
        .tempdir_in(parent)
        .map_err(|e| {
            fail(
                dir,
                format!("cannot create a folder in {}: {e}", parent.display()),
            )
        })?;
    for (name, contents) in files {
        let path = temp.path().join(name);
        let write = || -> std::io::Result<()> {
            let mut f = std::fs::File::create(&path)?;
            f.write_all(contents)?;
            f.sync_all()
        };
        write().map_err(|e| fail(dir, format!("cannot write {name}: {e}")))?;
    }
    std::fs::write(
        temp.path().join(MARKER),
        "Written by pmcheck publish; `pmcheck publish --force` replaces this folder as a whole.\n",
    )
    .map_err(|e| fail(dir, format!("cannot write {MARKER}: {e}")))?;
    // Folders made by tempfile are private (0700); a site is for reading.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(temp.path(), std::fs::Permissions::from_mode(0o755));
    }
    let built = temp.keep();
    let swap = || -> Result<(), WriteError> {
        match state {
            Existing::Nothing => std::fs::rename(&built, dir)
                .map_err(|e| fail(dir, format!("cannot put the site in place: {e}"))),
            Existing::Empty => {
                std::fs::remove_dir(dir)
                    .map_err(|e| fail(dir, format!("cannot replace the empty folder: {e}")))?;
                std::fs::rename(&built, dir)
                    .map_err(|e| fail(dir, format!("cannot put the site in place: {e}")))
            }
            Existing::Site => {
                let old = aside(parent);
                std::fs::rename(dir, &old)
                    .map_err(|e| fail(dir, format!("cannot move the previous site aside: {e}")))?;
                if let Err(e) = std::fs::rename(&built, dir) {
                    // Put the previous site back.
                    let _ = std::fs::rename(&old, dir);
                    return Err(fail(dir, format!("cannot put the site in place: {e}")));
                }
                let _ = std::fs::remove_dir_all(&old);
                Ok(())
            }
        }
    };
    swap().inspect_err(|_| {
        let _ = std::fs::remove_dir_all(&built);
    })
}

/// A free name beside the site for the previous one while the new one goes in.
fn aside(parent: &Path) -> PathBuf {
    let pid = std::process::id();
    (0..)
        .map(|n| parent.join(format!(".pmcheck-site-old-{pid}-{n}")))
        .find(|p| std::fs::symlink_metadata(p).is_err())
        .unwrap_or_else(|| parent.join(".pmcheck-site-old"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> Vec<(&'static str, &'static [u8])> {
        vec![("index.html", b"<p>new</p>"), ("measures.csv", b"a,b\n")]
    }

    #[test]
    fn writes_a_new_folder_and_refuses_to_replace_without_force() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("site");
        write_site(&dir, &files(), false, &[]).unwrap();
        assert_eq!(
            std::fs::read(dir.join("index.html")).unwrap(),
            b"<p>new</p>"
        );
        assert!(dir.join(MARKER).is_file());
        let e = write_site(&dir, &files(), false, &[]).unwrap_err();
        assert!(e.message.contains("use --force"), "{}", e.message);
        // With --force, replaced as a whole; nothing is left beside it.
        std::fs::write(dir.join("stale.html"), "old").unwrap();
        write_site(&dir, &files(), true, &[]).unwrap();
        assert!(!dir.join("stale.html").exists());
        let names: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["site"]);
    }

    #[test]
    fn an_empty_folder_is_used_and_a_foreign_one_is_never_replaced() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("out");
        std::fs::create_dir(&dir).unwrap();
        write_site(&dir, &files(), false, &[]).unwrap();
        assert!(dir.join("index.html").is_file());

        let mine = tmp.path().join("documents");
        std::fs::create_dir(&mine).unwrap();
        std::fs::write(mine.join("budget.xlsx"), "keep").unwrap();
        let e = write_site(&mine, &files(), true, &[]).unwrap_err();
        assert!(
            e.message.contains("not a site pmcheck published"),
            "{}",
            e.message
        );
        assert_eq!(std::fs::read(mine.join("budget.xlsx")).unwrap(), b"keep");
    }

    #[test]
    fn files_links_and_folders_holding_inputs_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("file");
        std::fs::write(&file, "x").unwrap();
        let e = write_site(&file, &files(), true, &[]).unwrap_err();
        assert!(e.message.contains("not a folder"), "{}", e.message);

        let site = tmp.path().join("site");
        write_site(&site, &files(), false, &[]).unwrap();
        let input = site.join("kpis.csv");
        std::fs::write(&input, "x").unwrap();
        let e = write_site(&site, &files(), true, &[&input]).unwrap_err();
        assert!(e.message.contains("an input of this run"), "{}", e.message);
        assert!(input.exists());

        #[cfg(unix)]
        {
            let link = tmp.path().join("link");
            std::os::unix::fs::symlink(&site, &link).unwrap();
            let e = write_site(&link, &files(), true, &[]).unwrap_err();
            assert!(e.message.contains("symbolic link"), "{}", e.message);
        }
    }

    #[test]
    fn a_failed_write_leaves_the_previous_site() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("site");
        write_site(&dir, &files(), false, &[]).unwrap();
        // A file name that cannot be created fails the write part way.
        let bad: Vec<(&str, &[u8])> =
            vec![("index.html", b"<p>newer</p>"), ("no/such/dir.csv", b"")];
        assert!(write_site(&dir, &bad, true, &[]).is_err());
        assert_eq!(
            std::fs::read(dir.join("index.html")).unwrap(),
            b"<p>new</p>"
        );
        let names: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["site"]);
    }
}
