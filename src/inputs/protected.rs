//! The files a run reads, which nothing it writes may replace, and the one test of
//! whether two paths name the same file.

use std::path::{Path, PathBuf};

/// Whether `a` and `b` name the same file: the same file on disk when both exist
/// (through links and `..`), else the same absolute path (two outputs not yet written).
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => std::path::absolute(a).ok() == std::path::absolute(b).ok(),
    }
}

/// The inputs of a run: the evidence, measures, criteria, baseline and narratives
/// files it read.
#[derive(Debug, Clone, Default)]
pub struct Protected {
    paths: Vec<PathBuf>,
}

impl Protected {
    pub fn push(&mut self, path: &Path) {
        self.paths.push(path.to_path_buf());
    }

    /// Whether `path` is one of the inputs.
    pub fn contains(&self, path: &Path) -> bool {
        self.paths.iter().any(|p| same_file(p, path))
    }

    /// The first input that is `dir` or inside it.
    pub fn inside(&self, dir: &Path) -> Option<&Path> {
        let dir = dir.canonicalize().ok()?;
        self.paths
            .iter()
            .find(|p| p.canonicalize().is_ok_and(|p| p.starts_with(&dir)))
            .map(PathBuf::as_path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_file_by_two_names_is_the_same_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("e.yaml");
        std::fs::write(&file, "version: 1\n").unwrap();
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        assert!(same_file(&file, &sub.join("..").join("e.yaml")));
        assert!(!same_file(&file, &sub));
        let (a, b) = (dir.path().join("new.json"), dir.path().join("./new.json"));
        assert!(same_file(&a, &b), "two outputs not yet written");
        let mut protected = Protected::default();
        protected.push(&file);
        assert!(protected.contains(&sub.join("../e.yaml")));
        assert_eq!(protected.inside(dir.path()), Some(file.as_path()));
        assert_eq!(protected.inside(&sub), None);
    }
}
