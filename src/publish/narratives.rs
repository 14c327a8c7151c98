//! The narratives file of `pmcheck publish`: what the data means and what is being done
//! about it, per service area and per measure, and a measure's desired direction when
//! the data does not give it. YAML:
//!
//! ```yaml
//! version: 1
//! service_areas:
//!   Police:
//!     narrative: Response times rose with the new dispatch system.
//!     measures:
//!       Priority 1 response time:
//!         direction: lower
//!         narrative: Slower in FY2024 while dispatchers trained on the new system.
//!         action_steps:
//!           - Finish dispatcher training by March.
//! ```
//!
//! Areas and measures are named as the measures files name them (case and spacing
//! aside). A name the data does not have is an error with its line, so that a typo
//! never drops a narrative silently.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::Narrative;
use crate::diagnostic::{self, Problem};
use crate::evidence::same_name_key;

/// Narratives files larger than this are refused (1 MiB).
pub const MAX_NARRATIVES_BYTES: u64 = 1024 * 1024;

/// The most characters of one narrative or action step.
pub const MAX_TEXT_CHARS: usize = 4000;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    version: u32,
    #[serde(default)]
    service_areas: BTreeMap<String, RawArea>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawArea {
    #[serde(default)]
    narrative: Option<String>,
    #[serde(default)]
    action_steps: Vec<String>,
    #[serde(default)]
    measures: BTreeMap<String, RawMeasure>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeasure {
    #[serde(default)]
    narrative: Option<String>,
    #[serde(default)]
    action_steps: Vec<String>,
    #[serde(default)]
    direction: Option<RawDirection>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum RawDirection {
    Higher,
    Lower,
    HigherIsBetter,
    LowerIsBetter,
}

/// A measure's story.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureStory {
    pub narrative: Narrative,
    /// `Some(true)` when higher is better.
    pub direction: Option<bool>,
}

/// An area's story.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaStory {
    pub narrative: Narrative,
}

/// Narratives keyed by normalized names.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Narratives {
    areas: BTreeMap<String, (String, AreaStory)>,
    /// Keyed by folded area and measure names: the names as written, and the story.
    measures: BTreeMap<(String, String), (String, String, MeasureStory)>,
}

impl Narratives {
    pub fn area(&self, area: &str) -> Option<&AreaStory> {
        self.areas.get(&same_name_key(area)).map(|(_, s)| s)
    }

    pub fn measure(&self, area: &str, measure: &str) -> Option<&MeasureStory> {
        self.measures
            .get(&(same_name_key(area), same_name_key(measure)))
            .map(|(_, _, s)| s)
    }

    pub fn is_empty(&self) -> bool {
        self.areas.is_empty() && self.measures.is_empty()
    }

    /// Every area and measure named that `known` (areas, and measures per area, as the
    /// data names them) does not have: an error at the name's line, with the closest
    /// name the data has.
    pub fn check_names(
        &self,
        origin: &Path,
        text: &str,
        known: &BTreeMap<String, Vec<String>>,
    ) -> Result<(), Problem> {
        // Each name folded once: the check is linear in the names.
        let by_key: std::collections::HashMap<
            String,
            (&String, std::collections::HashSet<String>),
        > = known
            .iter()
            .map(|(a, ms)| {
                (
                    same_name_key(a),
                    (a, ms.iter().map(|m| same_name_key(m)).collect()),
                )
            })
            .collect();
        for (key, (name, _)) in &self.areas {
            if !by_key.contains_key(key) {
                return Err(unknown(
                    origin,
                    text,
                    name,
                    None,
                    "service area",
                    known.keys().map(String::as_str),
                ));
            }
        }
        for ((area_key, measure_key), (area, name, _)) in &self.measures {
            let Some((_, measures)) = by_key.get(area_key) else {
                continue;
            };
            if !measures.contains(measure_key) {
                let candidates = known
                    .iter()
                    .find(|(a, _)| same_name_key(a) == *area_key)
                    .map(|(_, ms)| ms.as_slice())
                    .unwrap_or_default();
                return Err(unknown(
                    origin,
                    text,
                    name,
                    Some(area),
                    "measure",
                    candidates.iter().map(String::as_str),
                ));
            }
        }
        Ok(())
    }
}

fn unknown<'a>(
    origin: &Path,
    text: &str,
    name: &str,
    area: Option<&str>,
    what: &str,
    candidates: impl Iterator<Item = &'a str> + Clone,
) -> Problem {
    // The name's line: for a measure, the first after its area's line.
    let from = area
        .and_then(|a| key_line(text, a, 0))
        .map_or(0, |(line, _)| line as usize);
    let line = key_line(text, name, from);
    let within = match area {
        Some(a) => format!(" of `{}`", diagnostic::printable(a)),
        None => String::new(),
    };
    let names: Vec<String> = candidates
        .clone()
        .take(12)
        .map(|c| format!("`{}`", diagnostic::printable(c)))
        .collect();
    Problem::new(
        origin,
        line,
        format!(
            "no {what} named `{}`{within} in the measures; {}name it as the measures file does ({})",
            diagnostic::printable(name),
            diagnostic::did_you_mean(name, candidates),
            names.join(", ")
        ),
    )
    .with_source_text(text)
}

/// The line and column (1-based) of `name` written as a mapping key (`name:`), on a
/// line after the first `after` lines.
fn key_line(text: &str, name: &str, after: usize) -> Option<(u64, u64)> {
    text.lines().enumerate().skip(after).find_map(|(n, l)| {
        let col = l.find(name)?;
        l[col + name.len()..]
            .trim_start_matches(['"', '\''])
            .trim_start()
            .starts_with(':')
            .then(|| (n as u64 + 1, l[..col].chars().count() as u64 + 1))
    })
}

/// Two keys that name one area or measure (`Police:` and `police:`): an error at the
/// second, naming the first.
fn twice(origin: &Path, text: &str, first: &str, second: &str, within: usize) -> Problem {
    let a = key_line(text, first, within);
    let b = key_line(text, second, a.map_or(within, |(l, _)| l as usize));
    Problem::new(
        origin,
        b,
        format!(
            "`{}` and `{}`{} name the same {}; pmcheck would not know which narrative to show: keep one",
            diagnostic::printable(first),
            diagnostic::printable(second),
            a.map(|(l, _)| format!(" (line {l})")).unwrap_or_default(),
            if within == 0 { "service area" } else { "measure" }
        ),
    )
    .with_source_text(text)
}

fn story(
    origin: &Path,
    text: &str,
    narrative: Option<String>,
    steps: Vec<String>,
) -> Result<Narrative, Problem> {
    let clean = |s: String| -> Result<Option<String>, Problem> {
        let trimmed = s.trim();
        if trimmed.chars().count() > MAX_TEXT_CHARS {
            let start: String = trimmed.chars().take(40).collect();
            let line = text
                .lines()
                .position(|l| l.contains(&start))
                .map(|n| (n as u64 + 1, 1));
            return Err(Problem::new(
                origin,
                line,
                format!(
                    "a narrative or action step longer than {MAX_TEXT_CHARS} characters; a public report is read at a glance: shorten it, or link to the full text"
                ),
            )
            .with_source_text(text));
        }
        Ok((!trimmed.is_empty()).then(|| trimmed.to_owned()))
    };
    let text_out = match narrative {
        Some(n) => clean(n)?,
        None => None,
    };
    let mut action_steps = Vec::new();
    for s in steps {
        if let Some(s) = clean(s)? {
            action_steps.push(s);
        }
    }
    Ok(Narrative {
        text: text_out,
        action_steps,
    })
}

/// Parses a narratives file's text; `origin` names it in messages.
pub fn parse(text: &str, origin: &Path) -> Result<Narratives, Problem> {
    let raw: RawFile = crate::evidence::parse_yaml_document(text, origin)?;
    if raw.version != 1 {
        let line = text
            .lines()
            .position(|l| l.trim_start().starts_with("version"))
            .map(|n| (n as u64 + 1, 1));
        return Err(Problem::new(
            origin,
            line,
            format!(
                "narratives version {} is not known; this pmcheck reads version 1 (`version: 1`)",
                raw.version
            ),
        )
        .with_source_text(text));
    }
    let mut out = Narratives::default();
    for (area, a) in raw.service_areas {
        let key = same_name_key(&area);
        if let Some((other, _)) = out.areas.get(&key) {
            return Err(twice(origin, text, other, &area, 0));
        }
        let area_line = key_line(text, &area, 0).map_or(0, |(l, _)| l as usize);
        for (measure, m) in a.measures {
            let direction = m
                .direction
                .map(|d| matches!(d, RawDirection::Higher | RawDirection::HigherIsBetter));
            let narrative = story(origin, text, m.narrative, m.action_steps)?;
            let measure_key = (key.clone(), same_name_key(&measure));
            if let Some((_, other, _)) = out.measures.get(&measure_key) {
                return Err(twice(origin, text, other, &measure, area_line.max(1)));
            }
            out.measures.insert(
                measure_key,
                (
                    area.clone(),
                    measure,
                    MeasureStory {
                        narrative,
                        direction,
                    },
                ),
            );
        }
        let narrative = story(origin, text, a.narrative, a.action_steps)?;
        out.areas.insert(key, (area, AreaStory { narrative }));
    }
    Ok(out)
}

/// Reads and parses a narratives file.
pub fn load(path: &Path) -> Result<(Narratives, String), Problem> {
    let text = crate::read::text(path, MAX_NARRATIVES_BYTES, "narratives")?;
    if text.trim().is_empty() {
        return Err(Problem::new(
            path,
            None,
            "the narratives file is empty; it needs at least `version: 1` and `service_areas:` (see \"The narratives file\" in docs/guide.md)",
        ));
    }
    let narratives = parse(&text, path)?;
    Ok((narratives, text))
}
