//! JUnit XML for CI test views (GitLab, Jenkins): a test suite per category, a test
//! case per requirement. A required requirement unmet at or below the target level is
//! a failure carrying the hint and the items that did not count; optional and higher-level gaps are skipped.
//! `quick-junit` (the writer behind cargo-nextest) writes and escapes the XML; text is
//! cleaned first by [`crate::text`] (no control characters, which XML 1.0 mostly
//! forbids, nor noncharacters, bidirectional or invisible ones): names and messages on
//! one line, a description with its line breaks.

use std::io::{self, Write};

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use super::RenderOptions;
use crate::evaluate::Evaluation;
use crate::text::{block, line as text};

/// The test case status of requirement `i`, judged by the evaluation against `target`.
fn status(e: &Evaluation<'_>, i: usize, target: usize) -> TestCaseStatus {
    let r = e.requirement(i);
    let skipped = |why: &str| {
        let mut s = TestCaseStatus::skipped();
        s.set_message(why);
        s
    };
    if e.met[i] {
        TestCaseStatus::success()
    } else if r.optional {
        skipped("optional requirement not met")
    } else if e.blocks(i, target) {
        let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
        let suffix = super::gap_message_suffix(e, i);
        s.set_message(text(&format!("{}{suffix}", r.hint)))
            .set_type("gap")
            .set_description(block(&description(e, i)));
        s
    } else {
        skipped("gap above the target level")
    }
}

/// A failure's description: the wording, what the gap follows from, every uncounted
/// item shown (one a line) and the hint.
fn description(e: &Evaluation<'_>, i: usize) -> String {
    let r = e.requirement(i);
    let mut lines = vec![r.text.clone()];
    if let Some(note) = super::follows_note(e, i, text) {
        lines.push(format!("This gap {note}."));
    }
    let items = super::uncounted_lines(e, i, text);
    if !items.is_empty() {
        lines.push("Not counted:".to_owned());
        lines.extend(items.into_iter().map(|item| format!("- {item}")));
    }
    lines.push(format!("In the evidence file: {}", r.hint));
    lines.join("\n")
}

pub(super) fn render(
    e: &Evaluation<'_>,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let c = e.criteria;
    let target = e.target_or_next(options.target);
    let mut report = Report::new(text(&format!("pmcheck {}", c.label())));
    for (ci, cat) in c.categories.iter().enumerate() {
        let mut suite = TestSuite::new(text(&cat.name));
        for (i, r) in c.requirements.iter().enumerate() {
            if r.category != ci {
                continue;
            }
            let name = format!("{} ({})", r.id, c.levels[r.level].name);
            let mut case = TestCase::new(text(&name), status(e, i, target));
            case.set_classname(text(&format!("{}.{}", c.framework, cat.id)));
            case.extra
                .insert("file".into(), text(&options.evidence).into());
            suite.add_test_case(case);
        }
        report.add_test_suite(suite);
    }
    report.serialize(&mut *out).map_err(io::Error::other)
}
