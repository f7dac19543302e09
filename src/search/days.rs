//! Every document's publication and closing day of one segment, in two flat arrays.
//!
//! A search that sorts by date, filters by date or keeps open postings only (what the search
//! page asks by default) reads both days of every match. Read from their fast-field columns,
//! each read goes through the column's codec: 9 % of a text search sorted by date over a
//! million postings. Read from these arrays it is one load. The arrays are built on the
//! first such search of a segment and kept with its columns ([`super::columns::SegmentColumns`]),
//! 4 bytes a day per document (8 when a day number does not fit in 32 bits).

use tantivy::columnar::Column;
use tantivy::DocId;

use crate::schema::{NO_CLOSING, NO_PUBLISHED};

/// One day column read into memory: `None` days stand as `missing`.
#[derive(Debug)]
enum DayColumn {
    /// Day numbers that fit in 32 bits, `i32::MIN` and `i32::MAX` standing for
    /// [`NO_PUBLISHED`] and [`NO_CLOSING`].
    Narrow(Box<[i32]>),
    /// Day numbers as stored.
    Wide(Box<[i64]>),
}

impl DayColumn {
    /// Reads each of the `max_doc` documents' first value of `column`, `missing` when it has
    /// none.
    fn read(column: &Column<i64>, max_doc: DocId, missing: i64) -> DayColumn {
        let wide: Vec<i64> = (0..max_doc)
            .map(|doc| column.first(doc).unwrap_or(missing))
            .collect();
        let narrow: Option<Vec<i32>> = wide.iter().map(|&day| narrow(day)).collect();
        match narrow {
            Some(narrow) => DayColumn::Narrow(narrow.into_boxed_slice()),
            None => DayColumn::Wide(wide.into_boxed_slice()),
        }
    }

    #[inline]
    fn get(&self, doc: DocId, missing: i64) -> i64 {
        let doc = doc as usize;
        match self {
            DayColumn::Narrow(days) => days.get(doc).map_or(missing, |&day| widen(day)),
            DayColumn::Wide(days) => days.get(doc).copied().unwrap_or(missing),
        }
    }
}

/// `day` in 32 bits, the two "no date" values at the ends of the range; `None` when it does
/// not fit.
fn narrow(day: i64) -> Option<i32> {
    match day {
        NO_PUBLISHED => Some(i32::MIN),
        NO_CLOSING => Some(i32::MAX),
        _ => i32::try_from(day)
            .ok()
            .filter(|&day| day != i32::MIN && day != i32::MAX),
    }
}

/// The day that [`narrow`] gave `day` for.
#[inline]
fn widen(day: i32) -> i64 {
    match day {
        i32::MIN => NO_PUBLISHED,
        i32::MAX => NO_CLOSING,
        _ => i64::from(day),
    }
}

/// The publication and closing days of every document of a segment.
#[derive(Debug)]
pub struct Days {
    published: DayColumn,
    closing: DayColumn,
}

impl Days {
    /// Reads both columns for the segment's `max_doc` documents.
    #[must_use]
    pub fn read(published: &Column<i64>, closing: &Column<i64>, max_doc: DocId) -> Days {
        Days {
            published: DayColumn::read(published, max_doc, NO_PUBLISHED),
            closing: DayColumn::read(closing, max_doc, NO_CLOSING),
        }
    }

    /// `doc`'s publication day, [`NO_PUBLISHED`] when it has none.
    #[inline]
    #[must_use]
    pub fn published(&self, doc: DocId) -> i64 {
        self.published.get(doc, NO_PUBLISHED)
    }

    /// `doc`'s closing day, [`NO_CLOSING`] when it has none.
    #[inline]
    #[must_use]
    pub fn closing(&self, doc: DocId) -> i64 {
        self.closing.get(doc, NO_CLOSING)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::{Schema, FAST};
    use tantivy::{doc, Index, TantivyDocument};

    /// A one-segment index of documents with the given (published, closing) values, `None`
    /// leaving the field out; returns its two columns and its size.
    fn columns(docs: &[(Option<i64>, Option<i64>)]) -> (Column<i64>, Column<i64>, DocId) {
        let mut schema = Schema::builder();
        let published = schema.add_i64_field("published", FAST);
        let closing = schema.add_i64_field("closing", FAST);
        let index = Index::create_in_ram(schema.build());
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000).expect("writer");
        for &(p, c) in docs {
            let mut document = TantivyDocument::default();
            if let Some(p) = p {
                document.add_i64(published, p);
            }
            if let Some(c) = c {
                document.add_i64(closing, c);
            }
            writer.add_document(document).expect("add");
        }
        writer.add_document(doc!()).expect("add");
        writer.commit().expect("commit");
        let searcher = index.reader().expect("reader").searcher();
        let segment = searcher.segment_reader(0);
        let fast = segment.fast_fields();
        (
            fast.i64("published").expect("published"),
            fast.i64("closing").expect("closing"),
            segment.max_doc(),
        )
    }

    fn read_back(docs: &[(Option<i64>, Option<i64>)]) -> (Days, Vec<(i64, i64)>) {
        let (published, closing, max_doc) = columns(docs);
        let days = Days::read(&published, &closing, max_doc);
        let expected = (0..max_doc)
            .map(|doc| {
                (
                    published.first(doc).unwrap_or(NO_PUBLISHED),
                    closing.first(doc).unwrap_or(NO_CLOSING),
                )
            })
            .collect();
        (days, expected)
    }

    fn all(days: &Days, max_doc: usize) -> Vec<(i64, i64)> {
        (0..max_doc as DocId)
            .map(|doc| (days.published(doc), days.closing(doc)))
            .collect()
    }

    #[test]
    fn days_read_back_as_the_columns_give_them() {
        let docs = [
            (Some(20_000), Some(20_030)),
            (Some(NO_PUBLISHED), Some(NO_CLOSING)),
            (None, Some(-5)),
            (Some(0), None),
            (Some(i64::from(i32::MAX) - 1), Some(i64::from(i32::MIN) + 1)),
        ];
        let (days, expected) = read_back(&docs);
        assert!(matches!(days.published, DayColumn::Narrow(_)));
        assert!(matches!(days.closing, DayColumn::Narrow(_)));
        assert_eq!(all(&days, expected.len()), expected);
        // Past the segment's documents: no date.
        assert_eq!(days.published(99), NO_PUBLISHED);
        assert_eq!(days.closing(99), NO_CLOSING);
    }

    #[test]
    fn days_beyond_32_bits_are_kept_wide() {
        let docs = [
            (Some(i64::from(i32::MAX)), Some(1)),
            (Some(3), Some(i64::from(i32::MIN))),
            (Some(NO_PUBLISHED), Some(1 << 40)),
        ];
        let (days, expected) = read_back(&docs);
        assert!(matches!(days.published, DayColumn::Wide(_)));
        assert!(matches!(days.closing, DayColumn::Wide(_)));
        assert_eq!(all(&days, expected.len()), expected);
    }
}
