//! Criteria bytes through parsing and complete validation; valid criteria are also
//! evaluated against an example. Any panic is a bug.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use pmcheck::criteria;
use pmcheck::evaluate::{AsOfSource, evaluate};
use pmcheck::evidence::{self, Date};

const EXAMPLE: &str = include_str!("../../examples/riverton-excellence.yaml");

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match criteria::parse(text, Path::new("fuzz.toml"), "fuzz".into()) {
        Ok(c) => {
            let e = evidence::parse_yaml(EXAMPLE, Path::new("example.yaml")).unwrap();
            let ev = evaluate(&c, &e, Date::parse("2021-05-07").unwrap(), AsOfSource::Flag);
            assert_eq!(ev.met.len(), c.requirements.len());
        }
        Err(err) => {
            let _ = err.to_string();
        }
    }
});
