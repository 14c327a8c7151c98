//! What every part's XML reader shares: element names without their prefix, attribute
//! values, the text of entity and character references, and Excel's `_x000D_` escapes.

use std::borrow::Cow;

use quick_xml::events::{BytesRef, BytesStart};

/// The value of attribute `name` (its local name, so `r:id` is `id`) of `e`, unescaped;
/// `None` when absent or not well-formed.
pub fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    let raw = attr_raw(e, name)?;
    Some(quick_xml::escape::unescape(&raw).ok()?.into_owned())
}

/// The raw bytes of attribute `name` of `e` (for numbers and references, which need no
/// unescaping).
pub fn attr_raw<'a>(e: &'a BytesStart<'_>, name: &str) -> Option<Cow<'a, str>> {
    let mut attrs = e.attributes();
    attrs.with_checks(false);
    attrs
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| a.value)
}

/// Appends what a reference (`&amp;`, `&#233;`) stands for to `out`; an unknown entity
/// is kept as written.
pub fn push_ref(out: &mut String, r: &BytesRef<'_>) {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        out.push(c);
        return;
    }
    match r.as_ref() {
        "amp" => out.push('&'),
        "lt" => out.push('<'),
        "gt" => out.push('>'),
        "quot" => out.push('"'),
        "apos" => out.push('\''),
        other => {
            out.push('&');
            out.push_str(other);
            out.push(';');
        }
    }
}

/// Excel writes characters XML cannot hold as `_xHHHH_` (`_x000D_` for a carriage
/// return) and a literal `_x` as `_x005F_x`: the text as the spreadsheet shows it.
pub fn unescape_excel(s: &str) -> Cow<'_, str> {
    if !s.contains("_x") {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("_x") {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let code = tail
            .get(2..6)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
            .filter(|_| tail.as_bytes().get(6) == Some(&b'_'))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .and_then(char::from_u32);
        match code {
            Some(c) => {
                out.push(c);
                rest = &tail[7..];
            }
            None => {
                out.push_str("_x");
                rest = &tail[2..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// What is said of a part whose XML is not well-formed at byte `at`.
pub fn ill_formed(at: u64, e: &quick_xml::Error) -> String {
    format!("is not well-formed XML near byte {at} ({e})")
}
