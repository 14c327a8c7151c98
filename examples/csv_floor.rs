//! The floor for `pmcheck measures` on a CSV file: reading the same file with the `csv`
//! crate alone, visiting every field, and nothing else.
fn main() {
    let path = std::env::args().nth(1).expect("usage: csv_floor FILE.csv");
    let text = std::fs::read_to_string(&path).expect("readable UTF-8 file");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    let (mut rows, mut bytes) = (0usize, 0usize);
    while reader.read_record(&mut record).expect("valid CSV") {
        rows += 1;
        bytes += record.iter().map(str::len).sum::<usize>();
    }
    println!("{rows} rows, {bytes} bytes of fields");
}
