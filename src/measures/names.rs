//! One name for each service area across the evidence and every measures file. A county
//! writes "Parks and Recreation" in its evidence, "Parks & Rec" in its workbook and the
//! formal name on its open-data portal; counted apart, one department is three areas and
//! its claims are contradicted by its own data.
//!
//! Names are matched by [`area_key`] (case, punctuation, `&` and `and`, `Dept.`, a leading
//! `Department of` aside); anything else is said in the evidence, as an area's aliases or
//! a measures entry's `areas:` map. The name kept is the evidence's, else the first file's
//! spelling. A match that is not exact is said once per file and name, as a
//! `name-matched` finding.

use std::collections::HashMap;

use super::inventory::{Finding, FindingCode};
use super::read::Table;
use crate::vocab::{area_key, same_name_key};

/// A service area the evidence names: its name and its aliases.
#[derive(Debug, Clone, Copy)]
pub struct Claimed<'a> {
    pub name: &'a str,
    pub aliases: &'a [&'a str],
}

/// Reads each of `table`'s service area names that `map` lists (matched by
/// [`area_key`]) as the name it gives: a measures entry's `areas:`.
pub fn rename_areas(table: &mut Table, map: &[(&str, &str)]) {
    if map.is_empty() {
        return;
    }
    let by_key: HashMap<String, &str> =
        map.iter().map(|&(from, to)| (area_key(from), to)).collect();
    rename(table, |name| {
        by_key.get(&area_key(name)).map(|to| (*to).to_owned())
    });
    table.merge_same_measures();
}

/// Gives every service area of `tables` one name: the name of the evidence area (from
/// `claimed`) whose name or an alias matches it, else the spelling of the first table that
/// has it. Each table gains a `name-matched` finding for each name it wrote differently
/// (an exact alias is the evidence's own word, and is not said).
pub fn unify(tables: &mut [Table], claimed: &[Claimed<'_>]) {
    // Key to the name kept, and whether the key came from the evidence.
    let mut kept: HashMap<String, String> = HashMap::new();
    let mut exact: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for c in claimed {
        kept.insert(area_key(c.name), c.name.to_owned());
        exact.insert(c.name);
        for a in c.aliases {
            kept.entry(area_key(a)).or_insert_with(|| c.name.to_owned());
            exact.insert(a);
        }
    }
    for table in tables.iter_mut() {
        let mut said: Vec<(String, u32)> = Vec::new();
        let mut renames: HashMap<String, String> = HashMap::new();
        for m in &table.measures {
            let name = table.area_name(m);
            if renames.contains_key(name) {
                continue;
            }
            let to = kept
                .entry(area_key(name))
                .or_insert_with(|| name.to_owned())
                .clone();
            // Case, width and spacing alone are no difference worth a word.
            if same_name_key(&to) != same_name_key(name) && !exact.contains(name) {
                said.push((name.to_owned(), m.row));
            }
            renames.insert(name.to_owned(), to);
        }
        for (name, row) in said {
            let to = &renames[&name];
            table.findings.push(Finding::new(
                FindingCode::NameMatched,
                format!(
                    "service area `{}` is read as `{}`: names that differ only in case, punctuation, `&` and `and`, `Dept.` or a leading `Department of` are one area (an alias in the evidence says any other name)",
                    crate::diagnostic::printable(&name),
                    crate::diagnostic::printable(to)
                ),
                Some(row),
            ));
        }
        rename(table, |name| {
            renames.get(name).filter(|to| to.as_str() != name).cloned()
        });
        table.merge_same_measures();
    }
}

/// Points each measure whose area `to` renames at the new name, each new name stored once.
fn rename(table: &mut Table, to: impl Fn(&str) -> Option<String>) {
    let mut interned: HashMap<String, u32> = HashMap::new();
    for i in 0..table.measures.len() {
        let Some(new) = to(table.area_name(&table.measures[i])) else {
            continue;
        };
        let index = match interned.get(&new) {
            Some(&index) => index,
            None => {
                let index = table
                    .strings
                    .iter()
                    .position(|s| *s == new)
                    .unwrap_or_else(|| {
                        table.strings.push(new.clone());
                        table.strings.len() - 1
                    });
                let index = u32::try_from(index).expect("a table's strings fit in u32");
                interned.insert(new, index);
                index
            }
        };
        table.measures[i].area = index;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measures::read::{Layout, MeasureInfo, RowCounts};

    fn table(areas: &[&str]) -> Table {
        let mut strings: Vec<String> = Vec::new();
        let measures = areas
            .iter()
            .enumerate()
            .map(|(i, a)| {
                strings.push((*a).to_owned());
                strings.push(format!("Measure {i}"));
                MeasureInfo {
                    area: u32::try_from(2 * i).unwrap(),
                    program: None,
                    name: u32::try_from(2 * i + 1).unwrap(),
                    kind: None,
                    other_kinds: Vec::new(),
                    unit: None,
                    owner: None,
                    direction: None,
                    source: None,
                    row: u32::try_from(i + 2).unwrap(),
                }
            })
            .collect();
        Table {
            file: "kpis.csv".into(),
            sheet: None,
            layout: Layout::Long,
            fiscal_year_start: 1,
            mapping: Vec::new(),
            unread: Vec::new(),
            notes: Vec::new(),
            strings,
            measures,
            observations: Vec::new(),
            rows: RowCounts::default(),
            skipped: Vec::new(),
            findings: Vec::new(),
        }
    }

    fn areas(t: &Table) -> Vec<&str> {
        t.measures.iter().map(|m| t.area_name(m)).collect()
    }

    #[test]
    fn the_evidence_name_is_kept_and_a_loose_match_is_said_once() {
        let mut tables = [table(&[
            "Fire & Rescue",
            "FIRE AND RESCUE",
            "Fire & Rescue",
            "Police",
            "Fire Rescue",
        ])];
        unify(
            &mut tables,
            &[Claimed {
                name: "Fire and Rescue",
                aliases: &[],
            }],
        );
        assert_eq!(
            areas(&tables[0]),
            [
                "Fire and Rescue",
                "Fire and Rescue",
                "Fire and Rescue",
                "Police",
                "Fire Rescue"
            ]
        );
        // Said once per name, at its first row; a difference of case alone is not said.
        let said: Vec<&Finding> = tables[0].findings.iter().collect();
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(
            said[0]
                .message
                .starts_with("service area `Fire & Rescue` is read as `Fire and Rescue`")
        );
        assert_eq!(said[0].row, Some(2));
    }

    #[test]
    fn an_alias_matches_without_a_word_and_loosely_with_one() {
        let mut tables = [table(&["Parks & Rec", "PARKS & REC.", "Parks"])];
        unify(
            &mut tables,
            &[Claimed {
                name: "Parks and Recreation",
                aliases: &["Parks & Rec"],
            }],
        );
        assert_eq!(
            areas(&tables[0]),
            ["Parks and Recreation", "Parks and Recreation", "Parks"]
        );
        assert_eq!(tables[0].findings.len(), 1);
        assert!(tables[0].findings[0].message.contains("`PARKS & REC.`"));
    }

    #[test]
    fn without_evidence_the_first_files_spelling_is_kept_across_files() {
        let mut tables = [
            table(&["Fire & Rescue"]),
            table(&["Fire and Rescue", "Dept. of Finance"]),
        ];
        unify(&mut tables, &[]);
        assert_eq!(areas(&tables[0]), ["Fire & Rescue"]);
        assert_eq!(areas(&tables[1]), ["Fire & Rescue", "Dept. of Finance"]);
        assert!(tables[0].findings.is_empty());
        assert_eq!(tables[1].findings.len(), 1);
    }

    #[test]
    fn a_map_renames_the_files_names() {
        let mut t = table(&["PRCS", "prcs", "Police"]);
        rename_areas(&mut t, &[("PRCS", "Parks and Recreation")]);
        assert_eq!(
            areas(&t),
            ["Parks and Recreation", "Parks and Recreation", "Police"]
        );
        assert!(t.findings.is_empty(), "the evidence's own word is not said");
        // The new name is stored once.
        assert_eq!(
            t.strings
                .iter()
                .filter(|s| *s == "Parks and Recreation")
                .count(),
            1
        );
    }
}
