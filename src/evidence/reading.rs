//! What a rule reads out of evidence: the value of one [`Field`], whether a section cites
//! a source, and the records an `every` rule judges one by one. Each match here is the
//! one place a field's path meets the struct member behind it.

use super::initiative::count_distinct;
use super::model::{Evidence, PriorityGoal, Survey};
use super::value::is_placeholder;
use crate::vocab::count_looking_different;
use crate::vocab::{Date, Field, Participant};

/// One record of a [`FieldKind::Items`](super::FieldKind::Items) list, judged by an
/// `every` rule.
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

    /// The entries of one of the record's list fields, as [`Evidence::entries`] gives them.
    pub fn entries(self, field: Field) -> Vec<String> {
        match (self, field) {
            (Item::PriorityGoal(g), Field::GoalLeader) => g
                .leader
                .iter()
                .map(|l| l.trim().to_owned())
                .filter(|l| !l.is_empty())
                .collect(),
            _ => self
                .events(field)
                .iter()
                .map(|e| e.date.to_string())
                .collect(),
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
    /// A session's title, when it has one.
    pub title: Option<&'a str>,
}

fn dates(dates: &[Date]) -> Vec<Event<'_>> {
    dates
        .iter()
        .map(|&date| Event {
            date,
            participants: &[],
            title: None,
        })
        .collect()
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

    /// The value of a [`FieldKind::Flag`](super::FieldKind::Flag) field; `false` for any
    /// other field.
    pub fn flag(&self, field: Field) -> bool {
        match field {
            Field::DataChecked => self.verification.data_checked,
            Field::NewEmployees => self.training.new_employees,
            Field::Targets => self.public_reporting.targets,
            Field::PastPerformance => self.public_reporting.past_performance,
            Field::Comparisons => self.public_reporting.comparisons,
            Field::Narrative => self.public_reporting.narrative,
            Field::Searchable => self.public_reporting.searchable,
            Field::Highlights => self.public_reporting.highlights,
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

    /// How many entries a [`FieldKind::List`](super::FieldKind::List) field holds (a text
    /// counts 1 unless blank or a placeholder such as `TBD`; service areas whose names
    /// look alike, and initiatives named twice, count once).
    pub fn count(&self, field: Field) -> usize {
        match field {
            Field::Coordinator => self
                .verification
                .coordinator
                .as_deref()
                .is_some_and(|c| !c.trim().is_empty() && !is_placeholder(c))
                .into(),
            Field::Channels => self.public_reporting.channels.len(),
            Field::Visuals => self.public_reporting.visuals.len(),
            Field::NetworkingActivities => self.networking.activities.len(),
            Field::EquityBasis => self.equity.basis.len(),
            Field::LeadershipExternal => self.leadership.external.len(),
            Field::Initiatives => count_distinct(&self.initiatives),
            Field::ServiceAreas => count_looking_different(
                self.service_areas.0.iter().map(|a| a.name.as_str()),
                usize::MAX,
            ),
            Field::TrainingSessions => self.training.sessions.len(),
            Field::Reviews => self.accountability.reviews.len(),
            Field::FederalStrategicReviews => self.federal.strategic_reviews.len(),
            Field::PriorityGoals => self.federal.priority_goals.len(),
            Field::CrossAgencyGoals => self.federal.cross_agency_goals.len(),
            _ => 0,
        }
    }

    /// The entries of a list field as shown in verdicts: the YAML id of each value of a
    /// closed list, the text of each free-text entry, the name of each record, the date
    /// of each dated item; a text field gives its text unless blank.
    pub fn entries(&self, field: Field) -> Vec<String> {
        fn ids<T: serde::Serialize>(values: &[T]) -> Vec<String> {
            values
                .iter()
                .filter_map(|v| serde_json::to_value(v).ok()?.as_str().map(str::to_owned))
                .collect()
        }
        fn texts(values: &[super::Text]) -> Vec<String> {
            values.iter().map(|t| t.0.clone()).collect()
        }
        match field {
            Field::Coordinator => self
                .verification
                .coordinator
                .iter()
                .map(|c| c.trim().to_owned())
                .filter(|c| !c.is_empty())
                .collect(),
            Field::Channels => ids(&self.public_reporting.channels),
            Field::Visuals => ids(&self.public_reporting.visuals),
            Field::EquityBasis => ids(&self.equity.basis),
            Field::LeadershipExternal => ids(&self.leadership.external),
            Field::NetworkingActivities => texts(&self.networking.activities),
            Field::Initiatives => self
                .initiatives
                .iter()
                .map(|i| i.name().to_owned())
                .collect(),
            Field::CrossAgencyGoals => texts(&self.federal.cross_agency_goals),
            Field::ServiceAreas => self
                .service_areas
                .0
                .iter()
                .map(|a| a.name.0.clone())
                .collect(),
            Field::PriorityGoals => self
                .federal
                .priority_goals
                .iter()
                .map(|g| g.name.0.clone())
                .collect(),
            _ => self
                .events(field)
                .iter()
                .map(|e| e.date.to_string())
                .collect(),
        }
    }

    /// The dated items of a [`FieldKind::Events`](super::FieldKind::Events) field.
    pub fn events(&self, field: Field) -> Vec<Event<'_>> {
        match field {
            Field::TrainingSessions => self
                .training
                .sessions
                .iter()
                .map(|s| Event {
                    date: s.date,
                    participants: &[],
                    title: s.title.as_ref().map(|t| t.as_str()),
                })
                .collect(),
            Field::Reviews => self
                .accountability
                .reviews
                .iter()
                .map(|r| Event {
                    date: r.date,
                    participants: &r.with,
                    title: None,
                })
                .collect(),
            Field::FederalStrategicReviews => dates(&self.federal.strategic_reviews),
            _ => Vec::new(),
        }
    }

    /// The survey behind a [`FieldKind::Survey`](super::FieldKind::Survey) field.
    pub fn survey(&self, field: Field) -> Option<&Survey> {
        match field {
            Field::ResidentSurvey => self.surveys.residents.as_ref(),
            Field::EmployeeSurvey => self.surveys.employees.as_ref(),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::evidence::{FieldKind, parse_yaml};

    fn evidence(text: &str) -> Evidence {
        parse_yaml(&format!("version: 1\n{text}"), Path::new("test.yaml")).unwrap()
    }

    /// A value that claims something for `field`, as written in the file; `None` for a
    /// field of each item of a list, which is read through [`Item`].
    fn claim(field: Field) -> Option<&'static str> {
        Some(match field.kind() {
            _ if field.item_of().is_some() => return None,
            FieldKind::Flag => "true",
            FieldKind::ServiceAreas => "[{name: Parks}]",
            FieldKind::Survey => "{date: 2021-03-01, published: true}",
            FieldKind::Items => "[{name: Backlog}]",
            FieldKind::Events => match field {
                Field::Reviews => "[{date: 2021-03-01, with: [public]}]",
                Field::FederalStrategicReviews => "[2021-03-01]",
                _ => "[{date: 2021-03-01}]",
            },
            FieldKind::List => match field {
                Field::Coordinator => "Ann Lee",
                Field::Channels => "[website]",
                Field::Visuals => "[graphs]",
                Field::EquityBasis => "[neighborhood]",
                Field::LeadershipExternal => "[presentations]",
                Field::Initiatives => "[crm]",
                _ => "[Shared lessons]",
            },
        })
    }

    /// Evidence that claims `value` for `field` and nothing else.
    fn only(field: Field, value: &str) -> Evidence {
        evidence(&match field.path().split_once('.') {
            Some((section, key)) => format!("{section}:\n  {key}: {value}\n"),
            None => format!("{}: {value}\n", field.path()),
        })
    }

    /// Whether `evidence` claims anything for `field`, read the way its kind is read.
    fn claimed(evidence: &Evidence, field: Field) -> bool {
        match field.kind() {
            FieldKind::Flag => evidence.flag(field),
            FieldKind::List | FieldKind::ServiceAreas | FieldKind::Items => {
                evidence.count(field) > 0
            }
            FieldKind::Events => !evidence.events(field).is_empty(),
            FieldKind::Survey => evidence.survey(field).is_some(),
        }
    }

    #[test]
    fn each_field_reads_its_own_key_and_no_other() {
        let empty = evidence("");
        let fields: Vec<Field> = Field::ALL
            .into_iter()
            .filter(|f| claim(*f).is_some())
            .collect();
        assert_eq!(fields.len(), 31);
        for field in &fields {
            assert!(
                !claimed(&empty, *field),
                "{field:?} claimed by empty evidence"
            );
        }
        for field in &fields {
            let e = only(*field, claim(*field).unwrap());
            for other in &fields {
                assert_eq!(
                    claimed(&e, *other),
                    other == field,
                    "{field:?} read as {other:?}"
                );
            }
        }
    }

    #[test]
    fn an_event_carries_its_date_and_who_took_part() {
        let e = only(
            Field::Reviews,
            "[{date: 2021-03-01, with: [public, executives]}, {date: 2021-06-01}]",
        );
        let events = e.events(Field::Reviews);
        assert_eq!(e.count(Field::Reviews), 2);
        assert_eq!(events[0].date, Date::parse("2021-03-01").unwrap());
        assert_eq!(
            events[0].participants,
            [Participant::Public, Participant::Executives]
        );
        assert!(events[1].participants.is_empty());
        let sessions = only(
            Field::TrainingSessions,
            "[{date: 2021-03-01, external: true}]",
        );
        assert!(
            sessions.events(Field::TrainingSessions)[0]
                .participants
                .is_empty()
        );
    }

    #[test]
    fn a_blank_coordinator_is_no_coordinator() {
        assert_eq!(
            only(Field::Coordinator, "\"  \"").count(Field::Coordinator),
            0
        );
        assert_eq!(
            only(Field::Coordinator, "Ann Lee").count(Field::Coordinator),
            1
        );
    }

    #[test]
    fn a_placeholder_coordinator_is_no_coordinator() {
        for placeholder in [
            "TBD",
            "\"N/A \"",
            "none",
            "\"?\"",
            "\"Replace with a name\"",
        ] {
            assert_eq!(
                only(Field::Coordinator, placeholder).count(Field::Coordinator),
                0,
                "{placeholder}"
            );
        }
        for name in ["Tad", "Nancy"] {
            assert_eq!(only(Field::Coordinator, name).count(Field::Coordinator), 1);
        }
    }

    #[test]
    fn initiatives_count_each_initiative_once() {
        let e = only(
            Field::Initiatives,
            "[crm, crm, geo_mapping, {other: Open data}, {other: OPEN DATA}]",
        );
        assert_eq!(e.initiatives.len(), 5);
        assert_eq!(e.count(Field::Initiatives), 3);
    }

    #[test]
    fn every_section_but_initiatives_cites_sources() {
        let mut sections: Vec<&str> = Field::ALL.iter().map(|f| f.section()).collect();
        sections.dedup();
        let empty = evidence("");
        for section in sections {
            if section == "initiatives" {
                assert_eq!(empty.section_sources(section), None);
                continue;
            }
            assert_eq!(empty.section_sources(section), Some(false), "{section}");
            let cited = if section == "service_areas" {
                evidence("service_areas: [{name: Parks}, {name: Police, sources: [budget.pdf]}]\n")
            } else {
                evidence(&format!("{section}:\n  sources: [budget.pdf]\n"))
            };
            assert_eq!(cited.section_sources(section), Some(true), "{section}");
        }
        assert_eq!(empty.section_sources("jurisdiction"), None);
    }

    #[test]
    fn a_priority_goal_is_read_as_an_item() {
        let e = evidence(
            "federal:
  priority_goals:
    - {name: Backlog, leader: J. Roe, reviews: [2021-01-13, 2021-04-14], publicly_reported: true}
    - {name: Appeals, leader: '  '}
",
        );
        let items = Item::all(&e, Field::PriorityGoals);
        let [backlog, appeals] = items[..] else {
            panic!("two goals expected, got {items:?}");
        };
        assert_eq!((backlog.name(), appeals.name()), ("Backlog", "Appeals"));
        assert_eq!(
            (
                backlog.count(Field::GoalLeader),
                appeals.count(Field::GoalLeader)
            ),
            (1, 0)
        );
        assert_eq!(backlog.count(Field::GoalReviews), 2);
        assert_eq!(
            backlog.events(Field::GoalReviews)[1].date,
            Date::parse("2021-04-14").unwrap()
        );
        assert!(backlog.flag(Field::GoalPubliclyReported));
        assert!(!appeals.flag(Field::GoalPubliclyReported));
        // Evidence-level reading never sees an item's fields.
        assert!(!e.flag(Field::GoalPubliclyReported));
        assert_eq!(e.count(Field::GoalReviews), 0);
        assert!(Item::all(&e, Field::CrossAgencyGoals).is_empty());
    }
}
