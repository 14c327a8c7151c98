//! The registry of fields a criteria rule may read: each field's dotted path (the name a
//! criteria file uses), its kind (which decides the rule kinds that may read it) and its
//! section. Criteria validation checks names against it; evaluation reads values through
//! it (`evidence::reading`).

/// What a rule reads: one named field of evidence format v1.
///
/// The set is closed and mirrors the structs of `evidence::Evidence`; criteria
/// files name fields by [`Field::path`], and validation refuses any other name.
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
    Highlights,
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
    pub const ALL: [Field; 34] = [
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
        Field::Highlights,
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
            Field::Highlights => "public_reporting.highlights",
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
            | Field::Highlights
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

    /// The values a list with a closed set of values may hold (its YAML ids), or
    /// nothing for free text and records. `among` and `includes` rules name these.
    pub fn values(self) -> &'static [&'static str] {
        match self {
            Field::Channels => &[
                "budget",
                "website",
                "public_meeting",
                "newsletter",
                "local_media",
                "social_media",
                "mailing",
                "report",
                "other",
            ],
            Field::Visuals => &["graphs", "color_coding", "dashboard", "maps", "other"],
            Field::EquityBasis => &["neighborhood", "demographic", "other"],
            Field::LeadershipExternal => &["presentations", "data_sharing", "networking", "other"],
            _ => &[],
        }
    }

    /// What the field records, in plain words, for the items of a verdict.
    pub fn label(self) -> &'static str {
        match self {
            Field::ServiceAreas => "service areas",
            Field::DataChecked => "questionable data verified, corrected or explained",
            Field::Coordinator => "a named staff person overseeing performance management",
            Field::TrainingSessions => "training sessions",
            Field::NewEmployees => "training considers new employees' needs",
            Field::Channels => "where performance data is published",
            Field::Targets => "targets or goals published for key measures",
            Field::PastPerformance => "enough data published to judge past performance",
            Field::Comparisons => "comparison values from other jurisdictions, groups or industry",
            Field::Narrative => "narrative on the data, with action steps where goals are missed",
            Field::Searchable => "public reporting is searchable",
            Field::Highlights => {
                "visuals highlight performance above or below expectations at a glance"
            }
            Field::Visuals => "visuals in public reporting",
            Field::StaffPolicy => {
                "a policy holding staff accountable for reporting and improvement"
            }
            Field::Reviews => "internal reviews of performance data",
            Field::NetworkingActivities => "lessons shared with other communities or organizations",
            Field::StrategicPlan => {
                "performance data measures progress toward strategic plan goals"
            }
            Field::ManagementDecisions => "performance data informs management decisions",
            Field::FinancialDecisions => "performance data informs financial decisions",
            Field::EquityAnalysis => "equity in service provision is analyzed",
            Field::EquityReported => "the equity analysis is publicly reported",
            Field::EquityBasis => "the basis of the equity analysis",
            Field::LeadershipInternal => {
                "performance measurement is pervasive in the organization's culture"
            }
            Field::LeadershipExternal => "external leadership",
            Field::ResidentSurvey => "resident satisfaction survey",
            Field::EmployeeSurvey => "employee (internal customer) survey",
            Field::Initiatives => "supplementary initiatives",
            Field::FederalStrategicPlan => "an agency strategic plan",
            Field::FederalStrategicReviews => "annual strategic reviews",
            Field::PriorityGoals => "agency priority goals",
            Field::CrossAgencyGoals => "cross-agency priority goals",
            Field::GoalLeader => "a named goal leader",
            Field::GoalReviews => "data-driven reviews of progress",
            Field::GoalPubliclyReported => "progress is published",
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Where `field` first appears in [`Field::ALL`]. Called in const blocks, so a field
    /// missing from ALL is a compile error, not a test failure.
    const fn position(field: Field) -> usize {
        let mut i = 0;
        while i < Field::ALL.len() {
            if Field::ALL[i] as usize == field as usize {
                return i;
            }
            i += 1;
        }
        panic!("a variant of Field is missing from Field::ALL");
    }

    /// Every variant by name, with no wildcard: a new variant does not compile until it
    /// has an arm here, and its arm does not compile until the variant is in ALL.
    fn index(field: Field) -> usize {
        match field {
            Field::ServiceAreas => const { position(Field::ServiceAreas) },
            Field::DataChecked => const { position(Field::DataChecked) },
            Field::Coordinator => const { position(Field::Coordinator) },
            Field::TrainingSessions => const { position(Field::TrainingSessions) },
            Field::NewEmployees => const { position(Field::NewEmployees) },
            Field::Channels => const { position(Field::Channels) },
            Field::Targets => const { position(Field::Targets) },
            Field::PastPerformance => const { position(Field::PastPerformance) },
            Field::Comparisons => const { position(Field::Comparisons) },
            Field::Narrative => const { position(Field::Narrative) },
            Field::Searchable => const { position(Field::Searchable) },
            Field::Highlights => const { position(Field::Highlights) },
            Field::Visuals => const { position(Field::Visuals) },
            Field::StaffPolicy => const { position(Field::StaffPolicy) },
            Field::Reviews => const { position(Field::Reviews) },
            Field::NetworkingActivities => const { position(Field::NetworkingActivities) },
            Field::StrategicPlan => const { position(Field::StrategicPlan) },
            Field::ManagementDecisions => const { position(Field::ManagementDecisions) },
            Field::FinancialDecisions => const { position(Field::FinancialDecisions) },
            Field::EquityAnalysis => const { position(Field::EquityAnalysis) },
            Field::EquityReported => const { position(Field::EquityReported) },
            Field::EquityBasis => const { position(Field::EquityBasis) },
            Field::LeadershipInternal => const { position(Field::LeadershipInternal) },
            Field::LeadershipExternal => const { position(Field::LeadershipExternal) },
            Field::ResidentSurvey => const { position(Field::ResidentSurvey) },
            Field::EmployeeSurvey => const { position(Field::EmployeeSurvey) },
            Field::Initiatives => const { position(Field::Initiatives) },
            Field::FederalStrategicPlan => const { position(Field::FederalStrategicPlan) },
            Field::FederalStrategicReviews => const { position(Field::FederalStrategicReviews) },
            Field::PriorityGoals => const { position(Field::PriorityGoals) },
            Field::CrossAgencyGoals => const { position(Field::CrossAgencyGoals) },
            Field::GoalLeader => const { position(Field::GoalLeader) },
            Field::GoalReviews => const { position(Field::GoalReviews) },
            Field::GoalPubliclyReported => const { position(Field::GoalPubliclyReported) },
        }
    }

    #[test]
    fn all_lists_every_field_once() {
        for (i, field) in Field::ALL.into_iter().enumerate() {
            assert_eq!(index(field), i, "{field:?} is listed twice in Field::ALL");
        }
    }

    #[test]
    fn labels_are_distinct() {
        let mut labels: Vec<&str> = Field::ALL.iter().map(|f| f.label()).collect();
        labels.sort_unstable();
        labels.dedup();
        assert_eq!(labels.len(), Field::ALL.len());
    }

    #[test]
    fn every_path_names_its_field() {
        for field in Field::ALL {
            assert_eq!(Field::from_path(field.path()), Some(field), "{field:?}");
        }
    }

    #[test]
    fn near_miss_paths_name_no_field() {
        for path in [
            "",
            "verification",
            "Verification.data_checked",
            "verification.data_checked ",
            "federal.priority_goals.leader",
            "priority_goals[].leader",
            "surveys.residents.published",
        ] {
            assert_eq!(Field::from_path(path), None, "{path:?}");
        }
    }

    /// The registry as criteria authors see it: renaming a path or changing a kind changes
    /// which criteria files load, so it is a reviewed change.
    #[test]
    fn paths_and_kinds() {
        use FieldKind::*;
        let expected = [
            ("service_areas", ServiceAreas),
            ("verification.data_checked", Flag),
            ("verification.coordinator", List),
            ("training.sessions", Events),
            ("training.new_employees", Flag),
            ("public_reporting.channels", List),
            ("public_reporting.targets", Flag),
            ("public_reporting.past_performance", Flag),
            ("public_reporting.comparisons", Flag),
            ("public_reporting.narrative", Flag),
            ("public_reporting.searchable", Flag),
            ("public_reporting.highlights", Flag),
            ("public_reporting.visuals", List),
            ("accountability.staff_policy", Flag),
            ("accountability.reviews", Events),
            ("networking.activities", List),
            ("planning_budgeting.strategic_plan", Flag),
            ("planning_budgeting.management_decisions", Flag),
            ("planning_budgeting.financial_decisions", Flag),
            ("equity.analysis", Flag),
            ("equity.reported", Flag),
            ("equity.basis", List),
            ("leadership.internal", Flag),
            ("leadership.external", List),
            ("surveys.residents", Survey),
            ("surveys.employees", Survey),
            ("initiatives", List),
            ("federal.strategic_plan", Flag),
            ("federal.strategic_reviews", Events),
            ("federal.priority_goals", Items),
            ("federal.cross_agency_goals", List),
            ("federal.priority_goals[].leader", List),
            ("federal.priority_goals[].reviews", Events),
            ("federal.priority_goals[].publicly_reported", Flag),
        ];
        let actual = Field::ALL.map(|f| (f.path(), f.kind()));
        assert_eq!(actual, expected);
    }

    #[test]
    fn sections_are_the_top_level_keys() {
        let mut sections: Vec<&str> = Field::ALL.iter().map(|f| f.section()).collect();
        sections.dedup();
        assert_eq!(
            sections,
            [
                "service_areas",
                "verification",
                "training",
                "public_reporting",
                "accountability",
                "networking",
                "planning_budgeting",
                "equity",
                "leadership",
                "surveys",
                "initiatives",
                "federal",
            ]
        );
        assert_eq!(Field::GoalLeader.section(), "federal");
    }

    #[test]
    fn item_fields_belong_to_the_list_they_are_written_under() {
        for field in Field::ALL {
            match field.item_of() {
                Some(list) => {
                    assert_eq!(list.kind(), FieldKind::Items, "{field:?}");
                    let (prefix, _) = field.path().split_once("[].").unwrap();
                    assert_eq!(prefix, list.path(), "{field:?}");
                }
                None => assert!(!field.path().contains("[]"), "{field:?}"),
            }
        }
    }
}
