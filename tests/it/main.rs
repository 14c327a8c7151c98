//! The integration tests, one binary (`it`) with a module per command or concern, as
//! ripgrep and jj do: one link step instead of one per file. Most modules run the built
//! binary as a user does (`common::cli`); `frameworks`, `properties` and part of `explain`
//! call the library directly.

mod common;

mod baseline;
mod compare;
mod criteria;
mod docs;
mod evaluate;
mod examples;
mod explain;
mod formats;
mod frameworks;
mod help;
mod hostile;
mod init;
mod json_contract;
mod layers;
mod layouts;
mod measures;
mod plan;
mod portfolio;
mod properties;
mod publish;
mod readme;
mod schema;
mod strict;
mod version;
