//! pmcheck: how ready a local government is for an ICMA Certificate in Performance
//! Management, and exactly what it must still do.
//!
//! The modules are layers, listed here bottom first; each uses only the layers below it
//! (a test reads the source and keeps it so; docs/development.md draws the diagram):
//!
//! - [`text`]: the one function per output that makes input text safe there.
//! - [`diagnostic`]: located problems (a line and column, or a sheet and cell), warning
//!   codes, suggestions of the closest name.
//! - [`read`]: bounded reading of the text files and standard input pmcheck is given.
//! - [`vocab`]: the dates, years, names, fields and closed lists that the three inputs
//!   below share.
//! - [`evidence`], [`criteria`], [`measures`]: the three inputs (the YAML contract, the
//!   versioned TOML criteria, the measures spreadsheets), independent of each other.
//! - [`inputs`]: the one loading pipeline: evidence with its measures linked, the as-of
//!   date, the files never to be written over.
//! - [`evaluate`]: rules against evidence, and what is built on an evaluation (plans,
//!   comparisons, baselines, portfolios, snippets).
//! - [`publish`]: the public report's model (numbers, statuses, series).
//! - [`report`]: renderers, one per format, including chart geometry and page numbers.
//! - [`write`]: every file pmcheck writes.
//! - [`cli`]: the commands: parse, call, render, map an exit status.

pub mod text;

pub mod diagnostic;

pub mod read;

pub mod vocab;

pub mod criteria;
pub mod evidence;
pub mod measures;

pub mod inputs;

pub mod evaluate;

pub mod publish;

pub mod report;

pub mod write;

pub mod cli;
