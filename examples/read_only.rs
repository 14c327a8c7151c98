//! The process floor for `pmcheck evaluate`: a trivial binary that only reads the file.
fn main() {
    let path = std::env::args().nth(1).expect("usage: read_only FILE");
    let bytes = std::fs::read(&path).expect("readable file");
    println!("{}", bytes.len());
}
