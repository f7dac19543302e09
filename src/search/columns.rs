//! The fast-field columns of a segment that searches read, opened once per segment.

use std::sync::{Arc, OnceLock};

use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, SegmentReader};

use super::days::Days;

/// The fast-field columns a search reads in one segment: each facet's (`None` when the
/// segment has no value for it, in [`FacetField::ALL`] order), the two dates, and the ids
/// (for hits shown without their stored posting). Opening a column reads its header and
/// dictionary; fourteen of them per segment and search were 6 % of the search for a rare
/// word, so they are opened once per segment. Each facet's values, once a search has named
/// some, are kept too ([`SegmentColumns::values`]).
///
/// [`FacetField::ALL`]: super::FacetField::ALL
pub struct SegmentColumns {
    /// Each facet's column.
    pub facets: Vec<Option<StrColumn>>,
    /// Publication day numbers.
    pub published: Column<i64>,
    /// Closing day numbers.
    pub closing: Column<i64>,
    /// Posting ids (`None` in an index without an id column).
    pub id: Option<StrColumn>,
    /// Each facet's values by ordinal, read from its dictionary at first use.
    values: Vec<OnceLock<Box<[Box<str>]>>>,
    /// Posting ids by ordinal, read from the id column's dictionary at first use.
    ids: OnceLock<IdTable>,
    /// Documents in the segment.
    max_doc: DocId,
    /// Every document's two days, read from their columns at first use.
    days: OnceLock<Arc<Days>>,
}

/// The terms of a column's dictionary by ordinal, in one buffer: ~4 bytes a term besides its
/// text.
#[derive(Debug, Default)]
struct IdTable {
    text: String,
    /// End of each term in `text`, by ordinal.
    ends: Vec<u32>,
}

impl IdTable {
    /// Every term of `column`'s dictionary, in one pass; stops at a term that cannot be read
    /// (the later ordinals are then looked up one by one, see [`SegmentColumns::id_of`]).
    fn read(column: &StrColumn) -> IdTable {
        let dictionary = column.dictionary();
        let mut table = IdTable {
            text: String::new(),
            ends: Vec::with_capacity(dictionary.num_terms()),
        };
        if let Ok(mut terms) = dictionary.stream() {
            while terms.advance() {
                let Ok(term) = std::str::from_utf8(terms.key()) else {
                    break;
                };
                let Ok(end) = u32::try_from(table.text.len() + term.len()) else {
                    break;
                };
                table.text.push_str(term);
                table.ends.push(end);
            }
        }
        table
    }

    /// The term of ordinal `ord`, if read.
    fn get(&self, ord: u64) -> Option<&str> {
        let ord = usize::try_from(ord).ok()?;
        let end = *self.ends.get(ord)? as usize;
        let start = match ord {
            0 => 0,
            _ => self.ends[ord - 1] as usize,
        };
        self.text.get(start..end)
    }
}

impl SegmentColumns {
    /// Opens the columns of `reader`'s segment.
    pub fn open(reader: &SegmentReader) -> tantivy::Result<SegmentColumns> {
        let fast = reader.fast_fields();
        let facets = super::FacetField::ALL
            .iter()
            .map(|facet| fast.str(facet.name()))
            .collect::<tantivy::Result<_>>()?;
        Ok(SegmentColumns {
            values: (0..super::FacetField::ALL.len())
                .map(|_| OnceLock::new())
                .collect(),
            facets,
            published: fast.i64("published")?,
            closing: fast.i64("closing")?,
            id: fast.str("id")?,
            ids: OnceLock::new(),
            max_doc: reader.max_doc(),
            days: OnceLock::new(),
        })
    }

    /// Every document's publication and closing days, read from [`SegmentColumns::published`]
    /// and [`SegmentColumns::closing`] the first time a search needs them, then kept.
    pub fn days(&self) -> Arc<Days> {
        Arc::clone(
            self.days
                .get_or_init(|| Arc::new(Days::read(&self.published, &self.closing, self.max_doc))),
        )
    }

    /// The posting id of `doc` (empty when `doc` has none); `None` when the segment has no id
    /// column.
    ///
    /// The ids are read in one pass over the column's dictionary the first time a search
    /// shows hits without their stored postings (`fields=id,score`), then kept (~25 bytes a
    /// posting): looking each hit's id up in the dictionary decoded its block from the start,
    /// 4.7 % of the CPU of such searches.
    pub fn id_of(&self, doc: DocId) -> tantivy::Result<Option<String>> {
        let Some(column) = &self.id else {
            return Ok(None);
        };
        let Some(ord) = column.term_ords(doc).next() else {
            return Ok(Some(String::new()));
        };
        if let Some(id) = self.ids.get_or_init(|| IdTable::read(column)).get(ord) {
            return Ok(Some(id.to_owned()));
        }
        let mut id = String::new();
        column.ord_to_str(ord, &mut id)?;
        Ok(Some(id))
    }

    /// The values of facet `facet` (in [`FacetField::ALL`] order) by ordinal; empty when the
    /// segment has no column for it.
    ///
    /// Read in one pass over the column's dictionary the first time a search names values of
    /// the facet, then kept: reading the dictionary block of each named value was 2.5 % of a
    /// search with facet counts. A value that cannot be read is empty (counts are best
    /// effort).
    ///
    /// [`FacetField::ALL`]: super::FacetField::ALL
    pub fn values(&self, facet: usize) -> &[Box<str>] {
        let Some(slot) = self.values.get(facet) else {
            return &[];
        };
        slot.get_or_init(|| {
            let Some(column) = self.facets.get(facet).and_then(Option::as_ref) else {
                return Box::default();
            };
            let dictionary = column.dictionary();
            let mut values: Vec<Box<str>> = Vec::with_capacity(dictionary.num_terms());
            if let Ok(mut terms) = dictionary.stream() {
                while terms.advance() {
                    values.push(String::from_utf8_lossy(terms.key()).into());
                }
            }
            values.resize(dictionary.num_terms(), Box::default());
            values.into_boxed_slice()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_from_the_table_are_those_of_the_dictionary() {
        let schema = crate::schema::build_schema();
        let fields = crate::schema::Fields::from_schema(&schema).unwrap();
        let index = tantivy::Index::create_in_ram(schema);
        crate::store::register(&index);
        let mut writer: tantivy::IndexWriter =
            index.writer_with_num_threads(1, 15_000_000).unwrap();
        // Ids of several lengths and scripts, out of order; one document without an id.
        let ids = ["p-10", "p-2", "ñandú-7", "", "x", "p-2b", "日本-1"];
        for id in ids {
            let mut doc = tantivy::TantivyDocument::default();
            if !id.is_empty() {
                doc.add_text(fields.id, id);
            }
            doc.add_i64(fields.published, 1);
            doc.add_i64(fields.closing, 2);
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let reader = searcher.segment_reader(0);
        let columns = SegmentColumns::open(reader).unwrap();
        let column = columns.id.as_ref().unwrap();
        for doc in 0..reader.max_doc() {
            let mut expected = String::new();
            if let Some(ord) = column.term_ords(doc).next() {
                column.ord_to_str(ord, &mut expected).unwrap();
            }
            assert_eq!(columns.id_of(doc).unwrap(), Some(expected), "doc {doc}");
        }
        let mut shown: Vec<String> = (0..reader.max_doc())
            .map(|doc| columns.id_of(doc).unwrap().unwrap())
            .collect();
        shown.sort();
        let mut written: Vec<String> = ids.iter().map(|id| (*id).to_owned()).collect();
        written.sort();
        assert_eq!(shown, written);
        // Past the table (a term that could not be read): looked up in the dictionary.
        assert_eq!(IdTable::default().get(0), None);
    }
}
