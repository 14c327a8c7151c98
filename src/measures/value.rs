//! Values as measures files write them: numbers with separators, percent and currency
//! signs, parentheses for negatives, and the markers that mean "no value".

// TEMPORARY STUB: replaced by the full implementation on branch h-m.
pub fn is_missing(text: &str) -> bool {
    matches!(
        text.trim().to_lowercase().as_str(),
        "" | "n/a" | "-" | "--" | "tbd" | "na"
    )
}

pub fn parse(text: &str) -> Result<Option<f64>, String> {
    if is_missing(text) {
        return Ok(None);
    }
    text.trim()
        .replace(',', "")
        .parse::<f64>()
        .map(Some)
        .map_err(|_| format!("`{}` is not a number", text.trim()))
}
