//! What a spreadsheet cell's number format says its number is. A budget book keeps
//! `37%` as the number 0.37 formatted `0%`, and `$1,200` as 1200 formatted `$#,##0`:
//! read without the format, the first is a fraction and the second loses its currency.

/// How a cell's number is shown by its format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// As the number itself (General, `0.00`, `#,##0`, dates are read apart).
    Plain,
    /// As a percentage: the number times 100 with `%` (`0.0%`).
    Percent,
    /// As the number itself followed by a literal percent sign (`0"%"`, `0\%`): the
    /// number is the percentage already.
    PercentSign,
    /// As an amount of a currency: `$`, `€` or `£` by its index in [`CURRENCIES`] (a
    /// byte, so that a workbook's cells, each carrying one, stay small).
    Currency(u8),
    /// As a date (`mm-dd-yy`, `mmm yyyy`): the number is a day count from the workbook's
    /// epoch.
    Date,
}

impl Shown {
    /// The sign of a [`Shown::Currency`].
    pub fn currency(self) -> Option<&'static str> {
        match self {
            Shown::Currency(i) => CURRENCIES.get(usize::from(i)).copied(),
            _ => None,
        }
    }
}

/// The currencies a format can name, by the symbol the values are shown with.
const CURRENCIES: [&str; 3] = ["$", "€", "£"];

/// The index of a currency sign in [`CURRENCIES`].
fn currency_index(sign: &str) -> Option<u8> {
    CURRENCIES.iter().position(|c| *c == sign).map(|i| i as u8)
}

/// What the built-in number format `id` shows (those a workbook uses without writing
/// their code: 9 is `0%`, 14 `mm-dd-yy`). The currency formats 5 to 8, 42 and 44 depend
/// on the reader's locale; pmcheck reads them as dollars, the currency of the
/// jurisdictions it serves.
pub fn builtin(id: u32) -> Shown {
    match id {
        5..=8 | 42 | 44 => Shown::Currency(0),
        9 | 10 => Shown::Percent,
        14..=17 | 22 | 27..=36 | 50..=58 => Shown::Date,
        _ => Shown::Plain,
    }
}

/// Whether the first section of a format code shows a date: it has a year, day or month
/// field (`y`, `d`, `m` not part of a time such as `h:mm` or `mm:ss`) outside quoted
/// text, escapes and brackets. Times alone (`h:mm AM/PM`) are not dates.
fn is_date(code: &str) -> bool {
    let mut letters = String::new();
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            ';' => break,
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            '[' => {
                for b in chars.by_ref() {
                    if b == ']' {
                        break;
                    }
                }
            }
            c if c.is_ascii_alphabetic() => letters.push(c.to_ascii_lowercase()),
            _ => {}
        }
    }
    if letters.contains("general") {
        return false;
    }
    let letters = letters.replace("am/pm", "").replace("a/p", "");
    let has = |c: char| letters.contains(c);
    has('y') || has('d') || (has('m') && !has('h') && !has('s'))
}

/// What a number format code (`0.0%`, `$#,##0.00`, `[$€-407] #,##0`,
/// `_($* #,##0_);_($* (#,##0)`) shows its number as. Only the first section (the one for
/// positive numbers) is read; colours and conditions are not part of it, and a percent
/// sign in quotes or escaped is written beside the number, not a scaling of it.
pub fn shown(code: &str) -> Shown {
    if is_date(code) {
        return Shown::Date;
    }
    let mut percent = false;
    let mut sign = false;
    let mut currency = None;
    let mut chars = code.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ';' => break,
            '"' => {
                // Quoted text: shown as written.
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                    sign |= q == '%';
                    if let Some(sym) = CURRENCIES.iter().find(|s| s.starts_with(q)) {
                        currency = currency.or(Some(*sym));
                    }
                }
            }
            '\\' => {
                if let Some(next) = chars.next() {
                    sign |= next == '%';
                    if let Some(sym) = CURRENCIES.iter().find(|s| s.starts_with(next)) {
                        currency = currency.or(Some(*sym));
                    }
                }
            }
            '[' => {
                // `[Red]`, `[>=100]`, `[$-409]` (a locale) or `[$€-407]` (a currency).
                let mut inner = String::new();
                for b in chars.by_ref() {
                    if b == ']' {
                        break;
                    }
                    inner.push(b);
                }
                if let Some(rest) = inner.strip_prefix('$') {
                    let symbol = rest.split('-').next().unwrap_or("");
                    if let Some(sym) = CURRENCIES.iter().find(|s| **s == symbol) {
                        currency = currency.or(Some(*sym));
                    } else if symbol.eq_ignore_ascii_case("USD") {
                        currency = currency.or(Some("$"));
                    }
                }
            }
            '%' => percent = true,
            c => {
                if let Some(sym) = CURRENCIES.iter().find(|s| s.starts_with(c)) {
                    currency = currency.or(Some(*sym));
                }
            }
        }
    }
    match (percent, sign, currency) {
        (true, _, _) => Shown::Percent,
        (false, true, _) => Shown::PercentSign,
        (false, false, Some(sym)) => currency_index(sym).map_or(Shown::Plain, Shown::Currency),
        (false, false, None) => Shown::Plain,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_formats_are_percentages() {
        for code in ["0%", "0.00%", "0.0%;[Red]-0.0%", "#,##0.0 %"] {
            assert_eq!(shown(code), Shown::Percent, "{code:?}");
        }
        // A literal percent sign: the number is the percentage already.
        for code in ["0\\%", "0.0\"%\"", "0\" %\""] {
            assert_eq!(shown(code), Shown::PercentSign, "{code:?}");
        }
    }

    #[test]
    fn currency_formats_name_their_currency() {
        for (code, sym) in [
            ("$#,##0", "$"),
            ("$#,##0.00_);($#,##0.00)", "$"),
            ("_($* #,##0.00_);_($* (#,##0.00);_($* \"-\"??_);_(@_)", "$"),
            ("[$€-407] #,##0.00", "€"),
            ("#,##0.00 [$€-1]", "€"),
            ("£#,##0", "£"),
            ("[$USD] #,##0", "$"),
        ] {
            assert_eq!(shown(code).currency(), Some(sym), "{code:?}");
        }
    }

    #[test]
    fn date_formats_are_dates_and_times_are_not() {
        for code in [
            "mm-dd-yy",
            "d-mmm-yy",
            "mmm yyyy",
            "mmmm",
            "yyyy\"-Q\"q",
            "[$-409]mmmm d, yyyy;@",
            "m/d/yy h:mm",
            "dd/mm/yyyy",
        ] {
            assert_eq!(shown(code), Shown::Date, "{code:?}");
        }
        for code in [
            "h:mm",
            "h:mm:ss AM/PM",
            "mm:ss",
            "[h]:mm:ss",
            "0.0 \"days\"",
            "0 \\d",
        ] {
            assert_ne!(shown(code), Shown::Date, "{code:?}");
        }
    }

    #[test]
    fn built_in_formats_by_id() {
        assert_eq!(builtin(0), Shown::Plain);
        assert_eq!(builtin(3), Shown::Plain);
        assert_eq!(builtin(9), Shown::Percent);
        assert_eq!(builtin(10), Shown::Percent);
        assert_eq!(builtin(14), Shown::Date);
        assert_eq!(builtin(22), Shown::Date);
        assert_eq!(builtin(20), Shown::Plain, "h:mm is a time");
        assert_eq!(builtin(7).currency(), Some("$"));
        assert_eq!(builtin(41), Shown::Plain, "accounting without a symbol");
        assert_eq!(builtin(49), Shown::Plain);
    }

    #[test]
    fn other_formats_are_plain_numbers() {
        for code in [
            "General",
            "0",
            "0.00",
            "#,##0",
            "#,##0 ;[Red](#,##0)",
            "0.00E+00",
            "[$-409]#,##0",
            "[>=100]0;0.0",
            "# ?/?",
            "@",
            "",
            // Only the first section counts: a percent in the text section is not the
            // number's.
            "0;-0;0;@\"%\"",
        ] {
            assert_eq!(shown(code), Shown::Plain, "{code:?}");
        }
    }
}
