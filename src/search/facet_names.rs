//! From a segment's counts per facet ordinal to named values: which ordinals were counted,
//! the most frequent of them, and their values.

/// The ordinals counted at least once, in order.
pub(crate) fn counted_ords(counts: &[u32]) -> Vec<u64> {
    counts
        .iter()
        .enumerate()
        .filter(|(_, count)| **count > 0)
        .map(|(ord, _)| ord as u64)
        .collect()
}

/// Of `ords` (sorted), the `limit` most counted (ties to the smaller ordinal, which is the
/// smaller value) and those of `always` counted at all; sorted.
pub(crate) fn most_frequent(
    mut ords: Vec<u64>,
    counts: &[u32],
    limit: usize,
    always: &[u64],
) -> Vec<u64> {
    if ords.len() <= limit {
        return ords;
    }
    let rank = |ord: &u64| (std::cmp::Reverse(counts[*ord as usize]), *ord);
    if limit > 0 {
        ords.select_nth_unstable_by_key(limit - 1, rank);
    }
    ords.truncate(limit);
    ords.extend(
        always
            .iter()
            .filter(|ord| counts.get(**ord as usize).is_some_and(|c| *c > 0)),
    );
    ords.sort_unstable();
    ords.dedup();
    ords
}

/// The values of `ords` with their counts; `values` holds the column's values by ordinal
/// (see [`super::columns::SegmentColumns::values`]).
pub(crate) fn named_counts(
    values: &[Box<str>],
    counts: &[u32],
    ords: &[u64],
) -> Vec<(String, u64)> {
    ords.iter()
        .filter_map(|&ord| {
            let value = values.get(ord as usize)?;
            // `String::from` copies the bytes once; `to_string` on a `Box<str>` went through
            // the formatting machinery, growing the string as it wrote.
            Some((String::from(&**value), u64::from(counts[ord as usize])))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_frequent_keeps_the_top_counts_and_the_filtered_values() {
        //            ord:  0  1  2  3  4  5  6
        let counts = [3, 0, 9, 1, 9, 2, 5];
        let ords = counted_ords(&counts);
        assert_eq!(ords, vec![0, 2, 3, 4, 5, 6]);
        assert_eq!(most_frequent(ords.clone(), &counts, 3, &[]), vec![2, 4, 6]);
        // Ties go to the smaller ordinal (the smaller value).
        assert_eq!(most_frequent(ords.clone(), &counts, 1, &[]), vec![2]);
        // Filtered values stay when counted, uncounted ones do not appear.
        assert_eq!(
            most_frequent(ords.clone(), &counts, 2, &[3, 1]),
            vec![2, 3, 4]
        );
        assert_eq!(most_frequent(ords.clone(), &counts, 10, &[]), ords);
    }
}
