//! The workbook's shared strings (`xl/sharedStrings.xml`): each `<si>`'s text, its rich
//! text runs joined and its phonetic guides left out, kept in one buffer so that a
//! million cells naming one string cost one copy of it. The declared counts are not
//! read: the strings are as many as the part really holds.

use std::io::BufRead;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::xml;

/// The shared strings, by index.
#[derive(Debug, Default)]
pub struct Strings {
    text: String,
    /// Where each string ends in `text`.
    ends: Vec<usize>,
}

impl Strings {
    /// The string at `index`; `None` past the end.
    pub fn get(&self, index: usize) -> Option<&str> {
        let end = *self.ends.get(index)?;
        let start = match index {
            0 => 0,
            i => self.ends[i - 1],
        };
        Some(&self.text[start..end])
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Reads the part; an error is the XML's own, for the caller to locate.
    pub fn read(part: impl BufRead) -> Result<Strings, String> {
        let mut reader = Reader::from_reader(part);
        let mut buf = Vec::new();
        let mut out = Strings::default();
        // The text of the string being read, and whether a `<t>` of it (not one of a
        // phonetic guide) is open.
        let mut current = String::new();
        let (mut in_si, mut in_t, mut phonetic) = (false, false, 0usize);
        loop {
            match reader.read_event_into(&mut buf) {
                Ok(Event::Start(e)) => match e.local_name().as_ref() {
                    "si" => {
                        in_si = true;
                        current.clear();
                    }
                    "t" if in_si && phonetic == 0 => in_t = true,
                    "rPh" => phonetic += 1,
                    _ => {}
                },
                Ok(Event::Empty(e)) if e.local_name().as_ref() == "si" => {
                    out.ends.push(out.text.len());
                }
                Ok(Event::Text(t)) if in_t => current.push_str(&t.xml10_content()),
                Ok(Event::CData(t)) if in_t => {
                    current.push_str(&t);
                }
                Ok(Event::GeneralRef(r)) if in_t => xml::push_ref(&mut current, &r),
                Ok(Event::End(e)) => match e.local_name().as_ref() {
                    "t" => in_t = false,
                    "rPh" => phonetic = phonetic.saturating_sub(1),
                    "si" if in_si => {
                        in_si = false;
                        out.text.push_str(&xml::unescape_excel(&current));
                        out.ends.push(out.text.len());
                    }
                    _ => {}
                },
                Ok(Event::Eof) => return Ok(out),
                Ok(_) => {}
                Err(e) => {
                    return Err(xml::ill_formed(reader.error_position(), &e));
                }
            }
            buf.clear();
        }
    }
}
