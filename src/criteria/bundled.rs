//! The criteria files shipped inside the binary.

use std::path::Path;

use super::{Criteria, CriteriaError, parse};

/// Criteria shipped inside the binary: (id, file name, text).
pub const BUNDLED: &[(&str, &str, &str)] = &[
    (
        "icma-2021",
        "criteria/icma-2021.toml",
        include_str!("../../criteria/icma-2021.toml"),
    ),
    (
        "icma-2022",
        "criteria/icma-2022.toml",
        include_str!("../../criteria/icma-2022.toml"),
    ),
    (
        "spectrum",
        "criteria/spectrum.toml",
        include_str!("../../criteria/spectrum.toml"),
    ),
    (
        "federal",
        "criteria/federal.toml",
        include_str!("../../criteria/federal.toml"),
    ),
];

pub(super) fn find(spec: &str) -> Option<(&'static str, &'static str, &'static str)> {
    BUNDLED
        .iter()
        .copied()
        .find(|(id, _, _)| *id == spec || id.strip_prefix("icma-") == Some(spec))
}

/// Loads a bundled criteria file by id; panics only if the bundle itself is broken,
/// which the test suite rules out.
pub fn bundled(id: &str) -> Result<Criteria, CriteriaError> {
    let (id, file, text) =
        find(id).ok_or_else(|| CriteriaError::Unknown(format!("no bundled criteria `{id}`")))?;
    parse(text, Path::new(file), format!("bundled:{id}"))
}
