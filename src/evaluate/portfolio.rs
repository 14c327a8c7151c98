//! Many evidence files against one criteria version, evaluated in parallel, keeping a
//! small summary per file rather than whole evaluations. One bad file becomes an error
//! row; it never stops the others.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::criteria::Criteria;
use crate::diagnostic::Warning;
use crate::evaluate;
use crate::evidence::Date;
use crate::inputs;

/// The summary of one jurisdiction.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub file: String,
    pub outcome: Result<Summary, String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub name: Option<String>,
    pub as_of: Date,
    /// Index of the level reached.
    pub level: Option<usize>,
    pub readiness: Vec<f64>,
    /// The first required gap in gap order (nearest level, heaviest category).
    pub heaviest_gap: Option<String>,
    /// What loading and the evaluation noticed, as `evaluate` lists them.
    pub warnings: Vec<Warning>,
}

/// What a walk of the portfolio's paths found.
#[derive(Debug, Default)]
pub struct Found {
    /// Evidence files to evaluate, each once, in walk order (sorted by name).
    pub files: Vec<PathBuf>,
    /// Paths that could not be read (a folder without permission, a path that does
    /// not exist), as error rows.
    pub unreadable: Vec<Row>,
    /// Links not followed, each with why ("a loop back to ...").
    pub skipped: Vec<String>,
}

fn is_evidence_name(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "yaml" | "yml" | "json"))
}

/// Evidence files under `paths`: files as given, directories searched recursively
/// for `.yaml`, `.yml` and `.json`, in sorted order. Links are followed, but a link
/// back to a folder being walked is skipped (and named), and a file reached twice
/// counts once. Anything with an evidence name that is not a regular file (a FIFO,
/// a device) is kept, so that it is reported as an error row rather than read.
pub fn collect(paths: &[PathBuf]) -> Found {
    let mut found = Found::default();
    let mut seen: HashSet<PathBuf> = HashSet::new();
    let mut add = |found: &mut Found, path: PathBuf| {
        let key = path.canonicalize().unwrap_or_else(|_| path.clone());
        if seen.insert(key) {
            found.files.push(path);
        }
    };
    for root in paths {
        if !root.is_dir() {
            // A file, or a path that does not exist: its row says which.
            add(&mut found, root.clone());
            continue;
        }
        let walk = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name();
        for entry in walk {
            match entry {
                Ok(entry) => {
                    if !entry.file_type().is_dir() && is_evidence_name(entry.path()) {
                        add(&mut found, entry.into_path());
                    }
                }
                Err(e) => {
                    let path = e.path().map_or_else(|| root.clone(), Path::to_path_buf);
                    if let Some(ancestor) = e.loop_ancestor() {
                        found.skipped.push(format!(
                            "{}: a link back to {}, which is already being searched",
                            path.display(),
                            ancestor.display()
                        ));
                    } else {
                        let reason = match e.io_error().map(std::io::Error::kind) {
                            Some(std::io::ErrorKind::PermissionDenied) => {
                                "permission denied; pmcheck needs to read this folder".to_owned()
                            }
                            Some(std::io::ErrorKind::NotFound) => {
                                "a link to something that does not exist".to_owned()
                            }
                            _ => format!("cannot be read: {e}"),
                        };
                        let file = crate::text::portable_path(&path);
                        found.unreadable.push(Row {
                            outcome: Err(format!("{file}: {reason}")),
                            file,
                        });
                    }
                }
            }
        }
    }
    found
}

fn summarize(criteria: &Criteria, path: &Path, as_of: Option<Date>, today: NaiveDate) -> Row {
    let file = crate::text::portable_path(path);
    // The one loading pipeline, as `evaluate` reads a file: the plan check, linked
    // measures (relative to each evidence file's own folder) and their warnings.
    let request = inputs::Request {
        evidence: Some(path),
        as_of,
        ..inputs::Request::new(criteria, today)
    };
    let outcome = inputs::load(&request, &|_| {})
        .map_err(|e| e.to_string())
        .map(|loaded| {
            let e = &loaded
                .evidence
                .as_ref()
                .expect("an evidence file was asked for")
                .evidence;
            let (date, source) = (loaded.as_of.date, loaded.as_of.source);
            // Levels and readiness only: the items are not kept.
            let only_verdicts = evaluate::Options {
                items: false,
                ..evaluate::Options::default()
            };
            let ev = evaluate::evaluate_with(criteria, e, date, source, only_verdicts);
            let mut warnings = loaded.warnings.clone();
            warnings.extend(ev.warnings.iter().cloned());
            Summary {
                name: e.jurisdiction.as_ref().map(|j| j.name.0.clone()),
                as_of: date,
                level: ev.level,
                heaviest_gap: ev
                    .gaps
                    .iter()
                    .find(|&&g| !criteria.requirements[g].optional)
                    .map(|&g| criteria.requirements[g].id.clone()),
                readiness: ev.readiness,
                warnings,
            }
        });
    Row { file, outcome }
}

/// The most worker threads `portfolio` starts, whatever `--jobs` asks for.
pub const MAX_WORKERS: usize = 64;

/// Evaluates every file on up to `workers` threads (never more than the files, nor
/// [`MAX_WORKERS`]); `progress` is called after each file. Rows come back in a
/// deterministic order (see [`sort`]). When the threads cannot be started, fewer are
/// used, down to evaluating on the calling thread.
pub fn run(
    criteria: &Criteria,
    files: &[PathBuf],
    as_of: Option<Date>,
    today: NaiveDate,
    workers: usize,
    progress: &(dyn Fn() + Sync),
) -> Vec<Row> {
    let one = |path: &PathBuf| {
        let row = summarize(criteria, path, as_of, today);
        progress();
        row
    };
    let workers = workers.clamp(1, MAX_WORKERS).min(files.len().max(1));
    let mut rows: Vec<Row> = match thread_pool(workers) {
        Some(pool) => pool.install(|| files.par_iter().map(one).collect()),
        None => files.iter().map(one).collect(),
    };
    sort(&mut rows);
    rows
}

/// A pool of `workers` threads, or of fewer when the system refuses to start that
/// many; `None` when one thread (the caller's) is all there is.
fn thread_pool(workers: usize) -> Option<rayon::ThreadPool> {
    let mut n = workers;
    while n > 1 {
        if let Ok(pool) = rayon::ThreadPoolBuilder::new().num_threads(n).build() {
            return Some(pool);
        }
        n /= 2;
    }
    None
}

/// Highest level first, then highest readiness at the level above the one reached,
/// then name and file; error rows last, by file.
pub fn sort(rows: &mut [Row]) {
    rows.sort_by(|a, b| match (&a.outcome, &b.outcome) {
        (Ok(x), Ok(y)) => {
            let rank = |s: &Summary| s.level.map_or(-1, |l| l as i64);
            let next = |s: &Summary| {
                let n = s.level.map_or(0, |l| l + 1);
                s.readiness.get(n).copied().unwrap_or(100.0)
            };
            rank(y)
                .cmp(&rank(x))
                .then(next(y).total_cmp(&next(x)))
                .then(x.name.cmp(&y.name))
                .then(a.file.cmp(&b.file))
        }
        (Ok(_), Err(_)) => std::cmp::Ordering::Less,
        (Err(_), Ok(_)) => std::cmp::Ordering::Greater,
        (Err(_), Err(_)) => a.file.cmp(&b.file),
    });
}

/// How many jurisdictions reached each level (index 0: none), and how many failed.
pub fn counts(criteria: &Criteria, rows: &[Row]) -> (Vec<usize>, usize) {
    let mut per = vec![0; criteria.levels.len() + 1];
    let mut errors = 0;
    for r in rows {
        match &r.outcome {
            Ok(s) => per[s.level.map_or(0, |l| l + 1)] += 1,
            Err(_) => errors += 1,
        }
    }
    (per, errors)
}
