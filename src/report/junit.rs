//! JUnit XML for CI test views (GitLab, Jenkins): a test suite per category, a test
//! case per requirement. A required requirement unmet at or below the target level is
//! a failure carrying the hint; optional and higher-level gaps are skipped.

use std::io::{self, Write};

use super::RenderOptions;
use crate::evaluate::Evaluation;

/// Escapes text for XML attributes and content, dropping characters XML 1.0 forbids.
pub(crate) fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(ch),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

enum Outcome {
    Pass,
    Failure,
    Skipped(&'static str),
}

pub(super) fn render(
    e: &Evaluation<'_>,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let c = e.criteria;
    let target = e.target_or_next(options.target);
    let outcome = |i: usize| {
        let r = &c.requirements[i];
        if e.met[i] {
            Outcome::Pass
        } else if r.optional {
            Outcome::Skipped("optional requirement not met")
        } else if e.blocks(i, target) {
            Outcome::Failure
        } else {
            Outcome::Skipped("gap above the target level")
        }
    };
    let all: Vec<usize> = (0..c.requirements.len()).collect();
    let count =
        |idx: &[usize], f: fn(&Outcome) -> bool| idx.iter().filter(|&&i| f(&outcome(i))).count();
    let is_failure = |o: &Outcome| matches!(o, Outcome::Failure);
    let is_skipped = |o: &Outcome| matches!(o, Outcome::Skipped(_));

    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="pmcheck {}" tests="{}" failures="{}" errors="0" skipped="{}">"#,
        xml(&c.label()),
        all.len(),
        count(&all, is_failure),
        count(&all, is_skipped)
    )?;
    for (ci, cat) in c.categories.iter().enumerate() {
        let idx: Vec<usize> = all
            .iter()
            .copied()
            .filter(|&i| c.requirements[i].category == ci)
            .collect();
        writeln!(
            out,
            r#"  <testsuite name="{}" tests="{}" failures="{}" errors="0" skipped="{}">"#,
            xml(&cat.name),
            idx.len(),
            count(&idx, is_failure),
            count(&idx, is_skipped)
        )?;
        for &i in &idx {
            let r = &c.requirements[i];
            let name = format!("{} ({})", r.id, c.levels[r.level].name);
            write!(
                out,
                r#"    <testcase classname="{}.{}" name="{}" file="{}">"#,
                xml(&c.framework),
                xml(&cat.id),
                xml(&name),
                xml(&options.evidence)
            )?;
            match outcome(i) {
                Outcome::Pass => {}
                Outcome::Failure => write!(
                    out,
                    r#"<failure message="{}" type="gap">{}&#10;{}</failure>"#,
                    xml(&r.hint),
                    xml(&r.text),
                    xml(&r.hint)
                )?,
                Outcome::Skipped(why) => write!(out, r#"<skipped message="{}"/>"#, xml(why))?,
            }
            writeln!(out, "</testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}
