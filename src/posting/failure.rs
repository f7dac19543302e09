//! Why a notice or a feed record could not be turned into a posting.

/// A notice or feed record that is not a usable posting, with a human-readable reason
/// (`record has no id`, `not valid JSON: expected value at column 1`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{reason}")]
pub struct ParseFailure {
    /// What is wrong, for people.
    pub reason: String,
}

impl ParseFailure {
    /// A failure with this reason.
    pub fn new(reason: impl Into<String>) -> Self {
        ParseFailure {
            reason: reason.into(),
        }
    }
}
