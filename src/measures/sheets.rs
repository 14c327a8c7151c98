//! Which sheets of a measures file are read: a CSV file is one table; a workbook is a
//! table per sheet, the sheets named, or every sheet whose header row maps (the others
//! skipped with a `sheet-skipped` finding).

use std::path::Path;

use super::MeasuresError;
use super::inventory::{Finding, FindingCode};
use super::read::{Options, SheetError, Table, read_planned, read_sheet};
use super::source;

/// Reads one measures file with `options`: a CSV file is one table; a workbook is a
/// table per sheet (the sheets named, or every sheet whose header row maps, the others
/// skipped with a `sheet-skipped` finding carried by the first table read).
pub fn read_file(path: &Path, options: &Options) -> Result<Vec<Table>, MeasuresError> {
    let format = source::Format::of(path);
    if !options.sheets.is_empty() && format == Some(source::Format::Csv) {
        return Err(MeasuresError::file(
            path,
            "is a CSV file, which has no sheets; leave out the sheet (it names a sheet of a workbook)",
        ));
    }
    if format != Some(source::Format::Workbook) || path.is_dir() {
        let sheet = source::read(path, None)?;
        return Ok(vec![read_sheet(path, sheet, options)?]);
    }
    let names = source::sheet_names(path)?;
    if options.sheets.is_empty() {
        every_sheet(path, &names, options)
    } else {
        named_sheets(path, &names, options)
    }
}

/// The sheets `options` names, each of which must exist, hold data and map.
fn named_sheets(
    path: &Path,
    names: &[String],
    options: &Options,
) -> Result<Vec<Table>, MeasuresError> {
    let mut chosen: Vec<String> = Vec::new();
    for want in &options.sheets {
        let name = source::find_sheet(path, names, want)?;
        if !chosen.contains(&name) {
            chosen.push(name);
        }
    }
    let mut tables = Vec::new();
    source::for_each_sheet(path, Some(&chosen), |name, found| {
        let sheet = match found {
            source::Found::Cells(sheet) => sheet,
            source::Found::Empty => {
                return Err(MeasuresError::file(
                    path,
                    format!("sheet `{}` is empty", crate::diagnostic::printable(name)),
                ));
            }
            source::Found::NotAWorksheet => {
                return Err(MeasuresError::file(
                    path,
                    format!(
                        "sheet `{}` is a chart sheet, with no cells to read; its sheets: {}",
                        crate::diagnostic::printable(name),
                        source::sheet_list(names)
                    ),
                ));
            }
        };
        match read_planned(path, sheet, options) {
            Ok(table) => tables.push(table),
            Err(SheetError::Failed(e)) => return Err(e),
            Err(SheetError::Refused(r)) => return Err(in_sheet(*r.error, name, names)),
        }
        Ok(())
    })?;
    Ok(tables)
}

/// Every sheet of a workbook: a table for each whose header row maps, a `sheet-skipped`
/// finding for each other; an error when none maps.
fn every_sheet(
    path: &Path,
    names: &[String],
    options: &Options,
) -> Result<Vec<Table>, MeasuresError> {
    let mut tables: Vec<Table> = Vec::new();
    // Sheets passed over: name, why, and the error had it been named.
    let mut skipped: Vec<(String, String, Option<MeasuresError>)> = Vec::new();
    source::for_each_sheet(path, None, |name, found| {
        match found {
            source::Found::Cells(sheet) => match read_planned(path, sheet, options) {
                Ok(table) => tables.push(table),
                Err(SheetError::Failed(e)) => return Err(e),
                Err(SheetError::Refused(r)) => {
                    skipped.push((name.to_owned(), r.reason, Some(*r.error)));
                }
            },
            source::Found::Empty => skipped.push((name.to_owned(), "it is empty".into(), None)),
            source::Found::NotAWorksheet => skipped.push((
                name.to_owned(),
                "it is a chart sheet, with no cells to read".into(),
                None,
            )),
        }
        Ok(())
    })?;
    let Some(first) = tables.first_mut() else {
        return Err(nothing_mapped(path, names, skipped));
    };
    for (name, why, _) in skipped {
        first.findings.push(Finding::on_sheet(
            FindingCode::SheetSkipped,
            format!(
                "sheet `{}` was not read: {}; name the sheets to read with --sheet (or `sheets:` in the evidence file)",
                crate::diagnostic::printable(&name),
                crate::diagnostic::printable(&why)
            ),
            &name,
        ));
    }
    Ok(tables)
}

/// The error of a workbook none of whose sheets maps: the one sheet's own error when
/// only one sheet holds cells, else each sheet with why it was passed over.
fn nothing_mapped(
    path: &Path,
    names: &[String],
    mut skipped: Vec<(String, String, Option<MeasuresError>)>,
) -> MeasuresError {
    let with_cells = skipped.iter().filter(|s| s.2.is_some()).count();
    if with_cells == 0 {
        return MeasuresError::file(path, "has no sheet with data");
    }
    if with_cells == 1
        && let Some((name, _, Some(error))) = skipped
            .iter_mut()
            .find(|s| s.2.is_some())
            .map(|(n, w, e)| (std::mem::take(n), std::mem::take(w), e.take()))
    {
        return if names.len() == 1 {
            error
        } else {
            in_sheet(error, &name, names)
        };
    }
    let tried: Vec<String> = skipped
        .iter()
        .map(|(name, why, _)| {
            format!(
                "`{}`: {}",
                crate::diagnostic::printable(name),
                crate::diagnostic::printable(why)
            )
        })
        .collect();
    MeasuresError::file(
        path,
        format!(
            "has no sheet with a header row pmcheck recognises ({}); name the sheet with --sheet NAME and its columns with --column ROLE=HEADER",
            tried.join("; ")
        ),
    )
}

/// A file error about one sheet of a workbook, naming the sheet and the workbook's
/// sheets.
fn in_sheet(error: MeasuresError, name: &str, names: &[String]) -> MeasuresError {
    let MeasuresError::File(mut p) = error;
    let sep = if p.message.starts_with("has ") {
        " "
    } else {
        ": "
    };
    p.message = format!(
        "sheet `{}`{sep}{} (the workbook's sheets: {})",
        crate::diagnostic::printable(name),
        p.message,
        source::sheet_list(names)
    );
    MeasuresError::File(p)
}
