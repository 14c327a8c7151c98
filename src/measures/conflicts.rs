//! Two values for one measure, group and period: on two rows of a sheet, on two sheets
//! of one workbook, or under two spellings of one area made one. Identical values are
//! one; different values are a `conflicting-values` finding naming both, and neither is
//! used: which one is right, only the file's owner knows.

use rustc_hash::FxHashMap;

use super::inventory::{Finding, FindingCode};
use super::period::Period;
use super::read::{MeasureInfo, Observation, Table};
use super::source;

impl Table {
    /// Makes measures of one area and name one measure, after their areas were renamed
    /// to one name ([`super::names`]): their values are one series, and two values for one
    /// period are a `conflicting-values` finding, neither used.
    pub fn merge_same_measures(&mut self) {
        let mut first: FxHashMap<(u32, u32), u32> = FxHashMap::default();
        let mut to: Vec<u32> = Vec::with_capacity(self.measures.len());
        let mut kept: Vec<MeasureInfo> = Vec::with_capacity(self.measures.len());
        for m in std::mem::take(&mut self.measures) {
            match first.get(&(m.area, m.name)) {
                Some(&i) => {
                    let k = &mut kept[i as usize];
                    for kind in m.kind.into_iter().chain(m.other_kinds) {
                        if k.kind.is_none() {
                            k.kind = Some(kind);
                        } else if k.kind != Some(kind) && !k.other_kinds.contains(&kind) {
                            k.other_kinds.push(kind);
                        }
                    }
                    k.unit = k.unit.take().or(m.unit);
                    k.owner = k.owner.take().or(m.owner);
                    k.source = k.source.take().or(m.source);
                    k.direction = k.direction.or(m.direction);
                    k.row = k.row.min(m.row);
                    to.push(i);
                }
                None => {
                    let i = u32::try_from(kept.len()).expect("measures fit in u32");
                    first.insert((m.area, m.name), i);
                    kept.push(m);
                    to.push(i);
                }
            }
        }
        let merged = kept.len() < to.len();
        self.measures = kept;
        if !merged {
            return;
        }
        for o in &mut self.observations {
            o.measure = to[o.measure as usize];
        }
        for (first, o) in drop_conflicts(&mut self.observations) {
            let m = &self.measures[o.measure as usize];
            let message = conflict_message(
                self.area_name(m),
                self.measure_name(m),
                self.fiscal_year_start,
                &first,
                &o,
                &format!("row {}", first.row),
            );
            self.findings.push(Finding::new(
                FindingCode::ConflictingValues,
                message,
                Some(o.row),
            ));
        }
    }
}

/// The same measure, group and period on two rows: identical values are kept once;
/// of different values neither is kept (which one is right, only the file's owner knows),
/// and the pairs are returned, each the earlier row first, in the later rows' order.
/// Found by sorting (stable, so the earlier row of a pair comes first) rather than with a
/// map looked up on every row.
pub(super) fn drop_conflicts(
    observations: &mut Vec<Observation>,
) -> Vec<(Observation, Observation)> {
    let key = |o: &Observation| (o.measure, o.breakdown, o.period);
    observations.sort_by_key(key);
    let mut clashes: Vec<(Observation, Observation)> = Vec::new();
    // In place: of consecutive observations with one key, the first (earliest row) is kept.
    observations.dedup_by(|later, first| {
        let same = key(later) == key(first);
        if same && (first.actual != later.actual || first.target != later.target) {
            clashes.push((first.clone(), later.clone()));
        }
        same
    });
    if !clashes.is_empty() {
        let clashed: rustc_hash::FxHashSet<_> = clashes.iter().map(|(f, _)| key(f)).collect();
        observations.retain(|o| !clashed.contains(&key(o)));
    }
    clashes.sort_by_key(|(_, later)| later.row);
    clashes
}

/// The sheets of one workbook judged as one table would be: a measure (its service area
/// and name, after [`super::names`]) on two sheets with one value for one period keeps it
/// once; with two different values, neither is used, and the later sheet's table gains a
/// `conflicting-values` finding naming the other sheet. Tables of different files, or of
/// one file read twice, are left as they are.
pub fn judge_sheets_together(tables: &mut [Table]) {
    for later in 1..tables.len() {
        let (before, rest) = tables.split_at_mut(later);
        let table = &mut rest[0];
        for earlier in before.iter_mut() {
            if earlier.file == table.file && earlier.sheet.is_some() && earlier.sheet != table.sheet
            {
                clash_across_sheets(earlier, table);
            }
        }
    }
}

/// One measure's value for one period in one group, named by its strings: the key two
/// tables compare.
type ValueKey<'t> = (&'t str, &'t str, Option<&'t str>, Period);

fn value_key<'t>(t: &'t Table, o: &Observation) -> ValueKey<'t> {
    let m = &t.measures[o.measure as usize];
    (
        t.area_name(m),
        t.measure_name(m),
        o.breakdown.map(|b| t.string(b)),
        o.period,
    )
}

/// What [`judge_sheets_together`] does for one pair of sheets.
fn clash_across_sheets(earlier: &mut Table, later: &mut Table) {
    let shared: rustc_hash::FxHashSet<(&str, &str)> = later
        .measures
        .iter()
        .map(|m| (later.area_name(m), later.measure_name(m)))
        .collect();
    let index: FxHashMap<ValueKey<'_>, usize> = earlier
        .observations
        .iter()
        .enumerate()
        .filter(|(_, o)| {
            let m = &earlier.measures[o.measure as usize];
            shared.contains(&(earlier.area_name(m), earlier.measure_name(m)))
        })
        .map(|(i, o)| (value_key(earlier, o), i))
        .collect();
    if index.is_empty() {
        return;
    }
    let mut drop_earlier: Vec<usize> = Vec::new();
    let mut drop_later: Vec<usize> = Vec::new();
    let mut findings: Vec<Finding> = Vec::new();
    for (i, o) in later.observations.iter().enumerate() {
        let Some(&j) = index.get(&value_key(later, o)) else {
            continue;
        };
        let first = &earlier.observations[j];
        drop_later.push(i);
        if first.actual == o.actual && first.target == o.target {
            continue;
        }
        drop_earlier.push(j);
        let m = &later.measures[o.measure as usize];
        let on = format!(
            "row {} of sheet `{}`",
            first.row,
            crate::diagnostic::printable(earlier.sheet.as_deref().unwrap_or_default())
        );
        findings.push(Finding::new(
            FindingCode::ConflictingValues,
            conflict_message(
                later.area_name(m),
                later.measure_name(m),
                later.fiscal_year_start,
                first,
                o,
                &on,
            ),
            Some(o.row),
        ));
    }
    remove_indices(&mut earlier.observations, &drop_earlier);
    remove_indices(&mut later.observations, &drop_later);
    later.findings.extend(findings);
}

/// `items` without those at `indices`.
fn remove_indices<T>(items: &mut Vec<T>, indices: &[usize]) {
    if indices.is_empty() {
        return;
    }
    let gone: rustc_hash::FxHashSet<usize> = indices.iter().copied().collect();
    let mut i = 0;
    items.retain(|_| {
        i += 1;
        !gone.contains(&(i - 1))
    });
}

/// A `conflicting-values` finding's words for measure `name` of `area`, the other value
/// being `on` (`row 4`, `row 4 of sheet `Parks``).
pub(super) fn conflict_message(
    area: &str,
    name: &str,
    fys: u32,
    first: &Observation,
    o: &Observation,
    on: &str,
) -> String {
    format!(
        "`{}` of `{}` for {} has {} here and {} on {on}; neither is used: keep one row per measure and period",
        crate::diagnostic::printable(name),
        crate::diagnostic::printable(area),
        o.period.label(fys),
        describe_values(o.actual, o.target),
        describe_values(first.actual, first.target),
    )
}

fn describe_values(actual: Option<f64>, target: Option<f64>) -> String {
    let show = |v: Option<f64>| v.map_or("no value".to_owned(), source::format_number);
    format!("actual {}, target {}", show(actual), show(target))
}
