//! The JSON Schema of evidence format v1 (`pmcheck schema`), for editors and CI. The
//! derived structs describe themselves; the value types with hand-written deserializers
//! are described here, stating the same constraints that deserializing enforces.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use super::model::{Evidence, ServiceArea};
use super::value::{FormatVersion, Population, ServiceAreas};
use crate::vocab::{Date, MAX_YEAR, MIN_YEAR, Text, Year};

impl JsonSchema for FormatVersion {
    fn schema_name() -> Cow<'static, str> {
        "FormatVersion".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "description": "Evidence format version; always 1.", "const": 1 })
    }
}

impl JsonSchema for Population {
    fn schema_name() -> Cow<'static, str> {
        "Population".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "integer", "minimum": 0 })
    }
}

impl JsonSchema for Text {
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "pattern": "\\S" })
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "A calendar date, YYYY-MM-DD."
        })
    }
}

impl JsonSchema for Year {
    fn schema_name() -> Cow<'static, str> {
        "Year".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR })
    }
}

impl JsonSchema for ServiceAreas {
    fn schema_name() -> Cow<'static, str> {
        "ServiceAreas".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let item = generator.subschema_for::<ServiceArea>();
        json_schema!({
            "type": "array",
            "description": "Service areas; each name appears once (case, width, spacing and invisible characters aside).",
            "items": item
        })
    }
}

/// The JSON Schema (draft 2020-12) of evidence format v1.
pub fn json_schema() -> serde_json::Value {
    let generator = schemars::generate::SchemaSettings::draft2020_12().into_generator();
    let mut schema = generator.into_root_schema_for::<Evidence>();
    schema.insert("title".into(), "pmcheck evidence format v1".into());
    schema.to_value()
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;
    use crate::evidence::{FORMAT_VERSION, Field};

    /// Follows `$ref` and drops the `null` branch of an optional value.
    fn resolve<'a>(schema: &'a Value, node: &'a Value) -> &'a Value {
        if let Some(name) = node["$ref"].as_str() {
            let name = name.strip_prefix("#/$defs/").unwrap();
            return resolve(schema, &schema["$defs"][name]);
        }
        if let Some(branches) = node["anyOf"].as_array() {
            let branch = branches.iter().find(|b| b["type"] != "null").unwrap();
            return resolve(schema, branch);
        }
        node
    }

    #[test]
    fn the_schema_is_draft_2020_12_and_titled() {
        let schema = json_schema();
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        assert_eq!(schema["title"], "pmcheck evidence format v1");
        assert_eq!(schema["required"], json!(["version"]));
        assert_eq!(schema["additionalProperties"], false);
    }

    #[test]
    fn hand_written_types_state_the_rules_deserializing_enforces() {
        let schema = json_schema();
        let defs = &schema["$defs"];
        assert_eq!(defs["FormatVersion"]["const"], FORMAT_VERSION);
        assert_eq!(defs["Year"]["minimum"], MIN_YEAR);
        assert_eq!(defs["Year"]["maximum"], MAX_YEAR);
        assert_eq!(defs["Population"]["minimum"], 0);
        assert_eq!(defs["Text"]["pattern"], "\\S");
        assert_eq!(defs["Date"]["format"], "date");
        assert_eq!(defs["Date"]["pattern"], "^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
        assert_eq!(
            defs["ServiceAreas"]["items"],
            json!({"$ref": "#/$defs/ServiceArea"})
        );
    }

    #[test]
    fn every_field_a_rule_reads_is_in_the_schema() {
        let schema = json_schema();
        for field in Field::ALL {
            let mut node = &schema;
            for key in field.path().split('.') {
                let (key, each) = match key.strip_suffix("[]") {
                    Some(list) => (list, true),
                    None => (key, false),
                };
                node = resolve(&schema, &resolve(&schema, node)["properties"][key]);
                assert!(!node.is_null(), "{}: no `{key}`", field.path());
                if each {
                    node = &node["items"];
                }
            }
        }
    }

    /// Every property of the schema with a description, as `(path, description)`:
    /// `Leadership.external` for a property of a definition, `(root).as_of` at the top.
    fn described_properties(schema: &Value) -> Vec<(String, String)> {
        fn walk(owner: &str, node: &Value, out: &mut Vec<(String, String)>) {
            match node {
                Value::Object(map) => {
                    if let Some(Value::Object(props)) = map.get("properties") {
                        for (key, prop) in props {
                            if let Some(d) = prop["description"].as_str() {
                                out.push((format!("{owner}.{key}"), d.to_owned()));
                            }
                        }
                    }
                    for (key, value) in map {
                        let owner = if key == "$defs" { owner } else { key.as_str() };
                        walk(owner, value, out);
                    }
                }
                Value::Array(items) => items.iter().for_each(|i| walk(owner, i, out)),
                _ => {}
            }
        }
        let mut out = Vec::new();
        walk("(root)", schema, &mut out);
        out
    }

    /// Descriptions that several fields share on purpose: the same meaning everywhere.
    const SHARED_ON_PURPOSE: [&str; 3] = [
        "Links or document names backing the claims of this section (used by --strict).",
        "The date (YYYY-MM-DD).",
        "A name; not blank.",
    ];

    #[test]
    fn no_two_fields_share_a_description_by_accident() {
        let schema = json_schema();
        let described = described_properties(&schema);
        assert!(described.len() > 50, "{} described fields", described.len());
        let mut by_text: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
        for (path, text) in &described {
            by_text.entry(text).or_default().push(path);
        }
        for (text, paths) in &by_text {
            if paths.len() > 1 {
                assert!(
                    SHARED_ON_PURPOSE.contains(text),
                    "{paths:?} share the description {text:?}; describe each, or add it to SHARED_ON_PURPOSE"
                );
            }
        }
        // Each allowed repeat is still repeated: the list holds nothing stale.
        for text in SHARED_ON_PURPOSE {
            assert!(by_text.get(text).is_some_and(|p| p.len() > 1), "{text:?}");
        }
        // The copy-paste that prompted this test.
        let external = described
            .iter()
            .find(|(path, _)| path == "Leadership.external")
            .map(|(_, d)| d.as_str());
        assert_eq!(
            external,
            Some("Forms of external leadership: presentations, data_sharing, networking, other.")
        );
    }

    #[test]
    fn initiatives_are_the_known_ids_or_another_by_name() {
        let schema = json_schema();
        let initiative = &schema["$defs"]["Initiative"];
        let ids: Vec<&str> = crate::evidence::Initiative::KNOWN
            .iter()
            .map(|i| i.id())
            .collect();
        assert_eq!(initiative["oneOf"][0]["enum"], json!(ids));
        assert_eq!(initiative["oneOf"][1]["required"], json!(["other"]));
        assert_eq!(initiative["oneOf"][1]["additionalProperties"], false);
        let list = resolve(&schema, &schema["properties"]["initiatives"]);
        assert_eq!(list["items"], json!({"$ref": "#/$defs/Initiative"}));
    }

    #[test]
    fn every_section_refuses_unknown_keys() {
        let schema = json_schema();
        let objects: Vec<_> = schema["$defs"]
            .as_object()
            .unwrap()
            .iter()
            .filter(|(_, def)| def["type"] == "object")
            .collect();
        for (name, def) in &objects {
            assert_eq!(def["additionalProperties"], false, "{name}");
        }
        let mut names: Vec<&str> = objects.iter().map(|(name, _)| name.as_str()).collect();
        names.sort_unstable();
        assert_eq!(
            names,
            [
                "Accountability",
                "Equity",
                "Federal",
                "Jurisdiction",
                "Leadership",
                "MeasuresLink",
                "Networking",
                "Plan",
                "PlanningBudgeting",
                "PriorityGoal",
                "PublicReporting",
                "Review",
                "ServiceArea",
                "Session",
                "Survey",
                "Surveys",
                "Training",
                "Verification",
            ]
        );
    }
}
