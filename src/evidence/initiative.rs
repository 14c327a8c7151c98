//! The supplementary initiatives the ICMA table's closing paragraph names (data
//! dictionaries, CRM, ..., geo-mapping) as a closed list, plus `{other: "name"}` for the
//! rest. ICMA asks applicants to detail them although no level requires them, so
//! reports show them as "also reported", never as a requirement. A misspelt id is
//! refused with the closest one rather than silently read as some other initiative.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::diagnostic::did_you_mean;
use crate::vocab::{Text, same_name_key};

/// One initiative: a kind the ICMA table names, or another one with its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Initiative {
    DataDictionary,
    Crm,
    SocialMedia,
    ResidentsAcademy,
    LeanSixSigma,
    PredictiveAnalytics,
    DepartmentalAccreditation,
    SmartCommunity,
    GeoMapping,
    /// `{other: "Open data portal"}`.
    Other(Text),
}

impl Initiative {
    /// The kinds the table names, in its order.
    pub const KNOWN: [Initiative; 9] = [
        Initiative::DataDictionary,
        Initiative::Crm,
        Initiative::SocialMedia,
        Initiative::ResidentsAcademy,
        Initiative::LeanSixSigma,
        Initiative::PredictiveAnalytics,
        Initiative::DepartmentalAccreditation,
        Initiative::SmartCommunity,
        Initiative::GeoMapping,
    ];

    /// The id written in the file (`other` for another initiative).
    pub fn id(&self) -> &'static str {
        match self {
            Initiative::DataDictionary => "data_dictionary",
            Initiative::Crm => "crm",
            Initiative::SocialMedia => "social_media",
            Initiative::ResidentsAcademy => "residents_academy",
            Initiative::LeanSixSigma => "lean_six_sigma",
            Initiative::PredictiveAnalytics => "predictive_analytics",
            Initiative::DepartmentalAccreditation => "departmental_accreditation",
            Initiative::SmartCommunity => "smart_community",
            Initiative::GeoMapping => "geo_mapping",
            Initiative::Other(_) => "other",
        }
    }

    /// The name shown in reports: the table's words, or the name given for another.
    pub fn name(&self) -> &str {
        match self {
            Initiative::DataDictionary => "Data dictionary",
            Initiative::Crm => "CRM",
            Initiative::SocialMedia => "Social media applications",
            Initiative::ResidentsAcademy => "Residents' academy",
            Initiative::LeanSixSigma => "Lean Six Sigma",
            Initiative::PredictiveAnalytics => "Predictive analytics",
            Initiative::DepartmentalAccreditation => "Departmental accreditation",
            Initiative::SmartCommunity => "Smart community technology",
            Initiative::GeoMapping => "Geo-mapping",
            Initiative::Other(name) => name.as_str(),
        }
    }

    fn known(id: &str) -> Option<Initiative> {
        Initiative::KNOWN.into_iter().find(|k| k.id() == id)
    }

    /// What a file may write, for messages: the known ids, then the form for others.
    fn allowed() -> String {
        let ids: Vec<&str> = Initiative::KNOWN.iter().map(Initiative::id).collect();
        format!(
            "{}, or `{{other: \"Open data portal\"}}` for another",
            ids.join(", ")
        )
    }
}

/// The different initiatives a list names, in its order: a kind listed twice, or two
/// `other` names that differ only in case, width or spacing, are kept once (the first).
pub fn distinct(initiatives: &[Initiative]) -> Vec<Initiative> {
    let mut seen: HashSet<(&str, String)> = HashSet::new();
    initiatives
        .iter()
        .filter(|i| {
            seen.insert(match i {
                Initiative::Other(name) => ("other", same_name_key(name.as_str())),
                known => (known.id(), String::new()),
            })
        })
        .cloned()
        .collect()
}

/// How many different initiatives a list names (see [`distinct`]).
pub fn count_distinct(initiatives: &[Initiative]) -> usize {
    distinct(initiatives).len()
}

impl Serialize for Initiative {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self {
            Initiative::Other(name) => {
                let mut map = s.serialize_map(Some(1))?;
                map.serialize_entry("other", name)?;
                map.end()
            }
            known => s.serialize_str(known.id()),
        }
    }
}

impl<'de> Deserialize<'de> for Initiative {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct InitiativeVisitor;
        impl<'de> Visitor<'de> for InitiativeVisitor {
            type Value = Initiative;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "an initiative: {}", Initiative::allowed())
            }
            fn visit_str<E: de::Error>(self, id: &str) -> Result<Initiative, E> {
                unknown_or_known(id.trim()).map_err(E::custom)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Initiative, A::Error> {
                let refused = || {
                    de::Error::custom(format!(
                        "another initiative is written `{{other: \"its name\"}}`, with that one key; the known ones are ids: {}",
                        Initiative::allowed()
                    ))
                };
                match map.next_key::<String>()? {
                    Some(key) if key == "other" => {}
                    _ => return Err(refused()),
                }
                let name: Text = map.next_value()?;
                if map.next_key::<String>()?.is_some() {
                    return Err(refused());
                }
                Ok(Initiative::Other(name))
            }
        }
        d.deserialize_any(InitiativeVisitor)
    }
}

/// The initiative an id names, or a message saying what would be right.
fn unknown_or_known(id: &str) -> Result<Initiative, String> {
    if let Some(known) = Initiative::known(id) {
        return Ok(known);
    }
    if id == "other" {
        return Err(
            "`other` needs the initiative's name: write `{other: \"Open data portal\"}`".to_owned(),
        );
    }
    // `Lean Six Sigma` or `Geo-mapping` are the ids `lean_six_sigma` and `geo_mapping`
    // written as words: suggest the id.
    let as_id: String = id
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect();
    let ids = Initiative::KNOWN.iter().map(Initiative::id);
    let suggestion = match Initiative::known(&as_id) {
        Some(k) => format!("did you mean `{}`? ", k.id()),
        None => did_you_mean(&as_id, ids),
    };
    Err(format!(
        "unknown initiative `{}`; {suggestion}allowed: {}",
        crate::diagnostic::printable(id),
        Initiative::allowed()
    ))
}

impl JsonSchema for Initiative {
    fn schema_name() -> Cow<'static, str> {
        "Initiative".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let ids: Vec<&str> = Initiative::KNOWN.iter().map(Initiative::id).collect();
        json_schema!({
            "description": "An initiative the ICMA application names, by id, or another one as {other: name}.",
            "oneOf": [
                { "type": "string", "enum": ids },
                {
                    "type": "object",
                    "properties": {
                        "other": {
                            "type": "string",
                            "pattern": "\\S",
                            "description": "The name of an initiative the list does not name."
                        }
                    },
                    "required": ["other"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn yaml(text: &str) -> Result<Vec<Initiative>, String> {
        serde_saphyr::from_str(text).map_err(|e| e.to_string())
    }

    #[test]
    fn every_known_id_reads_and_writes_as_itself() {
        for known in Initiative::KNOWN {
            assert_eq!(yaml(&format!("[{}]", known.id())), Ok(vec![known.clone()]));
            assert_eq!(serde_json::to_value(&known).unwrap(), known.id());
        }
        let riverton = yaml("[data_dictionary, lean_six_sigma, geo_mapping]").unwrap();
        assert_eq!(
            riverton,
            [
                Initiative::DataDictionary,
                Initiative::LeanSixSigma,
                Initiative::GeoMapping
            ]
        );
    }

    #[test]
    fn another_initiative_is_other_with_its_name() {
        let read = yaml("[crm, {other: \"  Open data portal \"}]").unwrap();
        assert_eq!(read[1], Initiative::Other(Text("Open data portal".into())));
        assert_eq!(
            (read[1].id(), read[1].name()),
            ("other", "Open data portal")
        );
        assert_eq!(
            serde_json::to_value(&read[1]).unwrap(),
            json!({"other": "Open data portal"})
        );
        let from_json: Initiative = serde_json::from_value(json!({"other": "Open data"})).unwrap();
        assert_eq!(from_json.name(), "Open data");
    }

    #[test]
    fn an_unknown_id_is_refused_with_the_closest_and_the_allowed_ids() {
        let err = yaml("[lean_six_sigm]").unwrap_err();
        assert!(
            err.contains("unknown initiative `lean_six_sigm`; did you mean `lean_six_sigma`? allowed: data_dictionary, crm, social_media, residents_academy, lean_six_sigma, predictive_analytics, departmental_accreditation, smart_community, geo_mapping, or `{other: \"Open data portal\"}` for another"),
            "{err}"
        );
        // Written as words, the id is suggested.
        assert!(
            yaml("[Geo-mapping]")
                .unwrap_err()
                .contains("did you mean `geo_mapping`?")
        );
        // Nothing close: the allowed ids alone.
        let err = yaml("[Open data portal]").unwrap_err();
        assert!(
            err.contains("unknown initiative `Open data portal`; allowed: data_dictionary"),
            "{err}"
        );
    }

    #[test]
    fn other_needs_a_name_and_nothing_else() {
        assert!(
            yaml("[other]")
                .unwrap_err()
                .contains("`other` needs the initiative's name")
        );
        for text in [
            "[{other: \"  \"}]",
            "[{name: Open data}]",
            "[{other: A, note: B}]",
            "[{}]",
        ] {
            assert!(yaml(text).is_err(), "{text}");
        }
        assert!(
            yaml("[{name: Open data}]")
                .unwrap_err()
                .contains("another initiative is written `{other: \"its name\"}`")
        );
        assert!(
            yaml("[3]")
                .unwrap_err()
                .contains("an initiative: data_dictionary")
        );
    }

    #[test]
    fn an_initiative_named_twice_counts_once() {
        let list = yaml(
            "[lean_six_sigma, lean_six_sigma, {other: Open data}, {other: OPEN  DATA}, {other: Open data portal}, crm]",
        )
        .unwrap();
        assert_eq!(list.len(), 6);
        assert_eq!(count_distinct(&list), 4);
        let kept = distinct(&list);
        let names: Vec<&str> = kept.iter().map(Initiative::name).collect();
        assert_eq!(
            names,
            ["Lean Six Sigma", "Open data", "Open data portal", "CRM"]
        );
        assert_eq!(count_distinct(&[]), 0);
    }
}
