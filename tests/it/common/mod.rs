//! Helpers shared by the modules of the integration-test binary: running the built
//! binary (`cli`) and the JSON output contract v1 (`contract`).

pub mod browser;
pub mod cli;
pub mod contract;
