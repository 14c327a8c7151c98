//! Stage two: the file as written becomes [`Criteria`], every problem collected
//! with its line before failing.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::Spanned;

use super::raw::{RawCriteria, RawRule};
use super::rule::{Parameters, Place, Rule, RuleKind};
use super::{Category, Criteria, CriteriaError, Level, Requirement, SCHEMA_VERSION};
use crate::diagnostic::{self, InputError, Problems};
use crate::evidence::{Date, Field, FieldKind};

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

pub(super) struct Validator<'a> {
    text: &'a str,
    file: PathBuf,
    problems: Vec<InputError>,
}

const RESERVED_LEVEL: &str = "none";

impl Validator<'_> {
    pub(super) fn problem(&mut self, span: Range<usize>, message: impl Into<String>) {
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
            let place = Place {
                ids: &requirement_ids,
                earlier: &requirements,
                level,
                scope: None,
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

    pub(super) fn int(
        &mut self,
        v: &Option<Spanned<i64>>,
        name: &str,
        min: i64,
        default: i64,
    ) -> i64 {
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
        let before = self.problems.len();
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
        if self.problems.len() > before {
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
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\ncdé f", 8), (2, 5));
        assert_eq!(line_col("x", 0), (1, 1));
    }

    /// A small valid file; each case below breaks one thing in it.
    const BASE: &str = r#"schema = 1
framework = "t"
version = "1"
title = "T"

[[levels]]
id = "a"
name = "A"

[[levels]]
id = "b"
name = "B"

[[categories]]
id = "c"
name = "C"
weight = 1

[[requirements]]
id = "c.a"
category = "c"
level = "a"
text = "x"
reading = "x"
hint = "x"
rule = { kind = "flag", field = "verification.data_checked" }
"#;

    /// BASE with one more requirement at level `level` whose rule is `rule`.
    fn with_rule(level: &str, rule: &str) -> String {
        format!(
            "{BASE}\n[[requirements]]\nid = \"c.x\"\ncategory = \"c\"\nlevel = \"{level}\"\ntext = \"x\"\nreading = \"x\"\nhint = \"x\"\nrule = {rule}\n"
        )
    }

    fn problems(text: &str) -> String {
        match parse(text, Path::new("t.toml"), "test".into()) {
            Ok(_) => "(valid)".to_owned(),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn the_base_file_is_valid() {
        assert_eq!(problems(BASE), "(valid)");
    }

    /// One case per place the validator reports a problem; the messages are a reviewed
    /// part of the interface.
    #[test]
    fn every_problem_message() {
        let cases: Vec<(&str, String)> = vec![
            ("toml syntax", BASE.replace("title = \"T\"", "title = ")),
            ("unknown top-level key", BASE.replace("title = \"T\"", "title = \"T\"\ntitel = \"T\"")),
            ("schema version", BASE.replace("schema = 1", "schema = 2")),
            ("framework id", BASE.replace("framework = \"t\"", "framework = \"T T\"")),
            (
                "window closes before it opens",
                BASE.replace(
                    "title = \"T\"",
                    "title = \"T\"\napplication_window = { opens = \"2022-05-01\", closes = \"2022-01-01\" }",
                ),
            ),
            (
                "window date",
                BASE.replace(
                    "title = \"T\"",
                    "title = \"T\"\napplication_window = { opens = \"2022-02-30\", closes = \"2022-03-01\" }",
                ),
            ),
            ("no levels", BASE.replace("[[levels]]\nid = \"a\"\nname = \"A\"\n\n[[levels]]\nid = \"b\"\nname = \"B\"\n", "")),
            ("empty level name", BASE.replace("name = \"A\"", "name = \" \"")),
            ("reserved level id", BASE.replace("id = \"b\"\nname = \"B\"", "id = \"none\"\nname = \"B\"")),
            ("level named twice", BASE.replace("id = \"b\"\nname = \"B\"", "id = \"a\"\nname = \"B\"")),
            ("no categories", BASE.replace("[[categories]]\nid = \"c\"\nname = \"C\"\nweight = 1\n", "")),
            ("negative weight", BASE.replace("weight = 1", "weight = -1")),
            ("no positive weight", BASE.replace("weight = 1", "weight = 0")),
            (
                "duplicate category",
                BASE.replace(
                    "weight = 1\n",
                    "weight = 1\n\n[[categories]]\nid = \"c\"\nname = \"D\"\nweight = 1\n",
                ),
            ),
            ("requirement id", BASE.replace("id = \"c.a\"", "id = \"C.A\"")),
            ("duplicate requirement", with_rule("a", "{ kind = \"flag\", field = \"verification.data_checked\" }").replace("id = \"c.x\"", "id = \"c.a\"")),
            ("unknown category", BASE.replace("category = \"c\"", "category = \"cc\"")),
            ("unknown level", BASE.replace("level = \"a\"", "level = \"aa\"")),
            ("empty text", BASE.replace("text = \"x\"", "text = \"\"")),
            ("no requirements", BASE[..BASE.find("[[requirements]]").unwrap()].to_owned()),
            ("unknown rule kind", with_rule("a", "{ kind = \"flags\", field = \"verification.data_checked\" }")),
            ("parameter not taken", with_rule("a", "{ kind = \"flag\", field = \"verification.data_checked\", min = 2 }")),
            ("parameter missing", with_rule("a", "{ kind = \"recent_event\", field = \"training.sessions\" }")),
            ("unknown field", with_rule("a", "{ kind = \"flag\", field = \"verification.data_check\" }")),
            ("record field outside every", with_rule("a", "{ kind = \"flag\", field = \"federal.priority_goals[].publicly_reported\" }")),
            ("field of the wrong kind", with_rule("a", "{ kind = \"flag\", field = \"training.sessions\" }")),
            ("number below its minimum", with_rule("a", "{ kind = \"not_empty\", field = \"training.sessions\", min = 0 }")),
            ("unknown measure", with_rule("a", "{ kind = \"service_areas\", min_areas = 1, min_years = 1, measure = \"outcomes\" }")),
            ("unknown participant", with_rule("a", "{ kind = \"quarterly\", field = \"accountability.reviews\", with_all = [\"elected\"] }")),
            ("empty rules", with_rule("a", "{ kind = \"any_of\", rules = [] }")),
            ("empty requirements", with_rule("a", "{ kind = \"requirements_met\", requirements = [] }")),
            ("requirement not declared earlier", with_rule("a", "{ kind = \"requirements_met\", requirements = [\"c.b\"] }")),
            (
                "dependency on a higher level",
                with_rule("a", "{ kind = \"requirements_met\", requirements = [\"c.a\"] }")
                    .replace("level = \"a\"\ntext = \"x\"\nreading = \"x\"\nhint = \"x\"\nrule = { kind = \"flag\"", "level = \"b\"\ntext = \"x\"\nreading = \"x\"\nhint = \"x\"\nrule = { kind = \"flag\""),
            ),
            ("every over a non-list", with_rule("a", "{ kind = \"every\", field = \"training.sessions\", rule = { kind = \"flag\", field = \"verification.data_checked\" } }")),
        ];
        let mut out = String::new();
        for (name, text) in &cases {
            let p = problems(text);
            assert_ne!(p, "(valid)", "case `{name}` must be refused");
            out.push_str(&format!("## {name}\n{p}\n\n"));
        }
        insta::assert_snapshot!(out);
    }
}
