//! Reading postings from files and directories: notices (`.txt`) and JSON Lines feeds
//! (`.jsonl`, `.ndjson`).
//!
//! [`read_sources`] streams: directories are walked recursively in sorted order (so runs are
//! deterministic), and a feed is read line by line with a bounded reader, so a feed of a
//! million records or a file holding a gigantic line never sits in memory whole.
//!
//! Bad input never stops the walk; each problem becomes a [`Rejection`] naming the file and,
//! for feeds, the line: unreadable files, empty files, binary files (a NUL byte),
//! invalid UTF-8 (with the byte offset; text is never repaired silently), notices over
//! [`MAX_NOTICE_BYTES`], feed lines over [`MAX_RECORD_BYTES`], and records or notices the
//! parsers refuse. Blank feed lines are skipped silently.
//!
//! This module walks the paths and reads notices; `feed.rs` reads a feed line by line.
//!
//! In a directory, files with other extensions are ignored; a file named explicitly with an
//! unknown extension (or none) is read as a notice.

use std::collections::VecDeque;
use std::fmt;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

mod feed;

use feed::FeedReader;

use crate::posting::{parse_feed_record, parse_notice, Posting};

/// Largest notice file accepted, in bytes (1 MiB).
pub const MAX_NOTICE_BYTES: u64 = 1 << 20;

/// Largest feed line (one JSON record) accepted, in bytes (4 MiB).
pub const MAX_RECORD_BYTES: usize = 4 << 20;

/// Buffer size of the feed reader.
const READ_BUFFER_BYTES: usize = 64 * 1024;

/// Where a posting came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The file read.
    pub file: PathBuf,
    /// The 1-based line of a feed record; `None` for a notice.
    pub line: Option<usize>,
}

/// An input that did not give a posting, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    /// The file concerned.
    pub file: PathBuf,
    /// The 1-based feed line, when the problem is one record.
    pub line: Option<usize>,
    /// What is wrong, for people.
    pub reason: String,
}

/// `FILE:LINE` for a feed record, `FILE` for a notice.
impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}", self.file.display()),
            None => write!(f, "{}", self.file.display()),
        }
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file.display(), line, self.reason),
            None => write!(f, "{}: {}", self.file.display(), self.reason),
        }
    }
}

/// One result of reading the sources.
// Items are consumed one at a time as they are read, so the size of the posting variant
// costs nothing worth a box.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum SourceItem {
    /// A parsed posting.
    Posting {
        /// The posting.
        posting: Posting,
        /// Where it was read.
        origin: Origin,
    },
    /// An input that was refused.
    Rejected(Rejection),
}

/// An input read but not parsed yet: the text of a notice or of one feed record. Parsing
/// (the costly part: label extraction, language detection) is [`RawItem::parse`], which any
/// thread may run, so that reading stays sequential and parsing can be spread over cores.
#[derive(Debug, Clone, PartialEq)]
pub enum RawItem {
    /// The text of a notice file.
    Notice {
        /// The whole text.
        text: String,
        /// The file name without its extension (the id of a notice without one).
        stem: String,
        /// Where it was read.
        origin: Origin,
    },
    /// One feed record (a JSON line).
    Record {
        /// The line.
        text: String,
        /// Where it was read.
        origin: Origin,
    },
    /// An input refused before parsing.
    Rejected(Rejection),
}

impl RawItem {
    /// Parses the item into a posting, or the rejection saying why it cannot be one.
    #[must_use]
    pub fn parse(self) -> SourceItem {
        let (parsed, origin) = match self {
            RawItem::Rejected(rejection) => return SourceItem::Rejected(rejection),
            RawItem::Notice { text, stem, origin } => (parse_notice(&text, &stem), origin),
            RawItem::Record { text, origin } => (parse_feed_record(&text), origin),
        };
        match parsed {
            Ok(posting) => SourceItem::Posting { posting, origin },
            Err(failure) => SourceItem::Rejected(Rejection {
                file: origin.file,
                line: origin.line,
                reason: failure.reason,
            }),
        }
    }
}

/// What kind of file a path holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Notice,
    Feed,
}

fn kind_of(path: &Path, explicit: bool) -> Option<Kind> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext.as_deref() {
        Some("txt") => Some(Kind::Notice),
        Some("jsonl") | Some("ndjson") => Some(Kind::Feed),
        _ if explicit => Some(Kind::Notice),
        _ => None,
    }
}

/// Streams postings and rejections from files and directories, in the order given,
/// directories recursively in sorted order.
pub fn read_sources(paths: &[PathBuf]) -> impl Iterator<Item = SourceItem> {
    read_raw_sources(paths).map(RawItem::parse)
}

/// Like [`read_sources`], without parsing: notices and feed records as text, and the inputs
/// refused while reading (unreadable, too large, not UTF-8, empty).
pub fn read_raw_sources(paths: &[PathBuf]) -> impl Iterator<Item = RawItem> {
    Sources {
        queue: paths.iter().map(|p| (p.clone(), true)).collect(),
        feed: None,
    }
}

/// The streaming walker behind [`read_sources`].
struct Sources {
    /// Paths still to visit, with whether they were named explicitly.
    queue: VecDeque<(PathBuf, bool)>,
    /// The feed being read.
    feed: Option<FeedReader>,
}

fn reject(file: &Path, line: Option<usize>, reason: impl Into<String>) -> RawItem {
    RawItem::Rejected(Rejection {
        file: file.to_path_buf(),
        line,
        reason: reason.into(),
    })
}

impl Iterator for Sources {
    type Item = RawItem;

    fn next(&mut self) -> Option<RawItem> {
        loop {
            if let Some(feed) = &mut self.feed {
                match feed.next_item() {
                    Some(item) => return Some(item),
                    None => self.feed = None,
                }
            }
            let (path, explicit) = self.queue.pop_front()?;
            let meta = match std::fs::metadata(&path) {
                Ok(m) => m,
                Err(e) => return Some(reject(&path, None, format!("cannot read: {e}"))),
            };
            if meta.is_dir() {
                match sorted_entries(&path) {
                    Ok(entries) => {
                        for p in entries.into_iter().rev() {
                            self.queue.push_front((p, false));
                        }
                    }
                    Err(e) => {
                        return Some(reject(&path, None, format!("cannot read directory: {e}")))
                    }
                }
                continue;
            }
            match kind_of(&path, explicit) {
                None => continue,
                Some(Kind::Notice) => return Some(read_notice(&path, meta.len())),
                Some(Kind::Feed) => match File::open(&path) {
                    Ok(f) => self.feed = Some(FeedReader::new(path, f)),
                    Err(e) => return Some(reject(&path, None, format!("cannot read: {e}"))),
                },
            }
        }
    }
}

/// A directory's entries, sorted by path.
fn sorted_entries(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut entries = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<Vec<_>>>()?;
    entries.sort();
    Ok(entries)
}

/// Checks raw bytes for NUL and UTF-8 validity; `base` is the bytes' offset in the file.
fn check_text(bytes: &[u8], base: u64) -> Result<&str, String> {
    if let Some(i) = bytes.iter().position(|&b| b == 0) {
        return Err(format!(
            "binary data (NUL byte at byte {})",
            base + i as u64
        ));
    }
    std::str::from_utf8(bytes)
        .map_err(|e| format!("invalid UTF-8 at byte {}", base + e.valid_up_to() as u64))
}

/// Reads and parses one notice file.
fn read_notice(path: &Path, len: u64) -> RawItem {
    if len > MAX_NOTICE_BYTES {
        return reject(
            path,
            None,
            format!("file too large ({len} bytes; a notice may have at most {MAX_NOTICE_BYTES})"),
        );
    }
    let mut bytes = Vec::with_capacity(len as usize);
    let read = File::open(path).and_then(|f| f.take(MAX_NOTICE_BYTES + 1).read_to_end(&mut bytes));
    if let Err(e) = read {
        return reject(path, None, format!("cannot read: {e}"));
    }
    if bytes.len() as u64 > MAX_NOTICE_BYTES {
        return reject(
            path,
            None,
            format!("file too large (over {MAX_NOTICE_BYTES} bytes, the limit for a notice)"),
        );
    }
    let text = match check_text(&bytes, 0) {
        Ok(t) => t,
        Err(reason) => return reject(path, None, reason),
    };
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return reject(path, None, "empty file");
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    RawItem::Notice {
        text: text.to_owned(),
        stem,
        origin: Origin {
            file: path.to_path_buf(),
            line: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
        let p = dir.join(name);
        std::fs::File::create(&p).unwrap().write_all(bytes).unwrap();
        p
    }

    fn reasons(items: &[SourceItem]) -> Vec<String> {
        items
            .iter()
            .map(|i| match i {
                SourceItem::Posting { posting, origin } => {
                    format!("ok {} {:?}", posting.id, origin.line)
                }
                SourceItem::Rejected(r) => r.to_string(),
            })
            .collect()
    }

    #[test]
    fn display_of_rejections() {
        let r = Rejection {
            file: "corpus/x.jsonl".into(),
            line: Some(17),
            reason: "record has no id".into(),
        };
        assert_eq!(r.to_string(), "corpus/x.jsonl:17: record has no id");
    }

    #[test]
    fn walks_sorted_and_filters_extensions() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("b");
        std::fs::create_dir(&sub).unwrap();
        write(&sub, "n.txt", b"Job ID: 2\n\nBody.");
        write(dir.path(), "a.txt", b"Job ID: 1\n\nBody.");
        write(dir.path(), "c.jsonl", b"{\"id\": 3}\n\n{\"id\": 4}\n");
        write(dir.path(), "ignored.md", b"Job ID: 9");
        let items: Vec<_> = read_sources(&[dir.path().to_path_buf()]).collect();
        assert_eq!(
            reasons(&items),
            ["ok 1 None", "ok 2 None", "ok 3 Some(1)", "ok 4 Some(3)"]
        );
    }

    #[test]
    fn explicit_unknown_extension_is_a_notice() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(dir.path(), "notice.md", b"Job ID: 9\n\nBody.");
        let items: Vec<_> = read_sources(&[p]).collect();
        assert_eq!(reasons(&items), ["ok 9 None"]);
    }

    #[test]
    fn bounded_lines() {
        let dir = tempfile::tempdir().unwrap();
        let mut data = b"{\"id\": 1}\n".to_vec();
        data.extend(std::iter::repeat_n(b'x', MAX_RECORD_BYTES + 10));
        data.extend(b"\n{\"id\": 2}\r\n");
        let p = write(dir.path(), "f.jsonl", &data);
        let items: Vec<_> = read_sources(std::slice::from_ref(&p)).collect();
        let r = reasons(&items);
        assert_eq!(r[0], "ok 1 Some(1)");
        assert!(
            r[1].ends_with(":2: record too large (over 4194304 bytes)"),
            "{}",
            r[1]
        );
        assert_eq!(r[2], "ok 2 Some(3)");
    }

    #[test]
    fn missing_path() {
        let items: Vec<_> = read_sources(&["/nonexistent/x.txt".into()]).collect();
        assert!(reasons(&items)[0].starts_with("/nonexistent/x.txt: cannot read:"));
    }
}
