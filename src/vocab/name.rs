//! When two service area names are one area. A name pasted from a spreadsheet or a web
//! page can differ from another only in what a reader cannot see (a zero-width space, a
//! soft hyphen, a full-width letter, a second space), and a name typed with a Cyrillic
//! `о` looks exactly like one typed with a Latin `o`. Counting those as different areas
//! would let six spellings of "Police" meet a requirement for four service areas.
//!
//! Two levels, each a key that names are compared by, so that a list of any length is
//! checked with one hash lookup per entry, never pairwise:
//! - [`same_name_key`]: equal keys are the same name, and the list refuses the second
//!   (Unicode compatibility caseless matching, after dropping format characters and
//!   collapsing whitespace);
//! - [`look_alike_key`]: names with equal keys but different [`same_name_key`]s look
//!   alike (the UTS #39 confusables skeleton); they are allowed, warned about, and
//!   counted once.
//!
//! And one looser key, for a department's name as different files write it:
//! [`area_key`] (punctuation, `&` and `and`, `Dept.` and `Department`, a leading
//! `Department of` or `Office of` aside). Names matched by it are one service area, and
//! the match is said.

use std::collections::HashSet;
use std::fmt::Write as _;

use caseless::Caseless;
use unicode_general_category::{GeneralCategory, get_general_category};
use unicode_normalization::UnicodeNormalization;

/// Whether `c` is a format character (general category Cf): zero-width spaces and
/// joiners, the soft hyphen, the word joiner, byte-order marks, direction overrides.
fn is_format(c: char) -> bool {
    get_general_category(c) == GeneralCategory::Format
}

/// The form two names are compared in: format characters dropped, then Unicode
/// compatibility caseless matching (NFKD and full case folding, twice, as the Unicode
/// Standard's definition D146 gives it; recomposed to NFKC), then runs of whitespace
/// collapsed to one space and the ends trimmed. "Police", "POLICE", "Ｐolice",
/// "Pol\u{ad}ice", "Police\u{200b}" and "Police  " all have the key `police`.
pub fn same_name_key(name: &str) -> String {
    // Most names are ASCII, where all of that is lowercasing.
    let folded: String = if name.is_ascii() {
        name.to_ascii_lowercase()
    } else {
        name.chars()
            .filter(|&c| !is_format(c))
            .nfd()
            .default_case_fold()
            .nfkd()
            .default_case_fold()
            .nfkc()
            .collect()
    };
    let mut key = String::with_capacity(folded.len());
    for word in folded.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(word);
    }
    key
}

/// The key a service area's name is matched by across the evidence and measures files:
/// its [`same_name_key`], then `&` read as `and`, apostrophes dropped, other punctuation
/// read as a space, `dept` as `department`, and a leading `department of` or `office of`
/// left off. "Fire & Rescue", "Fire and Rescue" and "FIRE-AND-RESCUE" have one key, as do
/// "Dept. of Finance", "Department of Finance" and "Finance"; "Parks & Rec" and "Parks and
/// Recreation" do not (an abbreviation is said in the evidence, as an alias).
pub fn area_key(name: &str) -> String {
    let key = same_name_key(name);
    let mut spaced = String::with_capacity(key.len() + 8);
    for c in key.chars() {
        match c {
            '&' => spaced.push_str(" and "),
            '\'' | '\u{2019}' => {}
            c if c.is_alphanumeric() => spaced.push(c),
            _ => spaced.push(' '),
        }
    }
    let mut words: Vec<&str> = spaced
        .split_whitespace()
        .map(|w| match w {
            "dept" | "dpt" => "department",
            w => w,
        })
        .collect();
    if words.len() > 2 && words[1] == "of" && matches!(words[0], "department" | "office") {
        words.drain(..2);
    }
    if words.is_empty() {
        // A name of punctuation alone is matched as it is written.
        return key;
    }
    words.join(" ")
}

/// The UTS #39 confusables skeleton of a name's [`same_name_key`]: names with equal
/// keys look alike ("Police" and "Pоlice" with a Cyrillic `о`).
pub fn look_alike_key(name: &str) -> String {
    unicode_security::skeleton(&same_name_key(name)).collect()
}

/// How many of `names` look different: names that look alike count once.
/// Counting stops at `enough`, so a caller that needs a few areas out of thousands
/// reads only as many names as it takes to find them.
pub fn count_looking_different<'a>(
    names: impl IntoIterator<Item = &'a str>,
    enough: usize,
) -> usize {
    let mut seen = HashSet::new();
    for name in names {
        if seen.len() >= enough {
            break;
        }
        seen.insert(look_alike_key(name));
    }
    seen.len()
}

/// A name as messages show it: characters a reader cannot see (format characters,
/// whitespace other than a space) are written as their code point, `<U+200B>`; with
/// `beside`, so is each character the other name lacks (whatever its case), after the
/// character itself, so that `Pо<U+043E>lice` shows where it differs from
/// `Po<U+006F>lice`.
pub fn shown_name(name: &str, beside: Option<&str>) -> String {
    let other: HashSet<char> = beside
        .map(|o| same_name_key(o).chars().collect())
        .unwrap_or_default();
    let lacks = |c: char| {
        let mut buf = [0; 4];
        !same_name_key(c.encode_utf8(&mut buf))
            .chars()
            .all(|f| other.contains(&f))
    };
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if is_format(c) || (c.is_whitespace() && c != ' ') {
            let _ = write!(out, "<U+{:04X}>", u32::from(c));
        } else if beside.is_some() && lacks(c) {
            let _ = write!(out, "{c}<U+{:04X}>", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_a_reader_cannot_tell_apart_are_one_name() {
        for name in [
            "Police",
            "POLICE",
            "  police ",
            "Pol\u{ad}ice",
            "Police\u{200b}",
            "Police\u{2060}",
            "\u{feff}Police",
            "Police\u{202e}",
            "\u{ff30}olice",
            "\u{ff30}\u{ff2f}\u{ff2c}\u{ff29}\u{ff23}\u{ff25}",
        ] {
            assert_eq!(same_name_key(name), "police", "{name:?}");
        }
        assert_eq!(same_name_key("Public \u{a0}\t Works"), "public works");
        // Full case folding, which lowercasing is not.
        assert_eq!(same_name_key("STRASSE"), same_name_key("Straße"));
        assert_eq!(same_name_key("ΟΔΟΣ"), same_name_key("οδος"));
        // Composed and decomposed accents.
        assert_eq!(same_name_key("Caf\u{e9}"), same_name_key("Cafe\u{301}"));
    }

    #[test]
    fn different_names_stay_different() {
        for (a, b) in [
            ("Police", "Fire"),
            ("Public Works", "PublicWorks"),
            ("Cafe", "Café"),
            ("Police", "P\u{43e}lice"),
        ] {
            assert_ne!(same_name_key(a), same_name_key(b), "{a:?} {b:?}");
        }
    }

    #[test]
    fn area_names_match_across_punctuation_and_and_and_dept() {
        for (a, b) in [
            ("Fire & Rescue", "Fire and Rescue"),
            ("FIRE-AND-RESCUE", "fire and rescue"),
            ("Parks & Recreation", "Parks and Recreation"),
            ("Dept. of Finance", "Department of Finance"),
            ("Department of Finance", "Finance"),
            ("Office of Emergency Management", "Emergency Management"),
            ("Mayor's Office", "Mayors Office"),
            ("Mayor\u{2019}s Office", "Mayor's Office"),
            ("Police Dept", "Police Department"),
            ("Public  Works.", "public works"),
            ("\u{ff30}olice", "Police"),
        ] {
            assert_eq!(area_key(a), area_key(b), "{a:?} {b:?}");
        }
    }

    #[test]
    fn area_names_that_are_different_departments_stay_apart() {
        for (a, b) in [
            ("Parks & Rec", "Parks and Recreation"),
            ("Public Works", "PublicWorks"),
            ("Police", "Police Department"),
            ("Office of", "Of"),
            // Only a leading "Department of" is left off.
            ("Health Department of the County", "Health the County"),
            ("Fire", "Fire and Rescue"),
        ] {
            assert_ne!(area_key(a), area_key(b), "{a:?} {b:?}");
        }
        assert_eq!(area_key("Department of"), "department of");
        assert_eq!(area_key("--"), "--", "punctuation alone is kept");
    }

    #[test]
    fn a_cyrillic_o_is_not_the_same_name_but_looks_alike() {
        // NFKC and case folding keep scripts apart: this is the confusable case.
        let cyrillic = "P\u{43e}lice";
        assert_ne!(same_name_key("Police"), same_name_key(cyrillic));
        assert_eq!(look_alike_key("Police"), look_alike_key(cyrillic));
        assert_eq!(look_alike_key("POLICE"), look_alike_key("P\u{41e}LICE"));
        assert_eq!(look_alike_key("Parks"), look_alike_key("P\u{430}rks"));
        assert_ne!(look_alike_key("Police"), look_alike_key("Fire"));
        assert_ne!(look_alike_key("Parks"), look_alike_key("Ports"));
    }

    #[test]
    fn look_alike_areas_count_once() {
        let areas = ["Police", "P\u{43e}lice", "Fire", "Parks", "P\u{430}rks"];
        assert_eq!(count_looking_different(areas, usize::MAX), 3);
        assert_eq!(count_looking_different(areas, 2), 2);
        assert_eq!(count_looking_different(areas, 0), 0);
        assert_eq!(count_looking_different(areas[..0].iter().copied(), 4), 0);
    }

    #[test]
    fn invisible_and_differing_characters_are_shown() {
        assert_eq!(shown_name("Police\u{200b}", None), "Police<U+200B>");
        assert_eq!(shown_name("Pol\u{ad}ice\t", None), "Pol<U+00AD>ice<U+0009>");
        assert_eq!(shown_name("P\u{43e}lice", None), "P\u{43e}lice");
        assert_eq!(
            shown_name("P\u{43e}lice", Some("Police")),
            "P\u{43e}<U+043E>lice"
        );
        assert_eq!(shown_name("Police", Some("P\u{43e}lice")), "Po<U+006F>lice");
        assert_eq!(shown_name("Parks", Some("Parks")), "Parks");
        assert_eq!(
            shown_name("POLICE", Some("P\u{43e}lice")),
            "PO<U+004F>LICE",
            "case alone is no difference"
        );
    }
}
