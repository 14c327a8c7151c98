//! Numbers as the public page writes them: thousands separators, at most two decimals,
//! the unit beside the value, and a difference between percentages in points.

pub use crate::measures::value::plain_number;
use crate::publish::bounded;

/// A number as the page shows it: whole numbers with thousands separators, others
/// with up to two decimals; the unit after it (`92%`, `4.5 minutes`).
pub fn number(value: f64, unit: Option<&str>) -> String {
    let text = plain_number(value);
    match unit.map(str::trim) {
        None | Some("") => text,
        Some("%") => format!("{text}%"),
        Some(c @ ("$" | "€" | "£")) => match text.strip_prefix('-') {
            Some(abs) => format!("-{c}{abs}"),
            None => format!("{c}{text}"),
        },
        // "1 minutes" reads as a slip: a one-word plural unit after exactly 1 is singular.
        Some(u)
            if text == "1"
                && u.len() > 3
                && u.ends_with('s')
                && !u.ends_with("ss")
                && u.chars().all(|c| c.is_ascii_lowercase()) =>
        {
            format!("1 {}", &u[..u.len() - 1])
        }
        Some(u) => format!("{text} {}", bounded(u)),
    }
}

/// A difference between two values: in percentage points for a percentage.
pub fn difference(delta: f64, unit: Option<&str>) -> String {
    match unit.map(str::trim) {
        Some("%") => {
            let n = plain_number(delta.abs());
            format!("{n} percentage point{}", if n == "1" { "" } else { "s" })
        }
        _ => number(delta.abs(), unit),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(number(1234567.0, None), "1,234,567");
        assert_eq!(number(6.5, Some("minutes")), "6.5 minutes");
        assert_eq!(number(92.0, Some("%")), "92%");
        assert_eq!(number(0.126, None), "0.13");
        assert_eq!(number(-1500.25, None), "-1,500.25");
        assert_eq!(number(-0.001, None), "-0.001");
        assert_eq!(number(0.004, None), "0.004");
        assert_eq!(number(0.0031, None), "0.0031");
        assert_eq!(number(-0.0001, Some("%")), "-0.0001%");
        assert_eq!(number(1e308, None), "1.000e308");
        assert_eq!(number(1_000_000_000_000_000.0, None), "1.000e15");
        assert_eq!(number(12345678901.25, None), "12,345,678,901.25");
        assert_eq!(number(0.0, None), "0");
        assert_eq!(number(-0.004_999, None), "-0.005");
        assert_eq!(number(2.999, None), "3");
        assert_eq!(difference(-3.0, Some("%")), "3 percentage points");
        assert_eq!(difference(1.0, Some("%")), "1 percentage point");
        assert_eq!(difference(2.0, Some("calls")), "2 calls");
        assert_eq!(difference(1.0, Some("minutes")), "1 minute");
        assert_eq!(number(1.0, Some("Miles")), "1 Miles");
        assert_eq!(number(1.0, Some("gas")), "1 gas");
        assert_eq!(number(251000.0, Some("$")), "$251,000");
        assert_eq!(number(-5.5, Some("$")), "-$5.5");
    }
}
