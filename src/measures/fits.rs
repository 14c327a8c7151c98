//! Whether a column holds what its header says: a kind column holds measure kinds, a
//! target column numbers, a row-type column actuals and targets. A header alone is a
//! guess; a sample of the values under it decides.

use super::columns::{kind_of, row_type_of};
use super::source::{Cell, OwnedCell};
use super::value;
use crate::vocab::Role;

/// Why a column whose header names `role` is not read as it: a kind column whose
/// values are not measure kinds, a number column holding text, a row-type column whose
/// values say no actual or target (a `Data Type` of `Number` and `Percent`).
pub(super) fn refuse(
    role: Role,
    header: &str,
    i: usize,
    data: &[&Vec<OwnedCell>],
) -> Option<String> {
    let values: Vec<Cell<'_>> = data
        .iter()
        .filter_map(|row| row.get(i))
        .map(OwnedCell::cell)
        .filter(|c| !c.is_empty())
        .collect();
    if values.is_empty() {
        return None;
    }
    let (fits, what): (fn(&Cell) -> bool, &str) = match role {
        Role::Kind => (|c| kind_of(&c.text()).is_some(), "measure kinds"),
        // An actual column is never refused: its cells are read one by one, and a
        // cell that is not a number is an error naming it.
        Role::Target | Role::Comparison => (
            |c| matches!(c, Cell::Number(_)) || value::parse(&c.text()).is_ok(),
            "numbers",
        ),
        Role::RowType => (
            |c| row_type_of(&c.text()).is_some(),
            "types of value (Actual, Target)",
        ),
        _ => return None,
    };
    let fitting = values.iter().filter(|c| fits(c)).count();
    if fitting * 2 > values.len() {
        return None;
    }
    // Examples of what does not fit (not of what does).
    let mut examples: Vec<String> = values
        .iter()
        .filter(|c| !fits(c))
        .map(|c| c.text().into_owned())
        .collect();
    examples.sort();
    examples.dedup();
    examples.truncate(3);
    let (aside, next) = match role {
        Role::Kind => (
            " (it may describe how a value is computed, such as an average or a sum, rather than input, output, workload, efficiency or outcome)",
            "add a column giving each measure's kind (input, output, workload, efficiency or outcome) and name it with --column kind=HEADER".to_owned(),
        ),
        Role::RowType => (
            " (a row type says whether the row's values are actuals or targets)",
            format!(
                "if it does say so, name it with --column row_type=\"{header}\" to have each cell checked"
            ),
        ),
        _ => (
            "",
            format!(
                "if it does hold numbers, name it with --column {}=\"{header}\" to have each cell checked",
                role.id()
            ),
        ),
    };
    Some(format!(
        "column `{header}` holds {}, not {what}: it is not read as the {}{aside}; {next}",
        examples
            .iter()
            .map(|e| format!("`{}`", crate::diagnostic::printable(e)))
            .collect::<Vec<_>>()
            .join(", "),
        role.id(),
    ))
}
