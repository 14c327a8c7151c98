//! The floor for `pmcheck portfolio`: read and parse the same files with the same
//! threads, without evaluating or rendering.
//!
//!     cargo run --release --example parse_only -- DIR...
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

fn main() {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let files = pmcheck::evaluate::portfolio::collect(&paths).files;
    let next = AtomicUsize::new(0);
    let parsed = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                while let Some(f) = files.get(next.fetch_add(1, Ordering::Relaxed)) {
                    if pmcheck::evidence::load(f).is_ok() {
                        parsed.fetch_add(1, Ordering::Relaxed);
                    }
                }
            });
        }
    });
    println!("{} of {} files parsed", parsed.into_inner(), files.len());
}
