//! Evidence format v1: what a jurisdiction claims about its performance program.
//!
//! This module is the public contract analysts fill in by hand. Every check that can
//! be made on a single value (a real date, a plausible year, a non-blank name, a
//! service area listed once) is made while deserializing, so the parser's own line
//! and column travel with the message. The same types load YAML and, for files ending
//! in `.json`, JSON.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

use crate::diagnostic::{self, InputError};

/// The evidence format version this build reads.
pub const FORMAT_VERSION: u32 = 1;

/// Files larger than this are refused before parsing (16 MiB).
pub const MAX_EVIDENCE_BYTES: u64 = 16 * 1024 * 1024;

/// Earliest and latest years (and date years) accepted anywhere in evidence.
pub const MIN_YEAR: i32 = 1900;
pub const MAX_YEAR: i32 = 2100;

/// A jurisdiction's evidence, as read from the file.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// Evidence format version; always 1.
    pub version: FormatVersion,
    /// Who the evidence is about.
    #[serde(default)]
    pub jurisdiction: Option<Jurisdiction>,
    /// The date the evidence describes (YYYY-MM-DD); `--as-of` wins over it; without either, today.
    #[serde(default)]
    pub as_of: Option<Date>,
    /// Data Collection: service areas with the years of data collected and reported (read by data_collection.*).
    #[serde(default, deserialize_with = "nullable")]
    #[schemars(with = "Option<ServiceAreas>")]
    pub service_areas: ServiceAreas,
    /// Verification and Coordination (read by verification.*).
    #[serde(default, deserialize_with = "nullable")]
    #[schemars(with = "Option<Verification>")]
    pub verification: Verification,
    /// Training/Support (read by training.*).
    #[serde(default, deserialize_with = "nullable")]
    #[schemars(with = "Option<Training>")]
    pub training: Training,
    /// Public Reporting, one third of the weight (read by public_reporting.*).
    #[serde(default, deserialize_with = "nullable")]
    #[schemars(with = "Option<PublicReporting>")]
    pub public_reporting: PublicReporting,
    /// Accountability, Process Improvement (read by accountability.*).
    #[serde(default, deserialize_with = "nullable")]
    #[schemars(with = "Option<Accountability>")]
    pub accountability: Accountability,
    /// Networking (read by networking.distinction).
    #[serde(default, deserialize_with = "nullable")]
    #[schemars(with = "Option<Networking>")]
    pub networking: Networking,
    /// Planning, Budgeting: any one of the three flags meets Distinction.
    #[serde(default, deserialize_with = "nullable")]
    #[schemars(with = "Option<PlanningBudgeting>")]
    pub planning_budgeting: PlanningBudgeting,
    /// Equity: optional in 2021, required for Excellence from 2022 (read by equity.excellence).
    #[serde(default, deserialize_with = "nullable")]
    #[schemars(with = "Option<Equity>")]
    pub equity: Equity,
    /// Leadership (read by leadership.excellence).
    #[serde(default, deserialize_with = "nullable")]
    #[schemars(with = "Option<Leadership>")]
    pub leadership: Leadership,
    /// Surveying: resident and employee surveys, conducted and published (read by surveying.excellence).
    #[serde(default, deserialize_with = "nullable")]
    #[schemars(with = "Option<Surveys>")]
    pub surveys: Surveys,
    /// Supplementary initiatives (data dictionary, Lean Six Sigma, geo-mapping, ...); never required by ICMA.
    #[serde(default, deserialize_with = "nullable_list")]
    #[schemars(with = "Option<Vec<Text>>")]
    pub initiatives: Vec<Text>,
    /// Dated plans toward the next level (`pmcheck plan`).
    #[serde(default, deserialize_with = "nullable_list")]
    #[schemars(with = "Option<Vec<Plan>>")]
    pub plans: Vec<Plan>,
    /// The US federal performance framework (GPRA Modernization Act); optional.
    #[serde(default, deserialize_with = "nullable")]
    #[schemars(with = "Option<Federal>")]
    pub federal: Federal,
}

/// Reads an empty value (`key:` with nothing after it, or `null`) as the default:
/// a section header whose entries are all commented out claims nothing.
fn nullable<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// Most entries accepted in any one list (service areas, years, sessions, reviews,
/// plans, ...): past it the file is refused rather than slowly evaluated.
pub const MAX_ITEMS: usize = 10_000;

/// Longest text accepted in any one field, in characters.
pub const MAX_TEXT_CHARS: usize = 10_000;

/// Like [`nullable`] for lists, refusing more than [`MAX_ITEMS`] entries as soon as
/// the parser reaches one too many.
fn nullable_list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
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

/// Replaces a parser's type error with a plain `message`, keeping a missing-field error.
fn plain<E: de::Error>(e: E, message: &str) -> E {
    if e.to_string().starts_with("missing field") {
        e
    } else {
        E::custom(message)
    }
}

/// A true/false flag; an empty value is `false`. Other types get a plain message.
fn nullable_flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
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
fn bounded_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
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

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Jurisdiction {
    /// A name; not blank.
    pub name: Text,
    /// city | county | town | village | township | borough | special_district | other.
    pub kind: JurisdictionKind,
    /// State or province.
    #[serde(default)]
    pub state: Option<Text>,
    /// Residents, a whole number, 0 or more.
    #[serde(default)]
    pub population: Option<Population>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum JurisdictionKind {
    City,
    County,
    Town,
    Village,
    Township,
    Borough,
    SpecialDistrict,
    Other,
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

/// A non-blank string (surrounding whitespace is trimmed).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Text(pub String);

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let trimmed = s.trim();
        if trimmed.chars().count() > MAX_TEXT_CHARS {
            return Err(de::Error::custom(format!(
                "text longer than {MAX_TEXT_CHARS} characters"
            )));
        }
        if trimmed.is_empty() {
            return Err(de::Error::custom(
                "empty text; write a name or description, or leave the key out",
            ));
        }
        Ok(Text(trimmed.to_owned()))
    }
}

/// A calendar date written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl Date {
    /// Parses `YYYY-MM-DD`, refusing impossible dates and years outside the accepted range.
    pub fn parse(s: &str) -> Result<Date, String> {
        let s = s.trim();
        let well_formed = s.len() == 10
            && s.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        if !well_formed {
            return Err(format!(
                "`{s}` is not a date; write it as YYYY-MM-DD, for example 2021-05-07"
            ));
        }
        let date = NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
            format!("`{s}` is not a real calendar date; check the month and day (YYYY-MM-DD)")
        })?;
        if !(MIN_YEAR..=MAX_YEAR).contains(&date.year()) {
            return Err(format!(
                "`{s}` is out of range; dates must fall in the years {MIN_YEAR} to {MAX_YEAR}"
            ));
        }
        Ok(Date(date))
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s =
            String::deserialize(d).map_err(|e| plain(e, "expected a date written YYYY-MM-DD"))?;
        Date::parse(&s).map_err(de::Error::custom)
    }
}

/// A calendar year in the accepted range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Year(pub i32);

impl<'de> Deserialize<'de> for Year {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v =
            i64::deserialize(d).map_err(|e| plain(e, "expected a four-digit year such as 2020"))?;
        if (i64::from(MIN_YEAR)..=i64::from(MAX_YEAR)).contains(&v) {
            Ok(Year(v as i32))
        } else {
            Err(de::Error::custom(format!(
                "year {v} is out of range; write a four-digit year from {MIN_YEAR} to {MAX_YEAR}"
            )))
        }
    }
}

/// The list of service areas; a name may appear only once.
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
                let mut seen = BTreeMap::new();
                while let Some(area) = seq.next_element::<ServiceArea>()? {
                    if areas.len() == MAX_ITEMS {
                        return Err(de::Error::custom(format!(
                            "more than {MAX_ITEMS} service areas; pmcheck refuses lists this long"
                        )));
                    }
                    let n = areas.len() + 1;
                    if let Some(first) = seen.insert(area.name.0.to_lowercase(), n) {
                        return Err(de::Error::custom(format!(
                            "service area `{}` is listed twice (entries {first} and {n}); merge its years and measures into one entry",
                            area.name
                        )));
                    }
                    areas.push(area);
                }
                Ok(ServiceAreas(areas))
            }
        }
        d.deserialize_seq(AreasVisitor)
    }
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceArea {
    /// A name; not blank.
    pub name: Text,
    /// Years (not after the as-of year) with data collected and reported.
    #[serde(default, deserialize_with = "nullable_list")]
    #[schemars(with = "Option<Vec<Year>>")]
    pub years: Vec<Year>,
    /// Kinds of measures tracked: input, output, workload, efficiency, outcome.
    #[serde(default, deserialize_with = "nullable_list")]
    #[schemars(with = "Option<Vec<Measure>>")]
    pub measures: Vec<Measure>,
    /// Links or document names backing the claims of this section (used by --strict).
    #[serde(default, deserialize_with = "nullable_list")]
    #[schemars(with = "Option<Vec<Text>>")]
    pub sources: Vec<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    Input,
    Output,
    Workload,
    Efficiency,
    Outcome,
}

impl Measure {
    pub const ALL: [Measure; 5] = [
        Measure::Input,
        Measure::Output,
        Measure::Workload,
        Measure::Efficiency,
        Measure::Outcome,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Measure::Input => "input",
            Measure::Output => "output",
            Measure::Workload => "workload",
            Measure::Efficiency => "efficiency",
            Measure::Outcome => "outcome",
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Verification {
    /// Takes part in verifying, correcting or explaining questionable data.
    #[serde(default, deserialize_with = "nullable_flag")]
    #[schemars(with = "Option<bool>")]
    pub data_checked: bool,
    /// Kept as a raw string: blank or whitespace only means "no coordinator".
    #[serde(default, deserialize_with = "bounded_text")]
    pub coordinator: Option<String>,
    /// Links or document names backing the claims of this section (used by --strict).
    #[serde(default, deserialize_with = "nullable_list")]
    #[schemars(with = "Option<Vec<Text>>")]
    pub sources: Vec<Text>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Training {
    /// Performance measurement training or informational sessions; one in the 12 months up to the as-of date meets Achievement.
    #[serde(default, deserialize_with = "nullable_list")]
    #[schemars(with = "Option<Vec<Session>>")]
    pub sessions: Vec<Session>,
    /// Training considers the particular needs of new employees.
    #[serde(default, deserialize_with = "nullable_flag")]
    #[schemars(with = "Option<bool>")]
    pub new_employees: bool,
    /// Links or document names backing the claims of this section (used by --strict).
    #[serde(default, deserialize_with = "nullable_list")]
    #[schemars(with = "Option<Vec<Text>>")]
    pub sources: Vec<Text>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// The date (YYYY-MM-DD).
    pub date: Date,
    /// What the session was.
    #[serde(default)]
    pub title: Option<Text>,
    /// Staff attended an outside session (also counts).
    #[serde(default, deserialize_with = "nullable_flag")]
    #[schemars(with = "Option<bool>")]
    pub external: bool,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PublicReporting {
    /// Where performance data is published: budget, website, public_meeting, newsletter, local_media, social_media, mailing, report, other.
    #[serde(default, deserialize_with = "nullable_list")]
    #[schemars(with = "Option<Vec<Channel>>")]
    pub channels: Vec<Channel>,
    /// Key measures are published with targets or goals.
    #[serde(default, deserialize_with = "nullable_flag")]
    #[schemars(with = "Option<bool>")]
    pub targets: bool,
    /// Enough data is published to judge past performance.
    #[serde(default, deserialize_with = "nullable_flag")]
    #[schemars(with = "Option<bool>")]
    pub past_performance: bool,
    /// Comparison values from other jurisdictions, groups or private industry.
    #[serde(default, deserialize_with = "nullable_flag")]
    #[schemars(with = "Option<bool>")]
    pub comparisons: bool,
    /// Narrative on the significance of the data, and action steps where goals are missed.
    #[serde(default, deserialize_with = "nullable_flag")]
    #[schemars(with = "Option<bool>")]
    pub narrative: bool,
    /// Searchable: a keyword search or website shortcut, not buried in a meeting video.
    #[serde(default, deserialize_with = "nullable_flag")]
    #[schemars(with = "Option<bool>")]
    pub searchable: bool,
    /// At-a-glance highlighting: graphs, color_coding, dashboard, maps, other.
    #[serde(default, deserialize_with = "nullable_list")]
    #[schemars(with = "Option<Vec<Visual>>")]
    pub visuals: Vec<Visual>,
    /// Links or document names backing the claims of this section (used by --strict).
    #[serde(default, deserialize_with = "nullable_list")]
    #[schemars(with = "Option<Vec<Text>>")]
    pub sources: Vec<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Budget,
    Website,
    PublicMeeting,
    Newsletter,
    LocalMedia,
    SocialMedia,
    Mailing,
    Report,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Visual {
    Graphs,
    ColorCoding,
    Dashboard,
    Maps,
    Other,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Accountability {
    /// Policies hold staff accountable for reporting performance data and continuous improvement.
    #[serde(default, deserialize_with = "nullable_flag")]
    #[schemars(with = "Option<bool>")]
    pub staff_policy: bool,
    /// Internal reviews of performance data; each of the four quarters up to the as-of date needs one for Excellence.
    #[serde(default, deserialize_with = "nullable_list")]
    #[schemars(with = "Option<Vec<Review>>")]
    pub reviews: Vec<Review>,
    /// Links or document names backing the claims of this section (used by --strict).
    #[serde(default, deserialize_with = "nullable_list")]
    #[schemars(with = "Option<Vec<Text>>")]
    pub sources: Vec<Text>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// The date (YYYY-MM-DD).
    pub date: Date,
    /// Who took part: department_staff, elected_officials, executives, public, other.
    #[serde(default, deserialize_with = "nullable_list")]
    #[schemars(with = "Option<Vec<Participant>>")]
    pub with: Vec<Participant>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Participant {
    DepartmentStaff,
    ElectedOfficials,
    Executives,
    Public,
    Other,
}

impl Participant {
    pub const ALL: [Participant; 5] = [
        Participant::DepartmentStaff,
        Participant::ElectedOfficials,
        Participant::Executives,
        Participant::Public,
        Participant::Other,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Participant::DepartmentStaff => "department_staff",
            Participant::ElectedOfficials => "elected_officials",
            Participant::Executives => "executives",
            Participant::Public => "public",
            Participant::Other => "other",
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Networking {
    /// Performance measurement lessons shared with other communities or organizations.
    #[serde(default, deserialize_with = "nullable_list")]
    #[schemars(with = "Option<Vec<Text>>")]
    pub activities: Vec<Text>,
    /// Links or document names backing the claims of this section (used by --strict).
    #[serde(default, deserialize_with = "nullable_list")]
    #[schemars(with = "Option<Vec<Text>>")]
    pub sources: Vec<Text>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanningBudgeting {
    /// Performance data measures progress toward strategic plan goals.
    #[serde(default, deserialize_with = "nullable_flag")]
    #[schemars(with = "Option<bool>")]
    pub strategic_plan: bool,
    /// Performance data informs management decisions.
    #[serde(default, deserialize_with = "nullable_flag")]
    #[schemars(with = "Option<bool>")]
    pub management_decisions: bool,
    /// Performance data informs financial decisions.
    #[serde(default, deserialize_with = "nullable_flag")]
    #[schemars(with = "Option<bool>")]
    pub financial_decisions: bool,
    /// Links or document names backing the claims of this section (used by --strict).
    #[serde(default, deserialize_with = "nullable_list")]
    #[schemars(with = "Option<Vec<Text>>")]
    pub sources: Vec<Text>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Equity {
    /// Equity in the provision of services is analyzed.
    #[serde(default, deserialize_with = "nullable_flag")]
    #[schemars(with = "Option<bool>")]
    pub analysis: bool,
    /// The equity analysis is publicly reported.
    #[serde(default, deserialize_with = "nullable_flag")]
    #[schemars(with = "Option<bool>")]
    pub reported: bool,
    /// The basis of the analysis: neighborhood, demographic, other.
    #[serde(default, deserialize_with = "nullable_list")]
    #[schemars(with = "Option<Vec<EquityBasis>>")]
    pub basis: Vec<EquityBasis>,
    /// Links or document names backing the claims of this section (used by --strict).
    #[serde(default, deserialize_with = "nullable_list")]
    #[schemars(with = "Option<Vec<Text>>")]
    pub sources: Vec<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EquityBasis {
    Neighborhood,
    Demographic,
    Other,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Leadership {
    /// Performance measurement is pervasive in the organizational culture.
    #[serde(default, deserialize_with = "nullable_flag")]
    #[schemars(with = "Option<bool>")]
    pub internal: bool,
    /// Staff attended an outside session (also counts).
    #[serde(default, deserialize_with = "nullable_list")]
    #[schemars(with = "Option<Vec<ExternalLeadership>>")]
    pub external: Vec<ExternalLeadership>,
    /// Links or document names backing the claims of this section (used by --strict).
    #[serde(default, deserialize_with = "nullable_list")]
    #[schemars(with = "Option<Vec<Text>>")]
    pub sources: Vec<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExternalLeadership {
    Presentations,
    DataSharing,
    Networking,
    Other,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Surveys {
    /// A customer satisfaction survey of the general public.
    #[serde(default)]
    pub residents: Option<Survey>,
    /// A survey of internal customers (employees).
    #[serde(default)]
    pub employees: Option<Survey>,
    /// Links or document names backing the claims of this section (used by --strict).
    #[serde(default, deserialize_with = "nullable_list")]
    #[schemars(with = "Option<Vec<Text>>")]
    pub sources: Vec<Text>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Survey {
    /// The date (YYYY-MM-DD).
    pub date: Date,
    /// The survey results were published.
    #[serde(default, deserialize_with = "nullable_flag")]
    #[schemars(with = "Option<bool>")]
    pub published: bool,
}

/// A dated action toward a requirement.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// The requirement id the plan works toward (see `pmcheck explain`).
    pub requirement: Text,
    /// When the action is due.
    pub due: Date,
    #[serde(default)]
    pub owner: Option<Text>,
    #[serde(default)]
    pub note: Option<Text>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Federal {
    /// An agency strategic plan is in place.
    #[serde(default, deserialize_with = "nullable_flag")]
    #[schemars(with = "Option<bool>")]
    pub strategic_plan: bool,
    /// Dates of agency-led annual reviews of progress toward strategic objectives.
    #[serde(default, deserialize_with = "nullable_list")]
    #[schemars(with = "Option<Vec<Date>>")]
    pub strategic_reviews: Vec<Date>,
    /// Agency Priority Goals.
    #[serde(default, deserialize_with = "nullable_list")]
    #[schemars(with = "Option<Vec<PriorityGoal>>")]
    pub priority_goals: Vec<PriorityGoal>,
    /// Cross-agency priority goals the agency contributes to.
    #[serde(default, deserialize_with = "nullable_list")]
    #[schemars(with = "Option<Vec<Text>>")]
    pub cross_agency_goals: Vec<Text>,
    /// Links or document names backing the claims of this section (used by --strict).
    #[serde(default, deserialize_with = "nullable_list")]
    #[schemars(with = "Option<Vec<Text>>")]
    pub sources: Vec<Text>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PriorityGoal {
    /// A name; not blank.
    pub name: Text,
    /// The named goal leader; blank means none.
    #[serde(default, deserialize_with = "bounded_text")]
    pub leader: Option<String>,
    /// Dates of data-driven reviews of progress.
    #[serde(default, deserialize_with = "nullable_list")]
    #[schemars(with = "Option<Vec<Date>>")]
    pub reviews: Vec<Date>,
    /// Progress is published (for example on Performance.gov).
    #[serde(default, deserialize_with = "nullable_flag")]
    #[schemars(with = "Option<bool>")]
    pub publicly_reported: bool,
}

/// What a rule reads: one named field of evidence format v1.
///
/// The set is closed and mirrors the structs above; criteria files name fields by
/// [`Field::path`], and validation refuses any other name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    ServiceAreas,
    DataChecked,
    Coordinator,
    TrainingSessions,
    NewEmployees,
    Channels,
    Targets,
    PastPerformance,
    Comparisons,
    Narrative,
    Searchable,
    Visuals,
    StaffPolicy,
    Reviews,
    NetworkingActivities,
    StrategicPlan,
    ManagementDecisions,
    FinancialDecisions,
    EquityAnalysis,
    EquityReported,
    EquityBasis,
    LeadershipInternal,
    LeadershipExternal,
    ResidentSurvey,
    EmployeeSurvey,
    Initiatives,
    FederalStrategicPlan,
    FederalStrategicReviews,
    PriorityGoals,
    CrossAgencyGoals,
    GoalLeader,
    GoalReviews,
    GoalPubliclyReported,
}

/// The shape of a field, which decides the rule kinds that may read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// `true` / `false`.
    Flag,
    /// A list (or, for `verification.coordinator`, a text that may be blank).
    List,
    /// `service_areas`.
    ServiceAreas,
    /// A list of dated items (`date:`), such as sessions or reviews.
    Events,
    /// A dated survey with `published`.
    Survey,
    /// A list of records that an `every` rule can judge one by one.
    Items,
}

impl FieldKind {
    pub fn describe(self) -> &'static str {
        match self {
            FieldKind::Flag => "a true/false flag",
            FieldKind::List => "a list or text",
            FieldKind::ServiceAreas => "the service area list",
            FieldKind::Events => "a list of dated items",
            FieldKind::Survey => "a dated survey",
            FieldKind::Items => "a list of records",
        }
    }
}

impl Field {
    pub const ALL: [Field; 33] = [
        Field::ServiceAreas,
        Field::DataChecked,
        Field::Coordinator,
        Field::TrainingSessions,
        Field::NewEmployees,
        Field::Channels,
        Field::Targets,
        Field::PastPerformance,
        Field::Comparisons,
        Field::Narrative,
        Field::Searchable,
        Field::Visuals,
        Field::StaffPolicy,
        Field::Reviews,
        Field::NetworkingActivities,
        Field::StrategicPlan,
        Field::ManagementDecisions,
        Field::FinancialDecisions,
        Field::EquityAnalysis,
        Field::EquityReported,
        Field::EquityBasis,
        Field::LeadershipInternal,
        Field::LeadershipExternal,
        Field::ResidentSurvey,
        Field::EmployeeSurvey,
        Field::Initiatives,
        Field::FederalStrategicPlan,
        Field::FederalStrategicReviews,
        Field::PriorityGoals,
        Field::CrossAgencyGoals,
        Field::GoalLeader,
        Field::GoalReviews,
        Field::GoalPubliclyReported,
    ];

    /// The dotted path used in criteria files, the same as the key path in the evidence file.
    pub fn path(self) -> &'static str {
        match self {
            Field::ServiceAreas => "service_areas",
            Field::DataChecked => "verification.data_checked",
            Field::Coordinator => "verification.coordinator",
            Field::TrainingSessions => "training.sessions",
            Field::NewEmployees => "training.new_employees",
            Field::Channels => "public_reporting.channels",
            Field::Targets => "public_reporting.targets",
            Field::PastPerformance => "public_reporting.past_performance",
            Field::Comparisons => "public_reporting.comparisons",
            Field::Narrative => "public_reporting.narrative",
            Field::Searchable => "public_reporting.searchable",
            Field::Visuals => "public_reporting.visuals",
            Field::StaffPolicy => "accountability.staff_policy",
            Field::Reviews => "accountability.reviews",
            Field::NetworkingActivities => "networking.activities",
            Field::StrategicPlan => "planning_budgeting.strategic_plan",
            Field::ManagementDecisions => "planning_budgeting.management_decisions",
            Field::FinancialDecisions => "planning_budgeting.financial_decisions",
            Field::EquityAnalysis => "equity.analysis",
            Field::EquityReported => "equity.reported",
            Field::EquityBasis => "equity.basis",
            Field::LeadershipInternal => "leadership.internal",
            Field::LeadershipExternal => "leadership.external",
            Field::ResidentSurvey => "surveys.residents",
            Field::EmployeeSurvey => "surveys.employees",
            Field::Initiatives => "initiatives",
            Field::FederalStrategicPlan => "federal.strategic_plan",
            Field::FederalStrategicReviews => "federal.strategic_reviews",
            Field::PriorityGoals => "federal.priority_goals",
            Field::CrossAgencyGoals => "federal.cross_agency_goals",
            Field::GoalLeader => "federal.priority_goals[].leader",
            Field::GoalReviews => "federal.priority_goals[].reviews",
            Field::GoalPubliclyReported => "federal.priority_goals[].publicly_reported",
        }
    }

    pub fn kind(self) -> FieldKind {
        match self {
            Field::ServiceAreas => FieldKind::ServiceAreas,
            Field::DataChecked
            | Field::NewEmployees
            | Field::Targets
            | Field::PastPerformance
            | Field::Comparisons
            | Field::Narrative
            | Field::Searchable
            | Field::StaffPolicy
            | Field::StrategicPlan
            | Field::ManagementDecisions
            | Field::FinancialDecisions
            | Field::EquityAnalysis
            | Field::EquityReported
            | Field::LeadershipInternal
            | Field::FederalStrategicPlan
            | Field::GoalPubliclyReported => FieldKind::Flag,
            Field::Coordinator
            | Field::Channels
            | Field::Visuals
            | Field::NetworkingActivities
            | Field::EquityBasis
            | Field::LeadershipExternal
            | Field::Initiatives
            | Field::CrossAgencyGoals
            | Field::GoalLeader => FieldKind::List,
            Field::TrainingSessions
            | Field::Reviews
            | Field::FederalStrategicReviews
            | Field::GoalReviews => FieldKind::Events,
            Field::PriorityGoals => FieldKind::Items,
            Field::ResidentSurvey | Field::EmployeeSurvey => FieldKind::Survey,
        }
    }

    /// For a field of each item of a list (`federal.priority_goals[].leader`), the list;
    /// such a field can only be read inside an `every` rule over that list.
    pub fn item_of(self) -> Option<Field> {
        match self {
            Field::GoalLeader | Field::GoalReviews | Field::GoalPubliclyReported => {
                Some(Field::PriorityGoals)
            }
            _ => None,
        }
    }

    /// The top-level evidence section the field belongs to.
    pub fn section(self) -> &'static str {
        let path = self.path();
        path.split('.').next().unwrap_or(path)
    }

    pub fn from_path(path: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.path() == path)
    }
}

fn dates(dates: &[Date]) -> Vec<Event<'_>> {
    dates
        .iter()
        .map(|&date| Event {
            date,
            participants: &[],
        })
        .collect()
}

/// One record of a [`FieldKind::Items`] list, judged by an `every` rule.
#[derive(Debug, Clone, Copy)]
pub enum Item<'a> {
    PriorityGoal(&'a PriorityGoal),
}

impl<'a> Item<'a> {
    /// The records of an items field.
    pub fn all(evidence: &'a Evidence, field: Field) -> Vec<Item<'a>> {
        match field {
            Field::PriorityGoals => evidence
                .federal
                .priority_goals
                .iter()
                .map(Item::PriorityGoal)
                .collect(),
            _ => Vec::new(),
        }
    }

    /// A short name for messages.
    pub fn name(self) -> &'a str {
        match self {
            Item::PriorityGoal(g) => g.name.as_str(),
        }
    }

    pub fn flag(self, field: Field) -> bool {
        match (self, field) {
            (Item::PriorityGoal(g), Field::GoalPubliclyReported) => g.publicly_reported,
            _ => false,
        }
    }

    pub fn count(self, field: Field) -> usize {
        match (self, field) {
            (Item::PriorityGoal(g), Field::GoalLeader) => g
                .leader
                .as_deref()
                .is_some_and(|l| !l.trim().is_empty())
                .into(),
            (Item::PriorityGoal(g), Field::GoalReviews) => g.reviews.len(),
            _ => 0,
        }
    }

    pub fn events(self, field: Field) -> Vec<Event<'a>> {
        match (self, field) {
            (Item::PriorityGoal(g), Field::GoalReviews) => dates(&g.reviews),
            _ => Vec::new(),
        }
    }
}

/// A dated item that a rule can count: a training session or a review.
#[derive(Debug, Clone, Copy)]
pub struct Event<'a> {
    pub date: Date,
    pub participants: &'a [Participant],
}

impl Evidence {
    /// Whether a section cites at least one source: `None` for a section that has no
    /// `sources` key (`initiatives`). For `service_areas`, any area's sources count.
    pub fn section_sources(&self, section: &str) -> Option<bool> {
        Some(match section {
            "service_areas" => self.service_areas.0.iter().any(|a| !a.sources.is_empty()),
            "verification" => !self.verification.sources.is_empty(),
            "training" => !self.training.sources.is_empty(),
            "public_reporting" => !self.public_reporting.sources.is_empty(),
            "accountability" => !self.accountability.sources.is_empty(),
            "networking" => !self.networking.sources.is_empty(),
            "planning_budgeting" => !self.planning_budgeting.sources.is_empty(),
            "equity" => !self.equity.sources.is_empty(),
            "leadership" => !self.leadership.sources.is_empty(),
            "surveys" => !self.surveys.sources.is_empty(),
            "federal" => !self.federal.sources.is_empty(),
            _ => return None,
        })
    }

    /// The value of a [`FieldKind::Flag`] field; `false` for any other field.
    pub fn flag(&self, field: Field) -> bool {
        match field {
            Field::DataChecked => self.verification.data_checked,
            Field::NewEmployees => self.training.new_employees,
            Field::Targets => self.public_reporting.targets,
            Field::PastPerformance => self.public_reporting.past_performance,
            Field::Comparisons => self.public_reporting.comparisons,
            Field::Narrative => self.public_reporting.narrative,
            Field::Searchable => self.public_reporting.searchable,
            Field::StaffPolicy => self.accountability.staff_policy,
            Field::StrategicPlan => self.planning_budgeting.strategic_plan,
            Field::ManagementDecisions => self.planning_budgeting.management_decisions,
            Field::FinancialDecisions => self.planning_budgeting.financial_decisions,
            Field::EquityAnalysis => self.equity.analysis,
            Field::EquityReported => self.equity.reported,
            Field::LeadershipInternal => self.leadership.internal,
            Field::FederalStrategicPlan => self.federal.strategic_plan,
            _ => false,
        }
    }

    /// How many entries a [`FieldKind::List`] field holds (a text counts 1 unless blank).
    pub fn count(&self, field: Field) -> usize {
        match field {
            Field::Coordinator => self
                .verification
                .coordinator
                .as_deref()
                .is_some_and(|c| !c.trim().is_empty())
                .into(),
            Field::Channels => self.public_reporting.channels.len(),
            Field::Visuals => self.public_reporting.visuals.len(),
            Field::NetworkingActivities => self.networking.activities.len(),
            Field::EquityBasis => self.equity.basis.len(),
            Field::LeadershipExternal => self.leadership.external.len(),
            Field::Initiatives => self.initiatives.len(),
            Field::ServiceAreas => self.service_areas.0.len(),
            Field::TrainingSessions => self.training.sessions.len(),
            Field::Reviews => self.accountability.reviews.len(),
            Field::FederalStrategicReviews => self.federal.strategic_reviews.len(),
            Field::PriorityGoals => self.federal.priority_goals.len(),
            Field::CrossAgencyGoals => self.federal.cross_agency_goals.len(),
            _ => 0,
        }
    }

    /// The dated items of a [`FieldKind::Events`] field.
    pub fn events(&self, field: Field) -> Vec<Event<'_>> {
        match field {
            Field::TrainingSessions => self
                .training
                .sessions
                .iter()
                .map(|s| Event {
                    date: s.date,
                    participants: &[],
                })
                .collect(),
            Field::Reviews => self
                .accountability
                .reviews
                .iter()
                .map(|r| Event {
                    date: r.date,
                    participants: &r.with,
                })
                .collect(),
            Field::FederalStrategicReviews => dates(&self.federal.strategic_reviews),
            _ => Vec::new(),
        }
    }

    /// The survey behind a [`FieldKind::Survey`] field.
    pub fn survey(&self, field: Field) -> Option<&Survey> {
        match field {
            Field::ResidentSurvey => self.surveys.residents.as_ref(),
            Field::EmployeeSurvey => self.surveys.employees.as_ref(),
            _ => None,
        }
    }
}

/// Reads and parses an evidence file, YAML or (by extension) JSON.
pub fn load(path: &Path) -> Result<Evidence, InputError> {
    load_with_text(path).map(|(evidence, _)| evidence)
}

/// Like [`load`], also returning the text read, for messages and locations that
/// point into the file.
pub fn load_with_text(path: &Path) -> Result<(Evidence, String), InputError> {
    let text = diagnostic::read_text(path, MAX_EVIDENCE_BYTES, "evidence")?;
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let evidence = if is_json {
        parse_json(&text, path)
    } else {
        parse_yaml(&text, path)
    }?;
    Ok((evidence, text))
}

/// Parses evidence YAML; `origin` names the file in messages.
pub fn parse_yaml(text: &str, origin: &Path) -> Result<Evidence, InputError> {
    if is_blank_yaml(text) {
        return Err(InputError::new(
            origin,
            None,
            "the evidence file is empty; it needs at least `version: 1` (see the README for the format)",
        ));
    }
    // Comments are never read back, so the parser need not keep them.
    let options = serde_saphyr::options! { strict_booleans: true, emit_comments: false };
    serde_saphyr::from_str_with_options::<Evidence>(text, options).map_err(|e| {
        let at = e.location().map(|l| (l.line(), l.column()));
        let message = diagnostic::improve_serde_message(&e.without_snippet().to_string());
        InputError::new(origin, at, message).with_source_text(text)
    })
}

/// Parses evidence JSON; `origin` names the file in messages.
pub fn parse_json(text: &str, origin: &Path) -> Result<Evidence, InputError> {
    if text.trim().is_empty() {
        return Err(InputError::new(
            origin,
            None,
            "the evidence file is empty; it needs at least {\"version\": 1}",
        ));
    }
    serde_json::from_str::<Evidence>(text).map_err(|e| {
        let at = (e.line() > 0).then(|| (e.line() as u64, e.column() as u64));
        let message = diagnostic::improve_serde_message(&e.to_string());
        InputError::new(origin, at, message).with_source_text(text)
    })
}

/// True when a YAML text holds nothing but whitespace, comments and document markers.
fn is_blank_yaml(text: &str) -> bool {
    text.lines().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#') || t == "---" || t == "..."
    })
}

// JSON Schema for the types with hand-written deserializers: the schema states the
// same constraints that deserializing enforces.

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
            "description": "Service areas; each name appears once.",
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
