//! What is decided over a whole table once its rows are read: each measure's frequency
//! from the spacing of its dates, two values for one period, and ratios read as
//! percentages.

use super::{Finding, FindingCode, RowReader, value};
use crate::measures::conflicts::{conflict_message, drop_conflicts};
use crate::measures::spacing;

impl RowReader<'_> {
    /// Every step, in order: periods first, since the others compare them.
    pub(super) fn whole_table(&mut self) {
        let strings = &self.strings;
        let measures = &self.measures;
        let spaced = spacing::apply(&mut self.observations, self.fys, self.dates, |m| {
            measures
                .get(m as usize)
                .and_then(|m| strings.get(m.name as usize))
                .cloned()
                .unwrap_or_default()
        });
        self.notices.extend(spaced);
        self.duplicates();
        self.ratios_as_percent();
    }

    /// A measure whose unit column says percent but whose every value lies between 0 and
    /// 1, none written with a percent sign (a scorecard's 0.612 for 61.2%), is read as
    /// ratios: its values times 100, with a `ratio-as-percent` finding naming it.
    pub(super) fn ratios_as_percent(&mut self) {
        let mut ratio: Vec<bool> = self
            .measures
            .iter()
            .map(|m| m.unit.as_deref() == Some("%"))
            .collect();
        let mut fraction: Vec<bool> = vec![false; self.measures.len()];
        for &m in &self.signed_percent {
            ratio[m as usize] = false;
        }
        for o in &self.observations {
            let i = o.measure as usize;
            for v in [o.actual, o.target, o.comparison].into_iter().flatten() {
                if !(0.0..=1.0).contains(&v) {
                    ratio[i] = false;
                }
                fraction[i] |= v > 0.0 && v < 1.0;
            }
        }
        let scaled: Vec<bool> = ratio.iter().zip(&fraction).map(|(r, f)| *r && *f).collect();
        if !scaled.contains(&true) {
            return;
        }
        let percent = |v: Option<f64>| v.map(value::ratio_as_percent);
        for o in &mut self.observations {
            if scaled[o.measure as usize] {
                o.actual = percent(o.actual);
                o.target = percent(o.target);
                o.comparison = percent(o.comparison);
            }
        }
        for (i, m) in self.measures.iter().enumerate() {
            if scaled[i] {
                self.notices.push(Finding::new(
                    FindingCode::RatioAsPercent,
                    format!(
                        "`{}` ({}) has the unit % and every value between 0 and 1: read as ratios (0.612 is 61.2%); if they are percentages already, write them with a % sign",
                        crate::diagnostic::printable(self.string(m.name)),
                        crate::diagnostic::printable(self.string(m.area)),
                    ),
                    Some(m.row),
                ));
            }
        }
    }

    /// The same measure, group and period on two rows: see [`drop_conflicts`].
    pub(super) fn duplicates(&mut self) {
        for (first, o) in drop_conflicts(&mut self.observations) {
            let m = &self.measures[o.measure as usize];
            let message = conflict_message(
                self.string(m.area),
                self.string(m.name),
                self.fys,
                &first,
                &o,
                &format!("row {}", first.row),
            );
            self.problem_coded(FindingCode::ConflictingValues, o.row, None, message);
        }
    }
}
