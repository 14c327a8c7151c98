//! The reader on workbooks written part by part: what Excel and LibreOffice write, and
//! what a damaged or hostile file holds.

use std::io::Write;

use super::*;
use crate::measures::numfmt::Shown;

/// A workbook of one sheet `Data` whose sheet XML is `sheet_data` (inside
/// `<sheetData>`), with `strings` as its shared strings and `extra` parts.
fn book(sheet_data: &str, strings: &str, extra: &[(&str, &str)]) -> tempfile::NamedTempFile {
    let file = tempfile::NamedTempFile::new().unwrap();
    let mut zip = zip::ZipWriter::new(file.reopen().unwrap());
    let options = zip::write::SimpleFileOptions::default();
    let mut parts: Vec<(&str, String)> = vec![
        (
            "xl/workbook.xml",
            r#"<workbook xmlns:r="r"><workbookPr/><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>"#.into(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<Relationships><Relationship Id="rId1" Type="http://x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.into(),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!("<worksheet><sheetData>{sheet_data}</sheetData></worksheet>"),
        ),
        ("xl/sharedStrings.xml", format!("<sst>{strings}</sst>")),
    ];
    for (name, text) in extra {
        parts.retain(|(n, _)| n != name);
        parts.push((name, (*text).to_owned()));
    }
    for (name, text) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    file
}

fn cells(file: &tempfile::NamedTempFile) -> Result<(Cells, std::sync::Arc<Strings>), Error> {
    let mut wb = Workbook::open(file.reopen().unwrap())?;
    wb.cells(0, 2_000, 1_000)
}

#[test]
fn strings_runs_references_and_escapes_are_read_as_shown() {
    let f = book(
        r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>Fire &amp; Rescue</t></is></c></row>"#,
        r#"<si><r><t>Parks </t></r><r><t>&amp; Rec</t></r><rPh><t>ignored</t></rPh></si><si><t>a_x000D_b&#233;</t></si>"#,
        &[],
    );
    let (c, strings) = cells(&f).unwrap();
    assert_eq!(strings.get(0), Some("Parks & Rec"));
    assert_eq!(strings.get(1), Some("a\rbé"));
    assert_eq!(c.cells[2].value, Value::Own(0, 13));
    assert_eq!(&c.own[0..13], "Fire & Rescue");
}

#[test]
fn numbers_dates_and_formats_come_from_the_styles() {
    let styles = r#"<styleSheet><numFmts><numFmt numFmtId="164" formatCode="0.0%"/></numFmts><cellStyleXfs><xf numFmtId="14"/></cellStyleXfs><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/><xf numFmtId="7"/></cellXfs></styleSheet>"#;
    let data = r#"<row r="2"><c r="B2"><v>12.5</v></c><c r="C2" s="1"><v>0.37</v></c><c r="D2" s="2"><v>45107</v></c><c r="E2" s="3"><v>1200</v></c><c r="F2"><v>1e309</v></c><c r="G2" t="b"><v>1</v></c><c r="H2" t="e"><v>#N/A</v></c><c r="I2"><f>A1</f></c></row>"#;
    let f = book(data, "", &[("xl/styles.xml", styles)]);
    let (c, _) = cells(&f).unwrap();
    let shown: Vec<_> = c
        .cells
        .iter()
        .map(|c| (c.column, c.shown, c.value))
        .collect();
    assert_eq!(shown[0], (1, Shown::Plain, Value::Number(12.5)));
    assert_eq!(shown[1], (2, Shown::Percent, Value::Number(0.37)));
    assert_eq!(
        shown[2].2,
        Value::Date(chrono::NaiveDate::from_ymd_opt(2023, 6, 30).unwrap())
    );
    assert_eq!(shown[3].1.currency(), Some("$"));
    // A number too large to be one is kept as its text, for the reading to name.
    assert!(matches!(shown[4].2, Value::Own(..)), "{:?}", shown[4]);
    assert_eq!(shown[5].2, Value::Bool(true));
    assert!(matches!(shown[6].2, Value::Own(..)));
    // A formula with no stored value holds none.
    assert_eq!(c.cells.len(), 7);
    assert_eq!(c.first_column, 1);
}

#[test]
fn the_1904_date_system_is_read() {
    let f = book(
        r#"<row r="1"><c r="A1" s="1"><v>43645</v></c></row>"#,
        "",
        &[
            (
                "xl/workbook.xml",
                r#"<workbook><workbookPr date1904="1"/><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
            ),
            (
                "xl/styles.xml",
                r#"<styleSheet><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>"#,
            ),
        ],
    );
    let (c, _) = cells(&f).unwrap();
    // 43645 days after 1904-01-01 is 2023-06-30 (in the 1900 system it is 2019-06-29).
    assert_eq!(
        c.cells[0].value,
        Value::Date(chrono::NaiveDate::from_ymd_opt(2023, 6, 30).unwrap())
    );
}

#[test]
fn cells_out_of_order_or_without_references_are_placed() {
    let f = book(
        r#"<row r="3"><c r="B3"><v>2</v></c></row><row r="1"><c><v>1</v></c><c><v>3</v></c></row><row><c><v>4</v></c></row>"#,
        "",
        &[],
    );
    let (c, _) = cells(&f).unwrap();
    let at: Vec<_> = c.cells.iter().map(|c| (c.row, c.column)).collect();
    assert_eq!(at, [(0, 0), (0, 1), (1, 0), (2, 1)]);
}

#[test]
fn damaged_and_hostile_parts_are_refused_with_their_place() {
    // A shared string past the end.
    let f = book(
        r#"<row r="1"><c r="C7" t="s"><v>5</v></c></row>"#,
        "<si><t>x</t></si>",
        &[],
    );
    let e = cells(&f).unwrap_err();
    assert!(
        e.contains("cell C7") && e.contains("has 1 shared strings"),
        "{e}"
    );
    // A reference that names no cell.
    let f = book(
        r#"<row r="1"><c r="XFZ99999999"><v>1</v></c></row>"#,
        "",
        &[],
    );
    assert!(cells(&f).unwrap_err().contains("names no cell"));
    // Beyond the column limit, or more cells than the limit.
    let f = book(r#"<row r="1"><c r="ZZ1"><v>1</v></c></row>"#, "", &[]);
    let mut wb = Workbook::open(f.reopen().unwrap()).unwrap();
    assert!(wb.cells(0, 100, 1_000).unwrap_err().contains("column ZZ"));
    let many: String = (1..=20)
        .map(|r| format!(r#"<row r="{r}"><c r="A{r}"><v>1</v></c></row>"#))
        .collect();
    let f = book(&many, "", &[]);
    let mut wb = Workbook::open(f.reopen().unwrap()).unwrap();
    assert!(
        wb.cells(0, 100, 10)
            .unwrap_err()
            .contains("more than 10 cells")
    );
    // A sheet listed with no relationship, and XML that is not well-formed.
    let f = book(
        "",
        "",
        &[(
            "xl/workbook.xml",
            r#"<workbook><sheets><sheet name="Data" r:id="rId9"/></sheets></workbook>"#,
        )],
    );
    let mut wb = Workbook::open(f.reopen().unwrap()).unwrap();
    assert!(
        wb.cells(0, 100, 10)
            .unwrap_err()
            .contains("no part of its own")
    );
    let f = book(r#"<row r="1"><c r="A1"><v>1</c></row>"#, "", &[]);
    assert!(cells(&f).unwrap_err().contains("not well-formed XML"));
}

#[test]
fn a_part_that_inflates_past_its_limit_is_refused_by_name() {
    // 40 MiB of one byte compresses to about 40 KiB: far over the ratio.
    let big = "<si><t>".to_owned() + &"a".repeat(40 << 20) + "</t></si>";
    let f = book(
        r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#,
        &big,
        &[],
    );
    let e = cells(&f).unwrap_err();
    assert!(
        e.contains("xl/sharedStrings.xml") && e.contains("inflates"),
        "{e}"
    );
}

#[test]
fn a_large_part_read_in_pieces_gives_what_one_piece_gives() {
    let rows: String = (1..=100_000)
        .map(|r| format!(r#"<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>m{r}</t></is></c><c r="B{r}"><v>{r}.5</v></c></row>"#))
        .collect();
    let styles = Styles::default();
    let limits = Limits {
        max_columns: 100,
        max_cells: 1_000_000,
        strings: 0,
        date1904: false,
    };
    let xml = format!("<worksheet><sheetData>{rows}</sheetData></worksheet>");
    assert!(cells::pieces(&xml, 4).len() > 1, "the test needs pieces");
    let whole = cells::read_in_one_counting(&xml, &styles, &limits, &Default::default()).unwrap();
    let pieces = cells::read(&xml, &styles, &limits).unwrap();
    assert_eq!(whole.cells, pieces.cells);
    assert_eq!(whole.own, pieces.own);
    assert_eq!(pieces.cells.len(), 200_000);
}
