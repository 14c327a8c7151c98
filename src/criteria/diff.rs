//! What changed between two criteria files: requirements added, removed and changed
//! (level, optional flag, official wording, category, rule and its parameters), and
//! categories whose weight changed. Compared by stable id.

use crate::criteria::Criteria;

/// One changed property of a requirement or category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The requirement or category id.
    pub id: String,
    /// `level`, `optional`, `text`, `category`, `rule` or `weight`.
    pub property: &'static str,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CriteriaDiff {
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub changed: Vec<Change>,
    pub categories_added: Vec<String>,
    pub categories_removed: Vec<String>,
}

impl CriteriaDiff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
            && self.categories_added.is_empty()
            && self.categories_removed.is_empty()
    }
}

/// Weights are compared as written, not as the shares they give at each level (those
/// also move when a requirement becomes optional): a declared share as its fraction,
/// any other weight as its part of the weights of the categories without one, so
/// `2 of 18` and `4 of 36` are equal.
fn written(c: &Criteria, id: &str) -> Option<(Option<(u32, u32)>, f64)> {
    let rest: f64 = c
        .categories
        .iter()
        .filter(|x| x.declared_share.is_none())
        .map(|x| x.weight)
        .sum();
    let cat = c.categories.iter().find(|x| x.id == id)?;
    let part = if rest > 0.0 { cat.weight / rest } else { 0.0 };
    Some((cat.declared_share, part))
}

fn describe_weight((declared, part): (Option<(u32, u32)>, f64)) -> String {
    match declared {
        Some((n, d)) => format!("share {n}/{d}"),
        None => format!("{:.1}% of the rest", part * 100.0),
    }
}

pub fn diff(a: &Criteria, b: &Criteria) -> CriteriaDiff {
    let mut out = CriteriaDiff::default();
    for cat in &a.categories {
        let before = written(a, &cat.id).unwrap_or_default();
        match written(b, &cat.id) {
            None => out.categories_removed.push(cat.id.clone()),
            Some(after)
                if after.0 != before.0
                    || (after.0.is_none() && (after.1 - before.1).abs() > 1e-9) =>
            {
                out.changed.push(Change {
                    id: cat.id.clone(),
                    property: "weight",
                    before: describe_weight(before),
                    after: describe_weight(after),
                })
            }
            Some(_) => {}
        }
    }
    for cat in &b.categories {
        if written(a, &cat.id).is_none() {
            out.categories_added.push(cat.id.clone());
        }
    }
    for ra in &a.requirements {
        let Some(rb) = b.requirement(&ra.id) else {
            out.removed.push(ra.id.clone());
            continue;
        };
        let mut push = |property, before: String, after: String| {
            if before != after {
                out.changed.push(Change {
                    id: ra.id.clone(),
                    property,
                    before,
                    after,
                });
            }
        };
        push(
            "level",
            a.levels[ra.level].id.clone(),
            b.levels[rb.level].id.clone(),
        );
        push(
            "optional",
            if ra.optional { "optional" } else { "required" }.to_owned(),
            if rb.optional { "optional" } else { "required" }.to_owned(),
        );
        push("text", ra.text.clone(), rb.text.clone());
        push(
            "category",
            a.categories[ra.category].id.clone(),
            b.categories[rb.category].id.clone(),
        );
        push("rule", ra.rule.describe(a), rb.rule.describe(b));
    }
    for rb in &b.requirements {
        if a.requirement(&rb.id).is_none() {
            out.added.push(rb.id.clone());
        }
    }
    out
}
