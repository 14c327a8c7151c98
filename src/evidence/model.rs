//! The sections of evidence format v1 as plain serde structs: one struct per section of
//! the file, one enum per closed list of values. Checks on single values live in the
//! value types they use ([`super::value`]); a doc comment here is also the description
//! the JSON Schema gives its key, so it is written for the analyst filling the file in.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::initiative::Initiative;
use super::value::{
    FormatVersion, Population, ServiceAreas, bounded_text, nullable, nullable_flag, nullable_list,
};
use crate::vocab::{Date, Measure, Month, Participant, Role, Text, Year};

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
    /// The month the fiscal year starts in, 1 to 12 (7 for July); quarters of reviews are quarters of this fiscal year. Without it, calendar quarters.
    #[serde(default)]
    pub fiscal_year_start: Option<Month>,
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
    /// Supplementary initiatives ICMA asks about but never requires, shown as "also reported": data_dictionary, crm, social_media, residents_academy, lean_six_sigma, predictive_analytics, departmental_accreditation, smart_community, geo_mapping, or {other: "name"}.
    #[serde(default, deserialize_with = "nullable_list")]
    #[schemars(with = "Option<Vec<Initiative>>")]
    pub initiatives: Vec<Initiative>,
    /// Measures files (CSV, Excel, OpenDocument) whose data backs Data Collection: paths relative to this file.
    #[serde(default, deserialize_with = "nullable_list")]
    #[schemars(with = "Option<Vec<MeasuresLink>>")]
    pub measures: Vec<MeasuresLink>,
    /// Dated plans toward the next level (`pmcheck plan`).
    #[serde(default, deserialize_with = "nullable_list")]
    #[schemars(with = "Option<Vec<Plan>>")]
    pub plans: Vec<Plan>,
    /// The US federal performance framework (GPRA Modernization Act); optional.
    #[serde(default, deserialize_with = "nullable")]
    #[schemars(with = "Option<Federal>")]
    pub federal: Federal,
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

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceArea {
    /// A name; not blank.
    pub name: Text,
    /// Other names the measures files give this area ("Parks & Rec", "PRCS"): their rows
    /// are read as this area's. Names that differ only in case, punctuation, `&` and
    /// `and`, `Dept.` and `Department` or a leading `Department of` match without one.
    #[serde(default, deserialize_with = "nullable_list")]
    #[schemars(with = "Option<Vec<Text>>")]
    pub aliases: Vec<Text>,
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
    /// Where linked measures data shows this area (file, sheet and rows), set when the
    /// measures are read; never written in the evidence file.
    #[serde(skip)]
    #[schemars(skip)]
    pub data: Option<String>,
    /// From linked measures data: the years with actual values of each kind's measures,
    /// so that a reading that asks for a kind (outcome) judges that kind's own years.
    /// Empty for an area typed into the evidence file.
    #[serde(skip)]
    #[schemars(skip)]
    pub kind_years: Vec<(Measure, Vec<i32>)>,
    /// From linked measures data: why the data gives the area's measures no kind (the
    /// file has no kind column), for the reason of a requirement that asks for one.
    #[serde(skip)]
    #[schemars(skip)]
    pub no_kind: Option<String>,
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
    /// The visuals mark performance above or below targets, or varying from past or comparable data, so that concerns stand out at a glance.
    #[serde(default, deserialize_with = "nullable_flag")]
    #[schemars(with = "Option<bool>")]
    pub highlights: bool,
    /// At-a-glance highlighting: graphs, color_coding, dashboard, maps, other.
    #[serde(default, deserialize_with = "nullable_list")]
    #[schemars(with = "Option<Vec<Visual>>")]
    pub visuals: Vec<Visual>,
    /// Links or document names backing the claims of this section (used by --strict).
    #[serde(default, deserialize_with = "nullable_list")]
    #[schemars(with = "Option<Vec<Text>>")]
    pub sources: Vec<Text>,
    /// What linked measures data shows of targets, set when the measures are read; the
    /// items of `targets` say it. Not written in the evidence file.
    #[serde(skip)]
    #[schemars(skip)]
    pub targets_in_data: Option<TargetsInData>,
}

/// What measures data shows of targets, per service area of the data with an actual
/// value: each needs a measure with a target for the area's latest actual's period or a
/// later one (the reading of `public_reporting.targets` against the data).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TargetsInData {
    /// Each area's name, with the target counted for it (`` `Acres maintained`
    /// (parks.csv row 4): target FY2026 6,500, set for the year after the latest actual
    /// FY2025 ``) or why none is.
    pub areas: Vec<(String, Result<String, String>)>,
    /// `targets: true` was claimed and cut by `--strict`, the data not backing it.
    pub cut: bool,
}

impl TargetsInData {
    /// The areas with no target for their latest period or a later one.
    pub fn missing(&self) -> Vec<&str> {
        self.areas
            .iter()
            .filter(|(_, t)| t.is_err())
            .map(|(a, _)| a.as_str())
            .collect()
    }
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
    /// How often linked measures data is tracked (`12 of 40 measures report monthly or
    /// quarterly`), set when the measures are read; shown beside the reviews, never a
    /// substitute for one. Not written in the evidence file.
    #[serde(skip)]
    #[schemars(skip)]
    pub tracking: Option<String>,
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
    /// Forms of external leadership: presentations, data_sharing, networking, other.
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

/// A measures file the evidence links.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeasuresLink {
    /// The file: .csv, .xlsx, .xlsm, .xls or .ods, relative to the evidence file.
    pub file: Text,
    /// The sheet of a workbook to read (default: every sheet pmcheck recognises).
    #[serde(default)]
    pub sheet: Option<Text>,
    /// The sheets of a workbook to read, with `sheet` if both are given (default: every
    /// sheet pmcheck recognises; the others are skipped with a `sheet-skipped` note).
    #[serde(default, deserialize_with = "nullable_list")]
    #[schemars(with = "Option<Vec<Text>>")]
    pub sheets: Vec<Text>,
    /// Headers read as roles, when the file's own headers are not recognised: service_area, program, measure, kind, period, actual, target, unit, owner, source, comparison, direction, breakdown, row_type.
    #[serde(default)]
    pub columns: std::collections::BTreeMap<Role, Text>,
    /// The file's service area names, each with the name to read it as (`"Parks & Rec":
    /// Parks and Recreation`); also used when the areas are read from the data.
    #[serde(default)]
    pub areas: std::collections::BTreeMap<Text, Text>,
    /// The service area of every row, for a file of one area with no service-area column
    /// (an import for one scorecard).
    #[serde(default)]
    pub area: Option<Text>,
}

impl MeasuresLink {
    /// The sheets named, `sheet` then `sheets` (none: every sheet).
    pub fn sheets(&self) -> impl Iterator<Item = &str> {
        self.sheet.iter().chain(&self.sheets).map(|s| s.0.as_str())
    }
}

/// A dated action toward a requirement.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// The requirement id the plan works toward (see `pmcheck explain`).
    #[schemars(with = "Text")]
    pub requirement: serde_saphyr::Spanned<Text>,
    /// When the action is due.
    pub due: Date,
    #[serde(default)]
    pub owner: Option<Text>,
    #[serde(default)]
    pub note: Option<Text>,
}

impl Plan {
    /// The requirement id the plan works toward.
    pub fn requirement(&self) -> &str {
        self.requirement.value.as_str()
    }

    /// The 1-based line and column of the requirement id in a YAML file (not known in
    /// JSON).
    pub fn requirement_at(&self) -> Option<(u64, u64)> {
        let at = self.requirement.referenced;
        (at.line() > 0).then(|| (at.line(), at.column()))
    }
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

#[cfg(test)]
mod tests {
    use serde::de::DeserializeOwned;

    use super::*;

    fn yaml<T: DeserializeOwned>(text: &str) -> Result<T, String> {
        serde_saphyr::from_str(text).map_err(|e| e.to_string())
    }

    #[test]
    fn a_section_header_with_nothing_under_it_claims_nothing() {
        let e: Evidence = yaml(
            "version: 1\nservice_areas:\nverification:\ntraining: null\npublic_reporting:\n\
             initiatives:\nplans: ~\nfederal:\n",
        )
        .unwrap();
        assert!(e.service_areas.0.is_empty());
        assert!(!e.verification.data_checked);
        assert!(e.training.sessions.is_empty());
        assert!(e.public_reporting.channels.is_empty());
        assert!(e.initiatives.is_empty() && e.plans.is_empty());
        assert!(!e.federal.strategic_plan);
    }

    #[test]
    fn the_version_is_the_only_required_key() {
        assert!(yaml::<Evidence>("version: 1\n").is_ok());
        assert!(
            yaml::<Evidence>("as_of: 2021-05-07\n")
                .unwrap_err()
                .contains("missing field `version`")
        );
    }

    #[test]
    fn unknown_keys_are_refused_in_every_section() {
        for text in [
            "version: 1\ncolour: blue\n",
            "version: 1\nverification:\n  data_check: true\n",
            "version: 1\nservice_areas:\n  - name: Parks\n    year: [2020]\n",
            "version: 1\nfederal:\n  priority_goals:\n    - name: Backlog\n      owner: J\n",
        ] {
            assert!(
                yaml::<Evidence>(text)
                    .unwrap_err()
                    .contains("unknown field"),
                "{text}"
            );
        }
    }

    #[test]
    fn a_jurisdiction_has_a_name_and_a_kind() {
        let j: Jurisdiction =
            yaml("name: Oakdale\nkind: special_district\npopulation: 0\n").unwrap();
        assert_eq!(j.kind, JurisdictionKind::SpecialDistrict);
        assert_eq!(j.population, Some(Population(0)));
        assert!(
            yaml::<Jurisdiction>("name: Oakdale\n")
                .unwrap_err()
                .contains("missing field `kind`")
        );
        assert!(yaml::<Jurisdiction>("name: Oakdale\nkind: hamlet\n").is_err());
    }

    #[test]
    fn measure_and_participant_ids_are_their_yaml_names() {
        for measure in Measure::ALL {
            assert_eq!(serde_json::to_value(measure).unwrap(), measure.id());
            assert_eq!(yaml::<Measure>(measure.id()), Ok(measure));
        }
        for participant in Participant::ALL {
            assert_eq!(serde_json::to_value(participant).unwrap(), participant.id());
            assert_eq!(yaml::<Participant>(participant.id()), Ok(participant));
        }
    }

    #[test]
    fn closed_values_are_the_yaml_ids_of_their_lists() {
        use crate::vocab::{Field, FieldKind};
        fn ids<T: serde::Serialize>(all: &[T]) -> Vec<String> {
            all.iter()
                .map(|x| {
                    serde_json::to_value(x)
                        .unwrap()
                        .as_str()
                        .unwrap()
                        .to_owned()
                })
                .collect()
        }
        use Channel::*;
        let channels = ids(&[
            Budget,
            Website,
            PublicMeeting,
            Newsletter,
            LocalMedia,
            SocialMedia,
            Mailing,
            Report,
            Channel::Other,
        ]);
        assert_eq!(Field::Channels.values(), channels);
        let visuals = ids(&[
            Visual::Graphs,
            Visual::ColorCoding,
            Visual::Dashboard,
            Visual::Maps,
            Visual::Other,
        ]);
        assert_eq!(Field::Visuals.values(), visuals);
        let basis = ids(&[
            EquityBasis::Neighborhood,
            EquityBasis::Demographic,
            EquityBasis::Other,
        ]);
        assert_eq!(Field::EquityBasis.values(), basis);
        let external = ids(&[
            ExternalLeadership::Presentations,
            ExternalLeadership::DataSharing,
            ExternalLeadership::Networking,
            ExternalLeadership::Other,
        ]);
        assert_eq!(Field::LeadershipExternal.values(), external);
        for field in Field::ALL {
            if !field.values().is_empty() {
                assert_eq!(field.kind(), FieldKind::List, "{field:?}");
            }
        }
    }
}
