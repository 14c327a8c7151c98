//! The plan as JSON (version 1).

use std::io::{self, Write};

use serde::Serialize;

use crate::evaluate::Evaluation;
use crate::evaluate::plan::{Action, PlanReport};
use crate::evidence::Plan;

#[derive(Serialize)]
struct JsonPlanReport<'a> {
    version: u32,
    criteria: String,
    as_of: String,
    target: &'a str,
    target_met: bool,
    by: Option<String>,
    by_source: &'a str,
    actions: Vec<JsonAction<'a>>,
    unplanned: Vec<&'a str>,
    late: Vec<JsonPlan<'a>>,
    overdue: Vec<JsonPlan<'a>>,
}

#[derive(Serialize)]
struct JsonAction<'a> {
    requirement: &'a str,
    category: &'a str,
    level: &'a str,
    optional: bool,
    weight: f64,
    hint: &'a str,
    /// Added in version 1: what exactly is missing, item by item.
    missing: &'a [String],
    plans: Vec<JsonPlan<'a>>,
}

#[derive(Serialize)]
struct JsonPlan<'a> {
    requirement: &'a str,
    due: String,
    owner: Option<&'a str>,
    note: Option<&'a str>,
}

impl<'a> JsonPlan<'a> {
    fn new(p: &'a Plan) -> Self {
        JsonPlan {
            requirement: p.requirement(),
            due: p.due.to_string(),
            owner: p.owner.as_ref().map(|o| o.as_str()),
            note: p.note.as_ref().map(|n| n.as_str()),
        }
    }
}

impl<'a> JsonAction<'a> {
    fn new(e: &'a Evaluation<'_>, a: &'a Action<'_>) -> Self {
        let c = e.criteria;
        let r = &c.requirements[a.requirement];
        let cat = &c.categories[r.category];
        JsonAction {
            requirement: &r.id,
            category: &cat.id,
            level: &c.levels[r.level].id,
            optional: r.optional,
            weight: (cat.share * 10_000.0).round() / 10_000.0,
            hint: &r.hint,
            missing: &a.missing,
            plans: a.plans.iter().map(|p| JsonPlan::new(p)).collect(),
        }
    }
}

pub(super) fn render(
    e: &Evaluation<'_>,
    report: &PlanReport<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let c = e.criteria;
    let j = JsonPlanReport {
        version: 1,
        criteria: c.label(),
        as_of: e.as_of.to_string(),
        target: &c.levels[report.target].id,
        target_met: e.reaches(report.target),
        by: report.by.map(|d| d.to_string()),
        by_source: report.by_source,
        actions: report
            .actions
            .iter()
            .map(|a| JsonAction::new(e, a))
            .collect(),
        unplanned: report
            .unplanned
            .iter()
            .map(|&i| c.requirements[i].id.as_str())
            .collect(),
        late: report.late.iter().map(|p| JsonPlan::new(p)).collect(),
        overdue: report.overdue.iter().map(|p| JsonPlan::new(p)).collect(),
    };
    crate::report::write_json(out, &j)
}
