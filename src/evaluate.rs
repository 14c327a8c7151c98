//! Rules against evidence: produces a plain [`Evaluation`] value that renderers
//! display. Nothing here prints, and no renderer decides whether a requirement is met.

use std::collections::BTreeSet;

use chrono::{Datelike, Months, NaiveDate};

use crate::criteria::{Criteria, Requirement, Rule};
use crate::evidence::{Date, Evidence, Field, Jurisdiction};

/// Where the as-of date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AsOfSource {
    /// `--as-of` on the command line.
    Flag,
    /// `as_of:` in the evidence file.
    File,
    /// Neither was given: the day pmcheck ran.
    Today,
}

impl AsOfSource {
    pub fn id(self) -> &'static str {
        match self {
            AsOfSource::Flag => "flag",
            AsOfSource::File => "file",
            AsOfSource::Today => "today",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            AsOfSource::Flag => "from --as-of",
            AsOfSource::File => "from the evidence file",
            AsOfSource::Today => "today; no as_of in the file",
        }
    }
}

/// `--as-of` wins; otherwise the file's `as_of`; otherwise today.
pub fn resolve_as_of(
    flag: Option<Date>,
    file: Option<Date>,
    today: NaiveDate,
) -> (Date, AsOfSource) {
    match (flag, file) {
        (Some(d), _) => (d, AsOfSource::Flag),
        (None, Some(d)) => (d, AsOfSource::File),
        (None, None) => (Date(today), AsOfSource::Today),
    }
}

/// How one category stands at one level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Every requirement of the category at this level is met.
    Met,
    /// A required requirement is unmet.
    Gap,
    /// Only optional requirements are unmet.
    OptionalGap,
    /// The category has no requirement at this level.
    NotApplicable,
}

impl Status {
    pub fn id(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Gap => "gap",
            Status::OptionalGap => "optional_gap",
            Status::NotApplicable => "not_applicable",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// A category id, or `None` for a warning about the file as a whole.
    pub category: Option<String>,
    pub message: String,
}

/// The outcome of judging one evidence file against one criteria file.
#[derive(Debug, Clone)]
pub struct Evaluation<'c> {
    pub criteria: &'c Criteria,
    pub jurisdiction: Option<Jurisdiction>,
    pub as_of: Date,
    pub as_of_source: AsOfSource,
    /// Whether each requirement is met, by index into `criteria.requirements`.
    pub met: Vec<bool>,
    /// The highest level reached, as an index into `criteria.levels`.
    pub level: Option<usize>,
    /// Readiness 0 to 100 for each level, by index.
    pub readiness: Vec<f64>,
    /// Unmet requirements (indices), nearest level first, then by category weight.
    pub gaps: Vec<usize>,
    pub warnings: Vec<Warning>,
}

impl<'c> Evaluation<'c> {
    /// The status of a category at a level (that level's own requirements only).
    pub fn status(&self, category: usize, level: usize) -> Status {
        let mut any = false;
        let mut required_gap = false;
        let mut optional_gap = false;
        for (i, r) in self.criteria.requirements.iter().enumerate() {
            if r.category != category || r.level != level {
                continue;
            }
            any = true;
            if !self.met[i] {
                if r.optional {
                    optional_gap = true;
                } else {
                    required_gap = true;
                }
            }
        }
        match (any, required_gap, optional_gap) {
            (false, _, _) => Status::NotApplicable,
            (true, true, _) => Status::Gap,
            (true, false, true) => Status::OptionalGap,
            (true, false, false) => Status::Met,
        }
    }

    /// The level after the one reached, if any.
    pub fn next_level(&self) -> Option<usize> {
        let next = self.level.map_or(0, |l| l + 1);
        (next < self.criteria.levels.len()).then_some(next)
    }

    /// Whether `target` (a level index) is reached.
    pub fn reaches(&self, target: usize) -> bool {
        self.level.is_some_and(|l| l >= target)
    }

    pub fn requirement(&self, index: usize) -> &'c Requirement {
        &self.criteria.requirements[index]
    }
}

/// Everything a rule needs besides the evidence.
struct Context<'a> {
    evidence: &'a Evidence,
    as_of: NaiveDate,
    /// Results of the requirements judged so far, in file order.
    met: &'a [bool],
}

/// Judges `evidence` against `criteria` as of the given date.
pub fn evaluate<'c>(
    criteria: &'c Criteria,
    evidence: &Evidence,
    as_of: Date,
    as_of_source: AsOfSource,
) -> Evaluation<'c> {
    let mut met = Vec::with_capacity(criteria.requirements.len());
    for r in &criteria.requirements {
        let ctx = Context {
            evidence,
            as_of: as_of.0,
            met: &met,
        };
        let ok = check(&r.rule, &ctx);
        met.push(ok);
    }

    // Levels are cumulative: a level is reached when every required requirement at it
    // and below is met.
    let mut level = None;
    for l in 0..criteria.levels.len() {
        let complete = criteria
            .requirements
            .iter()
            .zip(&met)
            .all(|(r, &m)| r.level > l || r.optional || m);
        if complete {
            level = Some(l);
        } else {
            break;
        }
    }

    let readiness = (0..criteria.levels.len())
        .map(|l| readiness(criteria, &met, l))
        .collect();

    let mut gaps: Vec<usize> = (0..criteria.requirements.len())
        .filter(|&i| !met[i])
        .collect();
    gaps.sort_by(|&a, &b| {
        let (ra, rb) = (&criteria.requirements[a], &criteria.requirements[b]);
        let (ca, cb) = (
            &criteria.categories[ra.category],
            &criteria.categories[rb.category],
        );
        ra.level
            .cmp(&rb.level)
            .then(ra.optional.cmp(&rb.optional))
            .then(cb.weight.total_cmp(&ca.weight))
            .then(ra.category.cmp(&rb.category))
            .then(a.cmp(&b))
    });

    let mut evaluation = Evaluation {
        criteria,
        jurisdiction: evidence.jurisdiction.clone(),
        as_of,
        as_of_source,
        met,
        level,
        readiness,
        gaps,
        warnings: Vec::new(),
    };
    evaluation.warnings = warnings(&evaluation, evidence);
    evaluation
}

/// The weighted share (0 to 100) of required requirements at or below `level` that are
/// met. Each category present counts for its weight, split equally among its
/// requirements; categories with nothing at or below the level do not count.
fn readiness(criteria: &Criteria, met: &[bool], level: usize) -> f64 {
    let mut total = 0.0;
    let mut achieved = 0.0;
    for (c, category) in criteria.categories.iter().enumerate() {
        let (mut n, mut m) = (0usize, 0usize);
        for (r, &ok) in criteria.requirements.iter().zip(met) {
            if r.category == c && r.level <= level && !r.optional {
                n += 1;
                m += usize::from(ok);
            }
        }
        if n > 0 {
            total += category.weight;
            achieved += category.weight * m as f64 / n as f64;
        }
    }
    if total > 0.0 {
        // Round to one decimal so that output is stable and readable.
        (achieved / total * 1000.0).round() / 10.0
    } else {
        100.0
    }
}

fn check(rule: &Rule, ctx: &Context<'_>) -> bool {
    let e = ctx.evidence;
    match rule {
        Rule::Flag { field } => e.flag(*field),
        Rule::NotEmpty { field, min } => e.count(*field) >= *min,
        Rule::ServiceAreas {
            min_areas,
            min_years,
            max_age_years,
            measure,
        } => {
            let as_of_year = ctx.as_of.year();
            let qualifying = e
                .service_areas
                .0
                .iter()
                .filter(|area| measure.is_none_or(|m| area.measures.contains(&m)))
                .filter(|area| {
                    let years: BTreeSet<i32> = area
                        .years
                        .iter()
                        .map(|y| y.0)
                        .filter(|&y| y <= as_of_year)
                        .collect();
                    let fresh = years
                        .last()
                        .is_some_and(|&latest| latest >= as_of_year - max_age_years);
                    fresh && years.len() >= *min_years
                })
                .count();
            qualifying >= *min_areas
        }
        Rule::RecentEvent { field, months } => {
            let start = months_before(ctx.as_of, *months);
            e.events(*field)
                .iter()
                .any(|ev| ev.date.0 >= start && ev.date.0 <= ctx.as_of)
        }
        Rule::Quarterly {
            field,
            quarters,
            with_all,
        } => {
            let events = e.events(*field);
            let mut seen = Vec::new();
            for q in 0..*quarters {
                let end = months_before(ctx.as_of, 3 * q);
                let start = months_before(ctx.as_of, 3 * (q + 1));
                let in_period: Vec<_> = events
                    .iter()
                    .filter(|ev| ev.date.0 > start && ev.date.0 <= end)
                    .collect();
                if in_period.is_empty() {
                    return false;
                }
                for ev in in_period {
                    seen.extend_from_slice(ev.participants);
                }
            }
            with_all.iter().all(|p| seen.contains(p))
        }
        Rule::Survey { field } => e
            .survey(*field)
            .is_some_and(|s| s.published && s.date.0 <= ctx.as_of),
        Rule::AllOf(rules) => rules.iter().all(|r| check(r, ctx)),
        Rule::AnyOf(rules) => rules.iter().any(|r| check(r, ctx)),
        Rule::RequirementsMet(ids) => ids
            .iter()
            .all(|&i| ctx.met.get(i).copied().unwrap_or(false)),
    }
}

/// The date `months` calendar months before `date` (clamped to the month's end), or
/// the earliest date when that would fall before it.
fn months_before(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_sub_months(Months::new(months))
        .unwrap_or(NaiveDate::MIN)
}

fn warnings(evaluation: &Evaluation<'_>, evidence: &Evidence) -> Vec<Warning> {
    let criteria = evaluation.criteria;
    let as_of = evaluation.as_of;
    let reads = |field: Field| -> Option<String> {
        // The category of the first requirement that reads this field.
        criteria
            .requirements
            .iter()
            .find(|r| r.rule.fields(criteria).contains(&field))
            .map(|r| criteria.categories[r.category].id.clone())
    };
    let mut out = Vec::new();

    for area in &evidence.service_areas.0 {
        let mut future: Vec<i32> = area
            .years
            .iter()
            .map(|y| y.0)
            .filter(|&y| y > as_of.0.year())
            .collect();
        future.sort_unstable();
        future.dedup();
        for y in future {
            out.push(Warning {
                category: reads(Field::ServiceAreas),
                message: format!(
                    "service area `{}`: year {y} is after the as-of year {} and does not count",
                    area.name,
                    as_of.0.year()
                ),
            });
        }
    }
    for s in &evidence.training.sessions {
        if s.date > as_of {
            let title = s
                .title
                .as_ref()
                .map_or(String::new(), |t| format!(" `{t}`"));
            out.push(Warning {
                category: reads(Field::TrainingSessions),
                message: format!(
                    "training session{title} dated {} is after the as-of date {as_of} and does not count",
                    s.date
                ),
            });
        }
    }
    for r in &evidence.accountability.reviews {
        if r.date > as_of {
            out.push(Warning {
                category: reads(Field::Reviews),
                message: format!(
                    "review dated {} is after the as-of date {as_of} and does not count",
                    r.date
                ),
            });
        }
    }
    for (field, name) in [
        (Field::ResidentSurvey, "resident survey"),
        (Field::EmployeeSurvey, "employee survey"),
    ] {
        if let Some(s) = evidence.survey(field)
            && s.date > as_of
        {
            out.push(Warning {
                category: reads(field),
                message: format!(
                    "{name} dated {} is after the as-of date {as_of} and does not count",
                    s.date
                ),
            });
        }
    }

    // Disqualification risk: a category with required requirements up to the next
    // level (or the top level, once every level is reached) and none of them met.
    let horizon = evaluation
        .next_level()
        .unwrap_or(criteria.levels.len().saturating_sub(1));
    for (c, category) in criteria.categories.iter().enumerate() {
        let relevant: Vec<usize> = (0..criteria.requirements.len())
            .filter(|&i| {
                let r = &criteria.requirements[i];
                r.category == c && r.level <= horizon && !r.optional
            })
            .collect();
        if !relevant.is_empty() && relevant.iter().all(|&i| !evaluation.met[i]) {
            out.push(Warning {
                category: Some(category.id.clone()),
                message: format!(
                    "{}: no requirement up to {} is met; criteria not met at all may disqualify an application",
                    category.name, criteria.levels[horizon].name
                ),
            });
        }
    }
    out
}
