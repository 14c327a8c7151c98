//! Writes N realistic, varied evidence files for benchmarks:
//!
//!     cargo run --release --example gen_corpus -- DIR N [SEED]
//!
//! A spread of levels, 4 to 40 service areas, dated sessions and reviews, some plans and
//! sources. The same N and SEED always give the same files (see benches/support/corpus.rs).

#[path = "../benches/support/corpus.rs"]
#[allow(dead_code)]
mod corpus;

use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(n)) = (
        args.first(),
        args.get(1).and_then(|n| n.parse::<u64>().ok()),
    ) else {
        eprintln!("usage: gen_corpus DIR N [SEED]");
        std::process::exit(2);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(2021);
    let dir = PathBuf::from(dir);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("error: {}: {e}", dir.display());
        std::process::exit(2);
    }
    match corpus::write(&dir, n, seed) {
        Ok(bytes) => println!("wrote {n} files, {bytes} bytes, to {}", dir.display()),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    }
}
