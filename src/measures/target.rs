//! Targets in time: which target a measure publishes. A budget book shows actuals up to
//! the last year closed and the targets adopted for the years ahead (actuals to FY2025,
//! targets for FY2026 and FY2027), so a target counts when it is for the latest actual's
//! own period or for any later one; a target only for an earlier period does not, since
//! it is not the one the report holds the measure to now. Every reading of targets
//! (the `no-target` finding, `public_reporting.targets` against measures data, the
//! published page) asks [`published`].

use super::period::{Frequency, Period};

/// Where the counted target's period stands against the latest actual's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// The latest actual's own period.
    Latest,
    /// The period right after it, of the same frequency (the year after).
    Next,
    /// A period that starts after the latest actual's ends, further on.
    Later,
}

/// The target a measure publishes, against its latest actual.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Published {
    pub period: Period,
    pub value: f64,
    pub when: When,
    /// The period of the latest actual it is counted against.
    pub latest: Period,
}

impl Published {
    /// `target FY2026 6,500, set for the year after the latest actual FY2025`.
    pub fn describe(&self, fiscal_year_start: u32) -> String {
        let label = |p: Period| p.label(fiscal_year_start);
        let value = super::value::plain_number(self.value);
        let target = format!("target {} {value}", label(self.period));
        match self.when {
            When::Latest => format!("{target}, for the period of the latest actual"),
            When::Next => format!(
                "{target}, set for the {} after the latest actual {}",
                match self.period.frequency() {
                    Frequency::Annual => "year",
                    Frequency::Quarterly => "quarter",
                    Frequency::Monthly => "month",
                },
                label(self.latest)
            ),
            When::Later => format!(
                "{target}, set for a period after the latest actual {}",
                label(self.latest)
            ),
        }
    }
}

/// The target counted for the latest actual `latest`, among `targets` (each period with
/// a target, and its value): the one for `latest` itself, else the earliest of those for
/// a period that starts after `latest` ends (of the same frequency first, where two start
/// together). `None` when every target is for an earlier period, or one that overlaps
/// `latest` without being it (a year's target for a quarter inside it): none is counted.
pub fn published(
    latest: Period,
    targets: impl IntoIterator<Item = (Period, f64)>,
    fiscal_year_start: u32,
) -> Option<Published> {
    let latest_end = latest.dates(fiscal_year_start).1;
    let mut best: Option<((chrono::NaiveDate, bool, Period), f64)> = None;
    for (period, value) in targets {
        if period == latest {
            return Some(Published {
                period,
                value,
                when: When::Latest,
                latest,
            });
        }
        let start = period.dates(fiscal_year_start).0;
        if start <= latest_end {
            continue;
        }
        let key = (start, period.frequency() != latest.frequency(), period);
        if best.is_none_or(|(k, _)| key < k) {
            best = Some((key, value));
        }
    }
    best.map(|((_, _, period), value)| Published {
        period,
        value,
        when: if period == latest.next() {
            When::Next
        } else {
            When::Later
        },
        latest,
    })
}

/// A measure as a service area's reading of targets sees it: its latest actual's period,
/// and each period with a target and its value.
pub trait Targeted {
    fn latest(&self) -> Option<Period>;
    fn targets(&self) -> &[(Period, f64)];
}

/// What a service area shows of targets: its latest actual's period (the latest over
/// its measures, by the day it ends), and the first measure (by index) with a target for
/// that period or a later one, with the target. `None` when no measure has an actual.
pub fn for_area<M: Targeted>(
    measures: &[M],
    fiscal_year_start: u32,
) -> Option<(Period, Option<(usize, Published)>)> {
    let latest = measures
        .iter()
        .filter_map(Targeted::latest)
        .max_by_key(|p| (p.dates(fiscal_year_start).1, *p))?;
    let found = measures.iter().enumerate().find_map(|(i, m)| {
        published(latest, m.targets().iter().copied(), fiscal_year_start).map(|t| (i, t))
    });
    Some((latest, found))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FY2025: Period = Period::Year(2025);

    fn t(year: i32, value: f64) -> (Period, f64) {
        (Period::Year(year), value)
    }

    #[test]
    fn a_target_for_the_latest_period_counts() {
        let p = published(FY2025, [t(2024, 1.0), t(2025, 2.0), t(2026, 3.0)], 7).unwrap();
        assert_eq!((p.period, p.value, p.when), (FY2025, 2.0, When::Latest));
        assert_eq!(
            p.describe(7),
            "target FY2025 2, for the period of the latest actual"
        );
    }

    #[test]
    fn a_target_for_a_later_period_counts_the_earliest_first() {
        let p = published(FY2025, [t(2027, 6600.0), t(2026, 6500.0)], 7).unwrap();
        assert_eq!((p.period, p.when), (Period::Year(2026), When::Next));
        assert_eq!(
            p.describe(7),
            "target FY2026 6,500, set for the year after the latest actual FY2025"
        );
        let p = published(FY2025, [t(2027, 6600.0)], 7).unwrap();
        assert_eq!(p.when, When::Later);
        assert_eq!(
            p.describe(1),
            "target 2027 6,600, set for a period after the latest actual 2025"
        );
    }

    #[test]
    fn a_target_only_for_an_earlier_period_does_not_count() {
        assert_eq!(published(FY2025, [t(2023, 1.0), t(2024, 1.0)], 7), None);
        assert_eq!(published(FY2025, [], 7), None);
    }

    #[test]
    fn a_period_that_overlaps_the_latest_is_not_later() {
        // FY2025 (July to June) holds its third quarter: not the quarter, not after it.
        let q3 = Period::Quarter {
            year: 2025,
            quarter: 3,
        };
        assert_eq!(published(q3, [t(2025, 1.0)], 7), None);
        // A month target after the quarter counts; so does the next fiscal year.
        let april = Period::Month {
            year: 2025,
            month: 4,
        };
        let p = published(q3, [t(2026, 1.0), (april, 2.0)], 7).unwrap();
        assert_eq!((p.period, p.when), (april, When::Later));
        let q4 = Period::Quarter {
            year: 2025,
            quarter: 4,
        };
        let p = published(q3, [(q4, 3.0)], 7).unwrap();
        assert_eq!(p.when, When::Next);
        assert_eq!(
            p.describe(7),
            "target FY2025 Q4 3, set for the quarter after the latest actual FY2025 Q3"
        );
    }

    struct M(Option<Period>, Vec<(Period, f64)>);

    impl Targeted for M {
        fn latest(&self) -> Option<Period> {
            self.0
        }
        fn targets(&self) -> &[(Period, f64)] {
            &self.1
        }
    }

    #[test]
    fn an_area_is_judged_at_its_own_latest_period() {
        // Actuals to FY2025, targets ahead: counts, by the measure that has them.
        let area = [M(Some(FY2025), vec![]), M(Some(FY2025), vec![t(2026, 5.0)])];
        let (latest, found) = for_area(&area, 7).unwrap();
        assert_eq!(latest, FY2025);
        assert_eq!(found.map(|(i, p)| (i, p.when)), Some((1, When::Next)));
        // A measure whose data stops at FY2023 with a target for FY2024 publishes a
        // target of its own, but not one for the area's latest period, FY2025.
        let stale = M(Some(Period::Year(2023)), vec![t(2024, 5.0)]);
        assert!(published(Period::Year(2023), stale.1.clone(), 7).is_some());
        let area = [M(Some(FY2025), vec![t(2024, 1.0)]), stale];
        assert_eq!(for_area(&area, 7).unwrap().1, None);
        // No actual at all: no latest period, nothing to judge.
        assert_eq!(for_area(&[M(None, vec![t(2026, 1.0)])], 7), None);
    }
}
