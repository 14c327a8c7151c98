//! Rule kinds: the closed set of predicates the engine knows, and for each kind its
//! name in criteria files, the parameters it takes and how those are validated.
//! Adding a kind means a variant here (in [`Rule`] and [`RuleKind`]) and an arm in
//! each `match` the compiler then points at (evaluation, the evidence example).

use std::collections::HashMap;

use toml::Spanned;

use super::raw::RawRule;
use super::validate::Validator;
use super::{Criteria, Requirement, limits};
use crate::diagnostic;
use crate::vocab::{Field, FieldKind, Measure, Participant};

/// The closed set of predicates the engine knows. Criteria files pick one per
/// requirement and give its parameters; there is no scripting.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    /// A true/false field is true.
    Flag { field: Field },
    /// A list has at least `min` entries (a text field counts when not blank); with
    /// `among`, only entries that are one of those values count, each value once.
    NotEmpty {
        field: Field,
        min: usize,
        among: Vec<&'static str>,
    },
    /// Every one of `values` is listed in a list with a closed set of values.
    Includes {
        field: Field,
        values: Vec<&'static str>,
    },
    /// At least `min_areas` service areas, each with a run of at least `min_years`
    /// consecutive counted years whose latest is no more than `max_age_years` before
    /// the as-of year, and (when given) tracking `measure`.
    ServiceAreas {
        min_areas: usize,
        min_years: usize,
        max_age_years: i32,
        measure: Option<Measure>,
    },
    /// At least one dated item within the `months` up to the as-of date.
    RecentEvent { field: Field, months: u32 },
    /// Each of the `quarters` most recent complete quarters (calendar quarters, or of
    /// the evidence's fiscal year) holds a dated item, and the items dated in the 12
    /// months up to the as-of date together include every one of `with_all`.
    Quarterly {
        field: Field,
        quarters: u32,
        with_all: Vec<Participant>,
    },
    /// A survey was conducted (dated no later than the as-of date, and with `months`
    /// no earlier than that many months before it) and published.
    Survey { field: Field, months: Option<u32> },
    /// Every inner rule holds.
    AllOf(Vec<Rule>),
    /// At least one inner rule holds.
    AnyOf(Vec<Rule>),
    /// The named requirements (indices, each earlier in the file) are met.
    RequirementsMet(Vec<usize>),
    /// Every record of an items list satisfies the inner rule, which reads the
    /// record's own fields (`federal.priority_goals[].leader`). True for an empty list.
    Every { field: Field, rule: Box<Rule> },
}

/// The kind of a rule, as spelled in criteria files (`kind = "quarterly"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    Flag,
    NotEmpty,
    Includes,
    ServiceAreas,
    RecentEvent,
    Quarterly,
    Survey,
    AllOf,
    AnyOf,
    RequirementsMet,
    Every,
}

/// The parameters a rule kind takes besides `kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parameters {
    pub required: &'static [&'static str],
    pub optional: &'static [&'static str],
}

impl RuleKind {
    /// Every kind, in the order the documentation lists them.
    pub const ALL: [RuleKind; 11] = [
        RuleKind::Flag,
        RuleKind::NotEmpty,
        RuleKind::Includes,
        RuleKind::ServiceAreas,
        RuleKind::RecentEvent,
        RuleKind::Quarterly,
        RuleKind::Survey,
        RuleKind::AllOf,
        RuleKind::AnyOf,
        RuleKind::RequirementsMet,
        RuleKind::Every,
    ];

    /// The name in criteria files.
    pub fn name(self) -> &'static str {
        match self {
            RuleKind::Flag => "flag",
            RuleKind::NotEmpty => "not_empty",
            RuleKind::Includes => "includes",
            RuleKind::ServiceAreas => "service_areas",
            RuleKind::RecentEvent => "recent_event",
            RuleKind::Quarterly => "quarterly",
            RuleKind::Survey => "survey",
            RuleKind::AllOf => "all_of",
            RuleKind::AnyOf => "any_of",
            RuleKind::RequirementsMet => "requirements_met",
            RuleKind::Every => "every",
        }
    }

    pub fn from_name(name: &str) -> Option<RuleKind> {
        RuleKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The parameters the kind takes.
    pub fn parameters(self) -> Parameters {
        let (required, optional): (&[&str], &[&str]) = match self {
            RuleKind::Flag => (&["field"], &[]),
            RuleKind::NotEmpty => (&["field"], &["min", "among"]),
            RuleKind::Includes => (&["field", "values"], &[]),
            RuleKind::ServiceAreas => (&["min_areas", "min_years"], &["max_age_years", "measure"]),
            RuleKind::RecentEvent => (&["field", "months"], &[]),
            RuleKind::Quarterly => (&["field"], &["quarters", "with_all"]),
            RuleKind::Survey => (&["field"], &["months"]),
            RuleKind::AllOf | RuleKind::AnyOf => (&["rules"], &[]),
            RuleKind::RequirementsMet => (&["requirements"], &[]),
            RuleKind::Every => (&["field", "rule"], &[]),
        };
        Parameters { required, optional }
    }

    /// Builds a rule of this kind from its parameters, which are known to be the
    /// ones the kind takes; reports every problem to `v`.
    pub(super) fn build(
        self,
        v: &mut Validator<'_>,
        raw: &RawRule,
        at: &Place<'_>,
    ) -> Option<Rule> {
        let scope = at.scope;
        Some(match self {
            RuleKind::Flag => Rule::Flag {
                field: v.field(raw, &[FieldKind::Flag], scope)?,
            },
            RuleKind::NotEmpty => not_empty(v, raw, scope)?,
            RuleKind::Includes => includes(v, raw, scope)?,
            RuleKind::ServiceAreas => service_areas(v, raw)?,
            RuleKind::RecentEvent => Rule::RecentEvent {
                field: v.field(raw, &[FieldKind::Events], scope)?,
                months: v.int(&raw.months, "months", 1..=limits::MAX_MONTHS, 12) as u32,
            },
            RuleKind::Quarterly => quarterly(v, raw, scope)?,
            RuleKind::Survey => Rule::Survey {
                field: v.field(raw, &[FieldKind::Survey], scope)?,
                months: raw
                    .months
                    .as_ref()
                    .map(|_| v.int(&raw.months, "months", 1..=limits::MAX_MONTHS, 24) as u32),
            },
            RuleKind::AllOf => Rule::AllOf(inner_rules(self, v, raw, at)?),
            RuleKind::AnyOf => Rule::AnyOf(inner_rules(self, v, raw, at)?),
            RuleKind::RequirementsMet => requirements_met(v, raw, at)?,
            RuleKind::Every => every(v, raw, at)?,
        })
    }
}

/// The fields `not_empty` may read: anything with entries.
const LISTS: &[FieldKind] = &[
    FieldKind::List,
    FieldKind::Events,
    FieldKind::ServiceAreas,
    FieldKind::Items,
];

fn not_empty(v: &mut Validator<'_>, raw: &RawRule, scope: Option<Field>) -> Option<Rule> {
    let field = v.field(raw, LISTS, scope)?;
    let among = match &raw.among {
        None => Vec::new(),
        Some(list) => values(v, field, list, "among")?,
    };
    let mut min = v.int(&raw.min, "min", 1..=limits::MAX_COUNT, 1) as usize;
    if let Some(m) = &raw.min
        && !among.is_empty()
        && min > among.len()
    {
        v.problem(
            m.span(),
            format!(
                "`min` is {min}, but `among` names only {} value{}, so the rule could never hold; use a `min` of at most {0}",
                among.len(),
                if among.len() == 1 { "" } else { "s" }
            ),
        );
        min = among.len();
    }
    Some(Rule::NotEmpty { field, min, among })
}

fn includes(v: &mut Validator<'_>, raw: &RawRule, scope: Option<Field>) -> Option<Rule> {
    let field = v.field(raw, LISTS, scope)?;
    let values = values(v, field, raw.values.as_ref()?, "values")?;
    Some(Rule::Includes { field, values })
}

/// The values named by `among` or `values`: each one of the field's closed set, none
/// twice, at least one.
fn values(
    v: &mut Validator<'_>,
    field: Field,
    list: &Spanned<Vec<String>>,
    name: &str,
) -> Option<Vec<&'static str>> {
    let allowed = field.values();
    if allowed.is_empty() {
        v.problem(
            list.span(),
            format!(
                "`{name}` needs a field with a fixed set of values; `{}` holds free text. Fields with fixed values: {}",
                field.path(),
                Field::ALL
                    .iter()
                    .filter(|f| !f.values().is_empty())
                    .map(|f| f.path())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
        return None;
    }
    if list.get_ref().is_empty() {
        v.problem(list.span(), format!("`{name}` needs at least one value"));
        return None;
    }
    let mut out: Vec<&'static str> = Vec::new();
    for value in list.get_ref() {
        let found = v.one_of(
            value,
            list.span(),
            &format!("value of `{}`", field.path()),
            allowed,
            |x| x,
        )?;
        if out.contains(&found) {
            v.problem(
                list.span(),
                format!("`{found}` is listed twice in `{name}`"),
            );
            return None;
        }
        out.push(found);
    }
    Some(out)
}

fn service_areas(v: &mut Validator<'_>, raw: &RawRule) -> Option<Rule> {
    let measure = match &raw.measure {
        None => None,
        Some(m) => Some(v.one_of(m.get_ref(), m.span(), "measure", &Measure::ALL, Measure::id)?),
    };
    Some(Rule::ServiceAreas {
        min_areas: v.int(&raw.min_areas, "min_areas", 1..=limits::MAX_COUNT, 1) as usize,
        min_years: v.int(&raw.min_years, "min_years", 1..=limits::MAX_YEARS, 1) as usize,
        max_age_years: v.int(
            &raw.max_age_years,
            "max_age_years",
            0..=limits::MAX_YEARS,
            2,
        ) as i32,
        measure,
    })
}

fn quarterly(v: &mut Validator<'_>, raw: &RawRule, scope: Option<Field>) -> Option<Rule> {
    let field = v.field(raw, &[FieldKind::Events], scope)?;
    let mut with_all = Vec::new();
    if let Some(w) = &raw.with_all {
        for name in w.get_ref() {
            with_all.push(v.one_of(
                name,
                w.span(),
                "participant",
                &Participant::ALL,
                Participant::id,
            )?);
        }
    }
    Some(Rule::Quarterly {
        field,
        quarters: v.int(&raw.quarters, "quarters", 1..=limits::MAX_QUARTERS, 4) as u32,
        with_all,
    })
}

/// The `rules` of `all_of` / `any_of`, one level deeper; every one is validated (and
/// every problem reported) before failing.
fn inner_rules(
    kind: RuleKind,
    v: &mut Validator<'_>,
    raw: &RawRule,
    at: &Place<'_>,
) -> Option<Vec<Rule>> {
    let list = raw.rules.as_ref()?;
    if list.get_ref().is_empty() {
        v.problem(
            list.span(),
            format!("`{}` needs at least one rule in `rules`", kind.name()),
        );
        return None;
    }
    let nested = Place {
        depth: at.depth + 1,
        ..*at
    };
    let rules: Vec<Option<Rule>> = list.get_ref().iter().map(|r| v.rule(r, &nested)).collect();
    rules.into_iter().collect()
}

fn requirements_met(v: &mut Validator<'_>, raw: &RawRule, at: &Place<'_>) -> Option<Rule> {
    let list = raw.requirements.as_ref()?;
    if list.get_ref().is_empty() {
        v.problem(
            list.span(),
            "`requirements_met` needs at least one requirement id",
        );
        return None;
    }
    let mut out = Vec::new();
    for name in list.get_ref() {
        let Some(&i) = at.ids.get(name.get_ref()) else {
            let names = at.earlier.iter().map(|r| r.id.as_str());
            let suggestion = diagnostic::closest(name.get_ref(), names)
                .map(|best| format!("; did you mean `{best}`?"))
                .unwrap_or_default();
            v.problem(
                name.span(),
                format!(
                    "`{}` is not a requirement declared earlier in this file{suggestion}",
                    diagnostic::printable(name.get_ref())
                ),
            );
            continue;
        };
        if at.level.is_some_and(|l| at.earlier[i].level > l) {
            v.problem(
                name.span(),
                format!(
                    "`{}` is at a higher level than this requirement; a requirement may only depend on its own or lower levels",
                    name.get_ref()
                ),
            );
        }
        out.push(i);
    }
    Some(Rule::RequirementsMet(out))
}

fn every(v: &mut Validator<'_>, raw: &RawRule, at: &Place<'_>) -> Option<Rule> {
    if let Some(outer) = at.scope {
        v.problem(
            raw.kind.span(),
            format!(
                "an `every` rule cannot sit inside another `every` (over `{}`); a record has no lists of records to judge",
                outer.path()
            ),
        );
        return None;
    }
    let field = v.field(raw, &[FieldKind::Items], at.scope)?;
    let inner = raw.rule.as_ref()?;
    let nested = Place {
        scope: Some(field),
        depth: at.depth + 1,
        ..*at
    };
    let rule = v.rule(inner, &nested)?;
    Some(Rule::Every {
        field,
        rule: Box::new(rule),
    })
}

/// Where a rule stands in the file, for validating what it may refer to.
#[derive(Clone, Copy)]
pub(super) struct Place<'a> {
    /// Requirement ids declared so far, with their indices.
    pub(super) ids: &'a HashMap<String, usize>,
    /// The requirements declared so far.
    pub(super) earlier: &'a [Requirement],
    /// The level of the requirement the rule belongs to, when known.
    pub(super) level: Option<usize>,
    /// The items list of an enclosing `every` rule, whose record fields the rule may read.
    pub(super) scope: Option<Field>,
    /// How many rules enclose this one (0 for a requirement's own rule).
    pub(super) depth: usize,
}

impl Rule {
    /// The kind of this rule.
    pub fn kind(&self) -> RuleKind {
        match self {
            Rule::Flag { .. } => RuleKind::Flag,
            Rule::NotEmpty { .. } => RuleKind::NotEmpty,
            Rule::Includes { .. } => RuleKind::Includes,
            Rule::ServiceAreas { .. } => RuleKind::ServiceAreas,
            Rule::RecentEvent { .. } => RuleKind::RecentEvent,
            Rule::Quarterly { .. } => RuleKind::Quarterly,
            Rule::Survey { .. } => RuleKind::Survey,
            Rule::AllOf(_) => RuleKind::AllOf,
            Rule::AnyOf(_) => RuleKind::AnyOf,
            Rule::RequirementsMet(_) => RuleKind::RequirementsMet,
            Rule::Every { .. } => RuleKind::Every,
        }
    }
}

impl Rule {
    /// Every evidence field this rule reads, in order, without repeats.
    pub fn fields(&self, criteria: &Criteria) -> Vec<Field> {
        self.fields_given(&criteria.requirements)
    }

    /// Like [`Rule::fields`], where `requirements` holds (at least) every requirement
    /// the rule names, each with its own `fields` already computed: a
    /// `requirements_met` rule reads what they read, looked up rather than walked
    /// again, so the work is linear in the rule's size however the requirements chain.
    pub(super) fn fields_given(&self, requirements: &[Requirement]) -> Vec<Field> {
        let mut out = Vec::new();
        self.collect_fields(requirements, &mut out);
        out
    }

    fn collect_fields(&self, requirements: &[Requirement], out: &mut Vec<Field>) {
        let mut push = |f: Field| {
            if !out.contains(&f) {
                out.push(f);
            }
        };
        match self {
            Rule::Flag { field }
            | Rule::NotEmpty { field, .. }
            | Rule::Includes { field, .. }
            | Rule::RecentEvent { field, .. }
            | Rule::Quarterly { field, .. }
            | Rule::Survey { field, .. } => push(*field),
            Rule::ServiceAreas { .. } => push(Field::ServiceAreas),
            Rule::Every { field, rule } => {
                push(*field);
                rule.collect_fields(requirements, out);
            }
            Rule::AllOf(rules) | Rule::AnyOf(rules) => {
                for r in rules {
                    r.collect_fields(requirements, out);
                }
            }
            Rule::RequirementsMet(ids) => {
                for &i in ids {
                    for &f in &requirements[i].fields {
                        push(f);
                    }
                }
            }
        }
    }
}

impl Rule {
    /// A one-line rendering of the rule and its parameters, for `show` and `diff`.
    pub fn describe(&self, criteria: &Criteria) -> String {
        match self {
            Rule::Flag { field } => format!("flag({})", field.path()),
            Rule::NotEmpty { field, min, among } => {
                let min = if *min == 1 {
                    String::new()
                } else {
                    format!(", min = {min}")
                };
                let among = if among.is_empty() {
                    String::new()
                } else {
                    format!(", among = [{}]", among.join(", "))
                };
                format!("not_empty({}{min}{among})", field.path())
            }
            Rule::Includes { field, values } => {
                format!(
                    "includes({}, values = [{}])",
                    field.path(),
                    values.join(", ")
                )
            }
            Rule::ServiceAreas {
                min_areas,
                min_years,
                max_age_years,
                measure,
            } => {
                let measure = measure.map_or(String::new(), |m| format!(", measure = {}", m.id()));
                format!(
                    "service_areas(min_areas = {min_areas}, min_years = {min_years}, max_age_years = {max_age_years}{measure})"
                )
            }
            Rule::RecentEvent { field, months } => {
                format!("recent_event({}, months = {months})", field.path())
            }
            Rule::Quarterly {
                field,
                quarters,
                with_all,
            } => {
                let with: Vec<&str> = with_all.iter().map(|p| p.id()).collect();
                let with = if with.is_empty() {
                    String::new()
                } else {
                    format!(", with_all = [{}]", with.join(", "))
                };
                format!("quarterly({}, quarters = {quarters}{with})", field.path())
            }
            Rule::Survey { field, months } => match months {
                Some(m) => format!("survey({}, months = {m})", field.path()),
                None => format!("survey({})", field.path()),
            },
            Rule::AllOf(rules) | Rule::AnyOf(rules) => {
                let inner: Vec<String> = rules.iter().map(|r| r.describe(criteria)).collect();
                format!("{}({})", self.kind().name(), inner.join(", "))
            }
            Rule::RequirementsMet(ids) => {
                let names: Vec<&str> = ids
                    .iter()
                    .map(|&i| criteria.requirements[i].id.as_str())
                    .collect();
                format!("requirements_met({})", names.join(", "))
            }
            Rule::Every { field, rule } => {
                format!("every({}, {})", field.path(), rule.describe(criteria))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_unique_name_that_reads_back() {
        for k in RuleKind::ALL {
            assert_eq!(RuleKind::from_name(k.name()), Some(k));
            assert!(!k.parameters().required.is_empty(), "{k:?} takes something");
        }
        let mut names: Vec<&str> = RuleKind::ALL.iter().map(|k| k.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), RuleKind::ALL.len());
        assert_eq!(RuleKind::from_name("nope"), None);
    }

    #[test]
    fn all_lists_every_kind() {
        // `kind()` is an exhaustive match: a kind missing from ALL fails here.
        let rules = [
            Rule::Flag {
                field: Field::ServiceAreas,
            },
            Rule::AllOf(vec![]),
            Rule::AnyOf(vec![]),
            Rule::RequirementsMet(vec![]),
        ];
        for r in &rules {
            assert!(RuleKind::ALL.contains(&r.kind()));
        }
        for k in RuleKind::ALL {
            let idx = RuleKind::ALL.iter().position(|x| *x == k).unwrap();
            let expected = match k {
                RuleKind::Flag => 0,
                RuleKind::NotEmpty => 1,
                RuleKind::Includes => 2,
                RuleKind::ServiceAreas => 3,
                RuleKind::RecentEvent => 4,
                RuleKind::Quarterly => 5,
                RuleKind::Survey => 6,
                RuleKind::AllOf => 7,
                RuleKind::AnyOf => 8,
                RuleKind::RequirementsMet => 9,
                RuleKind::Every => 10,
            };
            assert_eq!(idx, expected, "{k:?}");
        }
    }
}
