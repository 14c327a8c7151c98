//! Criteria bytes through parsing and complete validation; valid criteria then drive
//! everything downstream: evaluation of every example, every evaluate format, criteria
//! show and diff in every format, explain (and its evidence snippet) for every
//! requirement and category, and plan. Any panic, and any run that does not finish
//! quickly (libFuzzer's -timeout), is a bug.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use pmcheck::criteria::{self, Criteria};
use pmcheck::evaluate::{AsOfSource, evaluate};
use pmcheck::evidence::{self, Date};
use pmcheck::report::{self, EvaluateFormat, Format, RenderOptions};

const EXAMPLES: [&str; 3] = [
    include_str!("../../examples/riverton-excellence.yaml"),
    include_str!("../../examples/lakeside-none.yaml"),
    include_str!("../../examples/agency-aligned.yaml"),
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match criteria::parse(text, Path::new("fuzz.toml"), "fuzz".into()) {
        Ok(c) => downstream(&c),
        Err(err) => {
            let _ = err.to_string();
        }
    }
});

fn downstream(c: &Criteria) {
    let as_of = Date::parse("2021-05-07").unwrap();
    for example in EXAMPLES {
        let e = evidence::parse_yaml(example, Path::new("example.yaml")).unwrap();
        let ev = evaluate(c, &e, as_of, AsOfSource::Flag);
        assert_eq!(ev.met.len(), c.requirements.len());
        assert!(ev.readiness.iter().all(|r| r.is_finite() && (0.0..=100.0).contains(r)));
        let options = RenderOptions {
            evidence: "example.yaml".into(),
            target: Some(0),
            color: true,
            changes: None,
            section_lines: report::section_lines(example),
        };
        for format in [
            EvaluateFormat::Table,
            EvaluateFormat::Json,
            EvaluateFormat::Markdown,
            EvaluateFormat::Junit,
            EvaluateFormat::Sarif,
            EvaluateFormat::Github,
            EvaluateFormat::Html,
        ] {
            report::render(format, &ev, &options, &mut Vec::new()).unwrap();
        }
        let target = ev.target_or_next(None);
        let plan = pmcheck::evaluate::plan::plan(&ev, &e, target, None);
        for format in [Format::Table, Format::Json, Format::Markdown] {
            report::plan::render(format, &ev, &plan, &mut Vec::new()).unwrap();
        }
    }
    let icma = criteria::bundled("icma-2022").unwrap();
    let d = pmcheck::criteria::diff::diff(&icma, c);
    for format in [Format::Table, Format::Json, Format::Markdown] {
        report::criteria_view::show(format, c, &mut Vec::new()).unwrap();
        report::criteria_view::diff(format, &icma, c, &d, &mut Vec::new()).unwrap();
    }
    for i in 0..c.requirements.len() {
        report::explain::requirement(c, i, as_of, &mut Vec::new()).unwrap();
    }
    for i in 0..c.categories.len() {
        report::explain::category(c, i, &mut Vec::new()).unwrap();
    }
}
