//! The cells of one worksheet part (`xl/worksheets/sheet1.xml`), read as the part
//! inflates: only the cells that hold a value are kept, each with its row, column, value
//! and what its style shows, so a lone cell far down or far right costs nothing and work
//! grows with what the part really holds.

use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::NaiveDate;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use rayon::prelude::*;

use super::styles::Styles;
use super::xml;
use crate::measures::numfmt::Shown;
use crate::measures::period;
use crate::measures::source::column_name;

/// A cell's value, its text kept in the sheet's buffer or the shared strings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    Number(f64),
    /// An index into the workbook's shared strings.
    Shared(u32),
    /// Text of the cell itself (an inline string, a formula's text result, an error
    /// value such as `#N/A`, or a number that is not one), at `start..end` of
    /// [`Cells::own`].
    Own(u32, u32),
    Bool(bool),
    Date(NaiveDate),
}

/// One cell that holds a value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RawCell {
    /// 0-based, as the rest of the reading counts them.
    pub row: u32,
    pub column: u32,
    pub shown: Shown,
    pub value: Value,
}

/// The cells of a sheet that hold a value, in row then column order.
#[derive(Debug, Default)]
pub struct Cells {
    pub cells: Vec<RawCell>,
    /// The text of [`Value::Own`] cells.
    pub own: String,
    /// The leftmost column holding a value.
    pub first_column: u32,
}

/// The bounds a sheet is read within.
pub struct Limits {
    pub max_columns: u32,
    pub max_cells: usize,
    /// How many shared strings the workbook has: a cell naming one past them is an error.
    pub strings: usize,
    /// The workbook counts its dates from 1904-01-01 (`date1904`), not 1899-12-30.
    pub date1904: bool,
}

/// What the cell being read has said so far.
#[derive(Default)]
struct Open {
    row: u32,
    column: u32,
    style: usize,
    kind: Kind,
    in_value: bool,
    in_inline: bool,
    in_text: bool,
    phonetic: usize,
}

#[derive(Default, Clone, Copy, PartialEq)]
enum Kind {
    #[default]
    Number,
    Shared,
    Text,
    Bool,
    Error,
    Date,
}

/// Parts smaller than this are read in one piece: splitting them gains nothing.
const MIN_PIECE_BYTES: usize = 4 << 20;

/// Reads a worksheet part's XML. A large part is cut between its rows into pieces read
/// at once on the machine's cores (each piece a run of whole `<row>` elements, so no
/// piece depends on another), then joined in order. An error says what is wrong with the
/// part, naming the cell where there is one.
pub fn read(xml: &str, styles: &Styles, limits: &Limits) -> Result<Cells, String> {
    let count = AtomicUsize::new(0);
    let pieces = pieces(xml, rayon::current_num_threads());
    if pieces.len() > 1 {
        let read: Vec<Result<Cells, Stop>> = pieces
            .par_iter()
            .enumerate()
            .map(|(i, &(start, end))| {
                read_piece(&xml[start..end], start, i > 0, styles, limits, &count)
            })
            .collect();
        if read.iter().all(|r| !matches!(r, Err(Stop::Unordered))) {
            let mut out = Cells {
                first_column: u32::MAX,
                ..Cells::default()
            };
            for piece in read {
                let piece = piece.map_err(Stop::message)?;
                join(&mut out, piece);
            }
            return Ok(finish_cells(out));
        }
        count.store(0, Ordering::Relaxed);
    }
    read_in_one_counting(xml, styles, limits, &count)
}

/// Reads a worksheet part's XML in one piece.
pub(super) fn read_in_one_counting(
    xml: &str,
    styles: &Styles,
    limits: &Limits,
    count: &AtomicUsize,
) -> Result<Cells, String> {
    read_piece(xml, 0, false, styles, limits, count)
        .map(finish_cells)
        .map_err(Stop::message)
}

/// Where to cut `xml` into about `n` pieces of whole rows: the byte ranges, each from
/// the start of a `<row` to the start of the next piece's, the first from the start and
/// the last to the end. One piece when the part is small, or holds what could hide a
/// `<row` that is not one (comments, CDATA, processing instructions past the prolog).
pub(super) fn pieces(xml: &str, n: usize) -> Vec<(usize, usize)> {
    let whole = vec![(0, xml.len())];
    if n < 2 || xml.len() < 2 * MIN_PIECE_BYTES {
        return whole;
    }
    let Some(data) = xml.find("<sheetData") else {
        return whole;
    };
    let body = &xml[data..];
    if body.contains("<!--") || body.contains("<![CDATA[") || body.contains("<?") {
        return whole;
    }
    let n = n.min(xml.len() / MIN_PIECE_BYTES);
    let mut cuts = vec![0];
    for k in 1..n {
        let target = (xml.len() * k / n).max(data);
        let Some(found) = xml[target..].find("<row") else {
            break;
        };
        let at = target + found;
        let next = xml.as_bytes().get(at + 4).copied();
        if !matches!(next, Some(b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/')) {
            // `<rowBreaks` or the like: no cut here.
            continue;
        }
        if at > *cuts.last().unwrap_or(&0) {
            cuts.push(at);
        }
    }
    // The last piece ends where the rows do, so that each later piece holds whole
    // elements only.
    let Some(end) = xml
        .rfind("</sheetData")
        .filter(|e| e > cuts.last().unwrap_or(&0))
    else {
        return whole;
    };
    cuts.push(end);
    cuts.windows(2).map(|w| (w[0], w[1])).collect()
}

/// Why a piece stopped.
enum Stop {
    /// The part is wrong; the message says how.
    Wrong(String),
    /// A later piece has a row without its number, which only the pieces before it can
    /// give: the part is read again in one piece.
    Unordered,
}

impl Stop {
    fn message(self) -> String {
        match self {
            Stop::Wrong(m) => m,
            Stop::Unordered => unreachable!("a piece read alone has every row it needs"),
        }
    }
}

impl From<String> for Stop {
    fn from(m: String) -> Stop {
        Stop::Wrong(m)
    }
}

/// Appends a later piece's cells to `out`.
fn join(out: &mut Cells, piece: Cells) {
    let shift = out.own.len() as u32;
    out.own.push_str(&piece.own);
    out.first_column = out.first_column.min(piece.first_column);
    out.cells.extend(piece.cells.into_iter().map(|mut c| {
        if let Value::Own(start, end) = c.value {
            c.value = Value::Own(start + shift, end + shift);
        }
        c
    }));
}

/// Cells in row then column order, the later of two cells at one place last.
fn finish_cells(mut out: Cells) -> Cells {
    if !out
        .cells
        .is_sorted_by(|a, b| (a.row, a.column) < (b.row, b.column))
    {
        out.cells.sort_by_key(|c| (c.row, c.column));
    }
    if out.cells.is_empty() {
        out.first_column = 0;
    }
    out
}

/// Reads one piece of a worksheet part starting at byte `base` of it; `later` when
/// pieces come before it.
fn read_piece(
    xml: &str,
    base: usize,
    later: bool,
    styles: &Styles,
    limits: &Limits,
    count: &AtomicUsize,
) -> Result<Cells, Stop> {
    let mut reader = Reader::from_str(xml);
    let mut out = Cells {
        first_column: u32::MAX,
        ..Cells::default()
    };
    let mut open: Option<Open> = None;
    // The text of the open cell, kept between cells so that it is allocated once.
    let mut text = String::new();
    // Where the next cell without a reference is: the row of the open `<row>` and the
    // column after the last cell.
    let (mut row, mut next_column) = (0u32, 0u32);
    let mut rows_seen = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| xml::ill_formed(base as u64 + reader.error_position(), &e))?;
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                "c" => {
                    let cell = start_cell(&e, row, next_column)?;
                    next_column = cell.column.saturating_add(1);
                    text.clear();
                    open = Some(cell);
                }
                "v" => {
                    if let Some(c) = open.as_mut() {
                        c.in_value = true;
                    }
                }
                "is" => {
                    if let Some(c) = open.as_mut() {
                        c.in_inline = true;
                    }
                }
                "t" => {
                    if let Some(c) = open.as_mut() {
                        c.in_text = c.in_inline && c.phonetic == 0;
                    }
                }
                "rPh" => {
                    if let Some(c) = open.as_mut() {
                        c.phonetic += 1;
                    }
                }
                "row" => (row, next_column) = start_row(&e, row, &mut rows_seen, later)?,
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                // A cell with no value (a style alone): nothing to keep.
                "c" => next_column = start_cell(&e, row, next_column)?.column.saturating_add(1),
                "row" => (row, next_column) = start_row(&e, row, &mut rows_seen, later)?,
                _ => {}
            },
            Event::Text(t) if reading(&open) => text.push_str(&t),
            Event::CData(t) if reading(&open) => text.push_str(&t),
            Event::GeneralRef(r) if reading(&open) => xml::push_ref(&mut text, &r),
            Event::End(e) => match e.local_name().as_ref() {
                "c" => {
                    if let Some(cell) = open.take()
                        && let Some(raw) = finish(cell, &text, styles, limits, &mut out.own)?
                    {
                        keep(&mut out, raw, limits, count)?;
                    }
                }
                "v" => {
                    if let Some(c) = open.as_mut() {
                        c.in_value = false;
                    }
                }
                "t" => {
                    if let Some(c) = open.as_mut() {
                        c.in_text = false;
                    }
                }
                "is" => {
                    if let Some(c) = open.as_mut() {
                        c.in_inline = false;
                    }
                }
                "rPh" => {
                    if let Some(c) = open.as_mut() {
                        c.phonetic = c.phonetic.saturating_sub(1);
                    }
                }
                "row" => row = row.saturating_add(1),
                "sheetData" => break,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// Whether the text being read is the open cell's value.
fn reading(open: &Option<Open>) -> bool {
    open.as_ref().is_some_and(|c| c.in_value || c.in_text)
}

/// The row a `<row>` element opens (its `r`, 1-based, or the one after the last), and
/// the first column of its cells.
fn start_row(
    e: &BytesStart<'_>,
    last: u32,
    seen: &mut bool,
    later: bool,
) -> Result<(u32, u32), Stop> {
    let first = !*seen;
    let next = if *seen { last } else { 0 };
    *seen = true;
    match xml::attr_raw(e, "r") {
        Some(r) => match r.trim().parse::<u32>().ok() {
            Some(n @ 1..=MAX_ROW) => Ok((n - 1, 0)),
            _ => Err(Stop::Wrong(format!(
                "has a row numbered `{}`; rows are numbered 1 to {MAX_ROW}",
                crate::diagnostic::printable(&r)
            ))),
        },
        None if later && first => Err(Stop::Unordered),
        None => Ok((next, 0)),
    }
}

/// The last row a worksheet can have.
const MAX_ROW: u32 = 1_048_576;

fn start_cell(e: &BytesStart<'_>, row: u32, next_column: u32) -> Result<Open, String> {
    let mut cell = Open {
        row,
        column: next_column,
        ..Open::default()
    };
    let mut attrs = e.attributes();
    attrs.with_checks(false);
    for a in attrs.flatten() {
        match a.key.local_name().as_ref() {
            "r" => (cell.row, cell.column) = reference(a.value.as_bytes())?,
            "s" => {
                cell.style = a.value.trim().parse().unwrap_or(0);
            }
            "t" => {
                cell.kind = match a.value.as_ref() {
                    "s" => Kind::Shared,
                    "str" | "inlineStr" => Kind::Text,
                    "b" => Kind::Bool,
                    "e" => Kind::Error,
                    "d" => Kind::Date,
                    _ => Kind::Number,
                }
            }
            _ => {}
        }
    }
    Ok(cell)
}

/// `B17` as its 0-based row and column.
fn reference(r: &[u8]) -> Result<(u32, u32), String> {
    let bad = || {
        format!(
            "has a cell reference `{}` that names no cell (a cell is a column A to XFD and a row 1 to {MAX_ROW})",
            crate::diagnostic::printable(&String::from_utf8_lossy(r))
        )
    };
    let letters = r.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    if letters == 0 || letters > 3 || letters == r.len() {
        return Err(bad());
    }
    let mut column = 0u32;
    for b in &r[..letters] {
        column = column * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1);
    }
    let mut row = 0u32;
    for b in &r[letters..] {
        if !b.is_ascii_digit() {
            return Err(bad());
        }
        row = row.saturating_mul(10).saturating_add(u32::from(b - b'0'));
    }
    if row == 0 || row > MAX_ROW || column > 16_384 {
        return Err(bad());
    }
    Ok((row - 1, column - 1))
}

/// The cell as kept, `None` when it holds no value.
fn finish(
    cell: Open,
    text: &str,
    styles: &Styles,
    limits: &Limits,
    own: &mut String,
) -> Result<Option<RawCell>, String> {
    let mut shown = styles.shown(cell.style);
    let mut text_value = |text: &str| {
        let start = own.len() as u32;
        own.push_str(text);
        Value::Own(start, own.len() as u32)
    };
    let value = match cell.kind {
        _ if text.is_empty() => return Ok(None),
        Kind::Shared => {
            let index = text
                .trim()
                .parse::<usize>()
                .ok()
                .filter(|i| *i < limits.strings)
                .ok_or_else(|| {
                    format!(
                        "has cell {}{} naming shared string `{}`, but the workbook has {} shared strings: the file is damaged; open and save it again in Excel or LibreOffice",
                        column_name(cell.column),
                        cell.row + 1,
                        crate::diagnostic::printable(text),
                        limits.strings
                    )
                })?;
            Value::Shared(index as u32)
        }
        Kind::Text | Kind::Error => text_value(&xml::unescape_excel(text)),
        Kind::Bool => Value::Bool(matches!(text.trim(), "1" | "true")),
        Kind::Date => match NaiveDate::parse_from_str(text.get(..10).unwrap_or(text), "%Y-%m-%d") {
            Ok(d) => Value::Date(d),
            Err(_) => text_value(text),
        },
        Kind::Number => match text.trim().parse::<f64>() {
            Ok(n) if n.is_finite() => {
                let serial = if limits.date1904 { n + 1462.0 } else { n };
                match shown {
                    Shown::Date => match period::from_excel_serial(serial) {
                        Some(d) => Value::Date(d),
                        None => Value::Number(n),
                    },
                    _ => Value::Number(n),
                }
            }
            // Not a number (or one too large to be one): the text as written, for the
            // reading to say what is wrong with it.
            _ => text_value(text),
        },
    };
    if !matches!(value, Value::Number(_)) {
        shown = Shown::Plain;
    }
    Ok(Some(RawCell {
        row: cell.row,
        column: cell.column,
        shown,
        value,
    }))
}

fn keep(out: &mut Cells, raw: RawCell, limits: &Limits, count: &AtomicUsize) -> Result<(), String> {
    if raw.column >= limits.max_columns {
        return Err(format!(
            "has a cell in column {} (cell {}{}); pmcheck reads measures sheets up to {} columns wide: delete what lies beyond the data, or export the data as CSV",
            column_name(raw.column),
            column_name(raw.column),
            raw.row + 1,
            limits.max_columns
        ));
    }
    if count.fetch_add(1, Ordering::Relaxed) >= limits.max_cells {
        return Err(format!(
            "holds more than {} cells; split the workbook, or export the sheet as CSV",
            limits.max_cells
        ));
    }
    out.first_column = out.first_column.min(raw.column);
    out.cells.push(raw);
    Ok(())
}
