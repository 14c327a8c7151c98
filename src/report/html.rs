//! One self-contained HTML page: no external fonts, scripts or images, readable at a
//! glance (a badge, a colored grid with symbols, a readiness bar chart in inline SVG)
//! and printable. Every string is HTML-escaped.

use std::io::{self, Write};

use super::{RenderOptions, level_name, percent, status_label};
use crate::evaluate::{Evaluation, Status};

/// Escapes text for HTML content and attribute values.
pub(crate) fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in crate::diagnostic::printable(text).chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// HTML with `code spans` from criteria text shown as <code>.
fn with_code(text: &str) -> String {
    let mut out = String::new();
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 1 {
            out.push_str(&format!("<code>{}</code>", html(part)));
        } else {
            out.push_str(&html(part));
        }
    }
    out
}

pub(crate) const STYLE: &str = r#"
:root { --met: #2b8a3e; --met-bg: #d3f9d8; --gap: #c92a2a; --gap-bg: #ffe3e3;
  --opt: #8f5b00; --opt-bg: #fff3bf; --na: #868e96; --na-bg: #f1f3f5; --ink: #212529; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
  color: var(--ink); margin: 2rem auto; max-width: 64rem; padding: 0 1rem; line-height: 1.45; }
h1 { margin: 0 0 .25rem; font-size: 1.8rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .6rem; border-bottom: 1px solid #dee2e6; padding-bottom: .2rem; }
.meta { color: #495057; margin: 0 0 .8rem; }
.badge { display: inline-block; padding: .35rem .9rem; border-radius: 999px; font-weight: 700;
  font-size: 1.05rem; border: 2px solid currentColor; }
.badge.reached { color: var(--met); background: var(--met-bg); }
.badge.none { color: var(--gap); background: var(--gap-bg); }
.target { margin-left: .6rem; font-weight: 600; }
.target.ok { color: var(--met); } .target.no { color: var(--gap); }
table.grid { border-collapse: collapse; width: 100%; }
.grid th, .grid td { border: 1px solid #dee2e6; padding: .4rem .6rem; text-align: left; }
.grid thead th { background: #f8f9fa; }
.grid td.weight { text-align: right; white-space: nowrap; }
.grid td.met { background: var(--met-bg); color: var(--met); font-weight: 600; }
.grid td.gap { background: var(--gap-bg); color: var(--gap); font-weight: 600; }
.grid td.optional_gap { background: var(--opt-bg); color: var(--opt); font-weight: 600; }
.grid td.not_applicable { background: var(--na-bg); color: var(--na); text-align: center; }
.legend { color: #495057; font-size: .9rem; }
ol.gaps li { margin-bottom: .6rem; }
ol.gaps .where { font-weight: 600; }
ol.gaps .optional { color: var(--opt); }
ul.warnings li { color: #862e9c; }
code { background: #f1f3f5; padding: 0 .2rem; border-radius: 3px; font-size: .9em; }
footer { margin-top: 2.5rem; color: #868e96; font-size: .85rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2, tr, li { break-inside: avoid; }
}
"#;

fn bar_chart(e: &Evaluation<'_>) -> String {
    let c = e.criteria;
    let row = 34;
    let label_w = 190;
    let bar_w = 420;
    let height = row * c.levels.len() + 10;
    let mut svg = format!(
        r#"<svg id="readiness-chart" role="img" aria-labelledby="chart-title" width="{}" height="{height}" viewBox="0 0 {} {height}" xmlns="http://www.w3.org/2000/svg"><title id="chart-title">Readiness per level</title>"#,
        label_w + bar_w + 80,
        label_w + bar_w + 80
    );
    for (i, (l, &r)) in c.levels.iter().zip(&e.readiness).enumerate() {
        let y = i * row + 5;
        let w = (r / 100.0 * bar_w as f64).round() as usize;
        let color = if r >= 100.0 {
            "#2b8a3e"
        } else if r >= 50.0 {
            "#e67700"
        } else {
            "#c92a2a"
        };
        svg.push_str(&format!(
            r##"<g class="bar" data-level="{}"><text x="0" y="{}" font-size="14" fill="#212529">{}</text><rect x="{label_w}" y="{y}" width="{bar_w}" height="22" fill="#f1f3f5"/><rect x="{label_w}" y="{y}" width="{w}" height="22" fill="{color}"/><text x="{}" y="{}" font-size="14" fill="#212529">{}</text></g>"##,
            html(&l.id),
            y + 16,
            html(&l.name),
            label_w + bar_w + 8,
            y + 16,
            percent(r)
        ));
    }
    svg.push_str("</svg>");
    svg
}

pub(super) fn render(
    e: &Evaluation<'_>,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let c = e.criteria;
    let who = e
        .jurisdiction
        .as_ref()
        .map_or_else(|| options.evidence.clone(), |j| j.name.0.clone());
    writeln!(out, "<!doctype html>")?;
    writeln!(out, r#"<html lang="en"><head><meta charset="utf-8">"#)?;
    writeln!(
        out,
        r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#
    )?;
    writeln!(out, "<title>pmcheck: {}</title>", html(&who))?;
    writeln!(out, "<style>{STYLE}</style></head><body>")?;
    writeln!(out, r#"<header><h1 id="jurisdiction">{}</h1>"#, html(&who))?;
    writeln!(
        out,
        r#"<p class="meta">Criteria: <span id="criteria">{} ({})</span> · As of <span id="as-of">{}</span> ({})</p>"#,
        html(&c.title),
        html(&c.label()),
        e.as_of,
        html(e.as_of_source.describe())
    )?;
    if let Some(d) = &c.disclaimer {
        writeln!(out, r#"<p class="meta">{}</p>"#, html(d))?;
    }
    let badge = if e.level.is_some() { "reached" } else { "none" };
    write!(
        out,
        r#"<p><span id="level" class="badge {badge}">Level reached: {}</span>"#,
        html(&level_name(e, e.level))
    )?;
    if let Some(t) = options.target {
        let (class, verdict) = if e.reaches(t) {
            ("ok", "reached")
        } else {
            ("no", "not reached")
        };
        write!(
            out,
            r#"<span id="target" class="target {class}">Required {}: {verdict}</span>"#,
            html(&c.levels[t].name)
        )?;
    }
    writeln!(out, "</p></header>")?;

    writeln!(
        out,
        r#"<section id="at-a-glance"><h2>At a glance</h2><table class="grid"><thead><tr><th scope="col">Category</th><th scope="col">Weight</th>"#
    )?;
    for l in &c.levels {
        write!(out, r#"<th scope="col">{}</th>"#, html(&l.name))?;
    }
    writeln!(out, "</tr></thead><tbody>")?;
    for (ci, cat) in c.categories.iter().enumerate() {
        write!(
            out,
            r#"<tr data-category="{}"><th scope="row">{}</th><td class="weight">{}</td>"#,
            html(&cat.id),
            html(&cat.name),
            percent(cat.share * 100.0)
        )?;
        for l in 0..c.levels.len() {
            let status = e.status(ci, l);
            let label = match status {
                Status::NotApplicable => "· n/a",
                s => status_label(s),
            };
            write!(out, r#"<td class="{}">{}</td>"#, status.id(), html(label))?;
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</tbody></table>")?;
    writeln!(
        out,
        r#"<p class="legend">✓ met · ✗ gap · ○ optional gap · n/a: no requirement at that level</p></section>"#
    )?;

    writeln!(
        out,
        r#"<section id="readiness"><h2>Readiness per level</h2>{}</section>"#,
        bar_chart(e)
    )?;

    writeln!(
        out,
        r#"<section id="gaps"><h2>Gaps, nearest level first</h2>"#
    )?;
    if e.gaps.is_empty() {
        writeln!(out, "<p>None: every requirement is met.</p>")?;
    } else {
        writeln!(out, r#"<ol class="gaps">"#)?;
        for &g in &e.gaps {
            let r = e.requirement(g);
            let optional = if r.optional {
                r#" <span class="optional">(optional)</span>"#
            } else {
                ""
            };
            writeln!(
                out,
                r#"<li data-requirement="{}"><span class="where">{} · {}</span> <code>{}</code>{optional}<br>{}</li>"#,
                html(&r.id),
                html(&c.levels[r.level].name),
                html(&c.categories[r.category].name),
                html(&r.id),
                with_code(&r.hint)
            )?;
        }
        writeln!(out, "</ol>")?;
    }
    writeln!(out, "</section>")?;
    if !e.warnings.is_empty() {
        writeln!(
            out,
            r#"<section id="warnings"><h2>Warnings</h2><ul class="warnings">"#
        )?;
        for w in &e.warnings {
            writeln!(out, "<li>{}</li>", with_code(&w.message))?;
        }
        writeln!(out, "</ul></section>")?;
    }
    writeln!(
        out,
        "<footer>pmcheck {} · {} · evidence {}</footer>",
        env!("CARGO_PKG_VERSION"),
        html(&c.label()),
        html(&options.evidence)
    )?;
    writeln!(out, "</body></html>")
}
