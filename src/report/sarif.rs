//! SARIF 2.1.0 for code-scanning views: one rule per requirement, one result per gap,
//! located at the line of the evidence section the requirement reads; each warning
//! code present is a rule too, with a `warning` result per warning.

use std::io::{self, Write};

use serde_json::json;

use super::RenderOptions;
use crate::evaluate::{Evaluation, WarningCode};

pub(super) fn render(
    e: &Evaluation<'_>,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let c = e.criteria;
    let target = e.target_or_next(options.target);
    let uri = options.evidence.replace('\\', "/");
    let mut rules: Vec<_> = c
        .requirements
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": r.id.replace('.', "_"),
                "shortDescription": { "text": r.text },
                "fullDescription": { "text": format!("{} pmcheck's reading: {}", r.text, r.reading) },
                "help": { "text": r.hint },
                "properties": {
                    "category": c.categories[r.category].id,
                    "level": c.levels[r.level].id,
                    "optional": r.optional,
                },
            })
        })
        .collect();
    // Each warning code is a rule too, after the requirements, at warning level.
    let codes: Vec<WarningCode> = WarningCode::ALL
        .into_iter()
        .filter(|code| e.warnings.iter().any(|w| w.code == *code))
        .collect();
    rules.extend(codes.iter().map(|code| {
        json!({
            "id": code.id(),
            "name": code.id().replace('-', "_"),
            "shortDescription": { "text": code.summary() },
            "defaultConfiguration": { "level": "warning" },
        })
    }));
    let mut results: Vec<_> = e
        .gaps
        .iter()
        .map(|&g| {
            let r = &c.requirements[g];
            let level = if e.blocks(g, target) {
                "error"
            } else {
                "warning"
            };
            let optional = if r.optional { " (optional)" } else { "" };
            json!({
                "ruleId": r.id,
                "ruleIndex": g,
                "level": level,
                "message": {
                    "text": format!(
                        "{} gap{optional} in {}: {}",
                        c.levels[r.level].name, c.categories[r.category].name, r.hint
                    )
                },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri },
                        "region": { "startLine": options.line_of(e, g) }
                    }
                }],
            })
        })
        .collect();
    results.extend(e.warnings.iter().map(|w| {
        let index = c.requirements.len() + codes.iter().position(|x| *x == w.code).unwrap_or(0);
        json!({
            "ruleId": w.code.id(),
            "ruleIndex": index,
            "level": "warning",
            "message": { "text": w.message },
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": { "uri": uri },
                    "region": { "startLine": options.line_of_section(w.section) }
                }
            }],
        })
    }));
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "pmcheck",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/pmcheck/pmcheck",
                    "rules": rules,
                }
            },
            "properties": {
                "criteria": c.label(),
                "asOf": e.as_of.to_string(),
                "levelReached": e.level.map_or("none", |l| c.levels[l].id.as_str()),
                "targetLevel": c.levels[target].id,
            },
            "results": results,
        }]
    });
    crate::report::write_json(out, &log)
}
