//! The one way pmcheck writes a file: a temporary file in the target directory,
//! flushed to disk, then renamed into place. A failure leaves nothing behind, an
//! existing file is kept unless overwriting was asked for, and the evidence file
//! being read is never a target.

use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub struct WriteError {
    pub path: PathBuf,
    pub message: String,
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for WriteError {}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Writes `contents` to `path` atomically. Refuses to replace an existing file unless
/// `overwrite`, and refuses any path in `protected` (the inputs of this run).
pub fn write_atomic(
    path: &Path,
    contents: &[u8],
    overwrite: bool,
    protected: &[&Path],
) -> Result<(), WriteError> {
    write_atomic_with(path, overwrite, protected, |file| file.write_all(contents))
}

/// Like [`write_atomic`], with the content written by `fill`. If `fill` fails part way
/// (an interrupted write), the target is untouched and the temporary file is removed.
pub fn write_atomic_with(
    path: &Path,
    overwrite: bool,
    protected: &[&Path],
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    let fail = |message: String| WriteError {
        path: path.to_path_buf(),
        message,
    };
    if protected.iter().any(|p| same_file(p, path)) {
        return Err(fail(
            "is an input of this run; pmcheck never writes over the file it reads".to_owned(),
        ));
    }
    if path.is_dir() {
        return Err(fail("is a directory; give a file name".to_owned()));
    }
    if path.exists() && !overwrite {
        return Err(fail(
            "already exists; pmcheck does not overwrite files (use --force to replace it)"
                .to_owned(),
        ));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".pmcheck-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| {
            fail(format!(
                "cannot create a temporary file in {}: {e}",
                dir.display()
            ))
        })?;
    fill(temp.as_file_mut())
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| fail(format!("cannot write: {e}")))?;
    let persisted = if overwrite {
        temp.persist(path).map(|_| ())
    } else {
        temp.persist_noclobber(path).map(|_| ())
    };
    persisted.map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            fail(
                "already exists; pmcheck does not overwrite files (use --force to replace it)"
                    .to_owned(),
            )
        } else {
            fail(format!("cannot write: {}", e.error))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.starts_with(".pmcheck-"))
            .collect()
    }

    #[test]
    fn writes_and_refuses_to_clobber() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.yaml");
        write_atomic(&path, b"one", false, &[]).unwrap();
        let err = write_atomic(&path, b"two", false, &[]).unwrap_err();
        assert!(err.message.contains("already exists"));
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        write_atomic(&path, b"three", true, &[]).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"three");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_directory_target_and_a_protected_input_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_atomic(dir.path(), b"x", true, &[]).unwrap_err();
        assert!(err.message.contains("is a directory"));
        let input = dir.path().join("evidence.yaml");
        std::fs::write(&input, "version: 1\n").unwrap();
        let err = write_atomic(&input, b"x", true, &[&input]).unwrap_err();
        assert!(err.message.contains("never writes over the file it reads"));
        assert_eq!(std::fs::read_to_string(&input).unwrap(), "version: 1\n");
    }

    #[test]
    fn an_interrupted_write_leaves_no_partial_file_and_keeps_the_old_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.yaml");
        let interrupted = |file: &mut std::fs::File| {
            file.write_all(b"half of the")?;
            Err(std::io::Error::new(
                std::io::ErrorKind::Interrupted,
                "killed",
            ))
        };
        let err = write_atomic_with(&path, false, &[], interrupted).unwrap_err();
        assert!(err.message.contains("killed"), "{err}");
        assert!(!path.exists());
        assert!(leftovers(dir.path()).is_empty());
        std::fs::write(&path, "old").unwrap();
        write_atomic_with(&path, true, &[], interrupted).unwrap_err();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn an_unwritable_directory_fails_cleanly_even_for_root() {
        // Nobody, root included, can create files in /proc.
        let err =
            write_atomic(Path::new("/proc/pmcheck-evidence.yaml"), b"x", false, &[]).unwrap_err();
        assert!(
            err.message.contains("cannot create a temporary file"),
            "{err}"
        );
        assert!(!Path::new("/proc/pmcheck-evidence.yaml").exists());
    }

    #[test]
    fn a_missing_directory_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/dir/out.yaml");
        let err = write_atomic(&path, b"x", false, &[]).unwrap_err();
        assert!(
            err.message.contains("cannot create a temporary file"),
            "{err}"
        );
        assert!(!path.exists());
        assert!(leftovers(dir.path()).is_empty());
    }
}
