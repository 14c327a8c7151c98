//! pmcheck: how ready a local government is for an ICMA Certificate in Performance
//! Management, and exactly what it must still do.
//!
//! The library holds the domain: [`evidence`] (the YAML contract), [`criteria`] (the
//! versioned TOML model and its validation), [`evaluate`] (rules against evidence) and
//! [`report`] (one renderer per output format). [`cli`] wires them to the command line.

pub mod cli;
pub mod criteria;
pub mod diagnostic;
pub mod evaluate;
pub mod evidence;
pub mod inputs;
pub mod measures;
pub mod publish;
pub mod read;
pub mod report;
pub mod text;
pub mod vocab;
pub mod write;
