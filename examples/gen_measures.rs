//! Generates a large city's measures inventory for benchmarks: 2,000 measures over ten
//! years of months (240,000 rows) in the long layout of a monthly performance feed, as
//! CSV, and (with a second argument) the same rows as an XLSX workbook.
//!
//!     cargo run --release --example gen_measures -- OUT.csv [OUT.xlsx]
use std::io::Write;

const DEPARTMENTS: [&str; 10] = [
    "Police",
    "Fire",
    "Parks",
    "Library",
    "Public Works",
    "Water",
    "Transportation",
    "Health",
    "Housing",
    "Planning",
];
const KINDS: [&str; 5] = ["Input", "Output", "Workload", "Efficiency", "Outcome"];
const HEADER: [&str; 7] = [
    "Measure Code",
    "Department",
    "Measure Name",
    "Measure Type",
    "Calendar Month",
    "Actual",
    "Target",
];

/// A deterministic value for measure `m` in month `i` (no randomness: runs compare).
fn value(m: usize, i: usize) -> f64 {
    let base = 10.0 + (m * 37 % 990) as f64;
    base * (1.0 + ((m * 7 + i * 13) % 21) as f64 / 100.0 - 0.1)
}

fn rows() -> impl Iterator<Item = [String; 7]> {
    (0..2000).flat_map(|m| {
        (0..120).map(move |i| {
            let (year, month) = (2015 + i / 12, 1 + i % 12);
            let dept = DEPARTMENTS[m % 10];
            [
                format!("M{m:04}"),
                dept.to_owned(),
                format!("Measure {m} of {dept}"),
                KINDS[m % 5].to_owned(),
                format!("{year}-{month:02}"),
                format!("{:.2}", value(m, i)),
                format!("{:.0}", value(m, 0)),
            ]
        })
    })
}

fn main() {
    let mut args = std::env::args().skip(1);
    let csv_path = args.next().expect("usage: gen_measures OUT.csv [OUT.xlsx]");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&csv_path).expect("writable"));
    writeln!(out, "{}", HEADER.join(",")).expect("write");
    for r in rows() {
        writeln!(out, "{}", r.join(",")).expect("write");
    }
    out.flush().expect("flush");
    if let Some(xlsx_path) = args.next() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (c, h) in HEADER.iter().enumerate() {
            sheet.write_string(0, c as u16, *h).expect("cell");
        }
        for (r, row) in rows().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                match c {
                    5 | 6 => sheet.write_number(r, c as u16, cell.parse::<f64>().expect("number")),
                    _ => sheet.write_string(r, c as u16, cell),
                }
                .expect("cell");
            }
        }
        book.save(&xlsx_path).expect("saved");
    }
}
