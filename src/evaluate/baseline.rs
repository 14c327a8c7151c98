//! Progress since an earlier result: `--baseline last-year.json` reads a JSON result
//! (contract v1) and reports requirements newly met, requirements lost, and the change
//! of level and readiness.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::diagnostic::{self, Problem};
use crate::evaluate::Evaluation;

/// The parts of a JSON result v1 that a baseline needs; other keys are ignored.
#[derive(Debug, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub criteria: BaselineCriteria,
    pub as_of: String,
    pub level: String,
    pub readiness: BTreeMap<String, f64>,
    pub categories: Vec<BaselineCategory>,
}

#[derive(Debug, Deserialize)]
pub struct BaselineCriteria {
    pub framework: String,
    pub version: String,
}

#[derive(Debug, Deserialize)]
pub struct BaselineCategory {
    pub requirements: Vec<BaselineRequirement>,
}

#[derive(Debug, Deserialize)]
pub struct BaselineRequirement {
    pub id: String,
    pub met: bool,
}

/// Reads a baseline: a JSON result of `pmcheck evaluate --format json`.
pub fn load(path: &Path) -> Result<Baseline, Problem> {
    let text = crate::read::text(path, 16 * 1024 * 1024, "baseline")?;
    let b: Baseline = serde_json::from_str(&text).map_err(|e| {
        let at = (e.line() > 0).then(|| (e.line() as u64, e.column() as u64));
        Problem::new(
            path,
            at,
            format!(
                "not a pmcheck JSON result ({}); make a baseline with `pmcheck evaluate ... --format json > last-year.json`",
                diagnostic::improve_serde_message(&e.to_string())
            ),
        )
        .with_source_text(&text)
    })?;
    if b.version != 1 {
        return Err(Problem::new(
            path,
            None,
            format!(
                "baseline JSON version {} is not supported; this pmcheck reads version 1",
                b.version
            ),
        ));
    }
    Ok(b)
}

#[derive(Debug, Clone, PartialEq)]
pub struct Changes {
    pub baseline: String,
    /// `framework version` of the baseline.
    pub baseline_criteria: String,
    pub same_criteria: bool,
    pub baseline_as_of: String,
    pub level_before: String,
    pub level_after: String,
    /// (level id, before, after), in the current criteria's level order.
    pub readiness: Vec<(String, Option<f64>, f64)>,
    /// Requirement ids met now and not in the baseline (present in both).
    pub newly_met: Vec<String>,
    /// Requirement ids met in the baseline and not now: regressions.
    pub lost: Vec<String>,
}

pub fn changes(baseline: &Baseline, path: &str, e: &Evaluation<'_>) -> Changes {
    let c = e.criteria;
    let before: BTreeMap<&str, bool> = baseline
        .categories
        .iter()
        .flat_map(|cat| &cat.requirements)
        .map(|r| (r.id.as_str(), r.met))
        .collect();
    let mut newly_met = Vec::new();
    let mut lost = Vec::new();
    for (i, r) in c.requirements.iter().enumerate() {
        match before.get(r.id.as_str()) {
            Some(false) if e.met[i] => newly_met.push(r.id.clone()),
            Some(true) if !e.met[i] => lost.push(r.id.clone()),
            _ => {}
        }
    }
    Changes {
        baseline: path.to_owned(),
        baseline_criteria: format!(
            "{} {}",
            baseline.criteria.framework, baseline.criteria.version
        ),
        same_criteria: baseline.criteria.framework == c.framework
            && baseline.criteria.version == c.version,
        baseline_as_of: baseline.as_of.clone(),
        level_before: baseline.level.clone(),
        level_after: e
            .level
            .map_or("none".to_owned(), |l| c.levels[l].id.clone()),
        readiness: c
            .levels
            .iter()
            .zip(&e.readiness)
            .map(|(l, &now)| (l.id.clone(), baseline.readiness.get(&l.id).copied(), now))
            .collect(),
        newly_met,
        lost,
    }
}
