//! Writing a published site as a whole. The files are written into a new folder beside
//! the target, flushed, and only then put in its place: a failure part way leaves the
//! previous site as it was. An existing folder is replaced only with `--force` and
//! only when pmcheck wrote it (it holds [`MARKER`]); a folder holding anything else,
//! a symlink, a file, or a folder that holds an input of the run is never replaced.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::WriteError;
use crate::inputs::Protected;

/// The file that marks a folder as a site pmcheck wrote (and may replace with `--force`).
pub const MARKER: &str = ".pmcheck-publish";

/// What the marker says; a folder whose marker says anything else is not replaced.
const MARKER_TEXT: &str =
    "Written by pmcheck publish; `pmcheck publish --force` replaces this folder as a whole.\n";

/// The files a site holds besides the marker.
pub const SITE_FILES: [&str; 2] = ["index.html", "measures.csv"];

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
                    crate::read::describe_file_type(&kind)
                }
            ),
        ));
    }
    let names: Vec<std::ffi::OsString> = std::fs::read_dir(dir)
        .map_err(|e| fail(dir, format!("cannot read the output folder: {e}")))?
        .map(|e| e.map(|e| e.file_name()))
        .collect::<Result<_, _>>()
        .map_err(|e| fail(dir, format!("cannot read the output folder: {e}")))?;
    if names.is_empty() {
        return Ok(Existing::Empty);
    }
    let marker = std::fs::read_to_string(dir.join(MARKER)).unwrap_or_default();
    // A site pmcheck wrote: its marker as written, and nothing but the files it writes.
    let ours = marker == MARKER_TEXT
        && names
            .iter()
            .all(|n| n == MARKER || SITE_FILES.iter().any(|f| n == *f));
    match (ours, force) {
        (true, true) => Ok(Existing::Site),
        (true, false) => Err(fail(
            dir,
            "holds a site published earlier; use --force to replace it",
        )),
        (false, _) => Err(fail(
            dir,
            format!(
                "is not empty and is not a site pmcheck published as it was written (its {MARKER} file and only index.html and measures.csv beside it); publish replaces only its own sites, even with --force: give a new or empty folder"
            ),
        )),
    }
}

/// Writes `files` (names relative to the site, contents) as the site at `dir`.
/// `inputs` are the files this run read: a site folder that holds one is refused.
pub fn write_site(
    dir: &Path,
    files: &[(&str, &[u8])],
    force: bool,
    inputs: &Protected,
) -> Result<(), WriteError> {
    // Messages name the folder as it was given, not as it was resolved.
    write_resolved(dir, files, force, inputs).map_err(|e| WriteError {
        path: dir.to_path_buf(),
        message: e.message,
    })
}

fn write_resolved(
    dir: &Path,
    files: &[(&str, &[u8])],
    force: bool,
    inputs: &Protected,
) -> Result<(), WriteError> {
    if let Some(input) = inputs.inside(dir) {
        return Err(fail(
            dir,
            format!(
                "holds {}, an input of this run; replacing the site would remove it: publish to another folder",
                input.display()
            ),
        ));
    }
    // The folder by its name in its parent, the parent resolved once: `.`, `..` and
    // a path through the folder itself would change meaning once the site is moved.
    let Some(name) = dir.file_name() else {
        return Err(fail(
            dir,
            "names no folder of its own (`.`, `..` or a root); give --out a folder name, such as `report`",
        ));
    };
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let parent = parent.canonicalize().map_err(|_| {
        fail(
            dir,
            format!(
                "its parent folder {} does not exist; create it first",
                parent.display()
            ),
        )
    })?;
    let dir = &parent.join(name);
    let state = existing(dir, force)?;
    // The new site's folder, beside the target; made like any new folder (the umask
    // applies), and removed again if anything fails before the swap.
    let built = fresh(&parent, "new").map_err(|e| {
        fail(
            dir,
            format!("cannot create a folder in {}: {e}", parent.display()),
        )
    })?;
    let fill = || -> Result<(), WriteError> {
        for (name, contents) in files {
            let path = built.join(name);
            let write = || -> std::io::Result<()> {
                let mut f = std::fs::File::create(&path)?;
                f.write_all(contents)?;
                f.sync_all()
            };
            write().map_err(|e| fail(dir, format!("cannot write {name}: {e}")))?;
        }
        std::fs::write(built.join(MARKER), MARKER_TEXT)
            .map_err(|e| fail(dir, format!("cannot write {MARKER}: {e}")))
    };
    if let Err(e) = fill() {
        let _ = std::fs::remove_dir_all(&built);
        return Err(e);
    }
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
                let old = aside(&parent);
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

/// A new folder beside the site (`.pmcheck-site-new-PID-N`), for the site being
/// written or the previous one while the new one goes in.
fn fresh(parent: &Path, what: &str) -> std::io::Result<PathBuf> {
    let pid = std::process::id();
    let mut n = 0u32;
    loop {
        let path = parent.join(format!(".pmcheck-site-{what}-{pid}-{n}"));
        match std::fs::create_dir(&path) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 1000 => n += 1,
            Err(e) => return Err(e),
        }
    }
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

    fn protecting(input: &Path) -> Protected {
        let mut p = Protected::default();
        p.push(input);
        p
    }

    /// The names in a folder.
    fn names_in(dir: &Path) -> Vec<std::ffi::OsString> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect()
    }

    fn files() -> Vec<(&'static str, &'static [u8])> {
        vec![("index.html", b"<p>new</p>"), ("measures.csv", b"a,b\n")]
    }

    #[test]
    fn writes_a_new_folder_and_refuses_to_replace_without_force() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("site");
        write_site(&dir, &files(), false, &Protected::default()).unwrap();
        assert_eq!(
            std::fs::read(dir.join("index.html")).unwrap(),
            b"<p>new</p>"
        );
        assert!(dir.join(MARKER).is_file());
        let e = write_site(&dir, &files(), false, &Protected::default()).unwrap_err();
        assert!(e.message.contains("use --force"), "{}", e.message);
        // With --force, replaced as a whole; nothing is left beside it.
        std::fs::write(dir.join("index.html"), "old").unwrap();
        write_site(&dir, &files(), true, &Protected::default()).unwrap();
        assert_eq!(
            std::fs::read(dir.join("index.html")).unwrap(),
            b"<p>new</p>"
        );
        let names = names_in(tmp.path());
        assert_eq!(names, ["site"]);
    }

    #[test]
    fn an_empty_folder_is_used_and_a_foreign_one_is_never_replaced() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("out");
        std::fs::create_dir(&dir).unwrap();
        write_site(&dir, &files(), false, &Protected::default()).unwrap();
        assert!(dir.join("index.html").is_file());

        let mine = tmp.path().join("documents");
        std::fs::create_dir(&mine).unwrap();
        std::fs::write(mine.join("budget.xlsx"), "keep").unwrap();
        let e = write_site(&mine, &files(), true, &Protected::default()).unwrap_err();
        assert!(
            e.message.contains("not a site pmcheck published"),
            "{}",
            e.message
        );
        assert_eq!(std::fs::read(mine.join("budget.xlsx")).unwrap(), b"keep");
    }

    #[test]
    fn a_marked_folder_with_other_files_or_another_marker_is_not_replaced() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("site");
        write_site(&dir, &files(), false, &Protected::default()).unwrap();
        std::fs::write(dir.join("budget.xlsx"), "keep").unwrap();
        let e = write_site(&dir, &files(), true, &Protected::default()).unwrap_err();
        assert!(
            e.message.contains("not a site pmcheck published"),
            "{}",
            e.message
        );
        assert!(dir.join("budget.xlsx").is_file());
        std::fs::remove_file(dir.join("budget.xlsx")).unwrap();
        std::fs::write(dir.join(MARKER), "").unwrap();
        assert!(write_site(&dir, &files(), true, &Protected::default()).is_err());
    }

    #[test]
    fn dot_and_dot_dot_name_no_folder_and_a_path_through_the_site_works() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("site");
        write_site(&dir, &files(), false, &Protected::default()).unwrap();
        for odd in [dir.join(".."), PathBuf::from("/")] {
            let e = write_site(&odd, &files(), true, &Protected::default()).unwrap_err();
            assert!(
                e.message.contains("names no folder of its own"),
                "{}",
                e.message
            );
        }
        // `site/.` and `site/../site` are the site: replaced, and nothing left beside it.
        write_site(&dir.join("."), &files(), true, &Protected::default()).unwrap();
        write_site(
            &dir.join("..").join("site"),
            &files(),
            true,
            &Protected::default(),
        )
        .unwrap();
        let names = names_in(tmp.path());
        assert_eq!(names, ["site"]);
        assert!(dir.join("index.html").is_file());
    }

    #[test]
    fn files_links_and_folders_holding_inputs_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("file");
        std::fs::write(&file, "x").unwrap();
        let e = write_site(&file, &files(), true, &Protected::default()).unwrap_err();
        assert!(e.message.contains("not a folder"), "{}", e.message);

        let site = tmp.path().join("site");
        write_site(&site, &files(), false, &Protected::default()).unwrap();
        let input = site.join("kpis.csv");
        std::fs::write(&input, "x").unwrap();
        let e = write_site(&site, &files(), true, &protecting(&input)).unwrap_err();
        assert!(e.message.contains("an input of this run"), "{}", e.message);
        assert!(input.exists());

        #[cfg(unix)]
        {
            let link = tmp.path().join("link");
            std::os::unix::fs::symlink(&site, &link).unwrap();
            let e = write_site(&link, &files(), true, &Protected::default()).unwrap_err();
            assert!(e.message.contains("symbolic link"), "{}", e.message);
        }
    }

    #[test]
    fn a_failed_write_leaves_the_previous_site() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("site");
        write_site(&dir, &files(), false, &Protected::default()).unwrap();
        // A file name that cannot be created fails the write part way.
        let bad: Vec<(&str, &[u8])> =
            vec![("index.html", b"<p>newer</p>"), ("no/such/dir.csv", b"")];
        assert!(write_site(&dir, &bad, true, &Protected::default()).is_err());
        assert_eq!(
            std::fs::read(dir.join("index.html")).unwrap(),
            b"<p>new</p>"
        );
        let names = names_in(tmp.path());
        assert_eq!(names, ["site"]);
    }
}
