//! The report as a Markdown document, fit to paste into a pull request or a memo.
//! Text from the evidence file is escaped so it cannot inject markup.

use std::io::{self, Write};

use super::{RenderOptions, level_name, percent, status_label};
use crate::diagnostic::printable;
use crate::evaluate::Evaluation;

/// Escapes characters that Markdown or HTML would interpret.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in printable(text).chars() {
        match ch {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '!' => {
                out.push('\\');
                out.push(ch);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' => out.push(' '),
            _ => out.push(ch),
        }
    }
    out
}

/// Escapes only what HTML would interpret, keeping Markdown such as code spans:
/// for text written by criteria authors.
pub(crate) fn escape_html(text: &str) -> String {
    printable(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\n', " ")
}

pub(super) fn render(
    e: &Evaluation<'_>,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let c = e.criteria;
    let who = match &e.jurisdiction {
        Some(j) => escape(j.name.as_str()),
        None => escape(&options.evidence),
    };
    writeln!(out, "# pmcheck: {who}")?;
    writeln!(out)?;
    writeln!(
        out,
        "- Criteria: {} ({})",
        escape(&c.title),
        escape(&c.label())
    )?;
    if let Some(d) = &c.disclaimer {
        writeln!(out, "- Note: {}", escape_html(d))?;
    }
    writeln!(out, "- As of: {} ({})", e.as_of, e.as_of_source.describe())?;
    writeln!(
        out,
        "- Level reached: **{}**",
        escape(&level_name(e, e.level))
    )?;
    if let Some(t) = options.target {
        let verdict = if e.reaches(t) {
            "reached"
        } else {
            "not reached"
        };
        writeln!(
            out,
            "- Required level: {} ({verdict})",
            escape(&c.levels[t].name)
        )?;
    }
    let readiness: Vec<String> = c
        .levels
        .iter()
        .zip(&e.readiness)
        .map(|(l, &r)| format!("{} {}", escape(&l.name), percent(r)))
        .collect();
    writeln!(out, "- Readiness: {}", readiness.join(", "))?;
    writeln!(out)?;

    writeln!(out, "## Categories")?;
    writeln!(out)?;
    let mut header = String::from("| Category | Weight |");
    let mut rule = String::from("| --- | ---: |");
    for l in &c.levels {
        header.push_str(&format!(" {} |", escape(&l.name)));
        rule.push_str(" --- |");
    }
    writeln!(out, "{header}")?;
    writeln!(out, "{rule}")?;
    for (ci, cat) in c.categories.iter().enumerate() {
        let mut row = format!("| {} | {} |", escape(&cat.name), percent(cat.share * 100.0));
        for l in 0..c.levels.len() {
            row.push_str(&format!(" {} |", status_label(e.status(ci, l))));
        }
        writeln!(out, "{row}")?;
    }

    writeln!(out)?;
    writeln!(out, "## Gaps")?;
    writeln!(out)?;
    if e.gaps.is_empty() {
        writeln!(out, "None: every requirement is met.")?;
    }
    for (n, &g) in e.gaps.iter().enumerate() {
        let r = e.requirement(g);
        let optional = if r.optional { " (optional)" } else { "" };
        writeln!(
            out,
            "{}. **{}** · {} · `{}`{optional}: {}",
            n + 1,
            escape(&c.levels[r.level].name),
            escape(&c.categories[r.category].name),
            r.id,
            escape_html(&r.hint)
        )?;
        if let Some(sections) = super::unsupported_sections(e, g) {
            writeln!(out, "   Claimed, unsupported: add `sources` to {sections}.")?;
        }
    }

    if let Some(note) = super::unsupported_note(e) {
        writeln!(out)?;
        writeln!(out, "{}", escape_html(&note))?;
    }

    if let Some(ch) = &options.changes {
        writeln!(out)?;
        writeln!(out, "## Since the baseline")?;
        writeln!(out)?;
        for line in super::change_lines(e, ch).iter().skip(1) {
            writeln!(out, "- {}", escape_html(line))?;
        }
    }

    if !e.warnings.is_empty() {
        writeln!(out)?;
        writeln!(out, "## Warnings")?;
        writeln!(out)?;
        for w in &e.warnings {
            writeln!(out, "- {}", escape(&w.message))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_in_evidence_is_escaped() {
        assert_eq!(
            escape("<script>alert(1)</script> | *x*"),
            "&lt;script&gt;alert(1)&lt;/script&gt; \\| \\*x\\*"
        );
    }
}
