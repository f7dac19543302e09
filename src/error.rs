//! The crate's one error type.

use std::path::PathBuf;

/// Everything that can go wrong in the library.
///
/// Rejected postings are not errors: the indexer reports and skips them (see
/// [`crate::source::Rejection`]). These variants are for failures that stop an operation.
/// [`Error::code`] gives each its stable [`ErrorCode`].
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or directory could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory concerned.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The user's query text could not be understood.
    #[error("invalid query: {0}")]
    InvalidQuery(String),
    /// A request parameter is out of range or malformed.
    #[error("invalid parameter `{name}`: {message}")]
    InvalidParameter {
        /// The parameter's name as the user wrote it.
        name: String,
        /// Why it was refused.
        message: String,
    },
    /// Another indexer holds the index's write lock.
    #[error("the index at {0} is locked by another indexer; wait for it to finish")]
    IndexLocked(PathBuf),
    /// The index could not be written (disk full, read-only file system...); it stays at its
    /// last commit.
    #[error("cannot write the index at {path}: {reason}; it stays at its last commit")]
    IndexWrite {
        /// The index directory.
        path: PathBuf,
        /// What failed: the operating system's message when there is one.
        reason: String,
    },
    /// No index exists at the given directory.
    #[error("no index at {0}; build one with `vacancy index`")]
    IndexMissing(PathBuf),
    /// The index was built with a different schema version.
    #[error(
        "the index at {path} has schema version {found}, this build expects {expected}; rebuild it"
    )]
    SchemaMismatch {
        /// The index directory.
        path: PathBuf,
        /// The version found in the index.
        found: String,
        /// The version this build writes.
        expected: String,
    },
    /// The index exists but is not one this build can read.
    #[error("invalid index: {0}")]
    InvalidIndex(String),
    /// The operating system would not start the service's search threads.
    #[error("cannot start the search threads: {0}")]
    Threads(#[source] std::io::Error),
    /// An error from tantivy.
    #[error("index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// A line of a benchmark query file could not be used.
    #[error("{file}{}: {message}", line.map(|n| format!(":{n}")).unwrap_or_default())]
    QueryFile {
        /// The query file (or `built-in queries`).
        file: String,
        /// 1-based line number; `None` when the whole file is at fault.
        line: Option<usize>,
        /// Why the line was refused.
        message: String,
    },
    /// The service or index to benchmark cannot be used.
    #[error("cannot benchmark {target}: {message}")]
    BenchTarget {
        /// The URL or index directory.
        target: String,
        /// What went wrong.
        message: String,
    },
    /// A JSON value could not be encoded or decoded.
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
}

impl Error {
    /// Builds an [`Error::Io`] for `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// Builds an [`Error::InvalidParameter`].
    pub fn param(name: impl Into<String>, message: impl Into<String>) -> Self {
        Error::InvalidParameter {
            name: name.into(),
            message: message.into(),
        }
    }
}

/// The stable, machine-readable kind of an [`Error`], as callers outside the process see it
/// (the service's `{"error": {"code": ...}}`, the load generator's error counts).
///
/// Errors the caller can correct have their own code; the index missing is a state to wait
/// out; everything else is `internal`, whose detail is for the logs only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// The query text could not be understood.
    InvalidQuery,
    /// A parameter is malformed or out of range.
    InvalidParameter,
    /// There is no index to search yet.
    IndexMissing,
    /// Anything else: a fault of the service, not of the request.
    Internal,
}

impl ErrorCode {
    /// The code as sent (`invalid_query`, `invalid_parameter`, `index_missing`, `internal`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidQuery => "invalid_query",
            ErrorCode::InvalidParameter => "invalid_parameter",
            ErrorCode::IndexMissing => "index_missing",
            ErrorCode::Internal => "internal",
        }
    }

    /// The HTTP status that answers it.
    #[must_use]
    pub fn http_status(self) -> u16 {
        match self {
            ErrorCode::InvalidQuery | ErrorCode::InvalidParameter => 400,
            ErrorCode::IndexMissing => 503,
            ErrorCode::Internal => 500,
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Error {
    /// The stable code of this error.
    #[must_use]
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::InvalidQuery(_) => ErrorCode::InvalidQuery,
            Error::InvalidParameter { .. } => ErrorCode::InvalidParameter,
            Error::IndexMissing(_) => ErrorCode::IndexMissing,
            _ => ErrorCode::Internal,
        }
    }

    /// The message for a caller outside the process: the whole message of an error the
    /// caller can correct, a generic one otherwise (paths and internals stay in the logs).
    #[must_use]
    pub fn public_message(&self) -> String {
        match self {
            Error::InvalidQuery(message) => message.clone(),
            Error::InvalidParameter { .. } => self.to_string(),
            Error::IndexMissing(_) => "the index is not available".to_owned(),
            _ => "internal server error".to_owned(),
        }
    }
}

/// Longest part of a refused value quoted back in an error message, in characters.
pub const ECHO_CHARS: usize = 40;

/// `value` cut to [`ECHO_CHARS`] characters (with `…` when cut), for an error message that
/// quotes what the user sent.
#[must_use]
pub fn echo(value: &str) -> String {
    match value.char_indices().nth(ECHO_CHARS) {
        Some((cut, _)) => format!("{}…", &value[..cut]),
        None => value.to_owned(),
    }
}

/// `Result` with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
