//! SARIF 2.1.0 for code-scanning views: one rule per requirement, one result per gap,
//! located at the line of the evidence section the requirement reads; each warning
//! code present is a rule too, with a `warning` result per warning.

use std::io::{self, Write};

use serde_json::json;

use super::RenderOptions;
use crate::evaluate::{Evaluation, WarningCode};

/// The `uri` of the evidence file: a relative reference with forward slashes for a
/// relative path, else an absolute `file://` URI: `C:\x\y.yaml` becomes
/// `file:///C:/x/y.yaml`, `\\server\share\y.yaml` becomes `file://server/share/y.yaml`.
/// SARIF validators refuse an absolute path that is not a URI unless it has a base id.
fn artifact_uri(path: &str) -> String {
    if let Some(unc) = path.strip_prefix("\\\\") {
        return format!("file://{}", percent_encode(&unc.replace('\\', "/"), true));
    }
    let path = path.replace('\\', "/");
    let bytes = path.as_bytes();
    let drive =
        bytes.len() >= 3 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'/';
    if drive {
        format!(
            "file:///{}:{}",
            &path[..1],
            percent_encode(&path[2..], true)
        )
    } else if path.starts_with('/') {
        format!("file://{}", percent_encode(&path, true))
    } else {
        percent_encode(&path, false)
    }
}

/// Percent-encodes a path for a URI: every byte but the unreserved characters, `/`,
/// and the sub-delimiters and `@` a path may hold. A `:` is encoded in a relative
/// reference (`absolute` false), where it would otherwise read as a scheme.
fn percent_encode(path: &str, absolute: bool) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        let keep = b.is_ascii_alphanumeric()
            || b"-._~/!$&'()*+,;=@".contains(&b)
            || (absolute && b == b':');
        if keep {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub(super) fn render(
    e: &Evaluation<'_>,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let c = e.criteria;
    let target = e.target_or_next(options.target);
    let uri = artifact_uri(&options.evidence);
    let mut rules: Vec<_> = c
        .requirements
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": r.id.replace('.', "_"),
                "shortDescription": { "text": r.text },
                "fullDescription": { "text": format!("{} pmcheck's reading: {}", r.text, r.reading) },
                "help": { "text": r.hint },
                "properties": {
                    "category": c.categories[r.category].id,
                    "level": c.levels[r.level].id,
                    "optional": r.optional,
                },
            })
        })
        .collect();
    // Each warning code is a rule too, after the requirements, at warning level.
    let codes: Vec<WarningCode> = WarningCode::ALL
        .into_iter()
        .filter(|code| e.warnings.iter().any(|w| w.code == *code))
        .collect();
    rules.extend(codes.iter().map(|code| {
        json!({
            "id": code.id(),
            "name": code.id().replace('-', "_"),
            "shortDescription": { "text": code.summary() },
            "defaultConfiguration": { "level": "warning" },
        })
    }));
    let mut results: Vec<_> = e
        .gaps
        .iter()
        .map(|&g| {
            let r = &c.requirements[g];
            let level = if e.blocks(g, target) {
                "error"
            } else {
                "warning"
            };
            let optional = if r.optional { " (optional)" } else { "" };
            json!({
                "ruleId": r.id,
                "ruleIndex": g,
                "level": level,
                "message": {
                    "text": format!(
                        "{} gap{optional} in {}: {}{}",
                        c.levels[r.level].name,
                        c.categories[r.category].name,
                        r.hint,
                        super::gap_message_suffix(e, g)
                    )
                },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri },
                        "region": { "startLine": options.line_of(e, g) }
                    }
                }],
            })
        })
        .collect();
    results.extend(e.warnings.iter().map(|w| {
        let index = c.requirements.len() + codes.iter().position(|x| *x == w.code).unwrap_or(0);
        json!({
            "ruleId": w.code.id(),
            "ruleIndex": index,
            "level": "warning",
            "message": { "text": w.message },
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": { "uri": uri },
                    "region": { "startLine": options.line_of_section(w.section) }
                }
            }],
        })
    }));
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "pmcheck",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "properties": {
                "criteria": c.label(),
                "asOf": e.as_of.to_string(),
                "levelReached": e.level.map_or("none", |l| c.levels[l].id.as_str()),
                "targetLevel": c.levels[target].id,
            },
            "results": results,
        }]
    });
    crate::report::write_json(out, &log)
}

#[cfg(test)]
mod tests {
    use super::artifact_uri;

    #[test]
    fn relative_paths_stay_relative_and_absolute_ones_become_file_uris() {
        assert_eq!(
            artifact_uri("examples/millbrook.yaml"),
            "examples/millbrook.yaml"
        );
        assert_eq!(artifact_uri("examples\\m.yaml"), "examples/m.yaml");
        assert_eq!(artifact_uri("../a b/c.yaml"), "../a%20b/c.yaml");
        assert_eq!(artifact_uri("a:b.yaml"), "a%3Ab.yaml");
        assert_eq!(artifact_uri("/srv/x/y.yaml"), "file:///srv/x/y.yaml");
        assert_eq!(artifact_uri("C:\\x\\y.yaml"), "file:///C:/x/y.yaml");
        assert_eq!(
            artifact_uri("c:/x y/é.yaml"),
            "file:///c:/x%20y/%C3%A9.yaml"
        );
        assert_eq!(
            artifact_uri("\\\\server\\share\\y.yaml"),
            "file://server/share/y.yaml"
        );
        assert_eq!(
            artifact_uri("/tmp/\u{1b}]0;pwn\u{7}.yaml"),
            "file:///tmp/%1B%5D0;pwn%07.yaml"
        );
        assert_eq!(artifact_uri("<stdin>"), "%3Cstdin%3E");
        assert_eq!(artifact_uri("50%.yaml"), "50%25.yaml");
    }
}
