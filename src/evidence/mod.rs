//! Evidence format v1: what a jurisdiction claims about its performance program.
//!
//! This module is the public contract analysts fill in by hand. Every check that can
//! be made on a single value (a real date, a plausible year, a non-blank name, a
//! service area listed once) is made while deserializing, so the parser's own line
//! and column travel with the message. The same types load YAML and, for files ending
//! in `.json`, JSON.
//!
//! One file per part of the contract: the sections of the file (`model.rs`), the values
//! checked as they are read (`value.rs`), the supplementary initiatives (`initiative.rs`),
//! how a rule reads the fields of [`crate::vocab::Field`] (`reading.rs`), reading a file
//! from disk (`load.rs`) and the JSON Schema that describes it all (`schema.rs`).
//! Everything is re-exported here, so callers name `evidence::Plan`, never the file it
//! lives in; the values and names it shares with criteria and measures come from
//! [`crate::vocab`].

mod initiative;
mod load;
mod model;
mod reading;
mod schema;
mod value;

pub use initiative::{Initiative, distinct as distinct_initiatives};
pub use load::{
    MAX_EVIDENCE_BYTES, MAX_YAML_NODES, load, load_with_text, parse_json, parse_yaml,
    parse_yaml_document, section_lines,
};
pub use model::{
    Accountability, Channel, Equity, EquityBasis, Evidence, ExternalLeadership, Federal,
    Jurisdiction, JurisdictionKind, Leadership, MeasuresLink, Networking, Plan, PlanningBudgeting,
    PriorityGoal, PublicReporting, Review, ServiceArea, Session, Survey, Surveys, TargetsInData,
    Training, Verification, Visual,
};
pub use reading::{Event, Item};
pub use schema::json_schema;
pub use value::{
    FORMAT_VERSION, FormatVersion, MAX_ITEMS, Population, ServiceAreas, is_placeholder,
};
// The shared vocabulary, named here too because the evidence contract is written in it.
pub use crate::vocab::{
    Date, Field, FieldKind, MAX_TEXT_CHARS, MAX_YEAR, MIN_YEAR, Measure, Month, Participant, Text,
    Year, count_looking_different, look_alike_key, same_name_key, shown_name,
};
