//! One rule against the evidence: whether it holds, and every item it judged (a
//! service area, a session, a quarter, a flag) with whether it counted and why. The
//! reasons are written for the analyst reading the verdict; renderers only display them.

use std::collections::{BTreeSet, HashMap};

use chrono::{Datelike, Months, NaiveDate};

use super::months_before;
use crate::criteria::{Requirement, Rule};
use crate::evidence::{
    Date, Event, Evidence, Field, Item, Measure, Participant, ServiceArea, TargetsInData,
    count_looking_different, look_alike_key,
};
use crate::measures::inventory::{AreaSummary, Report};
use crate::measures::period::{fiscal_year_of, year_label};

/// One item a requirement judged, whether it counted toward the requirement, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What was judged, in words: a service area's name, `2021-01-01 to 2021-03-31`,
    /// `targets or goals published for key measures`. May hold text from the evidence
    /// file: renderers pass it through `text`.
    pub subject: String,
    pub counted: bool,
    /// Why it counted or not: `latest year 2017 is more than 2 years before 2021`.
    pub reason: String,
    /// The evidence field the item comes from, for the "in the evidence file" line.
    pub field: Option<Field>,
}

impl Finding {
    fn new(
        field: Field,
        subject: impl Into<String>,
        counted: bool,
        reason: impl Into<String>,
    ) -> Self {
        Finding {
            subject: subject.into(),
            counted,
            reason: reason.into(),
            field: Some(field),
        }
    }
}

/// Where a rule's items go: kept for the reports, or dropped unread when only the
/// verdict is needed (`portfolio`), so that no reason is written at all.
pub(super) struct Sink {
    keep: bool,
    pub(super) items: Vec<Finding>,
}

impl Sink {
    pub(super) fn new(keep: bool) -> Sink {
        Sink {
            keep,
            items: Vec::new(),
        }
    }

    fn keeps(&self) -> bool {
        self.keep
    }

    fn push(&mut self, finding: impl FnOnce() -> Finding) {
        if self.keep {
            self.items.push(finding());
        }
    }
}

/// Entries shown in one reason before "and N more".
const SHOWN_IN_REASON: usize = 5;

/// `a, b, c` for up to five entries, then `and N more`.
fn list<S: AsRef<str>>(entries: &[S]) -> String {
    let shown: Vec<&str> = entries
        .iter()
        .take(SHOWN_IN_REASON)
        .map(AsRef::as_ref)
        .collect();
    let mut out = shown.join(", ");
    if entries.len() > SHOWN_IN_REASON {
        out.push_str(&format!(" and {} more", entries.len() - SHOWN_IN_REASON));
    }
    out
}

/// `a, b or c`.
fn or_list(values: &[&str]) -> String {
    match values {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// Everything a rule needs besides the rule.
#[derive(Clone, Copy)]
pub(super) struct Context<'a> {
    pub(super) evidence: &'a Evidence,
    pub(super) as_of: NaiveDate,
    /// The month the fiscal year starts in (1 for calendar quarters).
    pub(super) fiscal_year_start: u32,
    /// The requirements, for naming those a `requirements_met` rule reads.
    pub(super) requirements: &'a [Requirement],
    /// Results of the requirements judged so far, in file order.
    pub(super) met: &'a [bool],
    /// The record being judged inside an `every` rule.
    pub(super) item: Option<Item<'a>>,
}

impl<'a> Context<'a> {
    fn flag(&self, field: Field) -> bool {
        match (field.item_of(), self.item) {
            (Some(_), Some(item)) => item.flag(field),
            (Some(_), None) => false,
            (None, _) => self.evidence.flag(field),
        }
    }

    fn count(&self, field: Field) -> usize {
        match (field.item_of(), self.item) {
            (Some(_), Some(item)) => item.count(field),
            (Some(_), None) => 0,
            (None, _) => self.evidence.count(field),
        }
    }

    fn entries(&self, field: Field) -> Vec<String> {
        match (field.item_of(), self.item) {
            (Some(_), Some(item)) => item.entries(field),
            (Some(_), None) => Vec::new(),
            (None, _) => self.evidence.entries(field),
        }
    }

    fn events(&self, field: Field) -> Vec<Event<'a>> {
        match (field.item_of(), self.item) {
            (Some(_), Some(item)) => item.events(field),
            (Some(_), None) => Vec::new(),
            (None, _) => self.evidence.events(field),
        }
    }

    fn as_of(&self) -> Date {
        Date(self.as_of)
    }
}

/// Whether `rule` holds; every item it judged is added to `out`. Inner rules of
/// `all_of` and `any_of` are all judged, so the items are complete either way.
pub(super) fn judge(rule: &Rule, ctx: &Context<'_>, out: &mut Sink) -> bool {
    match rule {
        Rule::Flag { field } => {
            let ok = ctx.flag(*field);
            if *field == Field::Targets
                && ctx.item.is_none()
                && let Some(data) = &ctx.evidence.public_reporting.targets_in_data
            {
                targets_in_data(data, ok, out);
                return ok;
            }
            let reason = if ok {
                "marked true in the evidence file"
            } else {
                "not marked true in the evidence file"
            };
            out.push(|| Finding::new(*field, field.label(), ok, reason));
            ok
        }
        Rule::NotEmpty { field, min, among } if among.is_empty() => {
            not_empty(ctx, *field, *min, out)
        }
        Rule::NotEmpty { field, min, among } => among_values(ctx, *field, *min, among, out),
        Rule::Includes { field, values } => {
            let entries = ctx.entries(*field);
            let mut ok = true;
            for value in values {
                let listed = entries.iter().any(|e| e == value);
                ok &= listed;
                let reason = if listed { "listed" } else { "not listed" };
                out.push(|| {
                    Finding::new(
                        *field,
                        format!("{}: {value}", field.label()),
                        listed,
                        reason,
                    )
                });
            }
            ok
        }
        Rule::ServiceAreas {
            min_areas,
            min_years,
            max_age_years,
            measure,
        } => {
            let need = AreaNeed {
                as_of_year: fiscal_year_of(ctx.as_of, ctx.fiscal_year_start),
                fiscal_year_start: ctx.fiscal_year_start,
                min_years: *min_years,
                max_age_years: *max_age_years,
                measure: *measure,
            };
            let areas = &ctx.evidence.service_areas.0;
            if !out.keeps() {
                // Only the verdict: no reasons, and counting stops once enough areas
                // that look different count.
                let counting = areas
                    .iter()
                    .filter(|a| need.counts(a))
                    .map(|a| a.name.as_str());
                return count_looking_different(counting, *min_areas) >= *min_areas;
            }
            service_areas(areas, &need, out) >= *min_areas
        }
        Rule::RecentEvent { field, months } => recent_event(ctx, *field, *months, out),
        Rule::Quarterly {
            field,
            quarters,
            with_all,
        } => quarterly(ctx, *field, *quarters, with_all, out),
        Rule::Survey { field, months } => survey(ctx, *field, *months, out),
        // Every inner rule is judged (no short circuit), so the items are complete.
        Rule::AllOf(rules) => {
            let results: Vec<bool> = rules.iter().map(|r| judge(r, ctx, out)).collect();
            results.iter().all(|&ok| ok)
        }
        Rule::AnyOf(rules) => {
            let results: Vec<bool> = rules.iter().map(|r| judge(r, ctx, out)).collect();
            results.iter().any(|&ok| ok)
        }
        Rule::RequirementsMet(ids) => {
            let mut ok = true;
            for &i in ids {
                let met = ctx.met.get(i).copied().unwrap_or(false);
                ok &= met;
                let subject = ctx.requirements.get(i).map_or("", |r| r.id.as_str());
                out.push(|| Finding {
                    subject: subject.to_owned(),
                    counted: met,
                    reason: if met { "met" } else { "not met" }.to_owned(),
                    field: None,
                });
            }
            ok
        }
        Rule::Every { field, rule } => every(ctx, *field, rule, out),
    }
}

/// `public_reporting.targets` where measures data is linked: the flag's item says what
/// the data shows beside the claim (never only "not marked true" when the claim was
/// cut), then one item per service area of the data with the target counted for it.
fn targets_in_data(data: &TargetsInData, ok: bool, out: &mut Sink) {
    let field = Field::Targets;
    out.push(|| {
        let missing = data.missing();
        let without = || {
            let names: Vec<String> = missing
                .iter()
                .map(|n| format!("`{}`", crate::diagnostic::printable(n)))
                .collect();
            let one = missing.len() == 1;
            format!(
                "in the measures {} {} no measure with a target for {} latest period or a later one",
                list(&names),
                if one { "has" } else { "have" },
                if one { "its" } else { "their" }
            )
        };
        let every = "the measures show a target for every service area's latest period or a later one";
        let reason = match (ok, missing.is_empty()) {
            (true, true) => format!("marked true in the evidence file; {every}"),
            (true, false) => format!(
                "marked true in the evidence file, but {} (contradicted-by-measures; --strict cuts the claim)",
                without()
            ),
            (false, false) if data.cut => format!(
                "claimed in the evidence file, but {}, so --strict cuts the claim",
                without()
            ),
            (false, false) => format!("not marked true in the evidence file; {}", without()),
            (false, true) => format!(
                "not marked true in the evidence file; {every}, but targets in a data file do not show they were published: set it once they are"
            ),
        };
        Finding::new(field, field.label(), ok, reason)
    });
    for (area, shown) in &data.areas {
        out.push(|| {
            let (counted, reason) = match shown {
                Ok(t) => (true, t.clone()),
                Err(why) => (false, why.clone()),
            };
            Finding::new(field, area.clone(), counted, reason)
        });
    }
}

fn not_empty(ctx: &Context<'_>, field: Field, min: usize, out: &mut Sink) -> bool {
    let entries = ctx.entries(field);
    let n = ctx.count(field);
    let ok = n >= min;
    let needed = if min > 1 {
        format!("; at least {min} needed")
    } else {
        String::new()
    };
    let reason = if entries.is_empty() {
        format!("nothing listed{needed}")
    } else if ok {
        format!("listed: {}", list(&entries))
    } else if field == Field::Coordinator {
        format!("`{}` is a placeholder, not a named person", list(&entries))
    } else if n < entries.len() {
        format!("listed: {}, of which {n} count{needed}", list(&entries))
    } else {
        format!("listed: {}{needed}", list(&entries))
    };
    out.push(|| Finding::new(field, field.label(), ok, reason));
    ok
}

/// A `not_empty` rule with `among`: only entries among those values count.
fn among_values(
    ctx: &Context<'_>,
    field: Field,
    min: usize,
    among: &[&str],
    out: &mut Sink,
) -> bool {
    let entries = ctx.entries(field);
    let hits: Vec<&str> = among
        .iter()
        .copied()
        .filter(|v| entries.iter().any(|e| e == v))
        .collect();
    let others: BTreeSet<&str> = entries
        .iter()
        .map(String::as_str)
        .filter(|e| !among.contains(e))
        .collect();
    let ok = hits.len() >= min;
    let mut reason = if hits.is_empty() {
        "none of these is listed".to_owned()
    } else {
        format!("listed: {}", hits.join(", "))
    };
    if !ok && min > 1 {
        reason.push_str(&format!("; at least {min} of these needed"));
    }
    if !ok && !others.is_empty() {
        let others: Vec<&str> = others.into_iter().collect();
        reason.push_str(&format!("; {} does not count here", list(&others)));
    }
    let subject = format!("{}: {}", field.label(), or_list(among));
    out.push(|| Finding::new(field, subject, ok, reason));
    ok
}

/// What a service area needs to count (the `service_areas` rule, one area at a time).
#[derive(Debug, Clone, Copy)]
pub struct AreaNeed {
    /// The (fiscal) year the as-of date falls in: years are compared in the year the
    /// evidence and its measures count in, never a fiscal year with a calendar one.
    pub as_of_year: i32,
    /// The month the fiscal year starts (1: calendar years), for the words.
    pub fiscal_year_start: u32,
    pub min_years: usize,
    pub max_age_years: i32,
    pub measure: Option<Measure>,
}

impl AreaNeed {
    /// Whether one area counts (areas whose names look alike aside), without the reason:
    /// the same verdict as [`AreaNeed::judge`].
    pub fn counts(&self, area: &ServiceArea) -> bool {
        if self.measure.is_some_and(|m| !area.measures.contains(&m)) {
            return false;
        }
        let mut years: Vec<i32> = self
            .years_of(area)
            .into_iter()
            .filter(|&y| y <= self.as_of_year)
            .collect();
        years.sort_unstable();
        years.dedup();
        let cutoff = self.as_of_year - self.max_age_years;
        let mut run_start = 0;
        for (i, &y) in years.iter().enumerate() {
            if i > 0 && years[i - 1] + 1 != y {
                run_start = i;
            }
            if i + 1 - run_start >= self.min_years && y >= cutoff {
                return true;
            }
        }
        false
    }

    /// Whether one area counts, and why (areas whose names look alike aside).
    pub fn judge(&self, area: &ServiceArea) -> (bool, String) {
        if let Some(m) = self.measure
            && !area.kind_years.is_empty()
            && !area.measures.contains(&m)
        {
            // Years come from that kind's measures, and there are none.
            return (false, format!("no {} measure with values", m.id()));
        }
        let (years_ok, years_reason) = self.years(&self.years_of(area));
        match self.measure {
            Some(m) if !area.measures.contains(&m) => {
                let measure = match &area.no_kind {
                    Some(why) => format!("no {} measure: {why}", m.id()),
                    None => format!("no {} measure", m.id()),
                };
                if years_ok {
                    (false, measure)
                } else {
                    (false, format!("{years_reason}; {measure}"))
                }
            }
            _ => (years_ok, years_reason),
        }
    }

    /// Whether the area's years count, and why.
    /// The years judged: the area's, or, where measures data gives each kind's own
    /// years and a kind is asked for, that kind's.
    fn years_of(&self, area: &ServiceArea) -> Vec<i32> {
        match self.measure {
            Some(m) if !area.kind_years.is_empty() => area
                .kind_years
                .iter()
                .find(|(k, _)| *k == m)
                .map(|(_, y)| y.clone())
                .unwrap_or_default(),
            _ => area.years.iter().map(|y| y.0).collect(),
        }
    }

    /// A year in the words of the evidence's year: `FY2027` or `2027`.
    fn label(&self, year: i32) -> String {
        year_label(year, self.fiscal_year_start)
    }

    /// `the as-of year` or, for fiscal years, `FY2027 (the fiscal year of the as-of date)`.
    fn as_of_words(&self) -> String {
        if self.fiscal_year_start <= 1 {
            "the as-of year".to_owned()
        } else {
            format!(
                "{} (the fiscal year of the as-of date)",
                self.label(self.as_of_year)
            )
        }
    }

    fn years(&self, listed: &[i32]) -> (bool, String) {
        let cutoff = self.as_of_year - self.max_age_years;
        let n = self.min_years;
        let years: BTreeSet<i32> = listed.iter().copied().collect();
        let counted: Vec<i32> = years
            .iter()
            .copied()
            .filter(|&y| y <= self.as_of_year)
            .collect();
        let later: Vec<String> = years
            .iter()
            .filter(|&&y| y > self.as_of_year)
            .map(|&y| self.label(y))
            .collect();
        let Some(&latest) = counted.last() else {
            return (
                false,
                if later.is_empty() {
                    "no years listed".to_owned()
                } else {
                    format!(
                        "no year up to {}; {} {} after {}",
                        self.label(self.as_of_year),
                        list(&later),
                        if later.len() == 1 { "is" } else { "are" },
                        self.as_of_words()
                    )
                },
            );
        };
        // Maximal runs of consecutive years, as (first, last).
        let mut runs: Vec<(i32, i32)> = Vec::new();
        for &y in &counted {
            match runs.last_mut() {
                Some((_, last)) if *last + 1 == y => *last = y,
                _ => runs.push((y, y)),
            }
        }
        let long = |&(a, b): &(i32, i32)| (b - a + 1) as usize >= n;
        let span = |(a, b): (i32, i32)| {
            if a == b {
                self.label(a)
            } else {
                format!("{}–{b}", self.label(a))
            }
        };
        if let Some(&run) = runs.iter().rev().find(|r| long(r) && r.1 >= cutoff) {
            let len = run.1 - run.0 + 1;
            return (
                true,
                format!(
                    "{}: {len} consecutive year{}, the latest no more than {} before {}",
                    span(run),
                    if len == 1 { "" } else { "s" },
                    years_word(self.max_age_years),
                    self.label(self.as_of_year)
                ),
            );
        }
        let reason = if latest < cutoff {
            format!(
                "latest year {} is more than {} before {}",
                self.label(latest),
                years_word(self.max_age_years),
                self.label(self.as_of_year)
            )
        } else if let Some(&run) = runs.iter().rev().find(|r| long(r)) {
            format!(
                "its {n} consecutive years {} end more than {} before {}",
                span(run),
                years_word(self.max_age_years),
                self.label(self.as_of_year)
            )
        } else {
            let shown: Vec<String> = counted.iter().map(|&y| self.label(y)).collect();
            format!("{} has no {n} consecutive years", list(&shown))
        };
        (false, reason)
    }
}

fn years_word(n: i32) -> String {
    if n == 1 {
        "1 year".to_owned()
    } else {
        format!("{n} years")
    }
}

/// One finding per service area; returns how many count. Areas whose names look alike
/// (a `confusable-names` warning) count once: telling an applicant it is ready when it
/// is not is the worse mistake.
fn service_areas(areas: &[ServiceArea], need: &AreaNeed, out: &mut Sink) -> usize {
    if areas.is_empty() {
        out.push(|| {
            Finding::new(
                Field::ServiceAreas,
                Field::ServiceAreas.label(),
                false,
                "none listed",
            )
        });
        return 0;
    }
    let mut seen: HashMap<String, &str> = HashMap::new();
    for area in areas {
        let (mut ok, mut reason) = need.judge(area);
        if ok {
            let key = look_alike_key(area.name.as_str());
            if let Some(first) = seen.get(&key) {
                ok = false;
                reason = format!("looks like `{first}`, which is counted already");
            } else {
                seen.insert(key, area.name.as_str());
            }
        }
        // Where linked measures show the area: the rows that made the fact.
        if let Some(data) = &area.data {
            reason = format!("{reason} ({data})");
        }
        out.push(|| Finding::new(Field::ServiceAreas, area.name.as_str(), ok, reason));
    }
    seen.len()
}

/// `2021-03-04` or `2021-03-04 Budget training`.
fn event_subject(event: &Event<'_>) -> String {
    match event.title {
        Some(title) => format!("{} {title}", event.date),
        None => event.date.to_string(),
    }
}

fn recent_event(ctx: &Context<'_>, field: Field, months: u32, out: &mut Sink) -> bool {
    let start = Date(months_before(ctx.as_of, months));
    let events = ctx.events(field);
    if events.is_empty() {
        out.push(|| Finding::new(field, field.label(), false, "none listed"));
        return false;
    }
    let window = format!("the {months} months {start} to {}", ctx.as_of());
    let mut ok = false;
    for event in &events {
        let (counted, reason) = if event.date.0 > ctx.as_of {
            (false, format!("after the as-of date {}", ctx.as_of()))
        } else if event.date < start {
            (false, format!("before {window}"))
        } else {
            (true, format!("within {window}"))
        };
        ok |= counted;
        out.push(|| Finding::new(field, event_subject(event), counted, reason));
    }
    ok
}

/// The `n` most recent complete quarters up to `as_of`, oldest first, as (first day,
/// last day). Quarters start in the fiscal year's first month and every third month
/// after it; a quarter is complete when it ends on or before `as_of`.
pub fn complete_quarters(
    as_of: NaiveDate,
    fiscal_year_start: u32,
    n: u32,
) -> Vec<(NaiveDate, NaiveDate)> {
    let into_quarter = (as_of.month() + 12 - fiscal_year_start) % 3;
    let month_start = as_of.with_day(1).unwrap_or(as_of);
    let mut start = month_start
        .checked_sub_months(Months::new(into_quarter))
        .unwrap_or(NaiveDate::MIN);
    let end_of = |start: NaiveDate| {
        start
            .checked_add_months(Months::new(3))
            .and_then(|next| next.pred_opt())
            .unwrap_or(NaiveDate::MAX)
    };
    if end_of(start) > as_of {
        start = months_before(start, 3);
    }
    let mut out: Vec<(NaiveDate, NaiveDate)> = (0..n)
        .map(|q| {
            let s = months_before(start, 3 * q);
            (s, end_of(s))
        })
        .collect();
    out.reverse();
    out
}

fn quarterly(
    ctx: &Context<'_>,
    field: Field,
    quarters: u32,
    with_all: &[Participant],
    out: &mut Sink,
) -> bool {
    let events = ctx.events(field);
    let mut ok = true;
    for (start, end) in complete_quarters(ctx.as_of, ctx.fiscal_year_start, quarters) {
        let dates: Vec<String> = events
            .iter()
            .filter(|e| e.date.0 >= start && e.date.0 <= end)
            .map(|e| e.date.to_string())
            .collect();
        let counted = !dates.is_empty();
        ok &= counted;
        let reason = if counted {
            format!("dated {}", list(&dates))
        } else {
            "nothing dated in this quarter".to_owned()
        };
        let subject = format!("{} to {}", Date(start), Date(end));
        out.push(|| Finding::new(field, subject, counted, reason));
    }
    let year_start = Date(months_before(ctx.as_of, 12));
    if field == Field::Reviews
        && let Some(tracking) = &ctx.evidence.accountability.tracking
    {
        out.push(|| Finding::new(
            field,
            "tracking in the measures data",
            false,
            format!(
                "{tracking}: tracking, not a review; each quarter above still needs a review with people"
            ),
        ));
    }
    for &p in with_all {
        let dates: Vec<String> = events
            .iter()
            .filter(|e| e.date >= year_start && e.date.0 <= ctx.as_of)
            .filter(|e| e.participants.contains(&p))
            .map(|e| e.date.to_string())
            .collect();
        let counted = !dates.is_empty();
        ok &= counted;
        let reason = if counted {
            format!("with them on {}", list(&dates))
        } else {
            format!(
                "none dated {year_start} to {} lists `{}` in `with`",
                ctx.as_of(),
                p.id()
            )
        };
        let subject = format!("{} with {}", field.label(), p.id());
        out.push(|| Finding::new(field, subject, counted, reason));
    }
    ok
}

fn survey(ctx: &Context<'_>, field: Field, months: Option<u32>, out: &mut Sink) -> bool {
    let Some(s) = ctx.evidence.survey(field) else {
        out.push(|| Finding::new(field, field.label(), false, "not listed"));
        return false;
    };
    let mut problems = Vec::new();
    let mut dated = format!("dated {}", s.date);
    if s.date.0 > ctx.as_of {
        problems.push(format!(
            "dated {}, after the as-of date {}",
            s.date,
            ctx.as_of()
        ));
    } else if let Some(m) = months {
        let start = Date(months_before(ctx.as_of, m));
        if s.date < start {
            problems.push(format!(
                "dated {}, before the {m} months {start} to {}",
                s.date,
                ctx.as_of()
            ));
        } else {
            dated = format!(
                "dated {}, within the {m} months {start} to {}",
                s.date,
                ctx.as_of()
            );
        }
    }
    if !s.published {
        problems.push("not published".to_owned());
    }
    let ok = problems.is_empty();
    let reason = if ok {
        format!("published, {dated}")
    } else {
        problems.join("; ")
    };
    out.push(|| Finding::new(field, field.label(), ok, reason));
    ok
}

fn every(ctx: &Context<'_>, field: Field, rule: &Rule, out: &mut Sink) -> bool {
    let items = Item::all(ctx.evidence, field);
    if items.is_empty() {
        out.push(|| {
            Finding::new(
                field,
                field.label(),
                true,
                "none listed, so none falls short",
            )
        });
        return true;
    }
    let mut ok = true;
    for item in items {
        let mut inner_findings = Sink::new(out.keeps());
        let inner = Context {
            item: Some(item),
            ..*ctx
        };
        let counted = judge(rule, &inner, &mut inner_findings);
        ok &= counted;
        if !out.keeps() {
            continue;
        }
        let reason = if counted {
            "meets every check".to_owned()
        } else {
            inner_findings
                .items
                .iter()
                .filter(|f| !f.counted)
                .map(|f| format!("{}: {}", f.subject, f.reason))
                .collect::<Vec<_>>()
                .join("; ")
        };
        out.push(|| Finding::new(field, item.name(), counted, reason));
    }
    ok
}

/// The ICMA readings of Data Collection applied to one area of the data: whether it
/// counts for the 2-year (Achievement) and the 3-year (Distinction) reading, and for
/// Excellence (3 years, with outcome measures), each with the reason.
pub struct IcmaView {
    pub two_years: (bool, String),
    pub three_years: (bool, String),
    pub outcome: (bool, String),
}

impl IcmaView {
    /// What ICMA's Data Collection readings make of an area of `report`, as of its date
    /// in its (fiscal) years.
    pub fn of(area: &AreaSummary, report: &Report) -> IcmaView {
        let fiscal_year_start = report.fiscal_year_start();
        let as_of_year = fiscal_year_of(report.as_of, fiscal_year_start);
        let evidence_area = ServiceArea {
            name: crate::vocab::Text(area.name.clone()),
            aliases: Vec::new(),
            years: area.years.iter().map(|&y| crate::vocab::Year(y)).collect(),
            measures: area.kinds.clone(),
            sources: Vec::new(),
            data: None,
            kind_years: area.kind_years.clone(),
            no_kind: area.no_kind.clone(),
        };
        let need = |min_years, measure| AreaNeed {
            as_of_year,
            fiscal_year_start,
            min_years,
            max_age_years: 2,
            measure,
        };
        IcmaView {
            two_years: need(2, None).judge(&evidence_area),
            three_years: need(3, None).judge(&evidence_area),
            outcome: need(3, Some(Measure::Outcome)).judge(&evidence_area),
        }
    }
}
