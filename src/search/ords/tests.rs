//! Tests of the ordinal tables.

use super::multi::{CODED, PAD_SLOTS};
use super::*;

/// Two facets of 3 and 2 values, three documents (the last has no value in facet 0).
fn two_facets(rows: Rows) -> SegmentOrds {
    SegmentOrds::with_shape(
        2,
        rows,
        vec![Some(0), Some(1)],
        vec![0, 4],
        (vec![0, 4], vec![3, 2]),
        vec![None, None],
    )
}

#[test]
fn rows_are_as_narrow_as_their_largest_value_allows() {
    let width = |largest: u32| match Rows::of(vec![0, largest], largest) {
        Rows::Byte(rows) => (1, u32::from(rows[1])),
        Rows::Narrow(rows) => (2, u32::from(rows[1])),
        Rows::Wide(rows) => (4, rows[1]),
    };
    assert_eq!(width(254), (1, 254));
    assert_eq!(width(255), (2, 255));
    assert_eq!(width(65_534), (2, 65_534));
    assert_eq!(width(65_535), (4, 65_535));
}

#[test]
fn rows_of_every_width_count_alike() {
    let values = [2u32, 1, 0, 1, 3, 0];
    let byte = two_facets(Rows::of(values.to_vec(), 3));
    assert!(matches!(byte.rows, Rows::Byte(_)));
    let narrow = two_facets(Rows::Narrow(values.iter().map(|&v| v as u16).collect()));
    let wide = two_facets(Rows::Wide(values.to_vec()));
    for table in [&byte, &narrow, &wide] {
        let mut counts = vec![0u32; table.slots()];
        table.count(&[0, 1, 2], None, &mut counts, 1);
        // Facet 0: ords 0 and 2 once, the sink (slot 3) once; facet 1: ord 0 once, ord 1 twice.
        assert_eq!(counts, [1, 0, 1, 1, 1, 2, 0]);
        let mut counts = vec![0u32; table.slots()];
        table.count(&[1, 2], Some(&table.places(&[1])), &mut counts, 1);
        assert_eq!(counts, [0, 0, 0, 0, 1, 1, 0]);
        // A range's counts are those of its documents; a delta of u32::MAX takes away.
        let mut all = vec![0u32; table.slots()];
        table.count(&[0, 1, 2], None, &mut all, 1);
        assert_eq!(*table.range_counts(0..3), all);
        assert_eq!(*table.range_counts(0..3), all, "kept, the same");
        table.count(&[0, 2], None, &mut all, u32::MAX);
        let mut one = vec![0u32; table.slots()];
        table.count(&[1], None, &mut one, 1);
        assert_eq!(all, one);
        assert_eq!(table.doc_ord(0, 2), None);
        assert_eq!(table.doc_ord(1, 0), Some(1));
        assert_eq!(table.slot(0, 0), 2);
    }
}

#[test]
fn multi_valued_facets_take_no_place_in_the_rows() {
    // Facet 0 single-valued (3 values), facet 1 multi-valued (2 values), facet 2
    // single-valued (2 values); rows hold facets 0 and 2 only.
    let table = SegmentOrds {
        stride: 2,
        rows: Rows::Narrow(vec![2, 1, 3, 0]),
        column: vec![Some(0), None, Some(1)],
        row_base: vec![0, 7],
        groups: Vec::new(),
        grouped: Vec::new(),
        base: vec![0, 4, 7],
        len: vec![3, 2, 2],
        multi: vec![None, None, None],
        kept: Kept::default(),
    };
    assert_eq!(table.slots(), 10);
    let mut counts = vec![0u32; table.slots()];
    table.count(&[0, 1], None, &mut counts, 1);
    assert_eq!(counts, [0, 0, 1, 1, 0, 0, 0, 1, 1, 0]);
    let mut counts = vec![0u32; table.slots()];
    table.count(&[0, 1], Some(&table.places(&[1, 2])), &mut counts, 1);
    assert_eq!(counts, [0, 0, 0, 0, 0, 0, 0, 1, 1, 0]);
    assert_eq!(table.slot(1, 0), 6);
    assert_eq!(table.doc_ord(1, 0), None);
    assert_eq!(table.doc_ord(2, 1), Some(0));
    assert_eq!(table.doc_ord(0, 1), None);
    // Arrays of counts come back zeroed.
    let mut counts = table.take_counts();
    counts[3] = 5;
    table.give_back(counts);
    assert_eq!(table.take_counts(), vec![0; 10]);
}

/// A table of one multi-valued facet of `len` values whose first slot is `base`.
fn one_multi_valued_facet(multi: MultiOrds, base: u32, len: u32) -> SegmentOrds {
    SegmentOrds::with_shape(
        0,
        Rows::Narrow(Vec::new()),
        vec![None],
        Vec::new(),
        (vec![base], vec![len]),
        vec![Some(multi)],
    )
}

#[test]
fn values_read_from_offsets_count_as_documents_one_by_one() {
    // Five documents with 2, 0, 3, 1 and 2 values of a facet of 4 values at slots 1..5.
    let multi = MultiOrds {
        starts: vec![0, 2, 2, 5, 6, 8],
        ords: Rows::Narrow(vec![0, 3, 1, 2, 3, 3, 0, 1]),
        fixed: None,
    };
    let table = one_multi_valued_facet(multi, 1, 4);
    for docs in [
        &[0, 1, 2, 3, 4][..],
        &[1, 2, 3],
        &[0, 2, 4],
        &[4, 3, 0, 1],
        &[2, 2, 3],
        &[3, 4, 5, 6],
    ] {
        let mut together = vec![0u32; table.slots()];
        table.count_values(0, docs, &mut together, 1);
        let mut alone = vec![0u32; table.slots()];
        for doc in docs {
            table.count_values(0, &[*doc], &mut alone, 1);
        }
        assert_eq!(together, alone, "{docs:?}");
        // Taken away again, by complement.
        table.count_values(0, docs, &mut together, u32::MAX);
        assert!(together.iter().all(|&c| c == 0), "{docs:?}");
    }
    let mut counts = vec![0u32; table.slots()];
    table.count_values(0, &[0, 1, 2, 3, 4], &mut counts, 1);
    assert_eq!(counts[..6], [0, 2, 2, 1, 3, 0]);
}

/// The counts (`slots` of them) of the values `lists` gives `docs`, a facet whose first
/// slot is `base`.
fn counts_of(lists: &[Vec<u32>], docs: &[DocId], base: usize, slots: usize) -> Vec<u32> {
    let mut counts = vec![0u32; slots];
    for &doc in docs {
        for &ord in &lists[doc as usize] {
            counts[base + ord as usize] += 1;
        }
    }
    counts
}

#[test]
fn documents_with_few_or_many_values_count_each_value_once() {
    // Document `d` of 40 has `d % 21` values, spread over a facet of 30 values: none,
    // fewer than a fixed read, as many, and more.
    let lists: Vec<Vec<u32>> = (0..40u32)
        .map(|d| (0..d % 21).map(|k| (d * 7 + k * 3) % 30).collect())
        .collect();
    let multi = MultiOrds::from_docs(lists.iter().map(|l| l.iter().copied()), 30);
    let table = one_multi_valued_facet(multi, 2, 30);
    for docs in [
        (0..40).collect::<Vec<DocId>>(),
        (0..40).step_by(2).collect(),
        (0..40).step_by(3).collect(),
        vec![39],
        vec![8, 9, 10, 20, 21, 29, 30],
    ] {
        let expected = counts_of(&lists, &docs, 2, table.slots());
        let mut counts = vec![0u32; table.slots()];
        table.count_values(0, &docs, &mut counts, 1);
        // Values and sink; the pads after them count nothing meaningful.
        assert_eq!(counts[..33], expected[..33], "{docs:?}");
        table.count_values(0, &docs, &mut counts, u32::MAX);
        assert!(counts.iter().all(|&c| c == 0), "{docs:?}");
    }
}

#[test]
fn one_byte_rows_count_as_two_byte_rows_once_put_back_in_order() {
    // 2,000 documents over a facet of 300 values: most have up to eight of the first 200
    // values (40 documents each); every 64th has one of the others too (32 values once
    // each, past the 223 coded), every 50th has twelve values.
    let lists: Vec<Vec<u32>> = (0..2_000u32)
        .map(|d| {
            let mut values: Vec<u32> = (0..d % 9).map(|k| (d * 7 + k * 11) % 200).collect();
            if d % 64 == 1 {
                values.push(200 + d / 64);
            }
            if d % 50 == 0 {
                values = (0..12).map(|k| (d + k * 13) % 200).collect();
            }
            values.sort_unstable();
            values.dedup();
            values
        })
        .collect();
    let multi = MultiOrds::from_docs(lists.iter().map(|l| l.iter().copied()), 300);
    let fixed = multi.fixed.as_ref().expect("fixed rows");
    let FixedRows::Byte(_, coded) = &fixed.rows else {
        panic!("one-byte rows expected");
    };
    // The most frequent values come first; the rare ones in ordinal order after the pads.
    assert_eq!(coded.ordinal.len(), 300 + PAD_SLOTS as usize);
    let rare = &coded.ordinal[CODED + PAD_SLOTS as usize..];
    assert!(rare.windows(2).all(|w| w[0] < w[1]));
    assert!(
        rare.contains(&231),
        "a value of the last document of every 64 is not coded"
    );
    let table = one_multi_valued_facet(multi, 2, 300);
    for docs in [
        (0..2_000).collect::<Vec<DocId>>(),
        (0..2_000).step_by(3).collect(),
        vec![0, 1, 50, 65, 100, 1_985, 1_999],
        vec![7],
    ] {
        let expected = counts_of(&lists, &docs, 2, table.slots());
        let mut counts = vec![0u32; table.slots()];
        table.count_values(0, &docs, &mut counts, 1);
        let mut by_complement = (*table.range_counts(0..2_000)).clone();
        let others: Vec<DocId> = (0..2_000).filter(|d| !docs.contains(d)).collect();
        table.count_values(0, &others, &mut by_complement, u32::MAX);
        table.expand(&mut counts);
        table.expand(&mut by_complement);
        // Values and sink; the pads after them count nothing.
        assert_eq!(counts[..303], expected[..303], "{docs:?}");
        assert_eq!(by_complement[..303], expected[..303], "{docs:?}");
        assert!(counts[303..].iter().all(|&c| c == 0), "{docs:?}");
    }
}

#[test]
fn values_often_outside_the_most_frequent_keep_two_byte_rows() {
    // Every document has one of 400 values: most are outside the first 223.
    let lists: Vec<Vec<u32>> = (0..400u32).map(|d| vec![d]).collect();
    let multi = MultiOrds::from_docs(lists.iter().map(|l| l.iter().copied()), 400);
    assert!(matches!(
        multi.fixed.as_ref().map(|f| &f.rows),
        Some(FixedRows::Narrow(_))
    ));
}

/// Three single-valued facets of 3, 2 and 4 values and a multi-valued one between them,
/// over 300 documents (pseudo-random values, sinks included), counted as `together` says.
fn three_facets(together: &[&[usize]]) -> SegmentOrds {
    let len = vec![3, 2, 0, 4];
    let mut seed = 11u64;
    let mut next = |n: u32| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) % u64::from(n)) as u32
    };
    let ords: Vec<Option<Vec<u32>>> = [Some(3), Some(2), None, Some(4)]
        .into_iter()
        .map(|values| values.map(|n| (0..300).map(|_| next(n + 1)).collect()))
        .collect();
    SegmentOrds::assemble(&ords, len, vec![None, None, None, None], together, 300)
}

#[test]
fn facets_counted_together_count_as_facets_counted_alone() {
    let alone = three_facets(&[]);
    assert!(alone.groups.is_empty());
    for together in [&[&[0usize, 1][..]][..], &[&[3, 0, 1]], &[&[1, 3], &[0, 1]]] {
        let table = three_facets(together);
        assert!(!table.groups.is_empty(), "{together:?}");
        assert!(table.stride < alone.stride, "{together:?}");
        for doc in 0..300 {
            for facet in [0, 1, 3] {
                assert_eq!(table.slot(facet, doc), alone.slot(facet, doc));
                assert_eq!(table.doc_ord(facet, doc), alone.doc_ord(facet, doc));
            }
        }
        let docs: Vec<DocId> = (0..300).filter(|d| d % 3 != 1).collect();
        let taken: Vec<DocId> = (0..300).filter(|d| d % 7 == 0).collect();
        for facets in [None, Some(vec![1]), Some(vec![0, 3])] {
            let mut want = vec![0u32; alone.slots()];
            let mut got = vec![0u32; table.slots()];
            let places = facets.as_ref().map(|f| alone.places(f));
            alone.count(&docs, places.as_deref(), &mut want, 1);
            alone.count(&taken, places.as_deref(), &mut want, u32::MAX);
            let places = facets.as_ref().map(|f| table.places(f));
            table.count(&docs, places.as_deref(), &mut got, 1);
            table.count(&taken, places.as_deref(), &mut got, u32::MAX);
            // A document counted in one facet only goes to the facet's own slot.
            let slot = table.slot(1, 5);
            got[slot as usize] += 1;
            want[slot as usize] += 1;
            table.expand(&mut got);
            let counted: Vec<usize> = facets.clone().unwrap_or(vec![0, 1, 3]);
            for facet in counted {
                assert_eq!(
                    got[table.range(facet).start..=table.range(facet).end],
                    want[alone.range(facet).start..=alone.range(facet).end],
                    "{together:?} {facets:?} facet {facet}"
                );
            }
            assert!(got[alone.slots()..].iter().all(|&c| c == 0), "expanded");
        }
        // The whole range's counts, expanded, are every document's.
        let mut whole = (*table.range_counts(0..300)).clone();
        table.expand(&mut whole);
        assert_eq!(whole[..alone.slots()], *alone.range_counts(0..300));
    }
}

#[test]
fn a_value_filter_keeps_and_counts_what_the_ordinals_say() {
    for together in [&[][..], &[&[0usize, 1, 3][..]][..], &[&[1, 3]]] {
        let table = three_facets(together);
        for (facet, accepted) in [(0, vec![1u64]), (1, vec![0, 1]), (3, vec![0, 2, 3])] {
            let filter = table.value_filter(facet, &accepted);
            for doc in 0..300 {
                let ord = table.doc_ord(facet, doc);
                let kept = ord.is_some_and(|o| accepted.contains(&u64::from(o)));
                let want = if kept {
                    Ok(())
                } else {
                    Err(table.slot(facet, doc))
                };
                assert_eq!(
                    table.check(&filter, doc),
                    want,
                    "{together:?} {facet} {doc}"
                );
            }
        }
        // No value accepted: every document fails, counted at its own value.
        let none = table.value_filter(0, &[]);
        assert!((0..300).all(|doc| table.check(&none, doc) == Err(table.slot(0, doc))));
        // A facet the segment lacks: every document fails, counted in the sink.
        let lacking = table.value_filter(2, &[0]);
        let sink = table.range(2).end as u32;
        assert!((0..300).all(|doc| table.check(&lacking, doc) == Err(sink)));
    }
}

#[test]
fn the_bits_of_the_passing_documents_are_those_every_filter_keeps() {
    let table = three_facets(&[&[1, 3]]);
    let key = vec![(0, vec![1u64, 2]), (3, vec![0, 3])];
    let filters: Vec<(usize, ValueFilter)> = key
        .iter()
        .map(|(facet, accepted)| (*facet, table.value_filter(*facet, accepted)))
        .collect();
    let bits = table.passing(&key, &filters);
    assert_eq!(bits.max_value(), 300);
    for doc in 0..300 {
        let kept = filters.iter().all(|(_, f)| table.check(f, doc).is_ok());
        assert_eq!(bits.contains(doc), kept, "{doc}");
    }
    assert!((0..300).any(|doc| bits.contains(doc)));
    assert!((0..300).any(|doc| !bits.contains(doc)));
    // Kept by filters: asked again, the same bits; other filters, others.
    assert!(Arc::ptr_eq(&bits, &table.passing(&key, &filters)));
    let other = vec![(0, vec![1u64])];
    let one: Vec<(usize, ValueFilter)> = vec![(0, table.value_filter(0, &[1]))];
    assert!(!Arc::ptr_eq(&bits, &table.passing(&other, &one)));
}

#[test]
fn a_path_filter_keeps_the_documents_under_a_path() {
    let table = three_facets(&[&[0, 1, 3]]);
    let levels = [3, 1, 0];
    let all: [&[&[u64]]; 4] = [&[&[1]], &[&[1, 0]], &[&[2, 1, 3], &[0]], &[&[4, 0]]];
    for paths in all {
        let filter = table.path_filter(&levels, paths).unwrap();
        for doc in 0..300 {
            let under = paths.iter().any(|path| {
                path.iter()
                    .zip(levels)
                    .all(|(&ord, facet)| table.doc_ord(facet, doc).map(u64::from) == Some(ord))
            });
            assert_eq!(table.check(&filter, doc).is_ok(), under, "{paths:?} {doc}");
        }
        assert!((0..300).any(|doc| table.check(&filter, doc).is_ok()) || paths[0][0] == 4);
    }
    // Levels not counted in one group: no filter from the rows.
    assert!(three_facets(&[]).path_filter(&levels, &[&[1]]).is_none());
    let apart = three_facets(&[&[1, 3]]);
    assert!(apart.path_filter(&levels, &[&[1, 0]]).is_some());
    assert!(apart.path_filter(&levels, &[&[1, 0, 2]]).is_none());
}

#[test]
fn a_path_s_children_are_read_from_the_row() {
    let table = three_facets(&[&[0, 1, 3]]);
    let levels = [3, 1, 0];
    for path in [&[][..], &[1], &[2, 0], &[4]] {
        let map = table.path_children(&levels, path).unwrap();
        for doc in 0..300 {
            let under = path
                .iter()
                .zip(levels)
                .all(|(&ord, facet)| table.doc_ord(facet, doc).map(u64::from) == Some(ord));
            let want = under
                .then(|| table.doc_ord(levels[path.len()], doc))
                .flatten();
            assert_eq!(table.child(&map, doc), want, "{path:?} {doc}");
        }
    }
    // A path at the last level has no children; levels apart have no map.
    assert!(table.path_children(&levels, &[1, 0, 2]).is_none());
    assert!(three_facets(&[]).path_children(&levels, &[1]).is_none());
}

#[test]
fn a_range_under_filters_counts_each_document_as_its_outcome_says() {
    let table = three_facets(&[&[0, 1]]);
    let days = [0; 6];
    let filter = table.value_filter(0, &[1]);
    let outcome = |doc: DocId| {
        if doc.is_multiple_of(5) {
            return Counted::Nowhere;
        }
        match table.check(&filter, doc) {
            Ok(()) => Counted::Everywhere,
            Err(slot) => Counted::At(slot),
        }
    };
    let got = table.range_counts_filtered(10..250, days, &[(0, vec![1])], outcome);
    let mut want = vec![0u32; table.slots()];
    let kept: Vec<DocId> = (10..250)
        .filter(|&d| outcome(d) == Counted::Everywhere)
        .collect();
    table.count_every_facet(&kept, &mut want);
    for doc in 10..250 {
        if let Counted::At(slot) = outcome(doc) {
            want[slot as usize] += 1;
        }
    }
    assert_eq!(*got, want);
    // Kept: the same key gives the same counts whatever the outcome says now.
    let again = table.range_counts_filtered(10..250, days, &[(0, vec![1])], |_| Counted::Nowhere);
    assert!(Arc::ptr_eq(&got, &again));
    // Another filter is another key.
    let other = table.range_counts_filtered(10..250, days, &[(0, vec![2])], |_| Counted::Nowhere);
    assert!(other.iter().all(|&c| c == 0));
}

#[test]
fn a_group_with_too_many_combinations_is_counted_facet_by_facet() {
    let len = vec![300, 300];
    let ords: Vec<Option<Vec<u32>>> = vec![
        Some((0..10_000).map(|d| d % 300).collect()),
        Some((0..10_000).map(|d| (d / 300) % 300).collect()),
    ];
    let table = SegmentOrds::assemble(&ords, len, vec![None, None], &[&[0, 1]], 10_000);
    assert!(table.groups.is_empty());
    assert_eq!(table.stride, 2);
}
