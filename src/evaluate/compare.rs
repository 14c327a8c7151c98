//! One evidence file under several criteria: which requirements get a different
//! verdict from one criteria version to another.

use crate::evaluate::Evaluation;

/// The verdict on one requirement under one criteria version.
pub fn verdict(e: &Evaluation<'_>, id: &str) -> &'static str {
    match e.criteria.requirements.iter().position(|r| r.id == id) {
        None => "absent",
        Some(i) if e.met[i] => "met",
        Some(i) if e.criteria.requirements[i].optional => "optional_gap",
        Some(_) => "gap",
    }
}

/// A requirement whose verdict differs between the evaluations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    pub requirement: String,
    /// One verdict per evaluation, in order.
    pub verdicts: Vec<&'static str>,
}

/// Requirement ids in order of first appearance across all evaluations.
pub fn requirement_ids(evaluations: &[Evaluation<'_>]) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for e in evaluations {
        for r in &e.criteria.requirements {
            if !ids.contains(&r.id) {
                ids.push(r.id.clone());
            }
        }
    }
    ids
}

pub fn differences(evaluations: &[Evaluation<'_>]) -> Vec<Difference> {
    requirement_ids(evaluations)
        .into_iter()
        .filter_map(|id| {
            let verdicts: Vec<&'static str> = evaluations.iter().map(|e| verdict(e, &id)).collect();
            let differs = verdicts.windows(2).any(|w| w[0] != w[1]);
            differs.then_some(Difference {
                requirement: id,
                verdicts,
            })
        })
        .collect()
}

/// Category (id, name) in order of first appearance across all evaluations.
pub fn categories(evaluations: &[Evaluation<'_>]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for e in evaluations {
        for c in &e.criteria.categories {
            if !out.iter().any(|(id, _)| *id == c.id) {
                out.push((c.id.clone(), c.name.clone()));
            }
        }
    }
    out
}
