//! pmcheck's own reader of XLSX and XLSM workbooks, over a zip crate and quick-xml: the
//! workbook's sheets and their parts (`xl/workbook.xml` and its relationships), the
//! shared strings, each style's number format, and a sheet's cells read as its part
//! inflates. Every part is inflated within a limit checked before and while inflating
//! ([`part`]), no count a file declares decides an allocation, and a text shared by many
//! cells is kept once, so the work is bounded by what the file really holds.

mod cells;
mod part;
mod strings;
mod styles;
mod xml;

use std::fs::File;

use quick_xml::Reader;
use quick_xml::events::Event;

pub use cells::{Cells, Limits, RawCell, Value};
pub use part::PartError;
pub use strings::Strings;
use styles::Styles;

/// One sheet as the workbook lists it.
#[derive(Debug, Clone)]
pub struct SheetEntry {
    pub name: String,
    /// A worksheet (not a chart, dialog or macro sheet).
    pub worksheet: bool,
    /// Its part in the zip, when its relationship names one.
    part: Option<String>,
}

/// An open workbook: its sheets listed, its strings and styles read when the first sheet
/// is.
pub struct Workbook {
    zip: part::Zip,
    pub sheets: Vec<SheetEntry>,
    date1904: bool,
    shared: Option<(std::sync::Arc<Strings>, Styles)>,
}

/// Why a workbook or one of its sheets cannot be read: a message that names the part or
/// the cell, for the caller to put after the file's name.
pub type Error = String;

impl Workbook {
    pub fn open(file: File) -> Result<Workbook, Error> {
        let mut zip =
            part::Zip::open(file).map_err(|e| format!("is not a readable workbook ({e})"))?;
        let book_path = office_document(&mut zip)?;
        let text = zip
            .text(&book_path)
            .map_err(|e| format!("has a workbook part `{book_path}` that {e}"))?;
        let rels_path = rels_of(&book_path);
        let rels = if zip.has(&rels_path) {
            relationships(
                &zip.text(&rels_path)
                    .map_err(|e| format!("has a part `{rels_path}` that {e}"))?,
                &book_path,
            )
        } else {
            Vec::new()
        };
        let (sheets, date1904) = sheets(&text, &rels)
            .map_err(|e| format!("has a workbook part `{book_path}` that {e}"))?;
        Ok(Workbook {
            zip,
            sheets,
            date1904,
            shared: None,
        })
    }

    /// The cells of sheet `index` of [`Workbook::sheets`], with the shared strings they
    /// name; bounded by `max_columns` and `max_cells`.
    pub fn cells(
        &mut self,
        index: usize,
        max_columns: u32,
        max_cells: usize,
    ) -> Result<(Cells, std::sync::Arc<Strings>), Error> {
        let entry = self.sheets[index].clone();
        let Some(path) = entry.part.clone() else {
            return Err(
                "is listed in the workbook with no part of its own: the file is damaged; open and save it again in Excel or LibreOffice".to_owned(),
            );
        };
        if self.shared.is_none() {
            let strings = if self.zip.has("xl/sharedStrings.xml") {
                let part = self
                    .zip
                    .part("xl/sharedStrings.xml")
                    .map_err(|e| format!("has shared strings (`xl/sharedStrings.xml`) that {e}"))?;
                Strings::read(part)
                    .map_err(|e| format!("has shared strings (`xl/sharedStrings.xml`) that {e}"))?
            } else {
                Strings::default()
            };
            let styles = if self.zip.has("xl/styles.xml") {
                let part = self
                    .zip
                    .part("xl/styles.xml")
                    .map_err(|e| format!("has styles (`xl/styles.xml`) that {e}"))?;
                Styles::read(part).map_err(|e| format!("has styles (`xl/styles.xml`) that {e}"))?
            } else {
                Styles::default()
            };
            self.shared = Some((std::sync::Arc::new(strings), styles));
        }
        let (strings, styles) = self.shared.as_ref().expect("read above");
        let limits = Limits {
            max_columns,
            max_cells,
            strings: strings.len(),
            date1904: self.date1904,
        };
        let strings = strings.clone();
        let xml = match self.zip.text(&path) {
            Ok(xml) => xml,
            Err(PartError::Missing) => {
                return Err(format!(
                    "has no part `{path}`, which the workbook names for it: the file is damaged; open and save it again in Excel or LibreOffice"
                ));
            }
            Err(e) => return Err(format!("is a part `{path}` that {e}")),
        };
        let cells = cells::read(&xml, styles, &limits)?;
        Ok((cells, strings))
    }
}

/// The workbook part the package's relationships name (`xl/workbook.xml` in every file
/// Excel and LibreOffice write).
fn office_document(zip: &mut part::Zip) -> Result<String, Error> {
    const DEFAULT: &str = "xl/workbook.xml";
    if !zip.has("_rels/.rels") {
        return Ok(DEFAULT.to_owned());
    }
    let text = zip
        .text("_rels/.rels")
        .map_err(|e| format!("has a part `_rels/.rels` that {e}"))?;
    Ok(relationships(&text, "")
        .into_iter()
        .find(|r| r.kind.ends_with("/officeDocument"))
        .map_or_else(|| DEFAULT.to_owned(), |r| r.target))
}

/// `xl/_rels/workbook.xml.rels` for `xl/workbook.xml`.
fn rels_of(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

struct Relationship {
    id: String,
    kind: String,
    /// The target as a part name, resolved against the part the relationships are of.
    target: String,
}

/// The relationships of the part `of`; what cannot be read is left out (a sheet whose
/// relationship is missing is then said to have no part).
fn relationships(text: &str, of: &str) -> Vec<Relationship> {
    let base = of.rsplit_once('/').map_or("", |(dir, _)| dir);
    let mut reader = Reader::from_str(text);
    let mut out = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e))
                if e.local_name().as_ref() == "Relationship" =>
            {
                let (Some(id), Some(target)) = (xml::attr(&e, "Id"), xml::attr(&e, "Target"))
                else {
                    continue;
                };
                let kind = xml::attr(&e, "Type").unwrap_or_default();
                out.push(Relationship {
                    id,
                    kind,
                    target: resolve(base, &target),
                });
            }
            Ok(Event::Eof) | Err(_) => return out,
            Ok(_) => {}
        }
    }
}

/// A relationship's target as a part name: absolute (`/xl/worksheets/sheet1.xml`) or
/// relative to `base` (`worksheets/sheet1.xml`, `../xl/sheet.xml`).
fn resolve(base: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        base.split('/').filter(|p| !p.is_empty()).collect()
    };
    for p in target.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// The sheets `xl/workbook.xml` lists, each with its part, and whether dates count from
/// 1904.
fn sheets(text: &str, rels: &[Relationship]) -> Result<(Vec<SheetEntry>, bool), Error> {
    let mut reader = Reader::from_str(text);
    let mut out = Vec::new();
    let mut date1904 = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                "workbookPr" => {
                    date1904 =
                        xml::attr(&e, "date1904").is_some_and(|v| matches!(v.trim(), "1" | "true"));
                }
                "sheet" => {
                    let name = xml::attr(&e, "name").unwrap_or_default();
                    let rel = xml::attr(&e, "id").and_then(|id| rels.iter().find(|r| r.id == id));
                    let worksheet = rel.is_none_or(|r| r.kind.ends_with("/worksheet"));
                    out.push(SheetEntry {
                        name,
                        worksheet,
                        part: rel.map(|r| r.target.clone()),
                    });
                }
                _ => {}
            },
            Ok(Event::Eof) => return Ok((out, date1904)),
            Ok(_) => {}
            Err(e) => {
                return Err(xml::ill_formed(reader.error_position(), &e));
            }
        }
    }
}

#[cfg(test)]
mod tests;
