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
            (n > 0).then(|| format!("{} {} {}", s.symbol(), n, s.label().to_lowercase()))
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
        "  {}{period}: {} service areas, {} measures ({})",
        text::line(&site.title),
        site.areas.len(),
        measures.len(),
        counts.join(", ")
    )?;
    let silent: Vec<_> = measures.iter().filter(|m| m.needs_narrative()).collect();
    if !silent.is_empty() {
        writeln!(
            out,
            "  {} missing {} target with no narrative (marked \"No narrative\" on the page); add {} to the narratives file",
            if silent.len() == 1 {
                "1 measure".to_owned()
            } else {
                format!("{} measures", silent.len())
            },
            if silent.len() == 1 { "its" } else { "their" },
            if silent.len() == 1 { "it" } else { "them" }
        )?;
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
