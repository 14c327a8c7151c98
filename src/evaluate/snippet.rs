//! An evidence snippet that satisfies a requirement, built from its rule, for
//! `pmcheck explain`. Tests check that every bundled requirement is met by its snippet.

use chrono::Datelike;
use serde_json::{Map, Value, json};

use crate::criteria::{Criteria, Requirement, Rule};
use crate::evidence::{Date, Field, FieldKind, MIN_YEAR};

/// Lists in the snippet show at most this many entries; a comment says how many
/// the rule asks for. Work and output stay small whatever `min` a criteria file sets.
const MAX_SHOWN: usize = 12;

/// A YAML snippet (without `version:`) that meets `requirement` as of `as_of`.
/// Every date and year in it is one evidence files accept (1900 to 2100); as of a
/// date too early for a rule to be met, the snippet says so in a comment.
pub fn for_requirement(criteria: &Criteria, requirement: &Requirement, as_of: Date) -> String {
    let mut root = Value::Object(Map::new());
    let mut notes = Notes::default();
    build(criteria, &requirement.rule, as_of, &mut root, &mut notes);
    let mut out = String::new();
    emit(&root, 0, &mut out);
    let mut lines = notes.lines;
    lines.dedup();
    for note in lines {
        out.push_str(&format!("# {note}\n"));
    }
    out
}

/// What building a snippet noted, and which named requirements it has built: each is
/// built once however often the rules name it (building is idempotent), so the work
/// is linear in the criteria.
#[derive(Default)]
struct Notes {
    lines: Vec<String>,
    built: std::collections::HashSet<usize>,
}

impl Notes {
    fn push(&mut self, line: String) {
        self.lines.push(line);
    }
}

/// The earliest date and year evidence files accept.
fn earliest() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(MIN_YEAR, 1, 1).unwrap_or(chrono::NaiveDate::MIN)
}

fn date_before(as_of: Date, months: u32) -> String {
    let date = crate::evaluate::months_before(as_of.0, months);
    Date(date.max(earliest()).min(as_of.0.max(earliest()))).to_string()
}

/// How many of `n` entries to show, noting when the list is shortened.
fn shown(n: usize, what: &str, notes: &mut Notes) -> usize {
    if n > MAX_SHOWN {
        notes.push(format!(
            "... and more {what} like these: the rule asks for {n}"
        ));
    }
    n.min(MAX_SHOWN)
}

/// Initiative ids in the order a sample lists them (the most familiar first).
const INITIATIVES: [&str; 9] = [
    "data_dictionary",
    "lean_six_sigma",
    "geo_mapping",
    "predictive_analytics",
    "crm",
    "social_media",
    "residents_academy",
    "departmental_accreditation",
    "smart_community",
];

/// A value that makes a list or text field non-empty.
fn sample(field: Field, n: usize) -> Value {
    let item = |i: usize| -> Value {
        match field {
            Field::Channels => json!(["website", "budget", "public_meeting", "report"][i % 4]),
            Field::Visuals => json!(["dashboard", "graphs", "color_coding", "maps"][i % 4]),
            Field::EquityBasis => json!(["neighborhood", "demographic", "other"][i % 3]),
            Field::LeadershipExternal => {
                json!(["presentations", "data_sharing", "networking"][i % 3])
            }
            Field::NetworkingActivities => {
                json!(format!("Shared lessons at a peer exchange ({})", i + 1))
            }
            // Each a different initiative: one named twice counts once.
            Field::Initiatives => match INITIATIVES.get(i) {
                Some(id) => json!(id),
                None => json!({ "other": format!("Initiative {}", i + 1) }),
            },
            Field::CrossAgencyGoals => json!(format!("Cross-agency goal {}", i + 1)),
            _ => json!(format!("item {}", i + 1)),
        }
    };
    (0..n).map(item).collect()
}

/// Sets `path` (dotted) in `root` to `value`, merging with what is there.
fn set(root: &mut Value, path: &str, value: Value) {
    let mut node = root;
    let parts: Vec<&str> = path.split('.').collect();
    for (i, part) in parts.iter().enumerate() {
        let Value::Object(map) = node else { return };
        if i + 1 == parts.len() {
            let slot = map.entry(part.to_string()).or_insert(Value::Null);
            merge(slot, value);
            return;
        }
        node = map
            .entry(part.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
    }
}

/// Merges `value` into `slot`: objects key by key, lists of records record by record,
/// other lists take the union.
fn merge(slot: &mut Value, value: Value) {
    match (slot, value) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in b {
                merge(a.entry(k).or_insert(Value::Null), v);
            }
        }
        (Value::Array(a), Value::Array(b)) if a.iter().chain(&b).all(Value::is_object) => {
            for (i, v) in b.into_iter().enumerate() {
                match a.get_mut(i) {
                    Some(slot) => merge(slot, v),
                    None => a.push(v),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for v in b {
                if !a.contains(&v) {
                    a.push(v);
                }
            }
        }
        (slot, value) => *slot = value,
    }
}

fn build(criteria: &Criteria, rule: &Rule, as_of: Date, root: &mut Value, notes: &mut Notes) {
    match rule {
        Rule::Flag { field } => set(root, field.path(), json!(true)),
        Rule::NotEmpty { field, min, among } if !among.is_empty() => {
            set(root, field.path(), json!(among[..*min]));
        }
        Rule::Includes { field, values } => set(root, field.path(), json!(values)),
        Rule::NotEmpty { field, min, .. } => match field.kind() {
            FieldKind::List if *field == Field::Coordinator || *field == Field::GoalLeader => {
                set(root, field.path(), json!("Dana Ortiz, Performance Manager"))
            }
            FieldKind::Events => {
                let dated: Vec<Value> = (0..shown(*min, "dated entries", notes))
                    .map(|i| json!({ "date": date_before(as_of, 1 + i as u32) }))
                    .collect();
                set(root, field.path(), Value::Array(dated));
            }
            FieldKind::ServiceAreas => build(
                criteria,
                &Rule::ServiceAreas {
                    min_areas: *min,
                    min_years: 1,
                    max_age_years: 0,
                    measure: None,
                },
                as_of,
                root,
                notes,
            ),
            FieldKind::Items => {
                let goals: Vec<Value> = (0..shown(*min, "records", notes))
                    .map(|i| json!({ "name": format!("Priority goal {}", i + 1) }))
                    .collect();
                set(root, field.path(), Value::Array(goals));
            }
            _ => set(
                root,
                field.path(),
                sample(*field, shown(*min, "entries", notes)),
            ),
        },
        Rule::ServiceAreas {
            min_areas,
            min_years,
            measure,
            ..
        } => {
            let last = (as_of.0.year() - 1).max(MIN_YEAR);
            let years: Vec<i32> = (0..*min_years as i32)
                .map(|i| last - i)
                .filter(|&y| y >= MIN_YEAR)
                .rev()
                .collect();
            if years.len() < *min_years {
                notes.push(format!(
                    "as of {as_of}, no evidence can meet this yet: it needs {min_years} years of data, and years start at {MIN_YEAR}"
                ));
            }
            let mut measures = vec!["output"];
            if let Some(m) = measure {
                measures.push(m.id());
            }
            let areas: Vec<Value> = (0..shown(*min_areas, "service areas", notes))
                .map(|i| json!({ "name": format!("Service area {}", i + 1), "years": years, "measures": measures }))
                .collect();
            set(root, "service_areas", Value::Array(areas));
        }
        Rule::RecentEvent { field, .. } => {
            let item = event(*field, date_before(as_of, 1), &[]);
            set(root, field.path(), json!([item]));
        }
        Rule::Quarterly {
            field,
            quarters,
            with_all,
        } => {
            let with: Vec<&str> = with_all.iter().map(|p| p.id()).collect();
            let quarters = crate::evaluate::complete_quarters(as_of.0, 1, *quarters);
            if quarters.first().is_none_or(|q| q.0 < earliest()) {
                notes.push(format!(
                    "as of {as_of}, no evidence can meet this yet: its quarters reach back before {MIN_YEAR}"
                ));
            }
            // The last day of each quarter: the latest is within the 12 months up to
            // the as-of date, where the participants are looked for.
            let items: Vec<Value> = quarters
                .iter()
                .map(|q| event(*field, Date(q.1.max(earliest())).to_string(), &with))
                .collect();
            set(root, field.path(), Value::Array(items));
        }
        Rule::Survey { field, .. } => set(
            root,
            field.path(),
            json!({ "date": date_before(as_of, 2), "published": true }),
        ),
        Rule::AllOf(rules) => {
            for r in rules {
                build(criteria, r, as_of, root, notes);
            }
        }
        Rule::AnyOf(rules) => {
            if let Some(first) = rules.first() {
                build(criteria, first, as_of, root, notes);
            }
        }
        Rule::RequirementsMet(ids) => {
            for &i in ids {
                if notes.built.insert(i) {
                    build(criteria, &criteria.requirements[i].rule, as_of, root, notes);
                }
            }
        }
        Rule::Every { field, rule } => {
            // One record that satisfies the inner rule; its fields are relative.
            let mut record = json!({ "name": "Priority goal 1" });
            let mut wrapper = Value::Object(Map::new());
            build(criteria, rule, as_of, &mut wrapper, notes);
            let prefix = format!("{}[]", field.path());
            if let Some(inner) = pointer(&wrapper, &prefix) {
                merge(&mut record, inner.clone());
            }
            set(root, field.path(), json!([record]));
        }
    }
}

/// The value at a dotted path whose last part may end in `[]`.
fn pointer<'a>(root: &'a Value, path: &str) -> Option<&'a Value> {
    let mut node = root;
    for part in path.split('.') {
        node = node.get(part)?;
    }
    Some(node)
}

/// A dated item for an events field. Record fields such as
/// `federal.priority_goals[].reviews` are plain dates.
fn event(field: Field, date: String, with: &[&str]) -> Value {
    match field {
        Field::Reviews if !with.is_empty() => json!({ "date": date, "with": with }),
        Field::Reviews | Field::TrainingSessions => json!({ "date": date }),
        _ => json!(date),
    }
}

/// A small YAML emitter for the snippet: block mappings, flow lists of scalars,
/// block lists of mappings.
fn emit(value: &Value, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    if let Value::Object(map) = value {
        for (k, v) in map {
            match v {
                Value::Object(_) => {
                    out.push_str(&format!("{pad}{k}:\n"));
                    emit(v, indent + 2, out);
                }
                Value::Array(items) if items.iter().any(Value::is_object) => {
                    out.push_str(&format!("{pad}{k}:\n"));
                    for item in items {
                        if !item.is_object() {
                            // A list mixing scalars with records (initiatives).
                            out.push_str(&format!("{pad}  - {}\n", scalar(item)));
                            continue;
                        }
                        let mut inner = String::new();
                        emit(item, indent + 4, &mut inner);
                        let trimmed = inner.trim_start();
                        out.push_str(&format!("{pad}  - {trimmed}"));
                    }
                }
                _ => out.push_str(&format!("{pad}{k}: {}\n", scalar(v))),
            }
        }
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => {
            let plain = s
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            if plain { s.clone() } else { format!("{s:?}") }
        }
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().map(scalar).collect();
            format!("[{}]", parts.join(", "))
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::criteria;

    fn parses(snippet: &str) -> bool {
        crate::evidence::parse_yaml(&format!("version: 1\n{snippet}"), Path::new("s.yaml")).is_ok()
    }

    #[test]
    fn snippets_parse_as_evidence_at_the_edges_of_the_calendar() {
        for (id, _, _) in criteria::BUNDLED {
            let c = criteria::bundled(id).unwrap();
            for as_of in ["1900-01-01", "1900-06-30", "2100-12-31"] {
                let as_of = Date::parse(as_of).unwrap();
                for r in &c.requirements {
                    let s = for_requirement(&c, r, as_of);
                    assert!(parses(&s), "{id} {} as of {as_of}:\n{s}", r.id);
                }
            }
        }
    }

    #[test]
    fn a_snippet_too_early_to_be_met_says_so() {
        let c = criteria::bundled("icma-2022").unwrap();
        let r = c.requirement("data_collection.distinction").unwrap();
        let s = for_requirement(&c, r, Date::parse("1900-01-01").unwrap());
        assert!(s.contains("no evidence can meet this yet"), "{s}");
        let s = for_requirement(&c, r, Date::parse("2022-04-30").unwrap());
        assert!(!s.contains('#'), "a normal snippet has no notes:\n{s}");
    }

    #[test]
    fn a_snippet_lists_different_initiatives_to_meet_a_minimum() {
        let text = include_str!("../../criteria/spectrum.toml").replace(
            "field = \"initiatives\", min = 2 }",
            "field = \"initiatives\", min = 12 }",
        );
        let c = criteria::parse(&text, Path::new("many.toml"), "test".into()).unwrap();
        let r = c.requirement("innovation.excellence").unwrap();
        let as_of = Date::parse("2021-05-07").unwrap();
        let s = for_requirement(&c, r, as_of);
        let evidence =
            crate::evidence::parse_yaml(&format!("version: 1\n{s}"), Path::new("s.yaml")).unwrap();
        assert_eq!(evidence.initiatives.len(), 12, "{s}");
        let e = crate::evaluate::evaluate(&c, &evidence, as_of, crate::evaluate::AsOfSource::Flag);
        let i = c.requirements.iter().position(|x| x.id == r.id).unwrap();
        assert!(e.met[i], "{s}");
    }

    #[test]
    fn huge_minimums_give_a_short_snippet() {
        let text = include_str!("../../criteria/icma-2022.toml").replace(
            "min_areas = 6, min_years = 3, max_age_years = 2 }",
            "min_areas = 10000, min_years = 200, max_age_years = 2 }",
        );
        let c = criteria::parse(&text, Path::new("big.toml"), "test".into()).unwrap();
        let r = c.requirement("data_collection.distinction").unwrap();
        let s = for_requirement(&c, r, Date::parse("2100-12-31").unwrap());
        assert!(s.len() < 20_000, "{} bytes", s.len());
        assert!(s.contains("the rule asks for 10000"), "{s}");
        assert!(parses(&s));
    }
}
