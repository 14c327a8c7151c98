//! The parts of a workbook's zip, inflated within bounds: a part whose declared size, or
//! whose size while inflating, passes the limit is refused with its name, before memory
//! or time is spent on what the file does not really hold.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};

use zip::ZipArchive;

/// The most bytes one part of a workbook may inflate to (a sheet of ten million cells is
/// about 600 MiB of XML).
pub const MAX_PART_BYTES: u64 = 1 << 30;

/// The most a part may inflate per compressed byte. The XML of a real sheet compresses
/// about 10 to 1, and a sparse one with styled empty cells about 60 to 1; a zip bomb
/// compresses 1,000 to 1 and more.
pub const MAX_RATIO: u64 = 250;

/// What a part may inflate to whatever its ratio: small parts (a styles part of a few
/// kilobytes that compresses very well) are never refused for their ratio.
const RATIO_FREE_BYTES: u64 = 4 << 20;

/// Why a part cannot be read.
#[derive(Debug)]
pub enum PartError {
    /// No part of that name.
    Missing,
    /// The part is larger than its limit: its declared size, or what it inflated to.
    TooLarge { bytes: u64, limit: u64, ratio: bool },
    /// The zip itself is damaged, encrypted, or uses a compression pmcheck does not read.
    Zip(String),
}

impl std::fmt::Display for PartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PartError::Missing => f.write_str("is missing"),
            PartError::TooLarge {
                bytes,
                limit,
                ratio: false,
            } => write!(
                f,
                "inflates to more than {} MiB (at least {} MiB); pmcheck reads parts up to {} MiB",
                limit >> 20,
                bytes >> 20,
                limit >> 20
            ),
            PartError::TooLarge { bytes, limit, .. } => write!(
                f,
                "inflates to {} MiB or more, over {MAX_RATIO} times its compressed size (limit {} MiB): the file is damaged or built to exhaust memory",
                (*bytes).max(*limit) >> 20,
                limit >> 20
            ),
            PartError::Zip(e) => write!(f, "cannot be read from the zip: {e}"),
        }
    }
}

/// The limit of a part compressed to `compressed` bytes.
pub fn limit(compressed: u64) -> u64 {
    compressed
        .saturating_mul(MAX_RATIO)
        .clamp(RATIO_FREE_BYTES, MAX_PART_BYTES)
}

/// A workbook opened as a zip.
pub struct Zip {
    archive: ZipArchive<BufReader<File>>,
}

impl Zip {
    pub fn open(file: File) -> Result<Zip, String> {
        ZipArchive::new(BufReader::new(file))
            .map(|archive| Zip { archive })
            .map_err(|e| e.to_string())
    }

    /// The index of the part `name` (`xl/workbook.xml`), matched without regard to case
    /// as the package format says part names are.
    fn index(&self, name: &str) -> Option<usize> {
        let name = name.trim_start_matches('/');
        self.archive.index_for_name(name).or_else(|| {
            self.archive
                .file_names()
                // In the archive's order, which `by_index` uses.
                .position(|n| n.is_ok_and(|n| n.eq_ignore_ascii_case(name)))
        })
    }

    pub fn has(&self, name: &str) -> bool {
        self.index(name).is_some()
    }

    /// The part `name`, to be read as it inflates; refused before inflating when its
    /// declared size passes its limit, and while inflating when it passes it anyway.
    pub fn part(&mut self, name: &str) -> Result<impl BufRead + '_, PartError> {
        let index = self.index(name).ok_or(PartError::Missing)?;
        let file = self
            .archive
            .by_index(index)
            .map_err(|e| PartError::Zip(e.to_string()))?;
        let limit = limit(file.compressed_size());
        if file.size() > limit {
            return Err(PartError::TooLarge {
                bytes: file.size(),
                limit,
                ratio: limit < MAX_PART_BYTES,
            });
        }
        Ok(BufReader::with_capacity(
            64 * 1024,
            Bounded {
                inner: file,
                left: limit,
                limit,
            },
        ))
    }

    /// The whole part `name` as text, within its limit.
    pub fn text(&mut self, name: &str) -> Result<String, PartError> {
        let mut part = self.part(name)?;
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes).map_err(part_error)?;
        Ok(String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
    }
}

/// A [`PartError`] from an error while inflating: the limit passed, or a damaged stream.
pub fn part_error(e: io::Error) -> PartError {
    match e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<Exceeded>())
    {
        Some(x) => PartError::TooLarge {
            bytes: x.0,
            limit: x.0,
            ratio: x.0 < MAX_PART_BYTES,
        },
        None => PartError::Zip(e.to_string()),
    }
}

/// The error a [`Bounded`] reader gives when its part inflates past the limit.
#[derive(Debug)]
pub struct Exceeded(pub u64);

impl std::fmt::Display for Exceeded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the part inflates past its limit of {} bytes", self.0)
    }
}

impl std::error::Error for Exceeded {}

/// A reader that fails, rather than ending quietly, once more than its limit is read.
struct Bounded<R> {
    inner: R,
    left: u64,
    limit: u64,
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.left == 0 {
            // One byte more than the limit tells a part that ends there from one that
            // goes on.
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe)? {
                0 => Ok(0),
                _ => Err(io::Error::other(Exceeded(self.limit))),
            };
        }
        let want = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..want])?;
        self.left -= n as u64;
        Ok(n)
    }
}
