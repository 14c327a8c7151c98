//! Versioned criteria as data: the TOML model, its complete validation, and the
//! bundled criteria files.
//!
//! Loading happens in two stages: serde reads the file into `Raw*` structs that keep
//! the span of every value, then [`validate`] turns them into [`Criteria`], collecting
//! every problem (with its line) before failing, so that an author fixes a file in
//! one pass rather than one error at a time.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{self, InputError, Problems};
use crate::evidence::{Date, Field, FieldKind, Measure, Participant};

/// The criteria file format version this build reads (`schema = 1`).
pub const SCHEMA_VERSION: i64 = 1;

/// Criteria files larger than this are refused before parsing (1 MiB).
pub const MAX_CRITERIA_BYTES: u64 = 1024 * 1024;

/// Criteria shipped inside the binary: (id, file name, text).
pub const BUNDLED: &[(&str, &str, &str)] = &[
    (
        "icma-2021",
        "criteria/icma-2021.toml",
        include_str!("../criteria/icma-2021.toml"),
    ),
    (
        "icma-2022",
        "criteria/icma-2022.toml",
        include_str!("../criteria/icma-2022.toml"),
    ),
    (
        "spectrum",
        "criteria/spectrum.toml",
        include_str!("../criteria/spectrum.toml"),
    ),
    (
        "federal",
        "criteria/federal.toml",
        include_str!("../criteria/federal.toml"),
    ),
];

/// The bundled criteria used when `--criteria` is not given.
pub const DEFAULT_CRITERIA: &str = "icma-2022";

/// A validated criteria file.
#[derive(Debug, Clone)]
pub struct Criteria {
    pub framework: String,
    pub version: String,
    pub title: String,
    pub source: Option<String>,
    /// Said plainly wherever the criteria are shown, e.g. that a rubric is pmcheck's own.
    pub disclaimer: Option<String>,
    /// Added to the warning for a category with nothing met (ICMA: may disqualify).
    pub unmet_category_note: Option<String>,
    /// Where the criteria came from: a path, or `bundled:<id>`.
    pub origin: String,
    /// The application window, where the framework has one and it is known.
    pub application_window: Option<(Date, Date)>,
    /// The TOML text the criteria were read from.
    pub file_text: String,
    /// Ordered lowest first; reaching a level needs every lower one.
    pub levels: Vec<Level>,
    pub categories: Vec<Category>,
    /// In file order; a `requirements_met` rule only names earlier requirements.
    pub requirements: Vec<Requirement>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Level {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    pub id: String,
    pub name: String,
    /// Relative weight as written in the file.
    pub weight: f64,
    /// Weight as a share of the total of all categories (0 to 1).
    pub share: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Requirement {
    pub id: String,
    /// Index into [`Criteria::categories`].
    pub category: usize,
    /// Index into [`Criteria::levels`].
    pub level: usize,
    pub optional: bool,
    /// The official wording, copied from the source table.
    pub text: String,
    /// The project's reading: how the rule judges the evidence.
    pub reading: String,
    /// What evidence or action closes the gap.
    pub hint: String,
    pub rule: Rule,
}

/// The closed set of predicates the engine knows. Criteria files pick one per
/// requirement and give its parameters; there is no scripting.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    /// A true/false field is true.
    Flag { field: Field },
    /// A list has at least `min` entries (a text field counts when not blank).
    NotEmpty { field: Field, min: usize },
    /// At least `min_areas` service areas, each with at least `min_years` distinct
    /// counted years, the latest no more than `max_age_years` before the as-of year,
    /// and (when given) tracking `measure`.
    ServiceAreas {
        min_areas: usize,
        min_years: usize,
        max_age_years: i32,
        measure: Option<Measure>,
    },
    /// At least one dated item within the `months` up to the as-of date.
    RecentEvent { field: Field, months: u32 },
    /// Each of the `quarters` consecutive three-month periods ending on the as-of date
    /// holds a dated item, and those items together include every one of `with_all`.
    Quarterly {
        field: Field,
        quarters: u32,
        with_all: Vec<Participant>,
    },
    /// A survey was conducted (dated no later than the as-of date) and published.
    Survey { field: Field },
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

/// The rule kinds, as spelled in criteria files.
pub const RULE_KINDS: &[&str] = &[
    "flag",
    "not_empty",
    "service_areas",
    "recent_event",
    "quarterly",
    "survey",
    "all_of",
    "any_of",
    "requirements_met",
    "every",
];

impl Rule {
    /// Every evidence field this rule reads, in order, without repeats.
    pub fn fields(&self, criteria: &Criteria) -> Vec<Field> {
        let mut out = Vec::new();
        self.collect_fields(criteria, &mut out);
        out
    }

    fn collect_fields(&self, criteria: &Criteria, out: &mut Vec<Field>) {
        let mut push = |f: Field| {
            if !out.contains(&f) {
                out.push(f);
            }
        };
        match self {
            Rule::Flag { field }
            | Rule::NotEmpty { field, .. }
            | Rule::RecentEvent { field, .. }
            | Rule::Quarterly { field, .. }
            | Rule::Survey { field } => push(*field),
            Rule::ServiceAreas { .. } => push(Field::ServiceAreas),
            Rule::Every { field, rule } => {
                push(*field);
                rule.collect_fields(criteria, out);
            }
            Rule::AllOf(rules) | Rule::AnyOf(rules) => {
                for r in rules {
                    r.collect_fields(criteria, out);
                }
            }
            Rule::RequirementsMet(ids) => {
                for &i in ids {
                    criteria.requirements[i].rule.collect_fields(criteria, out);
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
            Rule::NotEmpty { field, min } if *min == 1 => format!("not_empty({})", field.path()),
            Rule::NotEmpty { field, min } => format!("not_empty({}, min = {min})", field.path()),
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
            Rule::Survey { field } => format!("survey({})", field.path()),
            Rule::AllOf(rules) | Rule::AnyOf(rules) => {
                let name = if matches!(self, Rule::AllOf(_)) {
                    "all_of"
                } else {
                    "any_of"
                };
                let inner: Vec<String> = rules.iter().map(|r| r.describe(criteria)).collect();
                format!("{name}({})", inner.join(", "))
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

impl Criteria {
    pub fn level_index(&self, id: &str) -> Option<usize> {
        self.levels.iter().position(|l| l.id == id)
    }

    /// A level named on the command line: its id in any case (`Excellence`).
    pub fn level_index_ignore_case(&self, id: &str) -> Option<usize> {
        self.levels
            .iter()
            .position(|l| l.id.eq_ignore_ascii_case(id))
    }

    pub fn requirement(&self, id: &str) -> Option<&Requirement> {
        self.requirements.iter().find(|r| r.id == id)
    }

    /// A short name such as `icma 2022`.
    pub fn label(&self) -> String {
        format!("{} {}", self.framework, self.version)
    }
}

/// How the user named the criteria: a bundled id or version, or a file path.
pub fn resolve(spec: &str) -> Result<Criteria, CriteriaError> {
    if let Some((id, file, text)) = find_bundled(spec) {
        return parse(text, Path::new(file), format!("bundled:{id}"));
    }
    let path = Path::new(spec);
    let looks_like_path = spec.ends_with(".toml") || spec.contains('/') || spec.contains('\\');
    if looks_like_path || path.exists() {
        return load(path);
    }
    let ids: Vec<&str> = BUNDLED.iter().map(|b| b.0).collect();
    let hint = match diagnostic::closest(spec, ids.iter().copied()) {
        Some(best) => format!(" (did you mean `{best}`?)"),
        None => String::new(),
    };
    Err(CriteriaError::Unknown(format!(
        "unknown criteria `{}`{hint}; bundled: {} (or 2021, 2022 for ICMA); or give the path of a .toml criteria file",
        diagnostic::printable(spec),
        ids.join(", ")
    )))
}

fn find_bundled(spec: &str) -> Option<(&'static str, &'static str, &'static str)> {
    BUNDLED
        .iter()
        .copied()
        .find(|(id, _, _)| *id == spec || id.strip_prefix("icma-") == Some(spec))
}

/// Loads and validates a criteria file from disk.
pub fn load(path: &Path) -> Result<Criteria, CriteriaError> {
    let text = diagnostic::read_text(path, MAX_CRITERIA_BYTES, "criteria")?;
    parse(&text, path, path.display().to_string())
}

/// Loads a bundled criteria file by id; panics only if the bundle itself is broken,
/// which the test suite rules out.
pub fn bundled(id: &str) -> Result<Criteria, CriteriaError> {
    let (id, file, text) = find_bundled(id)
        .ok_or_else(|| CriteriaError::Unknown(format!("no bundled criteria `{id}`")))?;
    parse(text, Path::new(file), format!("bundled:{id}"))
}

#[derive(Debug)]
pub enum CriteriaError {
    /// The file could not be read or parsed as TOML of the right shape.
    Input(InputError),
    /// The file parsed, but its content is invalid.
    Invalid(Problems),
    /// The name given is neither a bundled criteria nor a file.
    Unknown(String),
}

impl fmt::Display for CriteriaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CriteriaError::Input(e) => e.fmt(f),
            CriteriaError::Invalid(p) => p.fmt(f),
            CriteriaError::Unknown(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for CriteriaError {}

impl From<InputError> for CriteriaError {
    fn from(e: InputError) -> Self {
        CriteriaError::Input(e)
    }
}

// ---------------------------------------------------------------------------------
// Stage one: the file as written.

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCriteria {
    schema: Spanned<i64>,
    framework: Spanned<String>,
    version: Spanned<String>,
    title: String,
    #[serde(default)]
    source: Option<String>,
    /// For readers of the file only; accepted and not used.
    #[serde(default)]
    #[allow(dead_code)]
    notes: Option<String>,
    #[serde(default)]
    disclaimer: Option<String>,
    #[serde(default)]
    unmet_category_note: Option<String>,
    #[serde(default)]
    application_window: Option<RawWindow>,
    #[serde(default)]
    levels: Vec<RawLevel>,
    #[serde(default)]
    categories: Vec<RawCategory>,
    #[serde(default)]
    requirements: Vec<RawRequirement>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWindow {
    opens: Spanned<String>,
    closes: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLevel {
    id: Spanned<String>,
    name: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategory {
    id: Spanned<String>,
    name: Spanned<String>,
    weight: Spanned<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRequirement {
    id: Spanned<String>,
    category: Spanned<String>,
    level: Spanned<String>,
    #[serde(default)]
    optional: bool,
    text: Spanned<String>,
    reading: Spanned<String>,
    hint: Spanned<String>,
    rule: Spanned<RawRule>,
}

/// A rule as written: a kind and whichever parameters it takes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    kind: Spanned<String>,
    #[serde(default)]
    field: Option<Spanned<String>>,
    #[serde(default)]
    min: Option<Spanned<i64>>,
    #[serde(default)]
    min_areas: Option<Spanned<i64>>,
    #[serde(default)]
    min_years: Option<Spanned<i64>>,
    #[serde(default)]
    max_age_years: Option<Spanned<i64>>,
    #[serde(default)]
    measure: Option<Spanned<String>>,
    #[serde(default)]
    months: Option<Spanned<i64>>,
    #[serde(default)]
    quarters: Option<Spanned<i64>>,
    #[serde(default)]
    with_all: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    rules: Option<Spanned<Vec<Spanned<RawRule>>>>,
    #[serde(default)]
    requirements: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    rule: Option<Box<Spanned<RawRule>>>,
}

impl RawRule {
    /// The parameters present, with their spans, by name.
    fn present(&self) -> Vec<(&'static str, Range<usize>)> {
        let mut out = Vec::new();
        let mut add = |name, span: Option<Range<usize>>| {
            if let Some(s) = span {
                out.push((name, s));
            }
        };
        add("field", self.field.as_ref().map(Spanned::span));
        add("min", self.min.as_ref().map(Spanned::span));
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

/// Which parameters a rule kind takes: (required, optional).
fn parameters(kind: &str) -> Option<(&'static [&'static str], &'static [&'static str])> {
    Some(match kind {
        "flag" => (&["field"], &[]),
        "not_empty" => (&["field"], &["min"]),
        "service_areas" => (&["min_areas", "min_years"], &["max_age_years", "measure"]),
        "recent_event" => (&["field", "months"], &[]),
        "quarterly" => (&["field"], &["quarters", "with_all"]),
        "survey" => (&["field"], &[]),
        "all_of" | "any_of" => (&["rules"], &[]),
        "requirements_met" => (&["requirements"], &[]),
        "every" => (&["field", "rule"], &[]),
        _ => return None,
    })
}

// ---------------------------------------------------------------------------------
// Stage two: validation into the domain model.

/// Parses and validates criteria text; `file` names it in messages.
pub fn parse(text: &str, file: &Path, origin: String) -> Result<Criteria, CriteriaError> {
    let raw: RawCriteria = toml::from_str(text).map_err(|e| {
        let at = e.span().map(|s| line_col(text, s.start));
        let message = diagnostic::improve_serde_message(e.message());
        InputError::new(file, at, message).with_source_text(text)
    })?;
    let mut v = Validator {
        text,
        file: file.to_path_buf(),
        problems: Vec::new(),
    };
    let mut criteria = v.criteria(raw, origin);
    criteria.file_text = text.to_owned();
    if v.problems.is_empty() {
        Ok(criteria)
    } else {
        Err(CriteriaError::Invalid(Problems {
            file: file.to_path_buf(),
            problems: v.problems,
        }))
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (u64, u64) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() as u64 + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u64 + 1;
    (line, column)
}

struct Validator<'a> {
    text: &'a str,
    file: PathBuf,
    problems: Vec<InputError>,
}

const RESERVED_LEVEL: &str = "none";

impl Validator<'_> {
    fn problem(&mut self, span: Range<usize>, message: impl Into<String>) {
        let at = Some(line_col(self.text, span.start));
        self.problems
            .push(InputError::new(&self.file, at, message).with_source_text(self.text));
    }

    fn criteria(&mut self, raw: RawCriteria, origin: String) -> Criteria {
        if *raw.schema.get_ref() != SCHEMA_VERSION {
            self.problem(
                raw.schema.span(),
                format!(
                    "unsupported criteria schema {}; this pmcheck reads `schema = {SCHEMA_VERSION}`",
                    raw.schema.get_ref()
                ),
            );
        }
        for (s, what) in [(&raw.framework, "framework"), (&raw.version, "version")] {
            self.check_id(s, what);
        }
        let application_window = raw.application_window.as_ref().and_then(|w| {
            let opens = self.date(&w.opens);
            let closes = self.date(&w.closes);
            match (opens, closes) {
                (Some(o), Some(c)) if o <= c => Some((o, c)),
                (Some(_), Some(_)) => {
                    self.problem(
                        w.closes.span(),
                        "the application window closes before it opens",
                    );
                    None
                }
                _ => None,
            }
        });

        let mut levels = Vec::new();
        if raw.levels.is_empty() {
            self.problem(
                raw.framework.span(),
                "no levels: declare at least one `[[levels]]` with an id and a name, lowest first",
            );
        }
        let mut level_ids: HashMap<String, usize> = HashMap::new();
        for l in &raw.levels {
            let id = l.id.get_ref();
            self.check_id(&l.id, "level id");
            self.check_text(&l.name, "level name");
            if id == RESERVED_LEVEL {
                self.problem(
                    l.id.span(),
                    "the level id `none` is reserved for \"no level reached\"; choose another id",
                );
            }
            if level_ids.contains_key(id) {
                self.problem(
                    l.id.span(),
                    format!(
                        "level `{id}` is named twice in the level order; each level appears once"
                    ),
                );
                continue;
            }
            level_ids.insert(id.clone(), levels.len());
            levels.push(Level {
                id: id.clone(),
                name: l.name.get_ref().trim().to_owned(),
            });
        }

        let mut categories = Vec::new();
        let mut category_ids: HashMap<String, usize> = HashMap::new();
        let total: f64 = raw
            .categories
            .iter()
            .map(|c| *c.weight.get_ref())
            .filter(|w| w.is_finite() && *w > 0.0)
            .sum();
        if raw.categories.is_empty() {
            self.problem(
                raw.framework.span(),
                "no categories: declare at least one `[[categories]]` with an id, a name and a weight",
            );
        }
        for c in &raw.categories {
            let id = c.id.get_ref();
            self.check_id(&c.id, "category id");
            self.check_text(&c.name, "category name");
            let w = *c.weight.get_ref();
            if !w.is_finite() || w < 0.0 {
                self.problem(
                    c.weight.span(),
                    format!("weight {w} is not allowed; a weight is a number 0 or more"),
                );
            }
            if category_ids.contains_key(id) {
                self.problem(c.id.span(), format!("duplicate category id `{id}`"));
                continue;
            }
            category_ids.insert(id.clone(), categories.len());
            categories.push(Category {
                id: id.clone(),
                name: c.name.get_ref().trim().to_owned(),
                weight: w,
                share: if total > 0.0 && w.is_finite() && w > 0.0 {
                    w / total
                } else {
                    0.0
                },
            });
        }
        if !raw.categories.is_empty() && total <= 0.0 {
            let span = raw.categories[0].weight.span();
            self.problem(
                span,
                "no category has a positive weight; give at least one category a weight above 0",
            );
        }

        let mut requirements: Vec<Requirement> = Vec::new();
        let mut requirement_ids: HashMap<String, usize> = HashMap::new();
        let mut seen_ids: HashSet<String> = HashSet::new();
        for r in raw.requirements {
            let id = r.id.get_ref().clone();
            self.check_id(&r.id, "requirement id");
            if !seen_ids.insert(id.clone()) {
                self.problem(
                    r.id.span(),
                    format!("duplicate requirement id `{id}`; ids must be unique"),
                );
            }
            let category = self.lookup(&r.category, &category_ids, "category");
            let level = self.lookup(&r.level, &level_ids, "level");
            self.check_text(&r.text, "text");
            self.check_text(&r.reading, "reading");
            self.check_text(&r.hint, "hint");
            let rule = self.rule(&r.rule, &requirement_ids, &requirements, level, None);
            if let (Some(category), Some(level), Some(rule)) = (category, level, rule) {
                requirement_ids.insert(id.clone(), requirements.len());
                requirements.push(Requirement {
                    id,
                    category,
                    level,
                    optional: r.optional,
                    text: r.text.into_inner().trim().to_owned(),
                    reading: r.reading.into_inner().trim().to_owned(),
                    hint: r.hint.into_inner().trim().to_owned(),
                    rule,
                });
            }
        }
        if requirements.is_empty() && self.problems.is_empty() {
            self.problem(
                raw.framework.span(),
                "no requirements: declare at least one `[[requirements]]`",
            );
        }

        Criteria {
            framework: raw.framework.into_inner(),
            version: raw.version.into_inner(),
            title: raw.title.trim().to_owned(),
            source: raw.source.map(|s| s.trim().to_owned()),
            disclaimer: raw.disclaimer.map(|s| s.trim().to_owned()),
            unmet_category_note: raw.unmet_category_note.map(|s| s.trim().to_owned()),
            origin,
            application_window,
            file_text: String::new(),
            levels,
            categories,
            requirements,
        }
    }

    fn date(&mut self, s: &Spanned<String>) -> Option<Date> {
        match Date::parse(s.get_ref()) {
            Ok(d) => Some(d),
            Err(m) => {
                self.problem(s.span(), m);
                None
            }
        }
    }

    fn check_id(&mut self, id: &Spanned<String>, what: &str) {
        let s = id.get_ref();
        let ok = !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b));
        if !ok {
            self.problem(
                id.span(),
                format!(
                    "{what} `{}` is not valid; use lowercase letters, digits, `_`, `-` and `.`",
                    diagnostic::printable(s)
                ),
            );
        }
    }

    fn check_text(&mut self, s: &Spanned<String>, what: &str) {
        if s.get_ref().trim().is_empty() {
            self.problem(s.span(), format!("`{what}` is empty"));
        }
    }

    fn lookup(
        &mut self,
        name: &Spanned<String>,
        known: &HashMap<String, usize>,
        what: &str,
    ) -> Option<usize> {
        let n = name.get_ref();
        if let Some(&i) = known.get(n) {
            return Some(i);
        }
        let mut names: Vec<&str> = known.keys().map(String::as_str).collect();
        names.sort_unstable();
        let suggestion = match diagnostic::closest(n, names.iter().copied()) {
            Some(best) => format!("did you mean `{best}`? "),
            None => String::new(),
        };
        self.problem(
            name.span(),
            format!(
                "unknown {what} `{}`; {suggestion}declared: {}",
                diagnostic::printable(n),
                names.join(", ")
            ),
        );
        None
    }

    fn int(&mut self, v: &Option<Spanned<i64>>, name: &str, min: i64, default: i64) -> i64 {
        match v {
            None => default,
            Some(s) if *s.get_ref() < min => {
                self.problem(
                    s.span(),
                    format!("`{name}` must be at least {min}, not {}", s.get_ref()),
                );
                default
            }
            Some(s) => *s.get_ref(),
        }
    }

    fn field(
        &mut self,
        raw: &RawRule,
        expected: &[FieldKind],
        scope: Option<Field>,
    ) -> Option<Field> {
        let f = raw.field.as_ref()?;
        let name = f.get_ref();
        let Some(field) = Field::from_path(name) else {
            let candidates: Vec<&str> = Field::ALL
                .iter()
                .filter(|f| expected.contains(&f.kind()))
                .filter(|f| f.item_of().is_none() || f.item_of() == scope)
                .map(|f| f.path())
                .collect();
            let suggestion = match diagnostic::closest(name, candidates.iter().copied()) {
                Some(best) => format!("did you mean `{best}`? "),
                None => String::new(),
            };
            self.problem(
                f.span(),
                format!(
                    "`{}` is not a field of evidence format v1; {suggestion}fields this rule can read: {}",
                    diagnostic::printable(name),
                    candidates.join(", ")
                ),
            );
            return None;
        };
        if let Some(list) = field.item_of()
            && scope != Some(list)
        {
            self.problem(
                f.span(),
                format!(
                    "`{name}` is a field of each record of `{}`; read it inside `{{ kind = \"every\", field = \"{}\", rule = ... }}`",
                    list.path(),
                    list.path()
                ),
            );
            return None;
        }
        if !expected.contains(&field.kind()) {
            self.problem(
                f.span(),
                format!(
                    "rule kind `{}` cannot read `{name}`, which is {}",
                    raw.kind.get_ref(),
                    field.kind().describe()
                ),
            );
            return None;
        }
        Some(field)
    }

    /// Validates one rule. `scope` is the items list of an enclosing `every` rule,
    /// whose record fields the rule may read.
    fn rule(
        &mut self,
        raw: &Spanned<RawRule>,
        ids: &HashMap<String, usize>,
        earlier: &[Requirement],
        level: Option<usize>,
        scope: Option<Field>,
    ) -> Option<Rule> {
        let span = raw.span();
        let raw = raw.get_ref();
        let kind = raw.kind.get_ref().as_str();
        let Some((required, optional)) = parameters(kind) else {
            let suggestion = match diagnostic::closest(kind, RULE_KINDS.iter().copied()) {
                Some(best) => format!("did you mean `{best}`? "),
                None => String::new(),
            };
            self.problem(
                raw.kind.span(),
                format!(
                    "unknown rule kind `{}`; {suggestion}known kinds: {}",
                    diagnostic::printable(kind),
                    RULE_KINDS.join(", ")
                ),
            );
            return None;
        };
        let present = raw.present();
        let before = self.problems.len();
        for (name, pspan) in &present {
            if !required.contains(name) && !optional.contains(name) {
                let mut takes: Vec<&str> = required.to_vec();
                takes.extend_from_slice(optional);
                self.problem(
                    pspan.clone(),
                    format!(
                        "rule kind `{kind}` takes no `{name}` parameter; it takes: {}",
                        takes.join(", ")
                    ),
                );
            }
        }
        for name in required {
            if !present.iter().any(|(p, _)| p == name) {
                self.problem(
                    span.clone(),
                    format!("rule kind `{kind}` needs the `{name}` parameter"),
                );
            }
        }
        if self.problems.len() > before {
            return None;
        }
        let rule = match kind {
            "flag" => Rule::Flag {
                field: self.field(raw, &[FieldKind::Flag], scope)?,
            },
            "not_empty" => Rule::NotEmpty {
                field: self.field(
                    raw,
                    &[
                        FieldKind::List,
                        FieldKind::Events,
                        FieldKind::ServiceAreas,
                        FieldKind::Items,
                    ],
                    scope,
                )?,
                min: self.int(&raw.min, "min", 1, 1) as usize,
            },
            "service_areas" => {
                let measure = match &raw.measure {
                    None => None,
                    Some(m) => {
                        let found = Measure::ALL.into_iter().find(|x| x.id() == m.get_ref());
                        if found.is_none() {
                            let ids: Vec<&str> = Measure::ALL.iter().map(|m| m.id()).collect();
                            self.problem(
                                m.span(),
                                format!(
                                    "unknown measure `{}`; known measures: {}",
                                    diagnostic::printable(m.get_ref()),
                                    ids.join(", ")
                                ),
                            );
                            return None;
                        }
                        found
                    }
                };
                Rule::ServiceAreas {
                    min_areas: self.int(&raw.min_areas, "min_areas", 1, 1) as usize,
                    min_years: self.int(&raw.min_years, "min_years", 1, 1) as usize,
                    max_age_years: self.int(&raw.max_age_years, "max_age_years", 0, 2).min(200)
                        as i32,
                    measure,
                }
            }
            "recent_event" => Rule::RecentEvent {
                field: self.field(raw, &[FieldKind::Events], scope)?,
                months: self.int(&raw.months, "months", 1, 12).min(1200) as u32,
            },
            "quarterly" => {
                let field = self.field(raw, &[FieldKind::Events], scope)?;
                let mut with_all = Vec::new();
                if let Some(w) = &raw.with_all {
                    for name in w.get_ref() {
                        match Participant::ALL.into_iter().find(|p| p.id() == name) {
                            Some(p) => with_all.push(p),
                            None => {
                                let ids: Vec<&str> =
                                    Participant::ALL.iter().map(|p| p.id()).collect();
                                self.problem(
                                    w.span(),
                                    format!(
                                        "unknown participant `{}`; known: {}",
                                        diagnostic::printable(name),
                                        ids.join(", ")
                                    ),
                                );
                                return None;
                            }
                        }
                    }
                }
                Rule::Quarterly {
                    field,
                    quarters: self.int(&raw.quarters, "quarters", 1, 4).min(400) as u32,
                    with_all,
                }
            }
            "survey" => Rule::Survey {
                field: self.field(raw, &[FieldKind::Survey], scope)?,
            },
            "all_of" | "any_of" => {
                let list = raw.rules.as_ref()?;
                if list.get_ref().is_empty() {
                    self.problem(
                        list.span(),
                        format!("`{kind}` needs at least one rule in `rules`"),
                    );
                    return None;
                }
                let mut inner = Vec::new();
                let mut ok = true;
                for r in list.get_ref() {
                    match self.rule(r, ids, earlier, level, scope) {
                        Some(rule) => inner.push(rule),
                        None => ok = false,
                    }
                }
                if !ok {
                    return None;
                }
                if kind == "all_of" {
                    Rule::AllOf(inner)
                } else {
                    Rule::AnyOf(inner)
                }
            }
            "requirements_met" => {
                let list = raw.requirements.as_ref()?;
                if list.get_ref().is_empty() {
                    self.problem(
                        list.span(),
                        "`requirements_met` needs at least one requirement id",
                    );
                    return None;
                }
                let mut out = Vec::new();
                for name in list.get_ref() {
                    match ids.get(name.get_ref()) {
                        Some(&i) => {
                            if let Some(l) = level
                                && earlier[i].level > l
                            {
                                self.problem(
                                    name.span(),
                                    format!(
                                        "`{}` is at a higher level than this requirement; a requirement may only depend on its own or lower levels",
                                        name.get_ref()
                                    ),
                                );
                            }
                            out.push(i);
                        }
                        None => {
                            let names: Vec<&str> = earlier.iter().map(|r| r.id.as_str()).collect();
                            let suggestion =
                                match diagnostic::closest(name.get_ref(), names.iter().copied()) {
                                    Some(best) => format!("; did you mean `{best}`?"),
                                    None => String::new(),
                                };
                            self.problem(
                                name.span(),
                                format!(
                                    "`{}` is not a requirement declared earlier in this file{suggestion}",
                                    diagnostic::printable(name.get_ref())
                                ),
                            );
                        }
                    }
                }
                Rule::RequirementsMet(out)
            }
            "every" => {
                let field = self.field(raw, &[FieldKind::Items], scope)?;
                let inner = raw.rule.as_ref()?;
                let rule = self.rule(inner, ids, earlier, level, Some(field))?;
                Rule::Every {
                    field,
                    rule: Box::new(rule),
                }
            }
            _ => return None,
        };
        Some(rule)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\ncdé f", 8), (2, 5));
        assert_eq!(line_col("x", 0), (1, 1));
    }

    #[test]
    fn every_rule_kind_has_parameters() {
        for k in RULE_KINDS {
            assert!(parameters(k).is_some(), "{k}");
        }
        assert!(parameters("nope").is_none());
    }
}
