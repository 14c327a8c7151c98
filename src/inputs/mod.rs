//! The one way every command reads what it is given: the evidence file (or standard
//! input), the measures files it links and those named on the command line, the as-of
//! date, and the set of files that must never be written over. ripgrep resolves its
//! flags into one value that every search reads; [`load`] is pmcheck's equivalent, so
//! that two commands never read the same files two ways. Commands differ only in what
//! they do with the [`Inputs`].
//!
//! Loading, in order: the evidence is parsed once (its text kept, with the line of each
//! top-level section, for every renderer that points into it); a plan naming no known
//! requirement is refused at its line; the as-of date is resolved (`--as-of`, then the
//! file's `as_of`, then the day given as today); the measures files are read, the
//! linked ones first, and taken stock of as of that date; and the measures are linked
//! into the evidence ([`link`]), each claim they do not support a warning.

mod link;
mod protected;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::criteria::{self, Criteria};
use crate::diagnostic::{self, Problem, Warning};
use crate::evidence::{self, Date, Evidence};
use crate::measures::inventory::Report;
use crate::measures::{MeasuresError, Role};

pub use protected::{Protected, same_file};

/// Where the as-of date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AsOfSource {
    /// `--as-of` on the command line.
    Flag,
    /// `as_of:` in the evidence file.
    File,
    /// Neither was given: the day pmcheck ran.
    Today,
}

impl AsOfSource {
    pub fn id(self) -> &'static str {
        match self {
            AsOfSource::Flag => "flag",
            AsOfSource::File => "file",
            AsOfSource::Today => "today",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            AsOfSource::Flag => "from --as-of",
            AsOfSource::File => "from the evidence file",
            AsOfSource::Today => "today; no as_of in the file",
        }
    }
}

/// `--as-of` wins; otherwise the file's `as_of`; otherwise today.
pub fn resolve_as_of(
    flag: Option<Date>,
    file: Option<Date>,
    today: NaiveDate,
) -> (Date, AsOfSource) {
    match (flag, file) {
        (Some(d), _) => (d, AsOfSource::Flag),
        (None, Some(d)) => (d, AsOfSource::File),
        (None, None) => (Date(today), AsOfSource::Today),
    }
}

/// How the measures files named on the command line are read.
#[derive(Debug, Clone, Default)]
pub struct MeasuresOptions {
    /// The sheets of a workbook to read (default: every sheet whose header row maps).
    pub sheets: Vec<String>,
    /// Headers to read as roles, over the synonyms.
    pub columns: Vec<(Role, String)>,
    /// The fiscal year's first month, over the evidence file's, for every file read.
    pub fiscal_year_start: Option<u32>,
    /// The service area of every row of the files given (a file of one area).
    pub area: Option<String>,
}

/// What a command asks [`load`] for.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// The evidence file; `-` reads standard input (JSON when it starts with `{`).
    pub evidence: Option<&'a Path>,
    /// The criteria the run judges by: the evidence's plans must name their requirements
    /// (or those of a bundled criteria).
    pub criteria: &'a Criteria,
    /// The criteria's file, when the criteria came from one: an input of the run.
    pub criteria_file: Option<&'a Path>,
    /// Measures files named on the command line, read after those the evidence links.
    pub measures: &'a [PathBuf],
    pub measures_options: MeasuresOptions,
    /// `--as-of`.
    pub as_of: Option<Date>,
    /// The day taken when neither `--as-of` nor the file gives a date.
    pub today: NaiveDate,
    /// `--strict`: claims the measures do not support are cut down to what they show.
    pub strict: bool,
    /// Refuse to go on without a measures file (the commands that read only measures).
    pub need_measures: bool,
    /// Refuse to go on when a value of the measures data could not be used (`--strict`,
    /// `publish`), rather than leave it out with a warning.
    pub refuse_data_errors: Option<Refusal>,
    /// Other files of the run (a baseline, a narratives file), never to be written over.
    pub others: &'a [&'a Path],
}

impl<'a> Request<'a> {
    /// A request for `criteria` with nothing else given.
    pub fn new(criteria: &'a Criteria, today: NaiveDate) -> Request<'a> {
        Request {
            evidence: None,
            criteria,
            criteria_file: None,
            measures: &[],
            measures_options: MeasuresOptions::default(),
            as_of: None,
            today,
            strict: false,
            need_measures: false,
            refuse_data_errors: None,
            others: &[],
        }
    }
}

impl Request<'_> {
    /// `--strict`: claims cut down to what the measures show, and measures data with
    /// values that could not be used refused.
    pub fn judged_strictly(self, strict: bool) -> Self {
        Request {
            strict,
            refuse_data_errors: strict.then_some(Refusal::Strict),
            ..self
        }
    }
}

/// Why a run refuses measures data with values it could not use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// `--strict` judges only clean data.
    Strict,
    /// A public site shows only values that were read.
    Publish,
}

/// An evidence file as read: the evidence (with its measures linked in), its text, and
/// the line each top-level section starts on.
#[derive(Debug, Clone)]
pub struct EvidenceSource {
    /// The file as messages and reports name it (`<stdin>` for `-`, `/` between parts).
    pub name: PathBuf,
    pub evidence: Evidence,
    pub text: String,
    /// Top-level keys and their 1-based lines, in file order.
    pub section_lines: Vec<(String, u64)>,
}

/// The as-of date and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AsOf {
    pub date: Date,
    pub source: AsOfSource,
}

/// Everything a command was given, read once.
#[derive(Debug)]
pub struct Inputs {
    pub evidence: Option<EvidenceSource>,
    /// The measures read, taken stock of as of [`Inputs::as_of`]; `None` when no measures
    /// file was linked or named.
    pub measures: Option<Report>,
    /// What loading noticed: linking the measures into the evidence.
    pub warnings: Vec<Warning>,
    pub as_of: AsOf,
    /// Every file read: none may be written over.
    pub protected: Protected,
}

/// Why loading failed.
#[derive(Debug)]
pub enum LoadError {
    Evidence(Problem),
    Measures(MeasuresError),
    /// The request cannot be met as given: measures from standard input, or none for a
    /// command that reads measures.
    Usage(String),
    /// Values of the measures data that could not be used, in a run that refuses them.
    DataErrors(Vec<Problem>, Refusal),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Evidence(e) => e.fmt(f),
            LoadError::Measures(e) => e.fmt(f),
            LoadError::Usage(m) => f.write_str(m),
            LoadError::DataErrors(problems, why) => {
                let n = problems.len();
                writeln!(
                    f,
                    "{n} value{} of the measures data could not be used, and {}:",
                    if n == 1 { "" } else { "s" },
                    match why {
                        Refusal::Strict => "--strict judges only clean data",
                        Refusal::Publish => "a public site shows only values that were read",
                    }
                )?;
                for p in problems.iter().take(DATA_ERRORS_SHOWN) {
                    writeln!(f, "  {p}")?;
                }
                if n > DATA_ERRORS_SHOWN {
                    writeln!(f, "  and {} more", n - DATA_ERRORS_SHOWN)?;
                }
                f.write_str(match why {
                    Refusal::Strict => "fix these cells (`pmcheck measures FILE` lists every finding), or run without --strict to judge the rest of the data",
                    Refusal::Publish => "fix these cells (`pmcheck measures FILE` lists every finding), then publish again",
                })
            }
        }
    }
}

impl std::error::Error for LoadError {}

impl From<Problem> for LoadError {
    fn from(e: Problem) -> Self {
        LoadError::Evidence(e)
    }
}

impl From<MeasuresError> for LoadError {
    fn from(e: MeasuresError) -> Self {
        LoadError::Measures(e)
    }
}

/// Data errors listed one by one (in a `--strict` refusal, or as warnings); the rest
/// are counted.
const DATA_ERRORS_SHOWN: usize = 10;

/// A `measures-data-error` warning for each value that could not be used, the first
/// [`DATA_ERRORS_SHOWN`] of them, then one that counts the rest.
fn data_error_warnings(errors: &[Problem]) -> Vec<Warning> {
    let warning = |message: String| Warning {
        code: diagnostic::WarningCode::MeasuresDataError,
        category: None,
        section: Some("measures"),
        message,
    };
    let mut out: Vec<Warning> = errors
        .iter()
        .take(DATA_ERRORS_SHOWN)
        .map(|p| warning(format!("{p} (the value is left out)")))
        .collect();
    if errors.len() > DATA_ERRORS_SHOWN {
        out.push(warning(format!(
            "and {} more values of the measures data could not be used; `pmcheck measures` lists them",
            errors.len() - DATA_ERRORS_SHOWN
        )));
    }
    out
}

/// How standard input is given as a file argument.
pub fn is_stdio(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The path as messages and reports name it: `<stdin>` for `-`, and with `/` between its
/// parts on every platform ([`crate::text::portable_path`]), so that JSON, SARIF, JUnit
/// and GitHub annotations made on Windows name `examples/a.yaml`, not `examples\a.yaml`.
pub fn display_path(path: &Path) -> PathBuf {
    if is_stdio(path) {
        crate::read::STDIN_NAME.into()
    } else {
        crate::text::portable_path(path).into()
    }
}

/// Reads everything `request` names; see the module's documentation for the order.
/// `progress` is told before measures files are read (a spinner for a large workbook).
pub fn load(request: &Request<'_>, progress: &dyn Fn(&str)) -> Result<Inputs, LoadError> {
    if request.measures.iter().any(|f| is_stdio(f)) {
        return Err(LoadError::Usage(
            "measures are read from files, not standard input; give the path of a .csv, .xlsx or .ods file".to_owned(),
        ));
    }
    let mut protected = Protected::default();
    let source = match request.evidence {
        Some(path) => {
            if !is_stdio(path) {
                protected.push(path);
            }
            Some(read_evidence(path, request.criteria)?)
        }
        None => None,
    };
    let (date, as_of_source) = resolve_as_of(
        request.as_of,
        source.as_ref().and_then(|s| s.evidence.as_of),
        request.today,
    );
    let base = match request.evidence {
        Some(path) if !is_stdio(path) => path.parent().unwrap_or(Path::new("")),
        _ => Path::new(""),
    };
    let links = source.as_ref().map_or(0, |s| s.evidence.measures.len());
    if links + request.measures.len() > 0 {
        progress("reading measures");
    }
    let mut tables = link::read_tables(
        source.as_ref().map(|s| &s.evidence),
        base,
        request.measures,
        &request.measures_options,
    )?;
    link::unify_names(&mut tables, source.as_ref().map(|s| &s.evidence));
    crate::measures::read::judge_sheets_together(&mut tables);
    if tables.is_empty() && request.need_measures {
        let message = match request.evidence {
            Some(path) => format!(
                "{} links no measures files; add a `measures:` list to it (see \"Measures data\" in docs/guide.md) or give the files",
                display_path(path).display()
            ),
            None => "no measures files given".to_owned(),
        };
        return Err(LoadError::Usage(message));
    }
    for t in &tables {
        protected.push(&t.file);
    }
    if let Some(path) = request.criteria_file {
        protected.push(path);
    }
    for path in request.others {
        protected.push(path);
    }
    let mut source = source;
    let mut warnings = Vec::new();
    let measures = (!tables.is_empty()).then(|| Report::new(tables, date.0));
    if let Some(report) = &measures {
        let errors = report.errors();
        if let (Some(why), false) = (request.refuse_data_errors, errors.is_empty()) {
            return Err(LoadError::DataErrors(errors, why));
        }
        warnings.extend(data_error_warnings(&errors));
    }
    if let (Some(report), Some(s)) = (&measures, source.as_mut()) {
        // One fiscal year for the run: `--fiscal-year-start`, as the measures were read
        // with it, is the year the evidence's years and quarters are judged in too.
        if let Some(m) = request.measures_options.fiscal_year_start {
            s.evidence.fiscal_year_start = Some(crate::vocab::Month(m));
        }
        warnings.extend(link::link(&mut s.evidence, report, request.strict));
    }
    Ok(Inputs {
        evidence: source,
        measures,
        warnings,
        as_of: AsOf {
            date,
            source: as_of_source,
        },
        protected,
    })
}

/// Reads and parses the evidence file (or standard input), and refuses a plan that names
/// a requirement no criteria know, at its line.
fn read_evidence(path: &Path, criteria: &Criteria) -> Result<EvidenceSource, Problem> {
    let name = display_path(path);
    let (evidence, text) = if is_stdio(path) {
        let text = crate::read::stdin(evidence::MAX_EVIDENCE_BYTES, "evidence")?;
        let evidence = if text.trim_start().starts_with('{') {
            evidence::parse_json(&text, &name)?
        } else {
            evidence::parse_yaml(&text, &name)?
        };
        (evidence, text)
    } else {
        evidence::load_with_text(path)?
    };
    if let Some(problem) = unknown_plan(criteria, &evidence, &name) {
        return Err(problem.with_source_text(&text));
    }
    let section_lines = evidence::section_lines(&text);
    Ok(EvidenceSource {
        name,
        evidence,
        text,
        section_lines,
    })
}

/// The first plan whose requirement is not an id of `criteria` (nor of any bundled
/// criteria, so that one evidence file can be compared across criteria years), as a
/// problem at the plan's line with the closest ids.
pub fn unknown_plan(criteria: &Criteria, evidence: &Evidence, file: &Path) -> Option<Problem> {
    if evidence.plans.is_empty() {
        return None;
    }
    static BUNDLED_IDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let bundled_ids = BUNDLED_IDS.get_or_init(|| {
        criteria::BUNDLED
            .iter()
            .filter_map(|(id, _, _)| criteria::bundled(id).ok())
            .flat_map(|c| c.requirements.into_iter().map(|r| r.id))
            .collect()
    });
    let plan = evidence.plans.iter().find(|plan| {
        let id = plan.requirement();
        !(criteria.requirements.iter().any(|r| r.id == id) || bundled_ids.iter().any(|b| b == id))
    })?;
    let id = plan.requirement();
    let closest: Vec<String> =
        diagnostic::ranked(id, criteria.requirements.iter().map(|r| r.id.as_str()))
            .into_iter()
            .take(3)
            .map(|c| format!("`{c}`"))
            .collect();
    Some(Problem::new(
        file,
        plan.requirement_at(),
        format!(
            "plans: `{}` is not a requirement id; closest in {}: {}",
            diagnostic::printable(id),
            criteria.label(),
            closest.join(", ")
        ),
    ))
}

#[cfg(test)]
mod tests;
