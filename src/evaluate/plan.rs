//! Dated plans toward a target level: which gaps have a plan, which do not, which
//! plans fall after the deadline, and which are overdue.

use crate::evaluate::Evaluation;
use crate::evidence::{Date, Evidence, Plan};

/// One open gap on the way to the target, with the plans that address it.
#[derive(Debug, Clone)]
pub struct Action<'e> {
    /// Index into the criteria's requirements.
    pub requirement: usize,
    pub plans: Vec<&'e Plan>,
    /// What exactly is missing, from the items the requirement judged: each item not
    /// counted (`2026-07-01 to 2026-09-30: nothing dated in this quarter`), or, for a
    /// claim `--strict` did not count, the sections whose `sources` it needs. The first
    /// [`MISSING_SHOWN`], then how many more.
    pub missing: Vec<String>,
}

/// Items listed as missing for one action; the rest are counted.
pub const MISSING_SHOWN: usize = 8;

/// What `evaluation` says is missing for requirement `i` (see [`Action::missing`]).
fn missing(evaluation: &Evaluation<'_>, i: usize) -> Vec<String> {
    if let Some((_, sections)) = evaluation.unsupported.iter().find(|(r, _)| *r == i) {
        let sections: Vec<String> = sections.iter().map(|s| format!("`{s}`")).collect();
        return vec![format!(
            "claimed, unsupported: cite `sources` in {} (--strict counts only claims with sources)",
            sections.join(", ")
        )];
    }
    let uncounted: Vec<String> = evaluation
        .findings
        .get(i)
        .into_iter()
        .flatten()
        .filter(|f| !f.counted)
        .map(|f| format!("{}: {}", f.subject, f.reason))
        .collect();
    let mut shown: Vec<String> = uncounted.iter().take(MISSING_SHOWN).cloned().collect();
    if uncounted.len() > MISSING_SHOWN {
        shown.push(format!("and {} more", uncounted.len() - MISSING_SHOWN));
    }
    shown
}

#[derive(Debug, Clone)]
pub struct PlanReport<'e> {
    pub target: usize,
    /// Plans due after this date are late; from `--by` or the application deadline.
    pub by: Option<Date>,
    /// Where `by` came from: `flag`, `application_deadline`, or `none`.
    pub by_source: &'static str,
    /// Open gaps at or below the target, in gap order.
    pub actions: Vec<Action<'e>>,
    /// Requirement indices of actions with no plan.
    pub unplanned: Vec<usize>,
    /// Plans for open gaps due after `by`.
    pub late: Vec<&'e Plan>,
    /// Plans due before the as-of date whose requirement is still unmet.
    pub overdue: Vec<&'e Plan>,
}

pub fn plan<'e>(
    evaluation: &Evaluation<'_>,
    evidence: &'e Evidence,
    target: usize,
    by_flag: Option<Date>,
) -> PlanReport<'e> {
    let c = evaluation.criteria;
    let (by, by_source) = match (by_flag, c.application_window) {
        (Some(d), _) => (Some(d), "flag"),
        (None, Some((_, closes))) if evaluation.as_of < closes => {
            (Some(closes), "application_deadline")
        }
        _ => (None, "none"),
    };
    let plans_for = |i: usize| -> Vec<&'e Plan> {
        let mut v: Vec<&Plan> = evidence
            .plans
            .iter()
            .filter(|p| p.requirement() == c.requirements[i].id)
            .collect();
        v.sort_by_key(|p| p.due);
        v
    };
    let actions: Vec<Action> = evaluation
        .gaps
        .iter()
        .filter(|&&g| c.requirements[g].level <= target)
        .map(|&g| Action {
            requirement: g,
            plans: plans_for(g),
            missing: missing(evaluation, g),
        })
        .collect();
    let unplanned = actions
        .iter()
        .filter(|a| a.plans.is_empty())
        .map(|a| a.requirement)
        .collect();
    let late = match by {
        Some(by) => actions
            .iter()
            .flat_map(|a| a.plans.iter().copied())
            .filter(|p| p.due > by)
            .collect(),
        None => Vec::new(),
    };
    let overdue = evaluation
        .gaps
        .iter()
        .flat_map(|&g| plans_for(g))
        .filter(|p| p.due < evaluation.as_of)
        .collect();
    PlanReport {
        target,
        by,
        by_source,
        actions,
        unplanned,
        late,
        overdue,
    }
}
