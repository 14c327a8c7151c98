//! An evidence snippet that satisfies a requirement, built from its rule, for
//! `pmcheck explain`. Tests check that every bundled requirement is met by its snippet.

use chrono::{Datelike, Months};
use serde_json::{Map, Value, json};

use crate::criteria::{Criteria, Requirement, Rule};
use crate::evidence::{Date, Field, FieldKind};

/// A YAML snippet (without `version:`) that meets `requirement` as of `as_of`.
pub fn for_requirement(criteria: &Criteria, requirement: &Requirement, as_of: Date) -> String {
    let mut root = Value::Object(Map::new());
    build(criteria, &requirement.rule, as_of, &mut root);
    let mut out = String::new();
    emit(&root, 0, &mut out);
    out
}

fn date_before(as_of: Date, months: u32) -> String {
    as_of
        .0
        .checked_sub_months(Months::new(months))
        .map_or_else(|| as_of.to_string(), |d| Date(d).to_string())
}

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
            Field::Initiatives => json!(
                [
                    "data_dictionary",
                    "lean_six_sigma",
                    "geo_mapping",
                    "predictive_analytics"
                ][i % 4]
            ),
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
/// other lists keep the longer one.
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
            if b.len() > a.len() {
                *a = b;
            }
        }
        (slot, value) => *slot = value,
    }
}

fn build(criteria: &Criteria, rule: &Rule, as_of: Date, root: &mut Value) {
    match rule {
        Rule::Flag { field } => set(root, field.path(), json!(true)),
        Rule::NotEmpty { field, min } => match field.kind() {
            FieldKind::List if *field == Field::Coordinator || *field == Field::GoalLeader => {
                set(root, field.path(), json!("Dana Ortiz, Performance Manager"))
            }
            FieldKind::Events => {
                let dated: Vec<Value> = (0..*min)
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
            ),
            FieldKind::Items => {
                let goals: Vec<Value> = (0..*min)
                    .map(|i| json!({ "name": format!("Priority goal {}", i + 1) }))
                    .collect();
                set(root, field.path(), Value::Array(goals));
            }
            _ => set(root, field.path(), sample(*field, *min)),
        },
        Rule::ServiceAreas {
            min_areas,
            min_years,
            measure,
            ..
        } => {
            let last = as_of.0.year() - 1;
            let years: Vec<i32> = (0..*min_years as i32).map(|i| last - i).rev().collect();
            let mut measures = vec!["output"];
            if let Some(m) = measure {
                measures.push(m.id());
            }
            let areas: Vec<Value> = (0..*min_areas)
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
            let items: Vec<Value> = (0..*quarters)
                .rev()
                .map(|q| event(*field, date_before(as_of, 3 * q + 1), &with))
                .collect();
            set(root, field.path(), Value::Array(items));
        }
        Rule::Survey { field } => set(
            root,
            field.path(),
            json!({ "date": date_before(as_of, 2), "published": true }),
        ),
        Rule::AllOf(rules) => {
            for r in rules {
                build(criteria, r, as_of, root);
            }
        }
        Rule::AnyOf(rules) => {
            if let Some(first) = rules.first() {
                build(criteria, first, as_of, root);
            }
        }
        Rule::RequirementsMet(ids) => {
            for &i in ids {
                build(criteria, &criteria.requirements[i].rule, as_of, root);
            }
        }
        Rule::Every { field, rule } => {
            // One record that satisfies the inner rule; its fields are relative.
            let mut record = json!({ "name": "Priority goal 1" });
            let mut wrapper = Value::Object(Map::new());
            build(criteria, rule, as_of, &mut wrapper);
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
