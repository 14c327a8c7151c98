//! The vocabulary evidence, criteria and measures share, below all three so that none of
//! them imports another: checked values (a non-blank text, a real date, a year in range,
//! a fiscal year's first month), the closed lists they all name (a measure's kind, a
//! review's participants, a measures column's role), when two names are one name, and
//! the registry of evidence fields a criteria rule may read.

mod field;
mod kinds;
mod name;
mod value;

pub use field::{Field, FieldKind};
pub use kinds::{Measure, Participant, Role};
pub use name::{area_key, count_looking_different, look_alike_key, same_name_key, shown_name};
pub(crate) use value::plain;
pub use value::{Date, MAX_TEXT_CHARS, MAX_YEAR, MIN_YEAR, Month, Text, Year};
