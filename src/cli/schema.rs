//! `pmcheck schema`: the JSON Schema of evidence format v1, for editors.

use anyhow::Result;

use super::ExitStatus;
use super::common::emit;
use crate::evidence;

pub(super) fn run() -> Result<ExitStatus> {
    let schema = evidence::json_schema();
    emit(|out| {
        serde_json::to_writer_pretty(&mut *out, &schema)?;
        writeln!(out)
    })?;
    Ok(ExitStatus::Success)
}
