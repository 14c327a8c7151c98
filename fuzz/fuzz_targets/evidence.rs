//! Evidence bytes through parsing, evaluation against every bundled criteria version
//! (lax and strict), and every renderer. Any panic is a bug.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use pmcheck::criteria;
use pmcheck::evaluate::{AsOfSource, Options, evaluate_with};
use pmcheck::evidence::{self, Date};
use pmcheck::report::{self, EvaluateFormat as Format, RenderOptions};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = if data.first() == Some(&b'{') {
        evidence::parse_json(text, Path::new("fuzz.json"))
    } else {
        evidence::parse_yaml(text, Path::new("fuzz.yaml"))
    };
    let Ok(e) = parsed else { return };
    let as_of = e.as_of.unwrap_or(Date::parse("2021-05-07").unwrap());
    for (id, _, _) in criteria::BUNDLED {
        let c = criteria::bundled(id).unwrap();
        for strict in [false, true] {
            let ev = evaluate_with(&c, &e, as_of, AsOfSource::File, Options { strict });
            let options = RenderOptions {
                evidence: "fuzz.yaml".into(),
                target: Some(0),
                color: true,
                changes: None,
                section_lines: report::section_lines(text),
            };
            for format in [
                Format::Table,
                Format::Json,
                Format::Markdown,
                Format::Junit,
                Format::Sarif,
                Format::Github,
                Format::Html,
            ] {
                let mut out = Vec::new();
                report::render(format, &ev, &options, &mut out).unwrap();
            }
        }
    }
});
