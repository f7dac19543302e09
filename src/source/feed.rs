//! Reading one JSON Lines feed, line by line with a bounded reader: a feed of a million
//! records, or a file holding a gigantic line, never sits in memory whole.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;

use super::{check_text, reject, Origin, RawItem, MAX_RECORD_BYTES, READ_BUFFER_BYTES};

/// Result of reading one bounded line.
enum LineRead {
    /// End of file.
    Eof,
    /// A line (without its `\n`) is in the buffer.
    Line,
    /// The line was longer than the limit; it was skipped. Holds its length.
    TooLong(u64),
}

/// Line-by-line reader of one feed file.
pub(super) struct FeedReader {
    path: PathBuf,
    reader: BufReader<File>,
    buf: Vec<u8>,
    /// 1-based number of the last line read.
    line_no: usize,
    /// Byte offset of the next line.
    offset: u64,
    /// A non-blank line was seen.
    any_record: bool,
    /// Stop after the current item (fatal error or whole-file rejection).
    done: bool,
}

impl FeedReader {
    pub(super) fn new(path: PathBuf, file: File) -> Self {
        FeedReader {
            path,
            reader: BufReader::with_capacity(READ_BUFFER_BYTES, file),
            buf: Vec::new(),
            line_no: 0,
            offset: 0,
            any_record: false,
            done: false,
        }
    }

    /// Reads the next line into `buf`, keeping at most [`MAX_RECORD_BYTES`] of it.
    fn read_line(&mut self) -> std::io::Result<LineRead> {
        self.buf.clear();
        let mut total: u64 = 0;
        let mut too_long = false;
        loop {
            let chunk = self.reader.fill_buf()?;
            if chunk.is_empty() {
                return Ok(if total == 0 {
                    LineRead::Eof
                } else if too_long {
                    LineRead::TooLong(total)
                } else {
                    LineRead::Line
                });
            }
            let (part, found) = match chunk.iter().position(|&b| b == b'\n') {
                Some(i) => (&chunk[..i], Some(i)),
                None => (chunk, None),
            };
            total += part.len() as u64;
            if !too_long {
                if self.buf.len() + part.len() > MAX_RECORD_BYTES {
                    too_long = true;
                    self.buf.clear();
                } else {
                    self.buf.extend_from_slice(part);
                }
            }
            let used = found.map_or(part.len(), |i| i + 1);
            self.reader.consume(used);
            if found.is_some() {
                total += 1;
                return Ok(if too_long {
                    LineRead::TooLong(total)
                } else {
                    LineRead::Line
                });
            }
        }
    }

    pub(super) fn next_item(&mut self) -> Option<RawItem> {
        if self.done {
            return None;
        }
        if self.line_no == 0 {
            // A whole-file look before the first line: empty or binary files are one
            // rejection, not one per line.
            match self.reader.fill_buf() {
                Ok([]) => {
                    self.done = true;
                    return Some(reject(&self.path, None, "empty file"));
                }
                Ok(head) => {
                    if let Some(i) = head.iter().position(|&b| b == 0) {
                        self.done = true;
                        return Some(reject(
                            &self.path,
                            None,
                            format!("binary file (NUL byte at byte {i})"),
                        ));
                    }
                }
                Err(e) => {
                    self.done = true;
                    return Some(reject(&self.path, None, format!("cannot read: {e}")));
                }
            }
        }
        loop {
            let start = self.offset;
            let read = self.read_line();
            self.line_no += 1;
            let line_no = self.line_no;
            match read {
                Err(e) => {
                    self.done = true;
                    return Some(reject(
                        &self.path,
                        Some(line_no),
                        format!("cannot read: {e}"),
                    ));
                }
                Ok(LineRead::Eof) => {
                    self.done = true;
                    if !self.any_record {
                        return Some(reject(&self.path, None, "empty file"));
                    }
                    return None;
                }
                Ok(LineRead::TooLong(len)) => {
                    self.offset += len;
                    self.any_record = true;
                    return Some(reject(
                        &self.path,
                        Some(line_no),
                        format!("record too large (over {MAX_RECORD_BYTES} bytes)"),
                    ));
                }
                Ok(LineRead::Line) => {
                    // The line plus its `\n` (absent only on the last line: harmless).
                    self.offset += self.buf.len() as u64 + 1;
                    let bytes = self.buf.strip_suffix(b"\r").unwrap_or(&self.buf);
                    let text = match check_text(bytes, start) {
                        Ok(t) => t,
                        Err(reason) => {
                            self.any_record = true;
                            return Some(reject(&self.path, Some(line_no), reason));
                        }
                    };
                    if text.trim().is_empty() {
                        continue;
                    }
                    self.any_record = true;
                    return Some(RawItem::Record {
                        text: text.to_owned(),
                        origin: Origin {
                            file: self.path.clone(),
                            line: Some(line_no),
                        },
                    });
                }
            }
        }
    }
}
