//! Benchmarks, each against its natural floor in the same run:
//! parsing one typical evidence file; evaluating it against each bundled criteria
//! (and parse + evaluate against parse alone); rendering each output format; and the
//! portfolio over 10,000 generated files against reading and parsing the same files.
//!
//!     cargo bench --bench pmcheck
//!
//! After the measurements, the ratios are printed from criterion's own estimates.

#[path = "support/corpus.rs"]
#[allow(dead_code)]
mod corpus;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use criterion::Criterion;
use pmcheck::criteria;
use pmcheck::evaluate::{AsOfSource, evaluate};
use pmcheck::evidence::{self, Date};
use pmcheck::report::{self, EvaluateFormat, RenderOptions};

const TYPICAL: &str = include_str!("../examples/riverton-excellence.yaml");
const CORPUS_FILES: u64 = 10_000;

fn corpus_dir() -> PathBuf {
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| PathBuf::from("target"), PathBuf::from);
    let dir = target.join("bench-corpus");
    if !dir.join(format!("j{:05}.yaml", CORPUS_FILES - 1)).exists() {
        std::fs::create_dir_all(&dir).unwrap();
        corpus::write(&dir, CORPUS_FILES, 2021).unwrap();
    }
    dir
}

fn workers() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// The portfolio floor: read and parse every file on the same threads, no evaluation.
fn parse_all(files: &[PathBuf]) -> usize {
    let next = AtomicUsize::new(0);
    let ok = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..workers() {
            s.spawn(|| {
                while let Some(f) = files.get(next.fetch_add(1, Ordering::Relaxed)) {
                    if evidence::load(f).is_ok() {
                        ok.fetch_add(1, Ordering::Relaxed);
                    }
                }
            });
        }
    });
    ok.into_inner()
}

fn benches(c: &mut Criterion) {
    let path = Path::new("typical.yaml");
    let as_of = Date::parse("2021-05-07").unwrap();
    let parsed = evidence::parse_yaml(TYPICAL, path).unwrap();

    c.bench_function("parse/typical", |b| {
        b.iter(|| evidence::parse_yaml(black_box(TYPICAL), path).unwrap())
    });
    for (id, _, _) in criteria::BUNDLED {
        let crit = criteria::bundled(id).unwrap();
        c.bench_function(&format!("evaluate/{id}"), |b| {
            b.iter(|| evaluate(&crit, black_box(&parsed), as_of, AsOfSource::Flag))
        });
    }
    let icma = criteria::bundled("icma-2022").unwrap();
    c.bench_function("parse_evaluate/icma-2022", |b| {
        b.iter(|| {
            let e = evidence::parse_yaml(black_box(TYPICAL), path).unwrap();
            evaluate(&icma, &e, as_of, AsOfSource::Flag)
        })
    });
    c.bench_function("criteria_parse/icma-2022", |b| {
        b.iter(|| criteria::bundled(black_box("icma-2022")).unwrap())
    });

    let ev = evaluate(&icma, &parsed, as_of, AsOfSource::Flag);
    let options = RenderOptions {
        evidence: "typical.yaml".into(),
        target: Some(2),
        color: false,
        changes: None,
        section_lines: pmcheck::evidence::section_lines(TYPICAL),
    };
    for (name, format) in [
        ("table", EvaluateFormat::Table),
        ("json", EvaluateFormat::Json),
        ("markdown", EvaluateFormat::Markdown),
        ("junit", EvaluateFormat::Junit),
        ("sarif", EvaluateFormat::Sarif),
        ("github", EvaluateFormat::Github),
        ("html", EvaluateFormat::Html),
    ] {
        c.bench_function(&format!("render/{name}"), |b| {
            b.iter(|| {
                let mut out = Vec::with_capacity(16 * 1024);
                report::render(format, black_box(&ev), &options, &mut out).unwrap();
                out
            })
        });
    }

    let dir = corpus_dir();
    let files = pmcheck::evaluate::portfolio::collect(std::slice::from_ref(&dir)).files;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let mut group = c.benchmark_group("portfolio");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20))
        .warm_up_time(Duration::from_secs(2));
    group.bench_function("floor_parse_only", |b| {
        b.iter(|| parse_all(black_box(&files)))
    });
    group.bench_function("evaluate_10000", |b| {
        b.iter(|| {
            pmcheck::evaluate::portfolio::run(
                &icma,
                black_box(&files),
                None,
                today,
                workers(),
                &|| {},
            )
        })
    });
    group.finish();
}

/// Criterion's median estimate for a benchmark id, in nanoseconds.
fn median(id: &str) -> Option<f64> {
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| PathBuf::from("target"), PathBuf::from);
    // Criterion keeps `group/function` ids as directories and turns a `/` inside a
    // plain function id into `_`.
    let dir = target.join("criterion");
    let read = |name: &str| std::fs::read_to_string(dir.join(name).join("new/estimates.json"));
    let text = read(id).or_else(|_| read(&id.replace('/', "_"))).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v["median"]["point_estimate"].as_f64()
}

fn ratios() {
    let pairs = [
        (
            "evaluate/icma-2022",
            "parse/typical",
            "evaluation alone / parse-only",
        ),
        (
            "parse_evaluate/icma-2022",
            "parse/typical",
            "parse + evaluation / parse-only (target <= 1.2)",
        ),
        (
            "portfolio/evaluate_10000",
            "portfolio/floor_parse_only",
            "portfolio / parse-only floor (target <= 1.3)",
        ),
    ];
    println!("\nRatios to the floor (criterion medians):");
    for (what, floor, label) in pairs {
        match (median(what), median(floor)) {
            (Some(a), Some(b)) => {
                println!("  {label}: {:.3} ({} vs {})", a / b, human(a), human(b))
            }
            _ => println!("  {label}: not measured in this run"),
        }
    }
}

fn human(ns: f64) -> String {
    if ns >= 1e9 {
        format!("{:.3} s", ns / 1e9)
    } else if ns >= 1e6 {
        format!("{:.3} ms", ns / 1e6)
    } else {
        format!("{:.2} µs", ns / 1e3)
    }
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    benches(&mut c);
    c.final_summary();
    ratios();
}
