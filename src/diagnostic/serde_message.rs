//! Parser messages made plain: serde's "unknown field ..., expected one of ..." becomes
//! a suggestion of the closest allowed name and the list of allowed names.

use super::printable;
use super::suggest::closest;

/// Drops a trailing ` at line N, column M` that some parsers append; the location is
/// printed separately, before the message.
fn strip_location(message: &str) -> &str {
    if let Some(i) = message.rfind(" at line ") {
        let rest = &message[i + " at line ".len()..];
        let rest = rest.replacen(", column ", " column ", 1);
        let is_location = rest
            .split(" column ")
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
        if is_location && rest.contains(" column ") {
            return &message[..i];
        }
    }
    message
}

/// The names listed after "expected one of" / "expected" in a serde message.
fn expected_names(rest: &str) -> Vec<String> {
    let list = match rest.find("expected one of ") {
        Some(i) => &rest[i + "expected one of ".len()..],
        None => match rest.find("expected ") {
            Some(i) => &rest[i + "expected ".len()..],
            None => return Vec::new(),
        },
    };
    list.split(", ")
        .flat_map(|part| part.split(" or "))
        .map(|n| {
            n.trim()
                .trim_matches(|c| c == '`' || c == '(' || c == ')')
                .to_owned()
        })
        .filter(|n| !n.is_empty() && !n.contains(' '))
        .collect()
}

/// Rewrites serde and parser messages into ones a person can act on: adds "did you
/// mean" and the allowed names to unknown fields and values, and plain words to a few
/// parser phrasings.
pub fn improve_serde_message(message: &str) -> String {
    let message = strip_location(message.trim()).trim();
    let message = message
        .strip_prefix('(')
        .and_then(|m| m.strip_suffix(')'))
        .unwrap_or(message);
    for (prefix, noun) in [("unknown field `", "field"), ("unknown variant `", "value")] {
        let Some(start) = message.find(prefix) else {
            continue;
        };
        let rest = &message[start + prefix.len()..];
        let Some(end) = rest.find('`') else { continue };
        let name = &rest[..end];
        let expected = expected_names(&rest[end + 1..]);
        let allowed = if expected.is_empty() {
            "there are none here".to_owned()
        } else {
            format!("allowed: {}", expected.join(", "))
        };
        let shown = printable(name);
        return match closest(name, expected.iter().map(String::as_str)) {
            Some(best) => format!("unknown {noun} `{shown}`; did you mean `{best}`? ({allowed})"),
            None => format!("unknown {noun} `{shown}` ({allowed})"),
        };
    }
    if message.starts_with("missing field `version`") {
        return "missing `version: 1`; an evidence file starts with the format version".to_owned();
    }
    if let Some(key) = message.strip_prefix("duplicate mapping key: ") {
        let key = key.split(", set DuplicateKeyPolicy").next().unwrap_or(key);
        return format!(
            "duplicate key `{}`; a key may appear only once in a mapping, so merge or remove the repeated one",
            printable(key)
        );
    }
    if message.starts_with("multiple YAML documents detected") {
        return "several YAML documents (separated by `---`) in one file; an evidence file holds exactly one".to_owned();
    }
    if let Some(rest) = message.strip_prefix("expected string scalar") {
        return format!("expected a text value{rest}");
    }
    match message {
        "invalid boolean (strict mode expects true/false)" => {
            "expected `true` or `false` (yes/no/on/off are not accepted)".to_owned()
        }
        "expected mapping start" => "expected a mapping of `key: value` entries here".to_owned(),
        "expected sequence start" => "expected a list here".to_owned(),
        "recursion limit exceeded" => {
            "nesting is too deep (recursion limit exceeded); evidence is at most a few levels deep"
                .to_owned()
        }
        _ => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_field_gets_a_suggestion() {
        let m = improve_serde_message(
            "unknown field `servce_areas`, expected one of `version`, `service_areas`, `equity`",
        );
        assert_eq!(
            m,
            "unknown field `servce_areas`; did you mean `service_areas`? (allowed: version, service_areas, equity)"
        );
        // serde-saphyr's phrasing: no backticks around the names, location appended.
        let m = improve_serde_message(
            "unknown field `servce_areas`, expected one of version, service_areas, equity at line 2, column 1",
        );
        assert_eq!(
            m,
            "unknown field `servce_areas`; did you mean `service_areas`? (allowed: version, service_areas, equity)"
        );
    }

    #[test]
    fn unrelated_name_gets_no_suggestion() {
        let m = improve_serde_message("unknown variant `zzz`, expected `city` or `county`");
        assert_eq!(m, "unknown value `zzz` (allowed: city, county)");
    }
}
