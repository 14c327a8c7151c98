//! Every file pmcheck writes: reports and the evidence template ([`write_atomic`]), man
//! pages, the published site ([`site`], a whole folder swapped into place) and GitHub's
//! step summary ([`append`]). A file is written as a temporary file in the target
//! directory, flushed to disk, then renamed into place. A failure leaves nothing behind,
//! an existing file is kept unless overwriting was asked for, only a regular file is
//! ever replaced (never a symlink, FIFO or device), and no input of the run
//! ([`Protected`]) is ever a target. New files follow the umask; a replaced file keeps its mode.
//! Interrupted (SIGINT, SIGTERM, SIGHUP) or stopped by a file-size limit (SIGXFSZ),
//! pmcheck removes the temporary file it was writing.
//!
//! On Windows (see docs/windows.md) the rename is tempfile's `persist`, MoveFileExW with
//! MOVEFILE_REPLACE_EXISTING, so `--force` replaces an existing file there too, and
//! `persist_noclobber` a rename that fails when the target exists. Modes and signals are
//! Unix-only and compiled only there.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::inputs::Protected;

pub mod site;

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

/// Writes `contents` to `path` atomically. Refuses to replace an existing file unless
/// `overwrite`, and refuses any path in `protected` (the inputs of this run).
pub fn write_atomic(
    path: &Path,
    contents: &[u8],
    overwrite: bool,
    protected: &Protected,
) -> Result<(), WriteError> {
    write_atomic_with(path, overwrite, protected, |file| file.write_all(contents))
}

/// Like [`write_atomic`], with the content written by `fill`. If `fill` fails part way
/// (an interrupted write), the target is untouched and the temporary file is removed.
pub fn write_atomic_with(
    path: &Path,
    overwrite: bool,
    protected: &Protected,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    let fail = |message: String| WriteError {
        path: path.to_path_buf(),
        message,
    };
    if protected.contains(path) {
        return Err(fail(
            "is an input of this run; pmcheck never writes over the file it reads".to_owned(),
        ));
    }
    // What is at the path now, without following a symlink.
    let existing = match std::fs::symlink_metadata(path) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(fail(format!("cannot check the target: {e}"))),
    };
    if let Some(meta) = &existing {
        let kind = meta.file_type();
        if kind.is_dir() {
            return Err(fail("is a directory; give a file name".to_owned()));
        }
        if !kind.is_file() {
            return Err(fail(format!(
                "is {}, not a regular file; pmcheck only ever replaces a regular file, even with --force",
                crate::read::describe_file_type(&kind)
            )));
        }
        if !overwrite {
            return Err(fail(
                "already exists; pmcheck does not overwrite files (use --force to replace it)"
                    .to_owned(),
            ));
        }
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".pmcheck-").suffix(".tmp");
    // The mode asked for at creation is narrowed by the umask, as for any new file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir).map_err(|e| {
        fail(format!(
            "cannot create a temporary file in {}: {e}",
            dir.display()
        ))
    })?;
    let _cleanup = interrupt::Guard::new(temp.path());
    // A replaced file keeps its mode. Unix only: on Windows the one permission is the
    // read-only attribute, which `persist` clears before its rename anyway (and a read-only
    // target refuses the rename, "Access is denied"); a read-only temporary file would only
    // be one that cannot be removed when the write fails.
    #[cfg(unix)]
    if let Some(meta) = &existing {
        temp.as_file()
            .set_permissions(meta.permissions())
            .map_err(|e| fail(format!("cannot keep the mode of the file replaced: {e}")))?;
    }
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

/// Why [`append`] wrote nothing.
#[derive(Debug)]
pub enum AppendError {
    /// The target is not one to append to (an input of the run, not a regular file):
    /// the caller says so and goes on.
    Skipped(String),
    /// The target could not be opened or written.
    Failed(WriteError),
}

/// Appends `contents` to the file at `path`, creating it when missing: a log another
/// program owns and reads, such as GitHub's step summary. Refuses an input of the run
/// and anything but a regular file.
pub fn append(path: &Path, contents: &[u8], protected: &Protected) -> Result<(), AppendError> {
    if protected.contains(path) {
        return Err(AppendError::Skipped("is an input of this run".to_owned()));
    }
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => {
            return Err(AppendError::Skipped("is not a regular file".to_owned()));
        }
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(AppendError::Skipped(format!("cannot be read ({e})"))),
    }
    let fail = |message: String| {
        AppendError::Failed(WriteError {
            path: path.to_path_buf(),
            message,
        })
    };
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)
        .map_err(|e| fail(format!("cannot open: {e}")))?;
    file.write_all(contents)
        .map_err(|e| fail(format!("cannot append: {e}")))
}

/// Temporary files being written, removed when a signal stops the process.
mod interrupt {
    use std::path::{Path, PathBuf};
    use std::sync::Mutex;

    static WRITING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

    /// Registers a temporary file for the time it is being written.
    pub(super) struct Guard(PathBuf);

    impl Guard {
        pub(super) fn new(path: &Path) -> Guard {
            listen();
            lock().push(path.to_path_buf());
            Guard(path.to_path_buf())
        }
    }

    impl Drop for Guard {
        fn drop(&mut self) {
            lock().retain(|p| *p != self.0);
        }
    }

    fn lock() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
        WRITING.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// On the first write, starts a thread that, on SIGINT, SIGTERM or SIGHUP, removes
    /// the files being written and then ends the process as the signal would have.
    /// SIGXFSZ is caught so that a write over the file-size limit fails with an error
    /// (and the normal error path removes the file) instead of killing pmcheck.
    #[cfg(unix)]
    fn listen() {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGXFSZ};
        static STARTED: std::sync::Once = std::sync::Once::new();
        STARTED.call_once(|| {
            let Ok(mut signals) =
                signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP, SIGXFSZ])
            else {
                return;
            };
            let spawned = std::thread::Builder::new()
                .name("pmcheck-signals".into())
                .spawn(move || {
                    for signal in signals.forever() {
                        if signal == SIGXFSZ {
                            continue;
                        }
                        for path in lock().drain(..) {
                            let _ = std::fs::remove_file(path);
                        }
                        let _ = signal_hook::low_level::emulate_default_handler(signal);
                        std::process::exit(128 + signal);
                    }
                });
            // Without the thread, a signal ends pmcheck as before; nothing else changes.
            drop(spawned);
        });
    }

    #[cfg(not(unix))]
    fn listen() {}
}

#[cfg(test)]
mod tests {
    use super::*;

    fn protecting(input: &Path) -> Protected {
        let mut p = Protected::default();
        p.push(input);
        p
    }

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
        write_atomic(&path, b"one", false, &Protected::default()).unwrap();
        let err = write_atomic(&path, b"two", false, &Protected::default()).unwrap_err();
        assert!(err.message.contains("already exists"));
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        write_atomic(&path, b"three", true, &Protected::default()).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"three");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_directory_target_and_a_protected_input_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_atomic(dir.path(), b"x", true, &Protected::default()).unwrap_err();
        assert!(err.message.contains("is a directory"));
        let input = dir.path().join("evidence.yaml");
        std::fs::write(&input, "version: 1\n").unwrap();
        let err = write_atomic(&input, b"x", true, &protecting(&input)).unwrap_err();
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
        let err = write_atomic_with(&path, false, &Protected::default(), interrupted).unwrap_err();
        assert!(err.message.contains("killed"), "{err}");
        assert!(!path.exists());
        assert!(leftovers(dir.path()).is_empty());
        std::fs::write(&path, "old").unwrap();
        write_atomic_with(&path, true, &Protected::default(), interrupted).unwrap_err();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn an_unwritable_directory_fails_cleanly_even_for_root() {
        // Nobody, root included, can create files in /proc.
        let err = write_atomic(
            Path::new("/proc/pmcheck-evidence.yaml"),
            b"x",
            false,
            &Protected::default(),
        )
        .unwrap_err();
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
        let err = write_atomic(&path, b"x", false, &Protected::default()).unwrap_err();
        assert!(
            err.message.contains("cannot create a temporary file"),
            "{err}"
        );
        assert!(!path.exists());
        assert!(leftovers(dir.path()).is_empty());
    }
}

#[cfg(all(test, unix))]
mod unix_tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn a_new_file_is_not_owner_only_and_a_replaced_file_keeps_its_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.html");
        write_atomic(&path, b"one", false, &Protected::default()).unwrap();
        // A new file is 0666 narrowed by the umask (the shell reports the same umask,
        // which a child inherits), not the temporary file's 0600.
        let umask = std::process::Command::new("sh")
            .args(["-c", "umask"])
            .output()
            .ok()
            .and_then(|o| u32::from_str_radix(String::from_utf8_lossy(&o.stdout).trim(), 8).ok());
        if let Some(umask) = umask {
            assert_eq!(mode(&path), 0o666 & !umask, "umask {umask:o}");
        }
        assert_eq!(mode(&path) & 0o600, 0o600);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&path, b"two", true, &Protected::default()).unwrap();
        assert_eq!(mode(&path), 0o640, "--force keeps the mode");
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
    }

    #[test]
    fn force_never_replaces_a_symlink_or_a_fifo() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.txt");
        std::fs::write(&target, "kept").unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let err = write_atomic(&link, b"x", true, &Protected::default()).unwrap_err();
        assert!(err.message.contains("a symbolic link"), "{err}");
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "kept");

        let fifo = dir.path().join("fifo.json");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            let err = write_atomic(&fifo, b"x", true, &Protected::default()).unwrap_err();
            assert!(err.message.contains("FIFO"), "{err}");
            use std::os::unix::fs::FileTypeExt;
            assert!(
                std::fs::symlink_metadata(&fifo)
                    .unwrap()
                    .file_type()
                    .is_fifo()
            );
        }
        let err =
            write_atomic(Path::new("/dev/null"), b"x", true, &Protected::default()).unwrap_err();
        assert!(err.message.contains("character device"), "{err}");
    }
}
