//! The closed lists evidence, criteria and measures files all name: a measure's kind, a
//! review's participants and a measures column's role. Each is written in files by its
//! snake_case id.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The kind of a performance measure.
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

/// Who took part in a review.
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

/// What a column holds. In an evidence file's `measures[].columns`, the key naming a
/// header (`service_area: Dept`).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Deserialize,
    serde::Serialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    ServiceArea,
    /// A program, activity or division inside a service area: a measure is one of its
    /// area's program.
    Program,
    Measure,
    Kind,
    Period,
    Actual,
    Target,
    Unit,
    Owner,
    Source,
    Comparison,
    Direction,
    Breakdown,
    /// Whether the row's values are actuals or targets (`Actual`, `Target`): a file with
    /// one row per measure, period and type of value.
    RowType,
}

impl Role {
    pub const ALL: [Role; 14] = [
        Role::ServiceArea,
        Role::Program,
        Role::Measure,
        Role::Kind,
        Role::Period,
        Role::Actual,
        Role::Target,
        Role::Unit,
        Role::Owner,
        Role::Source,
        Role::Comparison,
        Role::Direction,
        Role::Breakdown,
        Role::RowType,
    ];

    /// The role's name in `--column ROLE=HEADER` and in evidence `columns:`.
    pub fn id(self) -> &'static str {
        match self {
            Role::ServiceArea => "service_area",
            Role::Program => "program",
            Role::Measure => "measure",
            Role::Kind => "kind",
            Role::Period => "period",
            Role::Actual => "actual",
            Role::Target => "target",
            Role::Unit => "unit",
            Role::Owner => "owner",
            Role::Source => "source",
            Role::Comparison => "comparison",
            Role::Direction => "direction",
            Role::Breakdown => "breakdown",
            Role::RowType => "row_type",
        }
    }

    pub fn from_id(id: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.id() == id.trim())
    }
}
