//! Rows of ordinals in the narrowest integers that hold them, and counting from them.

use tantivy::DocId;

/// The rows of a [`super::SegmentOrds`] (or a multi-valued column's ordinals): one byte per ordinal
/// when every place holds fewer than 255 values (a segment without units or departments,
/// whose groups have few combinations), two when fewer than 65,535 (the usual case), four
/// otherwise. Counting many hits streams through the rows; narrower rows are less traffic.
pub(super) enum Rows {
    Byte(Vec<u8>),
    Narrow(Vec<u16>),
    Wide(Vec<u32>),
}

impl Rows {
    /// `values` in the narrowest rows that hold `largest`, the largest of them.
    pub(super) fn of(values: Vec<u32>, largest: u32) -> Rows {
        if largest < u32::from(u8::MAX) {
            Rows::Byte(values.into_iter().map(|o| o as u8).collect())
        } else if largest < u32::from(u16::MAX) {
            Rows::Narrow(values.into_iter().map(|o| o as u16).collect())
        } else {
            Rows::Wide(values)
        }
    }

    #[inline]
    pub(super) fn get(&self, i: usize) -> u32 {
        match self {
            Rows::Byte(rows) => u32::from(rows[i]),
            Rows::Narrow(rows) => u32::from(rows[i]),
            Rows::Wide(rows) => rows[i],
        }
    }

    pub(super) fn len(&self) -> usize {
        match self {
            Rows::Byte(rows) => rows.len(),
            Rows::Narrow(rows) => rows.len(),
            Rows::Wide(rows) => rows.len(),
        }
    }
}

/// Adds `delta` (wrapping: `u32::MAX` subtracts one) for each of `docs` to the counts of its
/// slot in each place of its row in `places` (every place when `None`); `row_base` is the
/// first slot of each place's facet.
pub(super) fn count_rows<T: Copy + Into<u32>>(
    rows: &[T],
    row_base: &[u32],
    docs: &[DocId],
    places: Option<&[(usize, u32)]>,
    counts: &mut [u32],
    delta: u32,
) {
    let stride = row_base.len();
    for &doc in docs {
        let start = doc as usize * stride;
        let Some(row) = rows.get(start..start + stride) else {
            continue;
        };
        match places {
            None => {
                for (&ord, &first) in row.iter().zip(row_base) {
                    if let Some(count) = counts.get_mut((first + ord.into()) as usize) {
                        *count = count.wrapping_add(delta);
                    }
                }
            }
            Some(places) => {
                for &(place, first) in places {
                    let slot = first + row[place].into();
                    if let Some(count) = counts.get_mut(slot as usize) {
                        *count = count.wrapping_add(delta);
                    }
                }
            }
        }
    }
}
