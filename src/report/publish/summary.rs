//! What `pmcheck publish` says on the terminal: what it wrote, what the page shows at
//! a glance, and which Public Reporting requirements the report covers with this data.

use std::io::{self, Write};
use std::path::Path;

use crate::criteria::Criteria;
use crate::publish::coverage::{Covered, State};
use crate::publish::{Site, Status};
use crate::text;

/// What was written where.
pub struct Written<'a> {
    pub dir: &'a Path,
    pub html_bytes: usize,
    pub csv_bytes: usize,
    /// What the run chose for the user that they may want to give (`--title`, `--as-of`).
    pub defaults: Vec<String>,
    /// Columns of the files read as no role: (file, header).
    pub unread: Vec<(String, String)>,
}

/// `1 measure`, `2 measures`.
fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn size(bytes: usize) -> String {
    if bytes < 10 * 1024 {
        format!("{bytes} bytes")
    } else if bytes < 10 * 1024 * 1024 {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

pub fn render(
    site: &Site,
    written: &Written<'_>,
    criteria: &Criteria,
    covered: &[Covered],
    out: &mut dyn Write,
) -> io::Result<()> {
    let dir = text::line(&written.dir.display().to_string());
    writeln!(
        out,
        "Published {dir}: index.html ({}), measures.csv ({})",
        size(written.html_bytes),
        size(written.csv_bytes)
    )?;
    let measures: Vec<_> = site.measures().collect();
    let counts: Vec<String> = Status::ALL
        .iter()
        .filter_map(|&s| {
            let n = measures.iter().filter(|m| m.status == s).count();
            (n > 0).then(|| format!("{} {n} {}", s.symbol(), s.counted(n == 1)))
        })
        .collect();
    let period = site
        .covered
        .as_ref()
        .map(|(a, b)| {
            if a == b {
                format!(", {a}")
            } else {
                format!(", {a} to {b}")
            }
        })
        .unwrap_or_default();
    writeln!(
        out,
        "  {}{period}: {}, {} ({})",
        text::line(&site.title),
        plural(site.areas.len(), "service area"),
        plural(measures.len(), "measure"),
        counts.join(", ")
    )?;
    let silent: Vec<_> = measures.iter().filter(|m| m.needs_narrative()).collect();
    if !silent.is_empty() {
        writeln!(
            out,
            "  {} missing {} target without a narrative and action steps (marked on the page); give them in the narratives file",
            plural(silent.len(), "measure"),
            if silent.len() == 1 { "its" } else { "their" }
        )?;
    }
    let undirected = measures
        .iter()
        .filter(|m| m.status == Status::NotJudged)
        .count();
    if undirected > 0 {
        writeln!(
            out,
            "  {} a target but no desired direction, so the page cannot mark {} above or below the target: add a `Desired direction` column (higher or lower), or `direction:` per measure in the narratives file",
            if undirected == 1 {
                "1 measure has".to_owned()
            } else {
                format!("{undirected} measures have")
            },
            if undirected == 1 { "it" } else { "them" }
        )?;
        if !written.unread.is_empty() {
            let columns: Vec<String> = written
                .unread
                .iter()
                .take(5)
                .map(|(file, header)| format!("`{}` ({})", text::line(header), text::line(file)))
                .collect();
            writeln!(
                out,
                "    columns not read: {}; if one holds the direction, name it with --column direction=HEADER",
                columns.join(", ")
            )?;
        }
    }
    for d in &written.defaults {
        writeln!(out, "  {}", text::line(d))?;
    }
    if covered.is_empty() {
        writeln!(
            out,
            "\n{} has no Public Reporting requirements to map the report to; give --criteria icma-2022 for ICMA's.",
            text::line(&criteria.label())
        )?;
        return Ok(());
    }
    writeln!(
        out,
        "\nWhat the report covers of Public Reporting ({}):",
        text::line(&criteria.title)
    )?;
    for c in covered {
        writeln!(
            out,
            "  {} {} ({})",
            if c.covered() { "✓" } else { "✗" },
            c.id,
            text::line(&c.level)
        )?;
        for p in &c.parts {
            writeln!(
                out,
                "      {} {}: {}",
                p.state.symbol(),
                p.name,
                text::line(&p.detail)
            )?;
        }
    }
    writeln!(
        out,
        "  ✓ covered · → covered once the site is posted · ✗ not covered with this data"
    )?;
    // The settings, one line per key; list values merged in order.
    let mut settings: Vec<(&str, Vec<&str>)> = Vec::new();
    for p in covered.iter().flat_map(|c| &c.parts) {
        if p.state == State::Missing {
            continue;
        }
        let (key, value) = p.evidence;
        match settings.iter_mut().find(|(k, _)| *k == key) {
            Some((_, values)) => values.extend(value.split(", ")),
            None => settings.push((key, value.split(", ").collect())),
        }
    }
    if !settings.is_empty() {
        writeln!(
            out,
            "\nOnce the site is posted, the evidence file can say what it covers:\n  public_reporting:"
        )?;
        for (key, values) in settings {
            if values == ["true"] {
                writeln!(out, "    {key}: true")?;
            } else {
                writeln!(out, "    {key}: [{}]", values.join(", "))?;
            }
        }
    }
    Ok(())
}
