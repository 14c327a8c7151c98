//! `explain` gives, for every requirement, an evidence snippet that satisfies it: this
//! test checks each one by evaluating it.

use std::path::Path;

use pmcheck::criteria;
use pmcheck::evaluate::{AsOfSource, evaluate};
use pmcheck::evidence::{Date, parse_yaml};
use pmcheck::snippet;

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
