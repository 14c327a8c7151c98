//! What each cell style of a workbook (`xl/styles.xml`) shows its number as: the style
//! index of a cell (`s="3"`) is an entry of `<cellXfs>`, whose `numFmtId` is a built-in
//! format or one of the workbook's own `<numFmt>` codes.

use std::io::BufRead;

use quick_xml::Reader;
use quick_xml::events::Event;
use rustc_hash::FxHashMap;

use super::xml;
use crate::measures::numfmt::{self, Shown};

/// The number format of each cell style, by style index.
#[derive(Debug, Default)]
pub struct Styles {
    shown: Vec<Shown>,
}

impl Styles {
    /// What style `index` shows; a style the workbook does not define is shown plain.
    pub fn shown(&self, index: usize) -> Shown {
        self.shown.get(index).copied().unwrap_or(Shown::Plain)
    }

    /// Reads the part; an error is the XML's own, for the caller to locate.
    pub fn read(part: impl BufRead) -> Result<Styles, String> {
        let mut reader = Reader::from_reader(part);
        let mut buf = Vec::new();
        let mut codes: FxHashMap<u32, Shown> = FxHashMap::default();
        // The format id of each cell style, read before the codes may be known.
        let mut ids: Vec<u32> = Vec::new();
        let mut in_cell_xfs = false;
        loop {
            match reader.read_event_into(&mut buf) {
                Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                    "numFmt" => {
                        let id = xml::attr_raw(&e, "numFmtId").and_then(|v| number(&v));
                        if let (Some(id), Some(code)) = (id, xml::attr(&e, "formatCode")) {
                            codes.insert(id, numfmt::shown(&code));
                        }
                    }
                    "cellXfs" => in_cell_xfs = true,
                    "xf" if in_cell_xfs => {
                        let id = xml::attr_raw(&e, "numFmtId").and_then(|v| number(&v));
                        ids.push(id.unwrap_or(0));
                    }
                    _ => {}
                },
                Ok(Event::End(e)) if e.local_name().as_ref() == "cellXfs" => {
                    in_cell_xfs = false;
                }
                Ok(Event::Eof) => break,
                Ok(_) => {}
                Err(e) => {
                    return Err(xml::ill_formed(reader.error_position(), &e));
                }
            }
            buf.clear();
        }
        let shown = ids
            .into_iter()
            .map(|id| {
                codes
                    .get(&id)
                    .copied()
                    .unwrap_or_else(|| numfmt::builtin(id))
            })
            .collect();
        Ok(Styles { shown })
    }
}

fn number(v: &str) -> Option<u32> {
    v.trim().parse().ok()
}
