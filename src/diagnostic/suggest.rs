//! Suggestions for a name that is not one of the allowed names: the closest ones, by
//! Jaro-Winkler similarity, for "did you mean" and "closest: ..." in messages.

/// Candidates from the most to the least similar to `name`, for "closest: ..." lists.
pub fn ranked<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(name, c), c))
        .collect();
    // Stable: equally similar candidates keep their given order.
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.into_iter().map(|(_, c)| c).collect()
}

/// The candidate closest to `name`, if it is close enough to be a likely typo.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(name, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// "did you mean `x`? " when a candidate is close to `name`, else nothing: the
/// words that go before a list of the allowed names.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(name, candidates)
        .map(|best| format!("did you mean `{best}`? "))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_rank_and_threshold() {
        let ids = [
            "training.achievement",
            "equity.excellence",
            "training.distinction",
        ];
        assert_eq!(
            ranked("training.achievment", ids)[0],
            "training.achievement",
            "the closest first"
        );
        assert_eq!(ranked("x", ids).len(), 3, "every candidate is ranked");
        assert_eq!(
            did_you_mean("equity.excelence", ids),
            "did you mean `equity.excellence`? "
        );
        assert_eq!(did_you_mean("zzz", ids), "", "nothing close: no suggestion");
    }
}
