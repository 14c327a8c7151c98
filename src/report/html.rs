//! What every HTML page pmcheck writes shares: the escaper askama applies to every
//! `{{ ... }}` of the templates in `templates/` (see `templates/askama.toml`), so text
//! from an input reaches a page only through [`text::html`].

use std::fmt;

use crate::text;

/// The escaper of pmcheck's HTML templates: [`text::html`], for every `{{ ... }}`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Escape;

impl askama::filters::Escaper for Escape {
    fn write_escaped_str<W: fmt::Write>(&self, mut dest: W, text: &str) -> fmt::Result {
        dest.write_str(&text::html(text))
    }
}
