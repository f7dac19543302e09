//! Exporting every posting matching a request as CSV or JSON Lines, in chunks.

use std::io::Write;

use std::collections::BTreeMap;

use serde_json::value::RawValue;
use tantivy::{DocAddress, Searcher};

use crate::{Error, Posting, Result};

/// Columns of a CSV export, in order: the posting fields of a search hit
/// ([`super::Hit::POSTING_FIELDS`]), then `link`, `occupation`, `skills` and `skill_ids`
/// (`body` is added last when asked for).
pub const EXPORT_COLUMNS: [&str; 18] = {
    let shown = super::Hit::POSTING_FIELDS;
    let mut columns = [""; 18];
    let mut i = 0;
    while i < shown.len() {
        columns[i] = shown[i];
        i += 1;
    }
    columns[14] = "link";
    columns[15] = "occupation";
    columns[16] = "skills";
    columns[17] = "skill_ids";
    columns
};

/// Output format of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// Comma-separated values with a header row ([`EXPORT_COLUMNS`], then `body`).
    Csv,
    /// One posting per line as JSON, with the keys of `GET /api/postings/{id}`.
    Jsonl,
}

impl std::str::FromStr for ExportFormat {
    type Err = String;

    /// `csv` or `jsonl`.
    fn from_str(name: &str) -> std::result::Result<ExportFormat, String> {
        match name {
            "csv" => Ok(ExportFormat::Csv),
            "jsonl" => Ok(ExportFormat::Jsonl),
            other => Err(format!("`{other}` is not one of csv, jsonl")),
        }
    }
}

/// The postings matching a request, ready to be written in chunks
/// (see [`crate::search::Engine::start_export`]). Holds a snapshot of the index: postings
/// committed later are not seen.
pub struct Export {
    searcher: Searcher,
    addresses: Vec<DocAddress>,
    next: usize,
    format: ExportFormat,
    include_body: bool,
    /// Language of the skill labels.
    lang: crate::analysis::Lang,
}

impl Export {
    pub(crate) fn new(
        searcher: Searcher,
        addresses: Vec<DocAddress>,
        format: ExportFormat,
        include_body: bool,
        lang: crate::analysis::Lang,
    ) -> Self {
        Export {
            searcher,
            addresses,
            next: 0,
            format,
            include_body,
            lang,
        }
    }

    /// Postings in the export.
    #[must_use]
    pub fn len(&self) -> usize {
        self.addresses.len()
    }

    /// Whether no posting matched.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.addresses.is_empty()
    }

    /// Whether every posting has been written.
    #[must_use]
    pub fn is_done(&self) -> bool {
        self.next >= self.addresses.len()
    }

    /// Writes the CSV header row (nothing for JSON Lines).
    pub fn write_header(&self, out: &mut dyn Write) -> Result<()> {
        if self.format == ExportFormat::Csv {
            let mut writer = csv::Writer::from_writer(out);
            let mut header: Vec<&str> = EXPORT_COLUMNS.to_vec();
            if self.include_body {
                header.push("body");
            }
            writer.write_record(&header).map_err(csv_error)?;
            writer.flush().map_err(|e| Error::io("export", e))?;
        }
        Ok(())
    }

    /// Writes up to `rows` more postings; returns how many were written (0 once done).
    pub fn write_next(&mut self, out: &mut dyn Write, rows: usize) -> Result<usize> {
        let end = self.addresses.len().min(self.next.saturating_add(rows));
        let chunk = self.next..end;
        let written = chunk.len();
        match self.format {
            ExportFormat::Csv => {
                let mut writer = csv::WriterBuilder::new()
                    .has_headers(false)
                    .from_writer(&mut *out);
                for i in chunk {
                    let posting = self.load(self.addresses[i])?;
                    let row = csv_row(&posting, self.include_body, self.lang);
                    writer
                        .write_record(row.iter().map(|cell| formula_safe(cell).into_owned()))
                        .map_err(csv_error)?;
                }
                writer.flush().map_err(|e| Error::io("export", e))?;
            }
            ExportFormat::Jsonl => {
                // One buffer for every line: the posting is serialised once into it, then
                // written as a sorted map of borrowed raw values, without `body` unless asked.
                let mut line = Vec::new();
                for i in chunk {
                    line.clear();
                    serde_json::to_writer(&mut line, &self.load(self.addresses[i])?)?;
                    let mut fields: BTreeMap<&str, &RawValue> = serde_json::from_slice(&line)?;
                    if !self.include_body {
                        fields.remove("body");
                    }
                    serde_json::to_writer(&mut *out, &fields)?;
                    out.write_all(b"\n").map_err(|e| Error::io("export", e))?;
                }
            }
        }
        self.next = end;
        Ok(written)
    }

    fn load(&self, address: DocAddress) -> Result<Posting> {
        crate::schema::read_posting(&self.searcher, address)
    }
}

fn csv_error(e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::io("export", io),
        other => Error::InvalidIndex(format!("csv: {other:?}")),
    }
}

/// A cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a tab or carriage
/// return first) gets a leading `'`, so that an exported posting cannot run code in the
/// analyst's spreadsheet (CSV formula injection); other cells are written as they are.
#[must_use]
pub fn formula_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

fn csv_row(p: &Posting, include_body: bool, lang: crate::analysis::Lang) -> Vec<String> {
    let (skills, occupation) = super::concepts::posting_concepts(p, lang);
    let mut row: Vec<String> = super::response::shown_values(p)
        .into_iter()
        .map(super::response::Shown::cell)
        .collect();
    row.extend([
        p.link.clone().unwrap_or_default(),
        occupation.map(|o| o.isco).unwrap_or_default(),
        skills
            .iter()
            .map(|s| s.label.as_str())
            .collect::<Vec<_>>()
            .join("; "),
        p.skills.join(" "),
    ]);
    if include_body {
        row.push(p.body.clone());
    }
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        for cell in ["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(formula_safe(cell), format!("'{cell}"), "{cell:?}");
        }
        for cell in ["Officer", "2025-01-31", "P-3", "", "a=b"] {
            assert_eq!(formula_safe(cell), cell);
        }
    }
}
