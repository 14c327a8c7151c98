//! `pmcheck portfolio`: one row per jurisdiction, ranked, with a count per level.

use std::io::{self, Write};

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, Table};
use serde::Serialize;

use super::html::{STYLE, html};
use super::markdown::escape;
use super::{OrderedMap, percent};
use crate::criteria::Criteria;
use crate::diagnostic::printable;
use crate::portfolio::{Row, counts};

/// Output formats of `pmcheck portfolio`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PortfolioFormat {
    Table,
    Json,
    Markdown,
    Html,
    /// Comma-separated values; cells that a spreadsheet would run as formulas are neutralized.
    Csv,
}

/// The first line of an error, without the file name it starts with.
fn short_error(file: &str, e: &str) -> String {
    let first = e.lines().next().unwrap_or("");
    first
        .strip_prefix(file)
        .map_or(first, |rest| rest.trim_start_matches(':'))
        .trim()
        .to_owned()
}

fn level_id(c: &Criteria, level: Option<usize>) -> &str {
    level.map_or("none", |l| c.levels[l].id.as_str())
}

fn level_label(c: &Criteria, level: Option<usize>) -> &str {
    level.map_or("none", |l| c.levels[l].name.as_str())
}

/// Neutralizes a CSV cell against formula injection and quotes it when needed.
pub(crate) fn csv_cell(s: &str) -> String {
    let mut s = printable(s).replace('\n', " ");
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        s.insert(0, '\'');
    }
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

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
}

pub fn render(
    format: PortfolioFormat,
    c: &Criteria,
    rows: &[Row],
    out: &mut dyn Write,
) -> io::Result<()> {
    let (per_level, errors) = counts(c, rows);
    let count_pairs: Vec<(&str, usize)> = std::iter::once("none")
        .chain(c.levels.iter().map(|l| l.id.as_str()))
        .zip(per_level.iter().copied())
        .collect();
    let count_line = || {
        let mut parts: Vec<String> = std::iter::once("none")
            .chain(c.levels.iter().map(|l| l.name.as_str()))
            .zip(&per_level)
            .map(|(name, n)| format!("{name}: {n}"))
            .collect();
        parts.reverse();
        if errors > 0 {
            parts.push(format!("errors: {errors}"));
        }
        parts.join(" · ")
    };
    match format {
        PortfolioFormat::Json => {
            let j = JsonPortfolio {
                version: 1,
                criteria: JsonCriteria {
                    framework: &c.framework,
                    version: &c.version,
                },
                jurisdictions: rows
                    .iter()
                    .map(|r| match &r.outcome {
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
                        },
                        Err(e) => JsonRow {
                            file: &r.file,
                            name: None,
                            as_of: None,
                            level: None,
                            readiness: None,
                            heaviest_gap: None,
                            error: Some(e),
                        },
                    })
                    .collect(),
                counts: OrderedMap(count_pairs),
                errors,
            };
            serde_json::to_writer_pretty(&mut *out, &j)?;
            writeln!(out)
        }
        PortfolioFormat::Csv => {
            let mut header = vec![
                "file".to_owned(),
                "jurisdiction".to_owned(),
                "level".to_owned(),
            ];
            header.extend(c.levels.iter().map(|l| format!("readiness_{}", l.id)));
            header.extend(["heaviest_gap".to_owned(), "error".to_owned()]);
            writeln!(out, "{}", header.join(","))?;
            for r in rows {
                let mut cells = vec![csv_cell(&r.file)];
                match &r.outcome {
                    Ok(s) => {
                        cells.push(csv_cell(s.name.as_deref().unwrap_or("")));
                        cells.push(level_id(c, s.level).to_owned());
                        cells.extend(s.readiness.iter().map(|x| format!("{x:.1}")));
                        cells.push(s.heaviest_gap.clone().unwrap_or_default());
                        cells.push(String::new());
                    }
                    Err(e) => {
                        cells.extend(std::iter::repeat_n(String::new(), 2 + c.levels.len() + 1));
                        cells.push(csv_cell(e));
                    }
                }
                writeln!(out, "{}", cells.join(","))?;
            }
            Ok(())
        }
        PortfolioFormat::Table => {
            writeln!(out, "Portfolio · {} · {} files", c.title, rows.len())?;
            let mut t = Table::new();
            t.load_style(UTF8_FULL_CONDENSED).force_no_tty();
            let mut header = vec![
                Cell::new("Jurisdiction"),
                Cell::new("File"),
                Cell::new("Level"),
            ];
            header.extend(c.levels.iter().map(|l| Cell::new(&l.name)));
            header.push(Cell::new("Heaviest open gap"));
            t.set_header(header);
            for r in rows {
                let mut row = Vec::new();
                match &r.outcome {
                    Ok(s) => {
                        row.push(Cell::new(printable(s.name.as_deref().unwrap_or("—"))));
                        row.push(Cell::new(printable(&r.file)));
                        row.push(Cell::new(level_label(c, s.level)));
                        row.extend(s.readiness.iter().map(|x| Cell::new(percent(*x))));
                        row.push(Cell::new(s.heaviest_gap.as_deref().unwrap_or("—")));
                    }
                    Err(e) => {
                        row.push(Cell::new("error"));
                        row.push(Cell::new(printable(&r.file)));
                        row.push(Cell::new("—"));
                        row.extend(c.levels.iter().map(|_| Cell::new("")));
                        row.push(Cell::new(printable(&short_error(&r.file, e))));
                    }
                }
                t.add_row(row);
            }
            writeln!(out, "{t}")?;
            writeln!(out, "{}", count_line())
        }
        PortfolioFormat::Markdown => {
            writeln!(out, "# Portfolio: {}", escape(&c.title))?;
            writeln!(out)?;
            let mut header = String::from("| Jurisdiction | File | Level |");
            let mut rule = String::from("| --- | --- | --- |");
            for l in &c.levels {
                header.push_str(&format!(" {} |", escape(&l.name)));
                rule.push_str(" ---: |");
            }
            writeln!(out, "{header} Heaviest open gap |\n{rule} --- |")?;
            for r in rows {
                match &r.outcome {
                    Ok(s) => {
                        let mut line = format!(
                            "| {} | {} | {} |",
                            escape(s.name.as_deref().unwrap_or("—")),
                            escape(&r.file),
                            escape(level_label(c, s.level))
                        );
                        for x in &s.readiness {
                            line.push_str(&format!(" {} |", percent(*x)));
                        }
                        line.push_str(&format!(
                            " {} |",
                            s.heaviest_gap
                                .as_deref()
                                .map_or("—".to_owned(), |g| format!("`{g}`"))
                        ));
                        writeln!(out, "{line}")?;
                    }
                    Err(e) => {
                        let mut line = format!(
                            "| error | {} | {} |",
                            escape(&r.file),
                            escape(e.lines().next().unwrap_or(""))
                        );
                        line.push_str(&" |".repeat(c.levels.len() + 1));
                        writeln!(out, "{line}")?;
                    }
                }
            }
            writeln!(out)?;
            writeln!(out, "{}", escape(&count_line()))
        }
        PortfolioFormat::Html => {
            writeln!(out, "<!doctype html>")?;
            writeln!(
                out,
                r#"<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">"#
            )?;
            writeln!(
                out,
                "<title>pmcheck portfolio: {}</title><style>{STYLE}</style></head><body>",
                html(&c.label())
            )?;
            writeln!(
                out,
                "<h1>Portfolio</h1><p class=\"meta\">{} · {} files · {}</p>",
                html(&c.title),
                rows.len(),
                html(&count_line())
            )?;
            write!(
                out,
                r#"<table class="grid"><thead><tr><th>Jurisdiction</th><th>File</th><th>Level</th>"#
            )?;
            for l in &c.levels {
                write!(out, "<th>{}</th>", html(&l.name))?;
            }
            writeln!(out, "<th>Heaviest open gap</th></tr></thead><tbody>")?;
            for r in rows {
                match &r.outcome {
                    Ok(s) => {
                        let class = if s.level.is_some() { "met" } else { "gap" };
                        write!(
                            out,
                            r#"<tr><th scope="row">{}</th><td>{}</td><td class="{class}">{}</td>"#,
                            html(s.name.as_deref().unwrap_or("—")),
                            html(&r.file),
                            html(level_label(c, s.level))
                        )?;
                        for x in &s.readiness {
                            write!(out, r#"<td class="weight">{}</td>"#, percent(*x))?;
                        }
                        writeln!(
                            out,
                            "<td>{}</td></tr>",
                            html(s.heaviest_gap.as_deref().unwrap_or("—"))
                        )?;
                    }
                    Err(e) => writeln!(
                        out,
                        r#"<tr><th scope="row">error</th><td>{}</td><td class="gap" colspan="{}">{}</td></tr>"#,
                        html(&r.file),
                        c.levels.len() + 2,
                        html(e.lines().next().unwrap_or(""))
                    )?,
                }
            }
            writeln!(out, "</tbody></table></body></html>")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::csv_cell;

    #[test]
    fn csv_cells_cannot_run_formulas() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("+1"), "'+1");
        assert_eq!(csv_cell("-1"), "'-1");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("City of Riverton"), "City of Riverton");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
    }
}
