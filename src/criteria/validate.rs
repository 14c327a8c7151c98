//! Stage two: the file as written becomes [`Criteria`], every problem collected
//! with its line before failing.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::Spanned;

use super::raw::{RawCriteria, RawRequirement, RawRule};
use super::rule::{Parameters, Place, Rule, RuleKind};
use super::{Category, Criteria, CriteriaError, Level, Requirement, SCHEMA_VERSION, limits};
use crate::diagnostic::{self, Problem, Problems};
use crate::vocab::{Date, Field, FieldKind};

/// Parses and validates criteria text; `file` names it in messages.
pub fn parse(text: &str, file: &Path, origin: String) -> Result<Criteria, CriteriaError> {
    let raw: RawCriteria = toml::from_str(text).map_err(|e| {
        let at = e.span().map(|s| line_col(text, s.start));
        let message = diagnostic::improve_serde_message(e.message());
        Problem::new(file, at, message).with_source_text(text)
    })?;
    let mut v = Validator {
        text,
        line_starts: std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect(),
        file: file.to_path_buf(),
        problems: Vec::new(),
        omitted: 0,
        rules: 0,
    };
    let mut criteria = v.criteria(raw, origin);
    criteria.file_text = text.to_owned();
    if v.problems.is_empty() {
        Ok(criteria)
    } else {
        Err(CriteriaError::Invalid(Problems {
            file: file.to_path_buf(),
            problems: v.problems,
            omitted: v.omitted,
        }))
    }
}

/// Each category's share of readiness at each level: a category with a declared share
/// has exactly that share at every level where it has required requirements; the
/// other categories with required requirements at or below the level share the rest
/// by weight. Categories with nothing required at or below a level have no share there.
fn set_shares(categories: &mut [Category], requirements: &[Requirement], levels: usize) {
    for level in 0..levels {
        let present: Vec<bool> = (0..categories.len())
            .map(|c| {
                requirements
                    .iter()
                    .any(|r| r.category == c && r.level <= level && !r.optional)
            })
            .collect();
        let declared = |c: &Category| c.declared_share.map(|(n, d)| f64::from(n) / f64::from(d));
        let fixed: f64 = categories
            .iter()
            .zip(&present)
            .filter(|(_, p)| **p)
            .filter_map(|(c, _)| declared(c))
            .sum();
        let rest: f64 = categories
            .iter()
            .zip(&present)
            .filter(|(c, p)| **p && c.declared_share.is_none())
            .map(|(c, _)| c.weight)
            .sum();
        // With nothing else present, the declared shares are all there is.
        let (fixed_scale, rest_share) = if rest > 0.0 {
            (1.0, (1.0 - fixed).max(0.0))
        } else if fixed > 0.0 {
            (1.0 / fixed, 0.0)
        } else {
            (0.0, 0.0)
        };
        for (c, &p) in categories.iter_mut().zip(&present) {
            let share = match (p, declared(c)) {
                (false, _) => 0.0,
                (true, Some(d)) => d * fixed_scale,
                (true, None) if rest > 0.0 => rest_share * c.weight / rest,
                (true, None) => 0.0,
            };
            c.shares.push(share);
        }
    }
    for c in categories.iter_mut() {
        c.share = c.shares.last().copied().unwrap_or(0.0);
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

pub(super) struct Validator<'a> {
    text: &'a str,
    /// The byte offset where each line starts, for locating problems quickly.
    line_starts: Vec<usize>,
    file: PathBuf,
    problems: Vec<Problem>,
    /// Problems found beyond [`limits::MAX_PROBLEMS`], counted, not kept.
    omitted: usize,
    /// Rules validated so far, against [`limits::MAX_RULES`].
    rules: usize,
}

const RESERVED_LEVEL: &str = "none";

impl Validator<'_> {
    pub(super) fn problem(&mut self, span: Range<usize>, message: impl Into<String>) {
        if self.problems.len() >= limits::MAX_PROBLEMS {
            self.omitted += 1;
            return;
        }
        let offset = span.start.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts[line - 1];
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&e| e - 1);
        let source = self.text.get(start..end).unwrap_or("");
        let column = self
            .text
            .get(start..offset)
            .map_or(0, |b| b.chars().count())
            + 1;
        self.problems.push(
            Problem::new(&self.file, Some((line as u64, column as u64)), message)
                .with_source_line(source),
        );
    }

    /// How many problems were found, listed or only counted.
    fn found(&self) -> usize {
        self.problems.len() + self.omitted
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

        let (levels, level_ids) = self.levels(&raw);
        let (mut categories, category_ids) = self.categories(&raw);
        let requirements = self.requirements(raw.requirements, &level_ids, &category_ids);
        set_shares(&mut categories, &requirements, levels.len());
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
            notes: raw.notes.map(|s| s.trim().to_owned()),
            readiness_note: raw.readiness_note.map(|s| s.trim().to_owned()),
            origin,
            application_window,
            file_text: String::new(),
            levels,
            categories,
            requirements,
        }
    }

    /// The levels, lowest first, with a map from id to index.
    fn levels(&mut self, raw: &RawCriteria) -> (Vec<Level>, HashMap<String, usize>) {
        let mut levels = Vec::new();
        if raw.levels.is_empty() {
            self.problem(
                raw.framework.span(),
                "no levels: declare at least one `[[levels]]` with an id and a name, lowest first",
            );
        }
        let mut level_ids: HashMap<String, usize> = HashMap::new();
        if let Some(extra) = raw.levels.get(limits::MAX_LEVELS) {
            self.problem(
                extra.id.span(),
                format!(
                    "{} levels; pmcheck reads at most {} (see \"Limits\" in docs/reference.md)",
                    raw.levels.len(),
                    limits::MAX_LEVELS
                ),
            );
        }
        for l in raw.levels.iter().take(limits::MAX_LEVELS) {
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
        (levels, level_ids)
    }

    /// The categories with their shares of the total weight, and a map from id to index.
    fn categories(&mut self, raw: &RawCriteria) -> (Vec<Category>, HashMap<String, usize>) {
        let mut categories = Vec::new();
        let mut declared_total = 0.0;
        let mut category_ids: HashMap<String, usize> = HashMap::new();
        let usable = |w: f64| w.is_finite() && w > 0.0 && w <= limits::MAX_WEIGHT;
        let raw_categories = &raw.categories[..raw.categories.len().min(limits::MAX_CATEGORIES)];
        // At most MAX_CATEGORIES weights of at most MAX_WEIGHT: the sum is finite.
        let total: f64 = raw_categories
            .iter()
            .map(|c| *c.weight.get_ref())
            .filter(|w| usable(*w))
            .sum();
        if let Some(extra) = raw.categories.get(limits::MAX_CATEGORIES) {
            self.problem(
                extra.id.span(),
                format!(
                    "{} categories; pmcheck reads at most {} (see \"Limits\" in docs/reference.md)",
                    raw.categories.len(),
                    limits::MAX_CATEGORIES
                ),
            );
        }
        if raw.categories.is_empty() {
            self.problem(
                raw.framework.span(),
                "no categories: declare at least one `[[categories]]` with an id, a name and a weight",
            );
        }
        for c in raw_categories {
            let id = c.id.get_ref();
            self.check_id(&c.id, "category id");
            self.check_text(&c.name, "category name");
            let w = *c.weight.get_ref();
            if !w.is_finite() || w < 0.0 {
                self.problem(
                    c.weight.span(),
                    format!("weight {w} is not allowed; a weight is a number 0 or more"),
                );
            } else if w > limits::MAX_WEIGHT {
                self.problem(
                    c.weight.span(),
                    format!(
                        "weight {w:e} is over pmcheck's limit of {}; weights are relative, so smaller numbers such as 1 to 100 say the same",
                        limits::MAX_WEIGHT
                    ),
                );
            }
            if category_ids.contains_key(id) {
                self.problem(c.id.span(), format!("duplicate category id `{id}`"));
                continue;
            }
            let declared = c.share.as_ref().and_then(|s| self.fraction(s));
            declared_total += declared.map_or(0.0, |(n, d)| f64::from(n) / f64::from(d));
            category_ids.insert(id.clone(), categories.len());
            categories.push(Category {
                id: id.clone(),
                name: c.name.get_ref().trim().to_owned(),
                weight: if usable(w) { w } else { 0.0 },
                declared_share: declared,
                share: 0.0,
                shares: Vec::new(),
            });
        }
        if declared_total >= 1.0 - 1e-9
            && let Some(s) = raw_categories
                .iter()
                .filter_map(|c| c.share.as_ref())
                .next_back()
        {
            self.problem(
                s.span(),
                format!(
                    "the declared shares add up to {:.1}%; together they must stay below 100% so that the other categories share the rest",
                    declared_total * 100.0
                ),
            );
        }
        let weight_reported = raw_categories.iter().any(|c| {
            let w = *c.weight.get_ref();
            !(0.0..=limits::MAX_WEIGHT).contains(&w)
        });
        if !raw.categories.is_empty() && total <= 0.0 && !weight_reported {
            let span = raw.categories[0].weight.span();
            self.problem(
                span,
                "no category has a positive weight; give at least one category a weight above 0",
            );
        }
        (categories, category_ids)
    }

    /// A declared share: a fraction `"N/D"` between 0 and 1, such as `"1/3"`.
    fn fraction(&mut self, s: &Spanned<String>) -> Option<(u32, u32)> {
        let text = s.get_ref().trim();
        let parsed = text.split_once('/').and_then(|(n, d)| {
            let n: u32 = n.trim().parse().ok()?;
            let d: u32 = d.trim().parse().ok()?;
            (n > 0 && d > n && d <= 1000).then_some((n, d))
        });
        if parsed.is_none() {
            self.problem(
                s.span(),
                format!(
                    "share `{}` is not a fraction between 0 and 1; write it as \"N/D\" with whole numbers, N smaller than D and D at most 1000, such as \"1/3\"",
                    diagnostic::printable(text)
                ),
            );
        }
        parsed
    }

    /// The requirements in file order, each rule validated against those before it.
    fn requirements(
        &mut self,
        raw: Vec<RawRequirement>,
        level_ids: &HashMap<String, usize>,
        category_ids: &HashMap<String, usize>,
    ) -> Vec<Requirement> {
        let mut requirements: Vec<Requirement> = Vec::new();
        let mut requirement_ids: HashMap<String, usize> = HashMap::new();
        let mut seen_ids: HashSet<String> = HashSet::new();
        if let Some(extra) = raw.get(limits::MAX_REQUIREMENTS) {
            self.problem(
                extra.id.span(),
                format!(
                    "{} requirements; pmcheck reads at most {} (see \"Limits\" in docs/reference.md)",
                    raw.len(),
                    limits::MAX_REQUIREMENTS
                ),
            );
        }
        for r in raw.into_iter().take(limits::MAX_REQUIREMENTS) {
            let id = r.id.get_ref().clone();
            self.check_id(&r.id, "requirement id");
            if !seen_ids.insert(id.clone()) {
                self.problem(
                    r.id.span(),
                    format!("duplicate requirement id `{id}`; ids must be unique"),
                );
            }
            let category = self.lookup(&r.category, category_ids, "category");
            let level = self.lookup(&r.level, level_ids, "level");
            self.check_text(&r.text, "text");
            self.check_text(&r.reading, "reading");
            self.check_text(&r.hint, "hint");
            let place = Place {
                ids: &requirement_ids,
                earlier: &requirements,
                level,
                scope: None,
                depth: 0,
            };
            let rule = self.rule(&r.rule, &place);
            if let (Some(category), Some(level), Some(rule)) = (category, level, rule) {
                requirement_ids.insert(id.clone(), requirements.len());
                let fields = rule.fields_given(&requirements);
                requirements.push(Requirement {
                    id,
                    category,
                    level,
                    optional: r.optional,
                    text: r.text.into_inner().trim().to_owned(),
                    reading: r.reading.into_inner().trim().to_owned(),
                    hint: r.hint.into_inner().trim().to_owned(),
                    rule,
                    fields,
                });
            }
        }
        requirements
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
        let suggestion = diagnostic::did_you_mean(n, names.iter().copied());
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

    /// An integer parameter within `range`, or `default` when absent (and, after
    /// reporting the problem, when out of range).
    pub(super) fn int(
        &mut self,
        v: &Option<Spanned<i64>>,
        name: &str,
        range: std::ops::RangeInclusive<i64>,
        default: i64,
    ) -> i64 {
        match v {
            None => default,
            Some(s) if *s.get_ref() < *range.start() => {
                self.problem(
                    s.span(),
                    format!(
                        "`{name}` must be at least {}, not {}",
                        range.start(),
                        s.get_ref()
                    ),
                );
                default
            }
            Some(s) if *s.get_ref() > *range.end() => {
                self.problem(
                    s.span(),
                    format!(
                        "`{name}` is {}, over pmcheck's limit of {} (see \"Limits\" in docs/reference.md)",
                        s.get_ref(),
                        range.end()
                    ),
                );
                default
            }
            Some(s) => *s.get_ref(),
        }
    }

    pub(super) fn field(
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
            let suggestion = diagnostic::did_you_mean(name, candidates.iter().copied());
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

    /// Validates one rule: its kind, that it has exactly the parameters the kind
    /// takes, then the kind's own checks ([`RuleKind::build`]).
    pub(super) fn rule(&mut self, raw: &Spanned<RawRule>, at: &Place<'_>) -> Option<Rule> {
        let span = raw.span();
        let raw = raw.get_ref();
        self.rules += 1;
        if self.rules == limits::MAX_RULES + 1 {
            self.problem(
                span.clone(),
                format!(
                    "more than {} rules in one file (counting those inside `all_of`, `any_of` and `every`); see \"Limits\" in docs/reference.md",
                    limits::MAX_RULES
                ),
            );
        }
        if self.rules > limits::MAX_RULES {
            return None;
        }
        if at.depth > limits::MAX_RULE_DEPTH {
            self.problem(
                span,
                format!(
                    "rules nest more than {} deep inside `all_of`, `any_of` and `every`; flatten them (see \"Limits\" in docs/reference.md)",
                    limits::MAX_RULE_DEPTH
                ),
            );
            return None;
        }
        let name = raw.kind.get_ref().as_str();
        let Some(kind) = RuleKind::from_name(name) else {
            let names: Vec<&str> = RuleKind::ALL.iter().map(|k| k.name()).collect();
            self.problem(
                raw.kind.span(),
                format!(
                    "unknown rule kind `{}`; {}known kinds: {}",
                    diagnostic::printable(name),
                    diagnostic::did_you_mean(name, names.iter().copied()),
                    names.join(", ")
                ),
            );
            return None;
        };
        let Parameters { required, optional } = kind.parameters();
        let present = raw.present();
        let before = self.found();
        for (param, pspan) in &present {
            if !required.contains(param) && !optional.contains(param) {
                let mut takes: Vec<&str> = required.to_vec();
                takes.extend_from_slice(optional);
                self.problem(
                    pspan.clone(),
                    format!(
                        "rule kind `{name}` takes no `{param}` parameter; it takes: {}",
                        takes.join(", ")
                    ),
                );
            }
        }
        for param in required {
            if !present.iter().any(|(p, _)| p == param) {
                self.problem(
                    span.clone(),
                    format!("rule kind `{name}` needs the `{param}` parameter"),
                );
            }
        }
        if self.found() > before {
            return None;
        }
        kind.build(self, raw, at)
    }

    /// One of a closed set of names (`measure`, `with_all`), or a problem listing them.
    pub(super) fn one_of<T: Copy>(
        &mut self,
        name: &str,
        span: Range<usize>,
        what: &str,
        all: &[T],
        id: fn(T) -> &'static str,
    ) -> Option<T> {
        if let Some(found) = all.iter().copied().find(|x| id(*x) == name) {
            return Some(found);
        }
        let ids: Vec<&str> = all.iter().map(|x| id(*x)).collect();
        self.problem(
            span,
            format!(
                "unknown {what} `{}`; {}known: {}",
                diagnostic::printable(name),
                diagnostic::did_you_mean(name, ids.iter().copied()),
                ids.join(", ")
            ),
        );
        None
    }
}

#[cfg(test)]
#[path = "validate_tests.rs"]
mod tests;
