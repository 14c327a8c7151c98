//! `explain`: a requirement or a category, an unknown id, and, for every requirement, an
//! evidence snippet that satisfies it (each one checked by evaluating it).

use std::path::Path;

use pmcheck::criteria;
use pmcheck::evaluate::{AsOfSource, evaluate};
use pmcheck::evidence::{Date, parse_yaml};
use pmcheck::snippet;

use crate::common::cli::{ok, run};

#[test]
fn every_snippet_meets_its_requirement() {
    let as_of = Date::parse("2021-05-07").unwrap();
    for (id, _, _) in criteria::BUNDLED {
        let c = criteria::bundled(id).unwrap();
        for (i, r) in c.requirements.iter().enumerate() {
            let yaml = format!("version: 1\n{}", snippet::for_requirement(&c, r, as_of));
            let e = parse_yaml(&yaml, Path::new("snippet.yaml")).unwrap_or_else(|err| {
                panic!("{id} {}: snippet does not parse: {err}\n{yaml}", r.id)
            });
            let ev = evaluate(&c, &e, as_of, AsOfSource::Flag);
            assert!(
                ev.met[i],
                "{id} {}: snippet does not meet it:\n{yaml}",
                r.id
            );
        }
    }
}

#[test]
fn explain_a_requirement_and_a_category() {
    insta::assert_snapshot!(
        "explain_accountability_excellence",
        ok(&[
            "explain",
            "accountability.excellence",
            "--as-of",
            "2021-05-07"
        ])
    );
    insta::assert_snapshot!(
        "explain_category_equity",
        ok(&["explain", "equity", "-c", "2021"])
    );
    let federal = ok(&[
        "explain",
        "transparency.aligned",
        "-c",
        "federal",
        "--as-of",
        "2021-05-07",
    ]);
    assert!(federal.contains("leader:"), "{federal}");
}

#[test]
fn explain_an_unknown_id_suggests_the_closest() {
    let r = run(&["explain", "public_reportng.distinction"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("closest: `public_reporting.distinction`"),
        "{}",
        r.stderr
    );
}
