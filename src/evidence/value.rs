//! Values checked as they are read: the format version, a non-blank text, a real date, a
//! year in range, a population, a list of service areas that names each area once, and
//! the `deserialize_with` helpers that let an empty key mean "nothing claimed" while
//! bounding every list and text. Checking here, inside deserialization, keeps the
//! parser's line and column on the message.

use std::collections::HashMap;
use std::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::model::ServiceArea;
use crate::vocab::{MAX_TEXT_CHARS, area_key, plain, same_name_key, shown_name};

/// The evidence format version this build reads.
pub const FORMAT_VERSION: u32 = 1;

/// Most entries accepted in any one list (service areas, years, sessions, reviews,
/// plans, ...): past it the file is refused rather than slowly evaluated.
pub const MAX_ITEMS: usize = 10_000;

/// Reads an empty value (`key:` with nothing after it, or `null`) as the default:
/// a section header whose entries are all commented out claims nothing.
pub(super) fn nullable<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// Like [`nullable`] for lists, refusing more than [`MAX_ITEMS`] entries as soon as
/// the parser reaches one too many.
pub(super) fn nullable_list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct ListVisitor<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list")
        }
        fn visit_unit<E: de::Error>(self) -> Result<Vec<T>, E> {
            Ok(Vec::new())
        }
        fn visit_none<E: de::Error>(self) -> Result<Vec<T>, E> {
            Ok(Vec::new())
        }
        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Vec<T>, D2::Error> {
            d.deserialize_seq(self)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut out = Vec::new();
            while let Some(item) = seq.next_element()? {
                if out.len() == MAX_ITEMS {
                    return Err(de::Error::custom(format!(
                        "more than {MAX_ITEMS} entries in one list; pmcheck refuses lists this long"
                    )));
                }
                out.push(item);
            }
            Ok(out)
        }
    }
    d.deserialize_option(ListVisitor(std::marker::PhantomData))
}

/// A true/false flag; an empty value is `false`. Other types get a plain message.
pub(super) fn nullable_flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Option::<bool>::deserialize(d)
        .map(Option::unwrap_or_default)
        .map_err(|e| {
            if e.to_string().contains("strict mode") {
                e
            } else {
                de::Error::custom("expected `true` or `false`")
            }
        })
}

/// An optional free text that may be blank (a coordinator, a goal leader), bounded.
pub(super) fn bounded_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let s = Option::<String>::deserialize(d)?;
    if let Some(s) = &s
        && s.chars().count() > MAX_TEXT_CHARS
    {
        return Err(de::Error::custom(format!(
            "text longer than {MAX_TEXT_CHARS} characters"
        )));
    }
    Ok(s)
}

/// Words that stand in for a name not yet known, compared trimmed and case-insensitively,
/// with any trailing dots dropped (`TBD.`).
const PLACEHOLDER_WORDS: [&str; 5] = ["tbd", "tba", "n/a", "none", "unknown"];

/// Whether a name is a placeholder rather than a name: `TBD`, `TBA`, `N/A`, `none`,
/// `unknown`, only punctuation such as `?` or `-`, or text starting `Replace with`
/// (how `pmcheck init` writes the jurisdiction's name). Trimmed and case-insensitive. A
/// blank text is not a placeholder: it is no name at all.
pub fn is_placeholder(name: &str) -> bool {
    let name = name.trim().to_lowercase();
    if name.is_empty() {
        return false;
    }
    let word = name.trim_end_matches('.').trim_end();
    PLACEHOLDER_WORDS.contains(&word)
        || name.chars().all(|c| {
            matches!(
                c,
                '?' | '-' | '_' | '.' | '/' | '\u{2013}' | '\u{2014}' | ' '
            )
        })
        || name
            .strip_prefix("replace with")
            .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
}

/// The `version:` key; only [`FORMAT_VERSION`] is accepted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FormatVersion;

impl<'de> Deserialize<'de> for FormatVersion {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = i64::deserialize(d)?;
        if v == i64::from(FORMAT_VERSION) {
            Ok(FormatVersion)
        } else {
            Err(de::Error::custom(format!(
                "unsupported evidence format version {v}; this pmcheck reads `version: {FORMAT_VERSION}`"
            )))
        }
    }
}

/// A population count: a whole number, zero or more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Population(pub u64);

impl<'de> Deserialize<'de> for Population {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = i64::deserialize(d)
            .map_err(|e| plain(e, "expected a whole number of residents, 0 or more"))?;
        u64::try_from(v).map(Population).map_err(|_| {
            de::Error::custom(format!(
                "population {v} is negative; expected a whole number of residents, 0 or more"
            ))
        })
    }
}

/// The list of service areas; a name may appear only once. Two names are the same name
/// when their [`same_name_key`]s are equal (case, width, spacing and invisible
/// characters aside).
#[derive(Debug, Clone, Default)]
pub struct ServiceAreas(pub Vec<ServiceArea>);

impl<'de> Deserialize<'de> for ServiceAreas {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct AreasVisitor;
        impl<'de> Visitor<'de> for AreasVisitor {
            type Value = ServiceAreas;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of service areas, each with a name and years")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ServiceAreas, A::Error> {
                let mut areas: Vec<ServiceArea> = Vec::new();
                // Each name's key, with the number (from 1) of the entry that used it first.
                let mut seen: HashMap<String, usize> = HashMap::new();
                // The [`area_key`] of each name and alias, with its entry's number.
                let mut matched: HashMap<String, usize> = HashMap::new();
                while let Some((area, key)) = seq.next_element_seed(NextArea {
                    areas: &areas,
                    seen: &seen,
                    matched: &matched,
                })? {
                    let n = areas.len() + 1;
                    seen.insert(key, n);
                    for name in std::iter::once(&area.name).chain(&area.aliases) {
                        matched.insert(area_key(name.as_str()), n);
                    }
                    areas.push(area);
                }
                Ok(ServiceAreas(areas))
            }
        }
        d.deserialize_seq(AreasVisitor)
    }
}

/// Reads one entry of the service area list and checks it against the entries before
/// it. The checks run inside the entry's own deserialization, so that the YAML parser
/// locates a refusal at this entry (the later of two duplicates), not at the list.
struct NextArea<'a> {
    areas: &'a [ServiceArea],
    seen: &'a HashMap<String, usize>,
    matched: &'a HashMap<String, usize>,
}

impl<'de> de::DeserializeSeed<'de> for NextArea<'_> {
    type Value = (ServiceArea, String);

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        let area = ServiceArea::deserialize(d)?;
        if self.areas.len() == MAX_ITEMS {
            return Err(de::Error::custom(format!(
                "more than {MAX_ITEMS} service areas; pmcheck refuses lists this long"
            )));
        }
        let key = same_name_key(area.name.as_str());
        if let Some(&first) = self.seen.get(&key) {
            let n = self.areas.len() + 1;
            let earlier = &self.areas[first - 1].name;
            let later = shown_name(area.name.as_str(), None);
            let entries = if earlier.as_str() == area.name.as_str() {
                format!("entries {first} and {n}")
            } else {
                format!(
                    "entries {first} and {n}, `{}` and `{later}`, which differ only in case, width, spacing or invisible characters",
                    shown_name(earlier.as_str(), None)
                )
            };
            return Err(de::Error::custom(format!(
                "service area `{later}` is listed twice ({entries}); merge its years and measures into one entry"
            )));
        }
        // A measures file's rows are read as the area whose name or alias matches theirs:
        // two entries that one name would match are one department counted twice.
        for (i, name) in std::iter::once(&area.name).chain(&area.aliases).enumerate() {
            if let Some(&first) = self.matched.get(&area_key(name.as_str())) {
                let n = self.areas.len() + 1;
                let earlier = shown_name(self.areas[first - 1].name.as_str(), None);
                let this = shown_name(area.name.as_str(), None);
                let what = if i == 0 {
                    format!("service area `{this}` (entry {n})")
                } else {
                    format!(
                        "the alias `{}` of service area `{this}` (entry {n})",
                        shown_name(name.as_str(), None)
                    )
                };
                return Err(de::Error::custom(format!(
                    "{what} is service area `{earlier}` (entry {first}) or one of its aliases, written differently: names that differ only in case, punctuation, `&` and `and`, `Dept.` and `Department` or a leading `Department of` are one area, counted once; merge the entries{}",
                    if i == 0 {
                        ""
                    } else {
                        ", or leave out the alias"
                    }
                )));
            }
        }
        Ok((area, key))
    }
}

#[cfg(test)]
mod tests {
    use serde::de::DeserializeOwned;
    use serde_json::{Value, json};

    use super::*;
    use crate::evidence::model::{Networking, Session, Verification};
    use crate::vocab::{Date, MAX_TEXT_CHARS, Text, Year};
    use chrono::NaiveDate;

    fn read<T: DeserializeOwned>(value: Value) -> Result<T, String> {
        serde_json::from_value(value).map_err(|e| e.to_string())
    }

    fn refused<T: DeserializeOwned + fmt::Debug>(value: Value) -> String {
        read::<T>(value).expect_err("should be refused")
    }

    #[test]
    fn years_run_from_1900_to_2100() {
        assert_eq!(read::<Year>(json!(1900)), Ok(Year(1900)));
        assert_eq!(read::<Year>(json!(2100)), Ok(Year(2100)));
        assert_eq!(
            refused::<Year>(json!(1899)),
            "year 1899 is out of range; write a four-digit year from 1900 to 2100"
        );
        assert_eq!(
            refused::<Year>(json!(2101)),
            "year 2101 is out of range; write a four-digit year from 1900 to 2100"
        );
    }

    #[test]
    fn a_year_is_a_whole_number() {
        for not_a_year in [json!("2020"), json!(2020.5), json!(true)] {
            assert_eq!(
                refused::<Year>(not_a_year),
                "expected a four-digit year such as 2020"
            );
        }
    }

    #[test]
    fn dates_run_from_1900_to_2100() {
        assert!(Date::parse("1900-01-01").is_ok());
        assert!(Date::parse("2100-12-31").is_ok());
        assert_eq!(
            Date::parse("1899-12-31"),
            Err(
                "`1899-12-31` is out of range; dates must fall in the years 1900 to 2100"
                    .to_owned()
            )
        );
        assert!(
            Date::parse("2101-01-01")
                .unwrap_err()
                .contains("out of range")
        );
    }

    #[test]
    fn a_date_must_be_on_the_calendar() {
        assert!(Date::parse("2020-02-29").is_ok());
        for impossible in ["2021-02-29", "2021-04-31", "2021-13-01", "2021-00-10"] {
            assert_eq!(
                Date::parse(impossible),
                Err(format!(
                    "`{impossible}` is not a real calendar date; check the month and day (YYYY-MM-DD)"
                ))
            );
        }
    }

    #[test]
    fn a_date_is_written_yyyy_mm_dd() {
        for malformed in [
            "2021-5-7",
            "2021/05/07",
            "20210507",
            "07-05-2021",
            "2021-05-07T00:00",
            "+2021-05-07",
            "",
        ] {
            assert_eq!(
                Date::parse(malformed),
                Err(format!(
                    "`{malformed}` is not a date; write it as YYYY-MM-DD, for example 2021-05-07"
                )),
            );
        }
    }

    #[test]
    fn a_date_is_trimmed_and_displays_as_written() {
        let date = Date::parse("  2021-05-07 ").unwrap();
        assert_eq!(date, Date(NaiveDate::from_ymd_opt(2021, 5, 7).unwrap()));
        assert_eq!(date.to_string(), "2021-05-07");
        assert_eq!(read::<Date>(json!("2021-05-07")), Ok(date));
        assert_eq!(
            refused::<Date>(json!(20210507)),
            "expected a date written YYYY-MM-DD"
        );
    }

    #[test]
    fn a_missing_date_is_reported_as_missing() {
        // `plain` replaces type errors only; the key's absence must still be named.
        assert!(refused::<Session>(json!({"title": "Kickoff"})).contains("missing field `date`"));
    }

    #[test]
    fn a_name_is_trimmed_and_never_blank() {
        assert_eq!(read::<Text>(json!("  Parks \n")), Ok(Text("Parks".into())));
        for blank in ["", "   ", "\t\n"] {
            assert_eq!(
                refused::<Text>(json!(blank)),
                "empty text; write a name or description, or leave the key out"
            );
        }
    }

    #[test]
    fn a_text_holds_at_most_ten_thousand_characters() {
        // Counted in characters, after trimming.
        let longest = format!("  {}  ", "é".repeat(MAX_TEXT_CHARS));
        assert_eq!(
            read::<Text>(json!(longest)).unwrap().0.chars().count(),
            MAX_TEXT_CHARS
        );
        assert_eq!(
            refused::<Text>(json!("x".repeat(MAX_TEXT_CHARS + 1))),
            "text longer than 10000 characters"
        );
    }

    #[test]
    fn a_coordinator_may_be_blank_but_not_too_long() {
        let blank: Verification = read(json!({"coordinator": "  "})).unwrap();
        assert_eq!(blank.coordinator.as_deref(), Some("  "));
        let none: Verification = read(json!({"coordinator": null})).unwrap();
        assert_eq!(none.coordinator, None);
        assert!(
            refused::<Verification>(json!({"coordinator": "x".repeat(MAX_TEXT_CHARS + 1)}))
                .starts_with("text longer than 10000 characters")
        );
    }

    #[test]
    fn placeholders_are_not_names() {
        for placeholder in [
            "TBD",
            "tbd",
            " TBA ",
            "N/A ",
            "n/a",
            "None",
            "NONE",
            "Unknown",
            "TBD.",
            "?",
            "??",
            "-",
            "\u{2014}",
            "- ? -",
            "Replace with the coordinator's name",
            "  replace with your jurisdiction's name",
            "REPLACE WITH NAME",
            "Replace with...",
        ] {
            assert!(
                is_placeholder(placeholder),
                "{placeholder:?} is a placeholder"
            );
        }
        for name in [
            "Tad",
            "Nancy",
            "Tba Smith",
            "Na",
            "None Other",
            "Nonesuch",
            "Unknownst",
            "N/A Team",
            "Dana Ortiz, Budget and Performance Manager",
            "Replacement Team",
            "Replace Withers",
            "J. Roe",
            "Q",
            "",
            "   ",
        ] {
            assert!(!is_placeholder(name), "{name:?} is a name (or blank)");
        }
    }

    #[test]
    fn a_population_is_a_whole_number_not_below_zero() {
        assert_eq!(read::<Population>(json!(0)), Ok(Population(0)));
        assert_eq!(
            read::<Population>(json!(i64::MAX)),
            Ok(Population(i64::MAX as u64))
        );
        assert_eq!(
            refused::<Population>(json!(-1)),
            "population -1 is negative; expected a whole number of residents, 0 or more"
        );
        for not_a_count in [json!("many"), json!(1.5), json!([])] {
            assert_eq!(
                refused::<Population>(not_a_count),
                "expected a whole number of residents, 0 or more"
            );
        }
    }

    #[test]
    fn only_format_version_1_is_read() {
        assert_eq!(read::<FormatVersion>(json!(1)), Ok(FormatVersion));
        for other in [0, 2] {
            assert_eq!(
                refused::<FormatVersion>(json!(other)),
                format!(
                    "unsupported evidence format version {other}; this pmcheck reads `version: 1`"
                )
            );
        }
    }

    fn areas(names: impl IntoIterator<Item = String>) -> Value {
        Value::Array(names.into_iter().map(|n| json!({"name": n})).collect())
    }

    #[test]
    fn a_service_area_is_listed_once_whatever_its_case() {
        let names = ["Parks", "Police", "  parks "].map(String::from);
        assert_eq!(
            refused::<ServiceAreas>(areas(names)),
            "service area `parks` is listed twice (entries 1 and 3, `Parks` and `parks`, which differ only in case, width, spacing or invisible characters); merge its years and measures into one entry"
        );
        let names = ["Parks", "Police", "Parks"].map(String::from);
        assert_eq!(
            refused::<ServiceAreas>(areas(names)),
            "service area `Parks` is listed twice (entries 1 and 3); merge its years and measures into one entry"
        );
        let distinct = read::<ServiceAreas>(areas(["Parks", "Police"].map(String::from)));
        assert_eq!(distinct.unwrap().0.len(), 2);
    }

    #[test]
    fn spellings_of_one_name_that_only_look_different_are_refused() {
        for (spelling, shown) in [
            ("P\u{ff4f}lice", "P\u{ff4f}lice"),
            ("\u{ff30}olice", "\u{ff30}olice"),
            ("Police\u{200b}", "Police<U+200B>"),
            ("Pol\u{ad}ice", "Pol<U+00AD>ice"),
            ("Police\u{2060}", "Police<U+2060>"),
            ("Police\u{feff}", "Police<U+FEFF>"),
            ("Pol\u{202e}ice", "Pol<U+202E>ice"),
            ("Police\u{a0}Dept", "Police<U+00A0>Dept"),
        ] {
            let first = if spelling.ends_with("Dept") {
                "Police  Dept"
            } else {
                "Police"
            };
            let names = [first, "Fire", spelling].map(String::from);
            assert_eq!(
                refused::<ServiceAreas>(areas(names)),
                format!(
                    "service area `{shown}` is listed twice (entries 1 and 3, `{first}` and `{shown}`, which differ only in case, width, spacing or invisible characters); merge its years and measures into one entry"
                ),
                "{spelling:?}"
            );
        }
        // A Cyrillic `о` is another name that only looks the same: allowed here, warned
        // about and counted once by the evaluation.
        let look_alikes = read::<ServiceAreas>(areas(["Police", "P\u{43e}lice"].map(String::from)));
        assert_eq!(look_alikes.unwrap().0.len(), 2);
    }

    #[test]
    fn service_areas_stop_at_the_list_limit() {
        let names = |n: usize| (0..n).map(|i| format!("Area {i}"));
        assert_eq!(
            read::<ServiceAreas>(areas(names(MAX_ITEMS)))
                .unwrap()
                .0
                .len(),
            MAX_ITEMS
        );
        assert_eq!(
            refused::<ServiceAreas>(areas(names(MAX_ITEMS + 1))),
            "more than 10000 service areas; pmcheck refuses lists this long"
        );
    }

    #[test]
    fn lists_may_be_empty_and_stop_at_the_limit() {
        let activities = |n: usize| json!({"activities": vec!["Shared lessons"; n]});
        let empty: Networking = read(json!({"activities": null})).unwrap();
        assert!(empty.activities.is_empty());
        let full: Networking = read(activities(MAX_ITEMS)).unwrap();
        assert_eq!(full.activities.len(), MAX_ITEMS);
        assert!(
            refused::<Networking>(activities(MAX_ITEMS + 1)).starts_with(
                "more than 10000 entries in one list; pmcheck refuses lists this long"
            )
        );
    }

    #[test]
    fn a_flag_is_true_false_or_empty() {
        let flag = |v: Value| read::<Verification>(json!({"data_checked": v}));
        assert!(flag(json!(true)).unwrap().data_checked);
        assert!(!flag(json!(false)).unwrap().data_checked);
        assert!(!flag(Value::Null).unwrap().data_checked);
        for not_a_flag in [json!(1), json!("true"), json!("yes")] {
            assert!(
                flag(not_a_flag.clone())
                    .unwrap_err()
                    .starts_with("expected `true` or `false`"),
                "{not_a_flag}"
            );
        }
    }
}
