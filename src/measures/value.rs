//! Values as measures files write them: numbers with separators, percent and currency
//! signs, parentheses for negatives, and the markers that mean "no value".
//!
//! Values keep their units: "12%" is 12 (not 0.12) and "$1,200" is 1200; the measure says
//! what its unit is. Text that could be read two ways, such as "1,5" (a decimal comma or a
//! misplaced thousands separator), is refused rather than guessed. Every function here is
//! pure and total: odd text is an `Err`, never a panic.

/// What a value cell may hold, said in every error.
const EXPECTED: &str = "write a number such as 1234.5, 12%, $1,200 or (45); leave the cell \
     empty or write N/A for no value";

/// The markers that mean "no value", lower case, spaces collapsed.
const MISSING: [&str; 14] = [
    "",
    "n/a",
    "na",
    "n.a.",
    "#n/a",
    "-",
    "--",
    "\u{2013}",
    "\u{2014}",
    "tbd",
    "not available",
    "null",
    "..",
    "...",
];

/// Currency signs and codes that may stand before or after a number.
const CURRENCIES: [&str; 12] = [
    "us$", "$", "€", "£", "¥", "usd", "eur", "gbp", "cad", "aud", "nzd", "jpy",
];

/// Spaces that group thousands: space, no-break, figure, thin and narrow no-break spaces.
const GROUP_SPACES: [char; 5] = [' ', '\u{a0}', '\u{2007}', '\u{2009}', '\u{202f}'];

/// Parses a value cell written as text: Ok(Some(number)), Ok(None) for "no value"
/// (see [`is_missing`]), Err(message) for any other text. Accepts thousands separators
/// (commas or spaces, in groups of three), a point for decimals, an exponent ("1.2e3"),
/// a leading sign or parentheses for a negative ("(45)" is -45), and one unit: a percent
/// sign after the number or a currency sign or code before or after it, which is dropped.
pub fn parse(text: &str) -> Result<Option<f64>, String> {
    // Most cells are plain numbers (`1234`, `-5.25`): read them without the general path.
    let t = text.trim();
    if !t.is_empty()
        && t.bytes()
            .enumerate()
            .all(|(i, b)| b.is_ascii_digit() || b == b'.' || (i == 0 && b == b'-'))
        && let Ok(v) = t.parse::<f64>()
        && v.is_finite()
    {
        return Ok(Some(v));
    }
    if is_missing(text) {
        return Ok(None);
    }
    number(text.trim()).map(Some).map_err(|problem| {
        let quoted = quote(text);
        match problem {
            Some(problem) => format!("{quoted} is not a number: {problem}; {EXPECTED}"),
            None => format!("{quoted} is not a number; {EXPECTED}"),
        }
    })
}

/// Whether a text means "no value": empty or white space, "N/A", "NA", "N.A.", "#N/A",
/// "-", "--", en or em dash, "TBD", "not available", "null", ".." or "...", in any case.
pub fn is_missing(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let collapsed = words.join(" ").to_lowercase();
    MISSING.contains(&collapsed.as_str())
}

/// Text quoted for a message: in backticks, control characters shown as U+FFFD, cut after
/// 40 characters.
pub(crate) fn quote(text: &str) -> String {
    const LIMIT: usize = 40;
    let mut quoted: String = text
        .chars()
        .take(LIMIT)
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect();
    if text.chars().nth(LIMIT).is_some() {
        quoted.push('…');
    }
    format!("`{quoted}`")
}

/// Why a text is not a number: `None` when it simply is not one.
type Problem = Option<&'static str>;

fn number(text: &str) -> Result<f64, Problem> {
    if text.starts_with('=') {
        return Err(Some("it is a formula, not its value"));
    }
    if text.starts_with('#') {
        return Err(Some("it is a spreadsheet error"));
    }
    let (parentheses_outside, text) = strip_parentheses(text);
    let (sign_before, text) = strip_sign(text);
    let text = strip_unit(text)?;
    let (parentheses_inside, text) = strip_parentheses(text);
    let (sign_after, text) = strip_sign(text);
    let signs = [
        parentheses_outside,
        sign_before,
        parentheses_inside,
        sign_after,
    ];
    let negative = match signs.into_iter().flatten().collect::<Vec<_>>()[..] {
        [] => false,
        [negative] => negative,
        _ => return Err(Some("it has more than one sign")),
    };
    let magnitude = magnitude(text)?;
    Ok(if negative { -magnitude } else { magnitude })
}

/// Parentheses around a number, as accountants mark a negative: `Some(true)`.
fn strip_parentheses(text: &str) -> (Option<bool>, &str) {
    match text.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        Some(inner) => (Some(true), inner.trim()),
        None => (None, text),
    }
}

/// A leading sign: `Some(true)` for minus (also U+2212), `Some(false)` for plus.
fn strip_sign(text: &str) -> (Option<bool>, &str) {
    let mut chars = text.chars();
    let sign = match chars.next() {
        Some('-' | '\u{2212}') => Some(true),
        Some('+') => Some(false),
        _ => return (None, text),
    };
    (sign, chars.as_str().trim_start())
}

/// Footnote symbols written after a value.
const FOOTNOTE_SYMBOLS: [char; 5] = ['*', '†', '‡', '§', '¶'];

/// Superscript digits, as a footnote number after a value (`12²`).
const SUPERSCRIPTS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

/// A value written with a footnote marker after it: `45.3%*`, `12†`, `1,204 (a)`,
/// `88 [1]`, `7²`; the value's text and the marker. A marker in brackets is one or two
/// letters or digits, so that `(1,204)`, a negative number, is never one; and a text
/// that is only a marker is not a value with one.
pub fn split_footnote(text: &str) -> Option<(&str, &str)> {
    let t = text.trim_end();
    for marks in [&FOOTNOTE_SYMBOLS[..], &SUPERSCRIPTS[..]] {
        let rest = t.trim_end_matches(marks);
        if rest.len() < t.len() && !rest.trim().is_empty() {
            return Some((rest.trim_end(), &t[rest.len()..]));
        }
    }
    for (open, close) in [('(', ')'), ('[', ']')] {
        let Some(inside) = t.strip_suffix(close) else {
            continue;
        };
        let Some(at) = inside.rfind(open) else {
            continue;
        };
        let marker = &inside[at + open.len_utf8()..];
        let value = inside[..at].trim_end();
        if (1..=2).contains(&marker.chars().count())
            && marker.chars().all(char::is_alphanumeric)
            && !value.is_empty()
        {
            return Some((value, &t[at..]));
        }
    }
    None
}

/// The unit a value is written with: `%` after it, or `$`, `€` or `£` before or
/// after it; `None` for a plain number.
pub fn unit_sign(text: &str) -> Option<&'static str> {
    let t = text
        .trim()
        .trim_start_matches(['-', '+', '('])
        .trim_end_matches(')');
    if t.ends_with('%') {
        return Some("%");
    }
    ["$", "€", "£"]
        .into_iter()
        .find(|c| t.starts_with(c) || t.ends_with(c))
}

/// A ratio as a percentage: 0.37 is 37 (rounded to nine decimals, so that 0.37 × 100 is
/// 37, not 37.00000000000001).
pub fn ratio_as_percent(ratio: f64) -> f64 {
    (ratio * 1e11).round() / 1e9
}

/// A unit column's text in the form values are shown with: `percent`, `Percentage`,
/// `pct` and `% of calls` are `%`, so that 37 shows as 37% and a change between two
/// percentages is in percentage points; `dollars`, `USD` and `US$` are `$`. Any other unit
/// is kept as written.
pub fn canonical_unit(unit: &str) -> std::borrow::Cow<'_, str> {
    let t = unit.trim();
    let lower = t.to_lowercase();
    let mut words = lower
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
        .filter(|w| !w.is_empty());
    let first = words.next().unwrap_or("");
    let second = words.next();
    let percent = matches!(first, "%" | "percent" | "percentage" | "pct" | "pct.")
        || (first == "per" && second == Some("cent"));
    if percent && second != Some("points") {
        return "%".into();
    }
    if matches!(lower.as_str(), "dollars" | "dollar" | "usd" | "us$" | "$") {
        return "$".into();
    }
    t.into()
}

/// The number without its one unit: a percent sign after it, or a currency before or after.
fn strip_unit(text: &str) -> Result<&str, Problem> {
    let mut unit = None;
    let mut rest = text;
    if let Some(number) = rest.strip_suffix('%') {
        (unit, rest) = (Some("%"), number.trim_end());
    }
    for currency in CURRENCIES {
        let before = strip_prefix_ignore_case(rest, currency).map(str::trim_start);
        let after = strip_suffix_ignore_case(rest, currency).map(str::trim_end);
        if let Some(number) = before.or(after) {
            if unit.is_some() {
                return Err(Some("it has more than one unit"));
            }
            (unit, rest) = (Some(currency), number);
        }
    }
    Ok(rest)
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| text.get(prefix.len()..))
        .flatten()
}

fn strip_suffix_ignore_case<'a>(text: &'a str, suffix: &str) -> Option<&'a str> {
    let split = text.len().checked_sub(suffix.len())?;
    let tail = text.get(split..)?;
    tail.eq_ignore_ascii_case(suffix)
        .then(|| text.get(..split))
        .flatten()
}

/// An unsigned number: digits grouped in threes by commas or spaces, an optional
/// fraction after a point, an optional exponent.
fn magnitude(text: &str) -> Result<f64, Problem> {
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(at) => (&text[..at], Some(&text[at + 1..])),
        None => (text, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (mantissa, None),
    };
    if fraction.is_some_and(|f| f.contains('.')) {
        return Err(Some("it has more than one decimal point"));
    }
    if fraction.is_some_and(|f| f.contains(',')) {
        return Err(Some(
            "a comma cannot mark decimals; write decimals with a point",
        ));
    }
    let whole = ungrouped(whole)?;
    let fraction = fraction.unwrap_or_default();
    if (whole.is_empty() && fraction.is_empty()) || !all_digits(fraction) {
        return Err(None);
    }
    let exponent = match exponent {
        Some(exponent) if is_exponent(exponent) => format!("e{exponent}"),
        Some(_) => return Err(None),
        None => String::new(),
    };
    let whole = if whole.is_empty() { "0" } else { &whole };
    let number = match fraction {
        "" => format!("{whole}{exponent}"),
        _ => format!("{whole}.{fraction}{exponent}"),
    };
    let value: f64 = number.parse().map_err(|_| None)?;
    if value.is_finite() {
        Ok(value)
    } else {
        Err(Some("it is too large"))
    }
}

/// The digits of a whole part without its thousands separators. Groups after the first
/// must be three digits: "1,5" and "12,34" are refused as possible decimal commas.
fn ungrouped(whole: &str) -> Result<String, Problem> {
    let mut groups = whole.split(|c| c == ',' || GROUP_SPACES.contains(&c));
    let first = groups.next().unwrap_or_default();
    let mut digits = first.to_string();
    for group in groups {
        if !all_digits(group) || first.is_empty() {
            return Err(None);
        }
        if group.len() != 3 || first.len() > 3 {
            return Err(Some(
                "thousands must be grouped in threes (1,234); write decimals with a point (1.5)",
            ));
        }
        digits.push_str(group);
    }
    if all_digits(&digits) {
        Ok(digits)
    } else {
        Err(None)
    }
}

fn all_digits(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_digit())
}

fn is_exponent(text: &str) -> bool {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    !digits.is_empty() && all_digits(digits)
}

/// A number without its unit: thousands separators and up to two decimals; three
/// significant digits below 0.01; scientific notation from a thousand trillion up.
pub fn plain_number(value: f64) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let abs = value.abs();
    if abs >= 1e15 {
        return format!("{value:.3e}");
    }
    if abs > 0.0 && abs < 0.005 {
        let decimals = (-abs.log10().floor()) as usize + 2;
        let text = format!("{value:.decimals$}");
        return text.trim_end_matches('0').to_owned();
    }
    // Formatting rounds the decimal digits exactly, where scaling by 100 would not.
    let text = format!("{abs:.2}");
    let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut digits = whole.to_owned();
    let mut i = digits.len();
    while i > 3 {
        i -= 3;
        digits.insert(i, ',');
    }
    let frac = frac.trim_end_matches('0');
    if !frac.is_empty() {
        digits.push('.');
        digits.push_str(frac);
    }
    if value < 0.0 && digits.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        digits.insert(0, '-');
    }
    digits
}

#[cfg(test)]
mod tests {
    #[test]
    fn footnote_markers_come_off_and_negative_numbers_stay() {
        use super::split_footnote;
        for (text, value, marker) in [
            ("45.3%*", "45.3%", "*"),
            ("12†", "12", "†"),
            ("12**", "12", "**"),
            ("1,204 (a)", "1,204", "(a)"),
            ("88 [1]", "88", "[1]"),
            ("88[12]", "88", "[12]"),
            ("7²", "7", "²"),
        ] {
            assert_eq!(split_footnote(text), Some((value, marker)), "{text}");
        }
        // A negative number in accounting style, a marker alone, a long bracket.
        for text in ["(1,204)", "(5)", "*", "[1]", "12 (abc)", "12", ""] {
            assert_eq!(split_footnote(text), None, "{text}");
        }
    }

    use super::*;

    #[test]
    fn unit_columns_name_percent_and_dollars_as_values_show_them() {
        for u in [
            "%",
            "Percent",
            "percentage",
            "PCT",
            "pct.",
            "per cent",
            "% of calls",
            "Percent (%)",
            " percent of residents ",
        ] {
            assert_eq!(canonical_unit(u), "%", "{u:?}");
        }
        for u in ["Dollars", "USD", "US$", "$"] {
            assert_eq!(canonical_unit(u), "$", "{u:?}");
        }
        for (u, kept) in [
            ("percentage points", "percentage points"),
            ("minutes", "minutes"),
            (" Calls ", "Calls"),
            ("dollars per capita", "dollars per capita"),
            ("persons", "persons"),
        ] {
            assert_eq!(canonical_unit(u), kept, "{u:?}");
        }
    }

    fn assert_values(cases: &[(&str, f64)]) {
        for (text, expected) in cases {
            assert_eq!(parse(text), Ok(Some(*expected)), "{text:?}");
        }
    }

    /// Each text is refused with a message that quotes it, says what is right and
    /// contains `needle`.
    fn assert_refused(cases: &[(&str, &str)]) {
        for (text, needle) in cases {
            let error = parse(text).expect_err(text);
            assert!(error.contains(needle), "{text:?}: {error}");
            assert!(error.contains(EXPECTED), "{text:?}: {error}");
        }
    }

    #[test]
    fn plain_numbers() {
        assert_values(&[
            ("1234", 1234.0),
            ("0", 0.0),
            ("007", 7.0),
            ("1234.5", 1234.5),
            (".5", 0.5),
            ("5.", 5.0),
            (" 12 ", 12.0),
            ("\t12\n", 12.0),
            ("-45", -45.0),
            ("+3", 3.0),
            ("- 45", -45.0),
            ("\u{2212}45", -45.0),
            ("1.2e3", 1200.0),
            ("1.2E3", 1200.0),
            ("1e-3", 0.001),
            ("2.5e+2", 250.0),
            ("-1.5e2", -150.0),
        ]);
    }

    #[test]
    fn thousands_separators() {
        assert_values(&[
            ("1,234", 1234.0),
            ("1,234.5", 1234.5),
            ("1,234,567.89", 1_234_567.89),
            ("-1,234", -1234.0),
            ("1 234", 1234.0),
            ("1\u{a0}234", 1234.0),
            ("1\u{202f}234", 1234.0),
            ("1\u{2009}234", 1234.0),
            ("1\u{2007}234", 1234.0),
            ("12 345 678", 12_345_678.0),
            ("999,999", 999_999.0),
        ]);
    }

    #[test]
    fn a_comma_that_could_mark_decimals_is_refused() {
        assert_refused(&[
            ("1,5", "write decimals with a point"),
            ("12,34", "write decimals with a point"),
            ("1,2345", "grouped in threes"),
            ("1234,567", "grouped in threes"),
            ("1,23,456", "grouped in threes"),
            ("12 34", "grouped in threes"),
            ("1.234,5", "a comma cannot mark decimals"),
            ("0,5", "write decimals with a point"),
        ]);
    }

    #[test]
    fn the_unit_a_value_is_written_with() {
        assert_eq!(unit_sign("85%"), Some("%"));
        assert_eq!(unit_sign(" (12.5%) "), Some("%"));
        assert_eq!(unit_sign("$251,000"), Some("$"));
        assert_eq!(unit_sign("-$5"), Some("$"));
        assert_eq!(unit_sign("12 €"), Some("€"));
        assert_eq!(unit_sign("1,200"), None);
    }

    #[test]
    fn percent_and_currency_signs_are_dropped() {
        assert_values(&[
            ("12%", 12.0),
            ("12 %", 12.0),
            ("-3.5%", -3.5),
            ("(2%)", -2.0),
            ("$1,200", 1200.0),
            ("$ 1,200", 1200.0),
            ("-$45", -45.0),
            ("$-45", -45.0),
            ("($45)", -45.0),
            ("$(45)", -45.0),
            ("€3.5", 3.5),
            ("3.5 €", 3.5),
            ("3.5€", 3.5),
            ("£12", 12.0),
            ("¥1,000", 1000.0),
            ("US$ 12", 12.0),
            ("USD 12", 12.0),
            ("usd12", 12.0),
            ("12 USD", 12.0),
            ("EUR 3.5", 3.5),
            ("GBP 1,000", 1000.0),
        ]);
    }

    #[test]
    fn parentheses_are_negative() {
        assert_values(&[("(45)", -45.0), ("( 45 )", -45.0), ("(1,234.5)", -1234.5)]);
        assert_refused(&[
            ("(-45)", "more than one sign"),
            ("-(45)", "more than one sign"),
            ("--45", "more than one sign"),
            ("+-45", "more than one sign"),
            ("(45", "is not a number;"),
            ("45)", "is not a number;"),
            ("()", "is not a number;"),
        ]);
    }

    #[test]
    fn every_missing_marker_is_no_value() {
        for text in [
            "",
            " ",
            "\t",
            "\u{a0}",
            "N/A",
            "n/a",
            "N/a",
            "NA",
            "na",
            "N.A.",
            "#N/A",
            "-",
            "--",
            "\u{2013}",
            "\u{2014}",
            "TBD",
            "tbd",
            "not available",
            "Not Available",
            "not  available",
            "null",
            "NULL",
            "..",
            "...",
            " N/A ",
        ] {
            assert!(is_missing(text), "{text:?}");
            assert_eq!(parse(text), Ok(None), "{text:?}");
        }
    }

    #[test]
    fn numbers_and_words_are_not_missing() {
        for text in [
            "0", "none", "n", "a", "nan", "-0", "N/A2", "---", "not", ".",
        ] {
            assert!(!is_missing(text), "{text:?}");
        }
        assert_eq!(parse("-0"), Ok(Some(-0.0)));
    }

    #[test]
    fn non_numbers_are_refused() {
        assert_refused(&[
            ("abc", "`abc` is not a number;"),
            ("twelve", "is not a number;"),
            ("12 apples", "is not a number;"),
            ("1.2.3", "more than one decimal point"),
            ("1e", "is not a number;"),
            ("1e+", "is not a number;"),
            ("e3", "is not a number;"),
            (".", "is not a number;"),
            ("0x1F", "is not a number;"),
            ("1_000", "is not a number;"),
            ("$", "is not a number;"),
            ("%", "is not a number;"),
            ("$12%", "more than one unit"),
            ("$€12", "more than one unit"),
            ("=A1*2", "it is a formula"),
            ("#DIV/0!", "a spreadsheet error"),
            ("#REF!", "a spreadsheet error"),
            ("12-34", "is not a number;"),
            ("1 2", "grouped in threes"),
            (",123", "is not a number;"),
        ]);
    }

    #[test]
    fn nan_and_infinity_are_refused() {
        assert_refused(&[
            ("NaN", "is not a number;"),
            ("nan", "is not a number;"),
            ("inf", "is not a number;"),
            ("-inf", "is not a number;"),
            ("Infinity", "is not a number;"),
            ("1e400", "too large"),
            ("-1e99999999999", "too large"),
        ]);
        assert_eq!(parse("1e-400"), Ok(Some(0.0)));
    }

    #[test]
    fn messages_quote_at_most_40_characters() {
        let long = "x".repeat(100);
        let error = parse(&long).expect_err("not a number");
        assert!(
            error.starts_with(&format!("`{}…`", "x".repeat(40))),
            "{error}"
        );
        let forty = "y".repeat(40);
        let error = parse(&forty).expect_err("not a number");
        assert!(error.starts_with(&format!("`{forty}` ")), "{error}");
        assert_eq!(quote("a\nb\u{0}"), "`a\u{fffd}b\u{fffd}`");
        assert_eq!(quote(&"é".repeat(41)), format!("`{}…`", "é".repeat(40)));
    }

    #[test]
    fn odd_text_is_an_error_not_a_panic() {
        let long_digits = "9".repeat(100_000);
        let long_grouped = "1".to_string() + &",000".repeat(10_000);
        let long_junk = "€$(%".repeat(10_000);
        let long_fraction = format!("0.{long_digits}");
        assert!(parse(&long_digits).expect_err("huge").contains("too large"));
        assert!(
            parse(&long_grouped)
                .expect_err("huge")
                .contains("too large")
        );
        assert_eq!(parse(&long_fraction), Ok(Some(1.0)));
        for text in [
            "\u{0}",
            "\u{feff}12",
            "１２",
            "٣",
            "1\u{301}",
            "é",
            "🙂",
            "12🙂",
            "€",
            "¥¥",
            "((45))",
            "$$12",
            "\u{10ffff}",
            "e",
            "E+",
            "1e\u{301}",
            long_junk.as_str(),
        ] {
            let error = parse(text).expect_err(text);
            assert!(error.chars().count() < 300, "{error}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_a_value_or_an_error(text in "\\PC{0,30}") {
            if let Ok(Some(value)) = parse(&text) {
                proptest::prop_assert!(value.is_finite());
            }
        }

        #[test]
        fn number_like_text_is_a_finite_value_or_an_error(text in "[0-9,. ()$%eE+-]{0,16}") {
            if let Ok(Some(value)) = parse(&text) {
                proptest::prop_assert!(value.is_finite());
            }
        }

        #[test]
        fn numbers_written_plainly_read_back(value in -1e12f64..1e12) {
            proptest::prop_assert_eq!(parse(&value.to_string()), Ok(Some(value)));
        }
    }
}
