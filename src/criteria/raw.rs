//! Stage one: the criteria file as written, every value with its span.

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCriteria {
    pub(super) schema: Spanned<i64>,
    pub(super) framework: Spanned<String>,
    pub(super) version: Spanned<String>,
    pub(super) title: String,
    #[serde(default)]
    pub(super) source: Option<String>,
    #[serde(default)]
    pub(super) notes: Option<String>,
    #[serde(default)]
    pub(super) readiness_note: Option<String>,
    #[serde(default)]
    pub(super) disclaimer: Option<String>,
    #[serde(default)]
    pub(super) unmet_category_note: Option<String>,
    #[serde(default)]
    pub(super) application_window: Option<RawWindow>,
    #[serde(default)]
    pub(super) levels: Vec<RawLevel>,
    #[serde(default)]
    pub(super) categories: Vec<RawCategory>,
    #[serde(default)]
    pub(super) requirements: Vec<RawRequirement>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawWindow {
    pub(super) opens: Spanned<String>,
    pub(super) closes: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLevel {
    pub(super) id: Spanned<String>,
    pub(super) name: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCategory {
    pub(super) id: Spanned<String>,
    pub(super) name: Spanned<String>,
    pub(super) weight: Spanned<f64>,
    /// A fixed share of readiness at every level, written as a fraction (`"1/3"`).
    #[serde(default)]
    pub(super) share: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRequirement {
    pub(super) id: Spanned<String>,
    pub(super) category: Spanned<String>,
    pub(super) level: Spanned<String>,
    #[serde(default)]
    pub(super) optional: bool,
    pub(super) text: Spanned<String>,
    pub(super) reading: Spanned<String>,
    pub(super) hint: Spanned<String>,
    pub(super) rule: Spanned<RawRule>,
}

/// A rule as written: a kind and whichever parameters it takes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRule {
    pub(super) kind: Spanned<String>,
    #[serde(default)]
    pub(super) field: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) min: Option<Spanned<i64>>,
    #[serde(default)]
    pub(super) among: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    pub(super) values: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    pub(super) min_areas: Option<Spanned<i64>>,
    #[serde(default)]
    pub(super) min_years: Option<Spanned<i64>>,
    #[serde(default)]
    pub(super) max_age_years: Option<Spanned<i64>>,
    #[serde(default)]
    pub(super) measure: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) months: Option<Spanned<i64>>,
    #[serde(default)]
    pub(super) quarters: Option<Spanned<i64>>,
    #[serde(default)]
    pub(super) with_all: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    pub(super) rules: Option<Spanned<Vec<Spanned<RawRule>>>>,
    #[serde(default)]
    pub(super) requirements: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    pub(super) rule: Option<Box<Spanned<RawRule>>>,
}

impl RawRule {
    /// The parameters present, with their spans, by name.
    pub(super) fn present(&self) -> Vec<(&'static str, Range<usize>)> {
        let mut out = Vec::new();
        let mut add = |name, span: Option<Range<usize>>| {
            if let Some(s) = span {
                out.push((name, s));
            }
        };
        add("field", self.field.as_ref().map(Spanned::span));
        add("min", self.min.as_ref().map(Spanned::span));
        add("among", self.among.as_ref().map(Spanned::span));
        add("values", self.values.as_ref().map(Spanned::span));
        add("min_areas", self.min_areas.as_ref().map(Spanned::span));
        add("min_years", self.min_years.as_ref().map(Spanned::span));
        add(
            "max_age_years",
            self.max_age_years.as_ref().map(Spanned::span),
        );
        add("measure", self.measure.as_ref().map(Spanned::span));
        add("months", self.months.as_ref().map(Spanned::span));
        add("quarters", self.quarters.as_ref().map(Spanned::span));
        add("with_all", self.with_all.as_ref().map(Spanned::span));
        add("rules", self.rules.as_ref().map(Spanned::span));
        add(
            "requirements",
            self.requirements.as_ref().map(Spanned::span),
        );
        add("rule", self.rule.as_ref().map(|r| r.span()));
        out
    }
}
