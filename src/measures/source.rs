//! The cells of one sheet: a CSV file (its delimiter detected), or one sheet of an
//! Excel or OpenDocument workbook read by calamine. Rows come out in order with their
//! spreadsheet row numbers, so every later message can name the cell (`B17`).

use std::path::Path;

use std::borrow::Cow;

use std::sync::Arc;

use calamine::Reader;
use chrono::NaiveDate;

use super::numfmt::Shown;
use super::period;
use super::xlsx;
use super::{MAX_MEASURES_BYTES, MeasuresError};
use crate::diagnostic;

/// One cell as read, borrowed from the file's record or the workbook's range; text is
/// trimmed once, when the cell is read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    Empty,
    Text(&'a str),
    Number(f64),
    /// A number whose cell format shows it with a unit: `%` (0.37 formatted `0%` is 37
    /// here), `$`, `€` or `£`.
    Unit(f64, &'static str),
    Date(NaiveDate),
}

impl<'a> Cell<'a> {
    /// The cell as text, for messages and for columns read as text.
    pub fn text(&self) -> Cow<'a, str> {
        match *self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(t) => Cow::Borrowed(t.trim()),
            Cell::Number(n) => Cow::Owned(format_number(n)),
            Cell::Unit(n, "%") => Cow::Owned(format!("{}%", format_number(n))),
            Cell::Unit(n, sign) => Cow::Owned(format!("{sign}{}", format_number(n))),
            Cell::Date(d) => Cow::Owned(d.format("%Y-%m-%d").to_string()),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    pub fn keep(self) -> OwnedCell {
        match self {
            Cell::Empty => OwnedCell::Empty,
            Cell::Text(t) => OwnedCell::Text(t.to_owned()),
            Cell::Number(n) => OwnedCell::Number(n),
            Cell::Unit(n, u) => OwnedCell::Unit(n, u),
            Cell::Date(d) => OwnedCell::Date(d),
        }
    }
}

/// A cell kept beyond its row: the first rows, read to decide the header and roles.
#[derive(Debug, Clone, PartialEq)]
pub enum OwnedCell {
    Empty,
    Text(String),
    Number(f64),
    Unit(f64, &'static str),
    Date(NaiveDate),
}

impl OwnedCell {
    pub fn cell(&self) -> Cell<'_> {
        match self {
            OwnedCell::Empty => Cell::Empty,
            OwnedCell::Text(t) => Cell::Text(t),
            OwnedCell::Number(n) => Cell::Number(*n),
            OwnedCell::Unit(n, u) => Cell::Unit(*n, u),
            OwnedCell::Date(d) => Cell::Date(*d),
        }
    }
}

/// A number as a person would write it: `2021`, not `2021.0`.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// The kind of file, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Workbook,
}

impl Format {
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" | "tsv" | "txt" => Some(Format::Csv),
            "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => Some(Format::Workbook),
            _ => None,
        }
    }
}

/// One sheet: a CSV file's text, or a workbook sheet's range. Rows are visited in
/// order with their 1-based row numbers ([`Sheet::for_each_row`]), never all copied at
/// once, so memory stays near the size of the file.
pub struct Sheet {
    /// The sheet's name in a workbook; `None` for CSV.
    pub name: Option<String>,
    /// The 0-based column of each row's first cell.
    pub first_column: u32,
    data: Data,
}

enum Data {
    Csv {
        text: String,
        delimiter: u8,
    },
    Range {
        range: calamine::Range<calamine::Data>,
        first_row: u32,
    },
    /// An XLSX sheet read by pmcheck's own reader: only the cells that hold a value, in
    /// row order, so a lone cell far down or far right costs nothing.
    Xlsx {
        cells: xlsx::Cells,
        strings: Arc<xlsx::Strings>,
    },
}

/// The most columns a measures sheet may use (a wide layout with twenty years of
/// monthly actuals and targets needs about 500).
pub const MAX_COLUMNS: u32 = 2_000;
/// The most cells a measures sheet may hold (a large city's ten years of monthly
/// measures is about 1.7 million).
pub const MAX_CELLS: usize = 10_000_000;

impl Sheet {
    /// The first `n` rows, kept (to decide the header row and the roles).
    pub fn head(&self, path: &Path, n: usize) -> Result<Vec<(u32, Vec<OwnedCell>)>, MeasuresError> {
        let mut out = Vec::new();
        self.for_each_row(path, 0, |row, cells| {
            out.push((row, cells.iter().map(|c| c.keep()).collect()));
            out.len() < n
        })?;
        Ok(out)
    }

    /// Calls `f` with each row from the `skip`-th on, until it returns false.
    pub fn for_each_row(
        &self,
        path: &Path,
        skip: usize,
        mut f: impl FnMut(u32, &[Cell<'_>]) -> bool,
    ) -> Result<(), MeasuresError> {
        match &self.data {
            Data::Csv { text, delimiter } => {
                let mut reader = csv::ReaderBuilder::new()
                    .has_headers(false)
                    .flexible(true)
                    .delimiter(*delimiter)
                    .from_reader(text.as_bytes());
                let mut record = csv::StringRecord::new();
                let mut index = 0usize;
                // Row numbers counted from the text itself: the reader's own line count
                // is one short on CRLF line ends (what Excel on Windows saves).
                let bytes = text.as_bytes();
                let (mut counted_to, mut line) = (0usize, 1u32);
                loop {
                    match reader.read_record(&mut record) {
                        Ok(false) => return Ok(()),
                        Ok(true) => {}
                        Err(e) => {
                            return Err(MeasuresError::file(
                                path,
                                format!(
                                    "is not readable as CSV ({e}); check the quoting on that line"
                                ),
                            ));
                        }
                    }
                    index += 1;
                    if index <= skip {
                        continue;
                    }
                    let mut start = record.position().map_or(0, |p| p.byte() as usize);
                    // A record that starts on the `\n` of a CRLF starts on the next line.
                    while matches!(bytes.get(start), Some(b'\r' | b'\n')) {
                        start += 1;
                    }
                    let start = start.min(bytes.len()).max(counted_to);
                    line += bytes[counted_to..start]
                        .iter()
                        .filter(|&&b| b == b'\n')
                        .count() as u32;
                    counted_to = start;
                    let cells: Vec<Cell<'_>> = record
                        .iter()
                        .map(|c| {
                            let t = c.trim();
                            if t.is_empty() {
                                Cell::Empty
                            } else {
                                Cell::Text(t)
                            }
                        })
                        .collect();
                    if !f(line, &cells) {
                        return Ok(());
                    }
                }
            }
            Data::Range { range, first_row } => {
                for (i, row) in range.rows().enumerate().skip(skip) {
                    let cells: Vec<Cell<'_>> = row.iter().map(cell).collect();
                    if !f(first_row + i as u32 + 1, &cells) {
                        break;
                    }
                }
                Ok(())
            }
            Data::Xlsx { cells, strings } => {
                let mut row_cells: Vec<Cell<'_>> = Vec::new();
                let mut seen = 0usize;
                for run in cells.cells.chunk_by(|a, b| a.row == b.row) {
                    seen += 1;
                    if seen <= skip {
                        continue;
                    }
                    let width = run
                        .last()
                        .map_or(0, |c| (c.column - self.first_column + 1) as usize);
                    row_cells.clear();
                    row_cells.resize(width, Cell::Empty);
                    for c in run {
                        row_cells[(c.column - self.first_column) as usize] =
                            xlsx_cell(c, &cells.own, strings);
                    }
                    if !f(run[0].row + 1, &row_cells) {
                        break;
                    }
                }
                Ok(())
            }
        }
    }
}

/// A cell of pmcheck's XLSX reader as the reading sees it: text trimmed, a number as its
/// format shows it.
fn xlsx_cell<'a>(c: &xlsx::RawCell, own: &'a str, strings: &'a xlsx::Strings) -> Cell<'a> {
    let text = |t: &'a str| match t.trim() {
        "" => Cell::Empty,
        t => Cell::Text(t),
    };
    match c.value {
        xlsx::Value::Number(n) => number_as_shown(n, c.shown),
        xlsx::Value::Shared(i) => text(strings.get(i as usize).unwrap_or("")),
        xlsx::Value::Own(start, end) => text(&own[start as usize..end as usize]),
        xlsx::Value::Bool(true) => Cell::Text("true"),
        xlsx::Value::Bool(false) => Cell::Text("false"),
        xlsx::Value::Date(d) => Cell::Date(d),
    }
}

/// A number as its cell format shows it: a percent-formatted 0.37 is 37 with `%`, a
/// currency-formatted 1200 is 1200 with its sign.
fn number_as_shown(n: f64, shown: Shown) -> Cell<'static> {
    match shown {
        Shown::Percent => Cell::Unit(super::value::ratio_as_percent(n), "%"),
        Shown::PercentSign => Cell::Unit(n, "%"),
        Shown::Currency(_) => Cell::Unit(n, shown.currency().unwrap_or("$")),
        Shown::Plain | Shown::Date => Cell::Number(n),
    }
}

/// Reads `path` as a measures file: CSV, or a workbook's `sheet` (the first sheet with
/// data when not named).
pub fn read(path: &Path, sheet: Option<&str>) -> Result<Sheet, MeasuresError> {
    if path.is_dir() {
        return Err(MeasuresError::file(
            path,
            "is a directory; give the path of a measures file (.csv, .xlsx, .ods) itself",
        ));
    }
    match Format::of(path) {
        Some(Format::Csv) => read_csv(path),
        Some(Format::Workbook) => read_workbook(path, sheet),
        None => Err(MeasuresError::file(
            path,
            "is not a measures file pmcheck reads; give a .csv (or .tsv) file, or an Excel (.xlsx, .xlsm, .xls) or OpenDocument (.ods) workbook",
        )),
    }
}

/// The delimiter among comma, semicolon and tab that splits the header line most.
fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut in_quotes = false;
    let mut counts = [0usize; 3];
    for c in first.chars() {
        match c {
            '"' => in_quotes = !in_quotes,
            ',' if !in_quotes => counts[0] += 1,
            ';' if !in_quotes => counts[1] += 1,
            '\t' if !in_quotes => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

fn read_csv(path: &Path) -> Result<Sheet, MeasuresError> {
    let text =
        crate::read::text(path, MAX_MEASURES_BYTES, "measures").map_err(MeasuresError::File)?;
    if text.trim().is_empty() {
        return Err(MeasuresError::file(
            path,
            "is empty; export the measures with a header row and one row per measure (and period)",
        ));
    }
    let delimiter = sniff_delimiter(&text);
    Ok(Sheet {
        name: None,
        first_column: 0,
        data: Data::Csv { text, delimiter },
    })
}

/// The names of a workbook's sheets, in order; empty for a CSV file.
pub fn sheet_names(path: &Path) -> Result<Vec<String>, MeasuresError> {
    if Format::of(path) != Some(Format::Workbook) || path.is_dir() {
        return Ok(Vec::new());
    }
    check_file(path)?;
    Ok(Book::open(path)?
        .sheets()
        .into_iter()
        .map(|(n, _)| n)
        .collect())
}

/// An open workbook: XLSX and XLSM read by pmcheck's own reader, the other formats by
/// calamine.
enum Book {
    Xlsx(xlsx::Workbook),
    Other(Box<calamine::Sheets<std::io::BufReader<std::fs::File>>>),
}

impl Book {
    fn open(path: &Path) -> Result<Book, MeasuresError> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        if matches!(ext.as_deref(), Some("xlsx" | "xlsm")) {
            let file = std::fs::File::open(path)
                .map_err(|e| MeasuresError::file(path, format!("cannot be read: {e}")))?;
            return xlsx::Workbook::open(file).map(Book::Xlsx).map_err(|e| {
                MeasuresError::file(
                    path,
                    format!("{e}; save it again as .xlsx or .ods, or export the sheet as CSV"),
                )
            });
        }
        calamine::open_workbook_auto(path).map(|b| Book::Other(Box::new(b))).map_err(|e| {
            MeasuresError::file(
                path,
                format!("is not a readable workbook ({e}); save it again as .xlsx or .ods, or export the sheet as CSV"),
            )
        })
    }

    /// Each sheet's name and whether it is a worksheet (not a chart, dialog or macro
    /// sheet), in the workbook's order.
    fn sheets(&self) -> Vec<(String, bool)> {
        match self {
            Book::Xlsx(book) => book
                .sheets
                .iter()
                .map(|s| (s.name.clone(), s.worksheet))
                .collect(),
            Book::Other(book) => book
                .sheets_metadata()
                .iter()
                .map(|s| (s.name.clone(), s.typ == calamine::SheetType::WorkSheet))
                .collect(),
        }
    }
}

fn check_file(path: &Path) -> Result<(), MeasuresError> {
    let meta = std::fs::metadata(path).map_err(|e| {
        let message = match e.kind() {
            std::io::ErrorKind::NotFound => {
                "no such file; check the path of the measures file".to_owned()
            }
            std::io::ErrorKind::PermissionDenied => {
                "permission denied; check that you may read the measures file".to_owned()
            }
            _ => format!("cannot be read: {e}"),
        };
        MeasuresError::file(path, message)
    })?;
    if !meta.is_file() {
        return Err(MeasuresError::file(
            path,
            "is not a regular file; give the path of the workbook itself",
        ));
    }
    if meta.len() > MAX_MEASURES_BYTES {
        return Err(MeasuresError::file(
            path,
            format!(
                "is {} MiB; pmcheck reads measures files up to {} MiB (split the workbook, or export the sheet as CSV)",
                meta.len() / (1024 * 1024),
                MAX_MEASURES_BYTES / (1024 * 1024)
            ),
        ));
    }
    Ok(())
}

fn read_workbook(path: &Path, sheet: Option<&str>) -> Result<Sheet, MeasuresError> {
    check_file(path)?;
    let mut book = Book::open(path)?;
    let names: Vec<String> = book.sheets().into_iter().map(|(n, _)| n).collect();
    let chosen: Vec<String> = match sheet {
        Some(want) => vec![find_sheet(path, &names, want)?],
        None => names.clone(),
    };
    for name in chosen {
        match sheet_of(path, &mut book, &name)? {
            Some(found) => return Ok(found),
            None if sheet.is_some() => {
                return Err(MeasuresError::file(
                    path,
                    format!("sheet `{}` is empty", diagnostic::printable(&name)),
                ));
            }
            None => continue,
        }
    }
    Err(MeasuresError::file(path, "has no sheet with data"))
}

/// The sheet of `names` that `want` names, whatever its case and surrounding spaces;
/// an error listing the sheets when none is.
pub fn find_sheet(path: &Path, names: &[String], want: &str) -> Result<String, MeasuresError> {
    names
        .iter()
        .find(|n| n.trim().eq_ignore_ascii_case(want.trim()))
        .cloned()
        .ok_or_else(|| {
            MeasuresError::file(
                path,
                format!(
                    "has no sheet `{}`; its sheets: {}",
                    diagnostic::printable(want),
                    sheet_list(names)
                ),
            )
        })
}

/// `` `Notes`, `Data` ``: a workbook's sheets, for messages.
pub fn sheet_list(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("`{}`", diagnostic::printable(n)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What one sheet of a workbook holds, as [`for_each_sheet`] finds it.
pub enum Found {
    Cells(Sheet),
    /// No cell holds a value.
    Empty,
    /// A chart sheet (or a dialog or macro sheet): no cells to read.
    NotAWorksheet,
}

/// Calls `f` with each sheet of the workbook at `path`, in the workbook's order (only
/// those of `only`, exact names, when given), opening the workbook once; stops at the
/// first error `f` returns.
pub fn for_each_sheet(
    path: &Path,
    only: Option<&[String]>,
    mut f: impl FnMut(&str, Found) -> Result<(), MeasuresError>,
) -> Result<(), MeasuresError> {
    check_file(path)?;
    let mut book = Book::open(path)?;
    for (name, worksheet) in book.sheets() {
        if only.is_some_and(|o| !o.contains(&name)) {
            continue;
        }
        let found = if !worksheet {
            Found::NotAWorksheet
        } else {
            match sheet_of(path, &mut book, &name)? {
                Some(sheet) => Found::Cells(sheet),
                None => Found::Empty,
            }
        };
        f(&name, found)?;
    }
    Ok(())
}

/// The sheet `name` of an open workbook; `None` when it is empty.
fn sheet_of(path: &Path, book: &mut Book, name: &str) -> Result<Option<Sheet>, MeasuresError> {
    let shown = diagnostic::printable(name);
    let book = match book {
        Book::Xlsx(book) => {
            let index = book
                .sheets
                .iter()
                .position(|s| s.name == name)
                .ok_or_else(|| MeasuresError::file(path, format!("has no sheet `{shown}`")))?;
            let (cells, strings) = book
                .cells(index, MAX_COLUMNS, MAX_CELLS)
                .map_err(|e| MeasuresError::file(path, format!("sheet `{shown}` {e}")))?;
            if cells.cells.is_empty() {
                return Ok(None);
            }
            return Ok(Some(Sheet {
                name: Some(name.to_owned()),
                first_column: cells.first_column,
                data: Data::Xlsx { cells, strings },
            }));
        }
        Book::Other(book) => book,
    };
    let range = book
        .worksheet_range(name)
        .map_err(|e| MeasuresError::file(path, format!("sheet `{shown}` cannot be read: {e}")))?;
    let Some((first_row, first_column)) = range.start() else {
        return Ok(None);
    };
    Ok(Some(Sheet {
        name: Some(name.to_owned()),
        first_column,
        data: Data::Range { range, first_row },
    }))
}

fn cell(data: &calamine::Data) -> Cell<'_> {
    use calamine::Data as D;
    match data {
        D::Empty => Cell::Empty,
        D::String(s) if s.trim().is_empty() => Cell::Empty,
        D::String(s) => Cell::Text(s.trim()),
        D::Int(i) => Cell::Number(*i as f64),
        D::Float(f) => Cell::Number(*f),
        D::Bool(true) => Cell::Text("true"),
        D::Bool(false) => Cell::Text("false"),
        D::DateTime(dt) => match period::from_excel_serial(dt.as_f64()) {
            Some(d) => Cell::Date(d),
            None => Cell::Number(dt.as_f64()),
        },
        D::DateTimeIso(s) => {
            match NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d") {
                Ok(d) => Cell::Date(d),
                Err(_) => Cell::Text(s),
            }
        }
        D::DurationIso(s) => Cell::Text(s),
        // What the spreadsheet shows: `#N/A` reads as no value, the others are errors
        // naming the cell.
        D::Error(e) => Cell::Text(match e {
            calamine::CellErrorType::Div0 => "#DIV/0!",
            calamine::CellErrorType::NA => "#N/A",
            calamine::CellErrorType::Name => "#NAME?",
            calamine::CellErrorType::Null => "#NULL!",
            calamine::CellErrorType::Num => "#NUM!",
            calamine::CellErrorType::Ref => "#REF!",
            calamine::CellErrorType::Value => "#VALUE!",
            calamine::CellErrorType::GettingData => "#GETTING_DATA",
        }),
    }
}

/// The spreadsheet name of a 0-based column: A, B, ..., Z, AA, AB, ...
pub fn column_name(mut index: u32) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names_run_like_a_spreadsheet() {
        let names: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702]
            .into_iter()
            .map(column_name)
            .collect();
        assert_eq!(names, ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }

    #[test]
    fn the_delimiter_is_the_one_that_splits_the_header() {
        assert_eq!(sniff_delimiter("a,b,c\n1,2,3\n"), b',');
        assert_eq!(sniff_delimiter("a;b;c\n1,5;2;3\n"), b';');
        assert_eq!(sniff_delimiter("a\tb\tc\n"), b'\t');
        // A comma inside quotes does not count.
        assert_eq!(sniff_delimiter("\"a,b\";c\n"), b';');
        assert_eq!(sniff_delimiter("\n\nonly\n"), b',');
    }

    #[test]
    fn numbers_read_as_written() {
        assert_eq!(format_number(2021.0), "2021");
        assert_eq!(format_number(12.5), "12.5");
        assert_eq!(Cell::Text("  x ").text(), "x");
        assert!(Cell::Text("   ").is_empty());
    }
}
