//! The stable codes of warnings: what loading or an evaluation noticed besides met and
//! unmet. Each code is kebab-case, carried by every machine format and listed in
//! docs/reference.md; renamed only with a new JSON version. Linking measures makes some
//! (`derived-from-measures`), the evaluation the rest.

/// The kind of a warning. The codes are a public contract: renamed only with a new
/// JSON version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WarningCode {
    /// A service area lists a year after the as-of year.
    YearAfterAsOf,
    /// A dated item (training session, review, survey, strategic or goal review) is
    /// dated after the as-of date.
    DatedAfterAsOf,
    /// A plan's due date has passed and its requirement is still unmet.
    OverduePlan,
    /// A category has required requirements up to the next level and none is met.
    CategoryUnmet,
    /// Two service area names look alike (UTS #39 confusables) without being the same
    /// name; they count as one area.
    ConfusableNames,
    /// A service area lists the same year more than once.
    DuplicateYears,
    /// A name is a placeholder (`TBD`, `N/A`, the template's `Replace with ...`): the
    /// jurisdiction's name, or a coordinator, who then does not count.
    PlaceholderName,
    /// The as-of date is more than a year past the criteria's application window
    /// close (or the end of their version year when the window is unknown).
    CriteriaOutdated,
    /// The evidence lists no service areas: they are read from its measures files.
    DerivedFromMeasures,
    /// A claim about a service area (a year, a kind of measure) has no support in the
    /// linked measures data.
    ContradictedByMeasures,
    /// The measures data has a service area the evidence file does not list.
    UnclaimedInMeasures,
    /// A value of the measures data could not be used: a cell that holds no value where
    /// one belongs, or two values for one period (an error-severity finding).
    MeasuresDataError,
}

impl WarningCode {
    pub const ALL: [WarningCode; 12] = [
        WarningCode::YearAfterAsOf,
        WarningCode::DatedAfterAsOf,
        WarningCode::OverduePlan,
        WarningCode::CategoryUnmet,
        WarningCode::ConfusableNames,
        WarningCode::DuplicateYears,
        WarningCode::PlaceholderName,
        WarningCode::CriteriaOutdated,
        WarningCode::DerivedFromMeasures,
        WarningCode::ContradictedByMeasures,
        WarningCode::UnclaimedInMeasures,
        WarningCode::MeasuresDataError,
    ];

    /// The stable code, as JSON, SARIF and GitHub annotations print it.
    pub fn id(self) -> &'static str {
        match self {
            WarningCode::YearAfterAsOf => "year-after-as-of",
            WarningCode::DatedAfterAsOf => "dated-after-as-of",
            WarningCode::OverduePlan => "overdue-plan",
            WarningCode::CategoryUnmet => "category-unmet",
            WarningCode::ConfusableNames => "confusable-names",
            WarningCode::DuplicateYears => "duplicate-years",
            WarningCode::PlaceholderName => "placeholder-name",
            WarningCode::CriteriaOutdated => "criteria-outdated",
            WarningCode::DerivedFromMeasures => "derived-from-measures",
            WarningCode::ContradictedByMeasures => "contradicted-by-measures",
            WarningCode::UnclaimedInMeasures => "unclaimed-in-measures",
            WarningCode::MeasuresDataError => "measures-data-error",
        }
    }

    /// One line on what the code means.
    pub fn summary(self) -> &'static str {
        match self {
            WarningCode::YearAfterAsOf => {
                "A service area lists a year after the as-of year; that year does not count."
            }
            WarningCode::DatedAfterAsOf => {
                "A session, review or survey is dated after the as-of date; it does not count."
            }
            WarningCode::OverduePlan => {
                "A plan's due date has passed and its requirement is still unmet."
            }
            WarningCode::CategoryUnmet => {
                "No required requirement of a category is met up to the next level (ICMA: may disqualify)."
            }
            WarningCode::ConfusableNames => {
                "Two service area names look alike and may be the same area; they count as one."
            }
            WarningCode::DuplicateYears => {
                "A service area lists the same year more than once; it counts once."
            }
            WarningCode::PlaceholderName => {
                "A name is a placeholder such as TBD or the template's; a placeholder coordinator does not count."
            }
            WarningCode::CriteriaOutdated => {
                "The as-of date is more than a year past the criteria's application window; newer criteria may apply."
            }
            WarningCode::DerivedFromMeasures => {
                "The evidence lists no service areas; they are read from its measures files."
            }
            WarningCode::ContradictedByMeasures => {
                "A claimed year or kind of measure has no support in the measures data (a gap under --strict)."
            }
            WarningCode::UnclaimedInMeasures => {
                "The measures data has a service area the evidence file does not list."
            }
            WarningCode::MeasuresDataError => {
                "A value of the measures data could not be used and is left out (an error under --strict)."
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub code: WarningCode,
    /// A category id, or `None` for a warning about the file as a whole.
    pub category: Option<String>,
    /// The top-level evidence section the warning is about (`training`, `plans`),
    /// where there is one, for locating it in the file.
    pub section: Option<&'static str>,
    pub message: String,
}
