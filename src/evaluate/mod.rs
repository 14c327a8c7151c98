//! Rules against evidence: produces a plain [`Evaluation`] value that renderers
//! display. Nothing here prints, and no renderer decides whether a requirement is met.

use chrono::{Months, NaiveDate};

pub mod baseline;
pub mod compare;
mod judge;
pub mod plan;
pub mod portfolio;
pub mod snippet;
mod warnings;

pub use crate::diagnostic::{Warning, WarningCode};
pub use crate::inputs::{AsOfSource, resolve_as_of};
pub use judge::{AreaNeed, Finding, IcmaView, complete_quarters};

use crate::criteria::{Criteria, Requirement, Rule};
use crate::evidence::{Date, Evidence, Initiative, Jurisdiction, distinct_initiatives};
use judge::Context;

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

/// The outcome of judging one evidence file against one criteria file.
#[derive(Debug, Clone)]
pub struct Evaluation<'c> {
    pub criteria: &'c Criteria,
    pub jurisdiction: Option<Jurisdiction>,
    pub as_of: Date,
    pub as_of_source: AsOfSource,
    /// Whether claims without `sources` were refused (`--strict`).
    pub strict: bool,
    /// Requirements whose claims are met but cite no sources, with the sections that
    /// lack them. With `strict` these count as unmet.
    pub unsupported: Vec<(usize, Vec<&'static str>)>,
    /// Whether each requirement is met, by index into `criteria.requirements`.
    pub met: Vec<bool>,
    /// The items each requirement judged, counted or not, with the reasons, by index.
    pub findings: Vec<Vec<Finding>>,
    /// The highest level reached, as an index into `criteria.levels`.
    pub level: Option<usize>,
    /// Readiness 0 to 100 for each level, by index.
    pub readiness: Vec<f64>,
    /// Unmet requirements (indices), nearest level first, then by category weight.
    pub gaps: Vec<usize>,
    pub warnings: Vec<Warning>,
    /// Supplementary initiatives from the evidence, each once: reported, never required.
    pub also_reported: Vec<Initiative>,
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

    /// The level that CI formats judge against: `required` (`--require`), else the next
    /// level above the one reached (the top level once all are reached).
    pub fn target_or_next(&self, required: Option<usize>) -> usize {
        required.unwrap_or_else(|| {
            self.next_level()
                .unwrap_or(self.criteria.levels.len().saturating_sub(1))
        })
    }

    /// Whether requirement `index` is a gap that stands between the program and
    /// `target`: unmet, required, and at or below that level.
    pub fn blocks(&self, index: usize, target: usize) -> bool {
        let r = &self.criteria.requirements[index];
        !self.met[index] && !r.optional && r.level <= target
    }

    /// Whether `target` (a level index) is reached.
    pub fn reaches(&self, target: usize) -> bool {
        self.level.is_some_and(|l| l >= target)
    }

    pub fn requirement(&self, index: usize) -> &'c Requirement {
        &self.criteria.requirements[index]
    }

    /// The requirements (indices) that requirement `index` only repeats: a
    /// `requirements_met` rule such as Training Excellence ("meets criteria for
    /// achievement and distinction"). Empty for a requirement that asks for something.
    pub fn follows_from(&self, index: usize) -> &'c [usize] {
        match &self.criteria.requirements[index].rule {
            Rule::RequirementsMet(ids) => ids,
            _ => &[],
        }
    }

    /// The gaps that stand between the program and `level` and ask for something of
    /// their own: unmet, required, at or below `level`, and not only repeating other
    /// requirements. "N gaps to close" counts these.
    pub fn gaps_to_close(&self, level: usize) -> usize {
        self.gaps
            .iter()
            .filter(|&&i| self.blocks(i, level) && self.follows_from(i).is_empty())
            .count()
    }
}

/// Judges `evidence` against `criteria` as of the given date.
pub fn evaluate<'c>(
    criteria: &'c Criteria,
    evidence: &Evidence,
    as_of: Date,
    as_of_source: AsOfSource,
) -> Evaluation<'c> {
    evaluate_with(criteria, evidence, as_of, as_of_source, Options::default())
}

/// What every command that judges an evidence file judges: the evidence as loaded (its
/// measures linked in) against `criteria`, with what loading noticed among the
/// warnings. `None` when no evidence file was loaded. `evaluate`, `explain` and `plan`
/// call this, so they give the same items for the same inputs.
pub fn judge_loaded<'c>(
    criteria: &'c Criteria,
    loaded: &crate::inputs::Inputs,
    options: Options,
) -> Option<Evaluation<'c>> {
    let source = loaded.evidence.as_ref()?;
    let mut evaluation = evaluate_with(
        criteria,
        &source.evidence,
        loaded.as_of.date,
        loaded.as_of.source,
        options,
    );
    evaluation.warnings.extend(loaded.warnings.iter().cloned());
    Some(evaluation)
}

/// How to judge, beyond the criteria.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// A requirement counts as met only when every section it reads cites `sources`.
    pub strict: bool,
    /// Whether to keep the items each requirement judged ([`Evaluation::findings`]);
    /// without them (`portfolio`, which shows levels and readiness only) no reason is
    /// written and `findings` holds empty lists.
    pub items: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            strict: false,
            items: true,
        }
    }
}

/// The evidence sections a requirement reads that could cite `sources` but cite none.
pub fn sections_without_sources(
    requirement: &Requirement,
    evidence: &Evidence,
) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for field in &requirement.fields {
        let section = field.section();
        if !out.contains(&section) && evidence.section_sources(section) == Some(false) {
            out.push(section);
        }
    }
    out
}

/// Like [`evaluate`], with options such as `strict`.
pub fn evaluate_with<'c>(
    criteria: &'c Criteria,
    evidence: &Evidence,
    as_of: Date,
    as_of_source: AsOfSource,
    options: Options,
) -> Evaluation<'c> {
    let mut met = Vec::with_capacity(criteria.requirements.len());
    let mut findings = Vec::with_capacity(criteria.requirements.len());
    let mut unsupported = Vec::new();
    for (i, r) in criteria.requirements.iter().enumerate() {
        let ctx = Context {
            evidence,
            as_of: as_of.0,
            fiscal_year_start: evidence.fiscal_year_start.unwrap_or_default().0,
            requirements: &criteria.requirements,
            met: &met,
            item: None,
        };
        let mut judged = judge::Sink::new(options.items);
        let mut ok = judge::judge(&r.rule, &ctx, &mut judged);
        findings.push(judged.items);
        if ok {
            let missing = sections_without_sources(r, evidence);
            if !missing.is_empty() {
                unsupported.push((i, missing));
                ok = !options.strict;
            }
        }
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
            .then(cb.shares[rb.level].total_cmp(&ca.shares[ra.level]))
            .then(ra.category.cmp(&rb.category))
            .then(a.cmp(&b))
    });

    let mut evaluation = Evaluation {
        criteria,
        jurisdiction: evidence.jurisdiction.clone(),
        as_of,
        as_of_source,
        strict: options.strict,
        unsupported,
        met,
        findings,
        level,
        readiness,
        gaps,
        warnings: Vec::new(),
        also_reported: distinct_initiatives(&evidence.initiatives),
    };
    evaluation.warnings = warnings::all(&evaluation, evidence);
    evaluation
}

/// The weighted share (0 to 100) of required requirements at or below `level` that are
/// met. Each category counts for its share at that level ([`Category::shares`]), split
/// equally among its requirements; categories with nothing at or below the level have
/// no share there.
///
/// [`Category::shares`]: crate::criteria::Category::shares
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
        let share = category.shares[level];
        if n > 0 {
            total += share;
            achieved += share * m as f64 / n as f64;
        }
    }
    if total > 0.0 {
        // Round to one decimal so that output is stable and readable.
        (achieved / total * 1000.0).round() / 10.0
    } else {
        100.0
    }
}

/// The date `months` calendar months before `date` (clamped to the month's end), or
/// the earliest date when that would fall before it.
pub(crate) fn months_before(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_sub_months(Months::new(months))
        .unwrap_or(NaiveDate::MIN)
}

#[cfg(test)]
mod tests;
