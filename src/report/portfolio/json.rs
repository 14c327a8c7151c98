//! The portfolio as JSON (version 1): a row per file, the count per level, the errors.

use std::io::{self, Write};

use serde::Serialize;

use super::level_id;
use crate::criteria::Criteria;
use crate::evaluate::portfolio::{Row, counts};
use crate::report::OrderedMap;

#[derive(Serialize)]
struct JsonPortfolio<'a> {
    version: u32,
    criteria: JsonCriteria<'a>,
    jurisdictions: Vec<JsonRow<'a>>,
    counts: OrderedMap<'a, usize>,
    errors: usize,
}

#[derive(Serialize)]
struct JsonCriteria<'a> {
    framework: &'a str,
    version: &'a str,
}

#[derive(Serialize)]
struct JsonRow<'a> {
    file: &'a str,
    name: Option<&'a str>,
    as_of: Option<String>,
    level: Option<&'a str>,
    readiness: Option<OrderedMap<'a, f64>>,
    heaviest_gap: Option<&'a str>,
    error: Option<&'a str>,
    /// Added in version 1 without a version change (additive): what `evaluate` would
    /// list as warnings; empty for an error row.
    warnings: Vec<JsonWarning<'a>>,
}

#[derive(Serialize)]
struct JsonWarning<'a> {
    code: &'a str,
    message: &'a str,
}

impl<'a> JsonRow<'a> {
    fn new(c: &'a Criteria, r: &'a Row) -> Self {
        match &r.outcome {
            Ok(s) => JsonRow {
                file: &r.file,
                name: s.name.as_deref(),
                as_of: Some(s.as_of.to_string()),
                level: Some(level_id(c, s.level)),
                readiness: Some(OrderedMap(
                    c.levels
                        .iter()
                        .map(|l| l.id.as_str())
                        .zip(s.readiness.iter().copied())
                        .collect(),
                )),
                heaviest_gap: s.heaviest_gap.as_deref(),
                error: None,
                warnings: s
                    .warnings
                    .iter()
                    .map(|w| JsonWarning {
                        code: w.code.id(),
                        message: &w.message,
                    })
                    .collect(),
            },
            Err(e) => JsonRow {
                file: &r.file,
                name: None,
                as_of: None,
                level: None,
                readiness: None,
                heaviest_gap: None,
                error: Some(e),
                warnings: Vec::new(),
            },
        }
    }
}

pub(super) fn render(c: &Criteria, rows: &[Row], out: &mut dyn Write) -> io::Result<()> {
    let (per_level, errors) = counts(c, rows);
    let j = JsonPortfolio {
        version: 1,
        criteria: JsonCriteria {
            framework: &c.framework,
            version: &c.version,
        },
        jurisdictions: rows.iter().map(|r| JsonRow::new(c, r)).collect(),
        counts: OrderedMap(
            std::iter::once("none")
                .chain(c.levels.iter().map(|l| l.id.as_str()))
                .zip(per_level)
                .collect(),
        ),
        errors,
    };
    crate::report::write_json(out, &j)
}
