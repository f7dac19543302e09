//! The index as a whole: which postings are open (for sitemaps), read from the fast fields
//! without loading any stored posting.

use chrono::NaiveDate;

use super::Engine;
use crate::schema::{day_number, NO_CLOSING, NO_PUBLISHED};
use crate::{Error, Result};

/// A posting named in a listing: its id and publication date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedPosting {
    /// Posting id.
    pub id: String,
    /// Publication date, when known.
    pub published: Option<NaiveDate>,
}

impl Engine {
    /// Every posting open on `today`, as `open=true` searches count them (closing that day
    /// or later; without a closing date, published within the engine's unknown-closing
    /// window), newest first, then by id. Read from the fast fields only.
    pub fn open_postings(&self, today: NaiveDate) -> Result<Vec<ListedPosting>> {
        let searcher = self.searcher();
        let today = day_number(today);
        let published_min = today - i64::from(self.unknown_closing_days());
        let mut out = Vec::new();
        let mut id = String::new();
        for segment in searcher.segment_readers() {
            let fast = segment.fast_fields();
            let closing = fast.i64("closing")?;
            let published = fast.i64("published")?;
            let Some(ids) = fast.str("id")? else {
                continue;
            };
            for doc in segment.doc_ids_alive() {
                let open = match closing.first(doc).unwrap_or(NO_CLOSING) {
                    NO_CLOSING => published
                        .first(doc)
                        .is_some_and(|day| day != NO_PUBLISHED && day >= published_min),
                    day => day >= today,
                };
                if !open {
                    continue;
                }
                let Some(ord) = ids.term_ords(doc).next() else {
                    continue;
                };
                id.clear();
                ids.ord_to_str(ord, &mut id)
                    .map_err(|e| Error::InvalidIndex(format!("posting id column: {e}")))?;
                out.push(ListedPosting {
                    id: id.clone(),
                    published: published
                        .first(doc)
                        .filter(|day| *day != NO_PUBLISHED)
                        .and_then(|day| {
                            NaiveDate::default()
                                .checked_add_signed(chrono::TimeDelta::try_days(day)?)
                        }),
                });
            }
        }
        out.sort_by(|a, b| b.published.cmp(&a.published).then_with(|| a.id.cmp(&b.id)));
        Ok(out)
    }
}
