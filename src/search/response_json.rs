//! A search's answer written as JSON, its facet counts by hand.
//!
//! A dense answer counts ~500 facet values (ten facets of up to
//! [`super::DEFAULT_FACET_SIZE`] values, labels for skills and occupations). Through serde
//! each value is a struct of two or three fields, and `serde_json` escapes every key and value
//! byte by byte: writing the answer took 5.3 % of the instructions of the places mix's
//! searches, 3.7 % of them escaping.
//! [`SearchResponse::to_json`] writes the facet counts itself (the keys as constants, each
//! text checked at once for anything to escape, nearly never found) and the other values,
//! the hits included, through `serde_json`: the same bytes as `serde_json::to_vec` of the
//! [`serde::Serialize`] implementations, which stay the reference (tests hold the two
//! together). The hits are left to [`super::Hit`]'s own implementation: writing them here
//! too saved 0.3 % of the instructions for a second copy of their order of properties.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{FacetCount, SearchResponse};

impl SearchResponse {
    /// The answer as `serde_json::to_vec(self)` writes it, written faster.
    pub fn to_json(&self) -> serde_json::Result<Vec<u8>> {
        // Destructured so that a field added to the answer cannot be forgotten here.
        let SearchResponse {
            total,
            took_ms,
            page,
            per_page,
            hits,
            facets,
            relaxed,
            left_out,
            read_as_words,
            query_language,
            did_you_mean,
            recognized_skills,
        } = self;
        let values: usize = facets.values().map(Vec::len).sum();
        let mut out = Vec::with_capacity(1024 + hits.len() * 1024 + values * 48);
        out.extend_from_slice(b"{\"total\":");
        out.extend_from_slice(itoa::Buffer::new().format(*total).as_bytes());
        field(&mut out, "took_ms", took_ms)?;
        field(&mut out, "page", page)?;
        field(&mut out, "per_page", per_page)?;
        field(&mut out, "hits", hits)?;
        out.extend_from_slice(b",\"facets\":");
        push_facets(&mut out, facets);
        field(&mut out, "relaxed", relaxed)?;
        field(&mut out, "left_out", left_out)?;
        field(&mut out, "read_as_words", read_as_words)?;
        field(&mut out, "query_language", query_language)?;
        field(&mut out, "did_you_mean", did_you_mean)?;
        field(&mut out, "recognized_skills", recognized_skills)?;
        out.push(b'}');
        Ok(out)
    }
}

/// Appends `,"key":` and `value` as `serde_json` writes it.
fn field<T: Serialize + ?Sized>(out: &mut Vec<u8>, key: &str, value: &T) -> serde_json::Result<()> {
    out.extend_from_slice(b",\"");
    out.extend_from_slice(key.as_bytes());
    out.extend_from_slice(b"\":");
    serde_json::to_writer(&mut *out, value)
}

/// Appends the facet counts as `serde_json` writes the map.
fn push_facets(out: &mut Vec<u8>, facets: &BTreeMap<String, Vec<FacetCount>>) {
    out.push(b'{');
    for (n, (facet, counts)) in facets.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        push_str(out, facet);
        out.extend_from_slice(b":[");
        for (i, count) in counts.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(b"{\"value\":");
            push_str(out, &count.value);
            out.extend_from_slice(b",\"count\":");
            out.extend_from_slice(itoa::Buffer::new().format(count.count).as_bytes());
            if let Some(label) = &count.label {
                out.extend_from_slice(b",\"label\":");
                push_str(out, label);
            }
            out.push(b'}');
        }
        out.push(b']');
    }
    out.push(b'}');
}

/// Appends `text` as a JSON string, escaped as `serde_json` escapes it: `"` and `\`, the
/// control characters (`\b`, `\t`, `\n`, `\f`, `\r` by name, the others as `\u00XX`), and
/// nothing else.
fn push_str(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    out.push(b'"');
    // Checked without stopping early, so that the check runs many bytes at a time.
    let plain = bytes.iter().fold(true, |plain, &b| {
        plain & (b >= 0x20 && b != b'"' && b != b'\\')
    });
    if plain {
        out.extend_from_slice(bytes);
    } else {
        push_escaped(out, bytes);
    }
    out.push(b'"');
}

/// The slow path of [`push_str`]: `bytes` holds something to escape.
fn push_escaped(out: &mut Vec<u8>, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut start = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        let named: &[u8] = match byte {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0x00..=0x1f => b"",
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i]);
        if named.is_empty() {
            out.extend_from_slice(b"\\u00");
            out.push(HEX[usize::from(byte >> 4)]);
            out.push(HEX[usize::from(byte & 0xf)]);
        } else {
            out.extend_from_slice(named);
        }
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{Hit, Labelled};
    use crate::Posting;
    use proptest::prelude::*;

    fn count(value: &str, count: u64, label: Option<&str>) -> FacetCount {
        FacetCount {
            value: value.to_owned(),
            count,
            label: label.map(str::to_owned),
        }
    }

    fn facets_json(facets: &BTreeMap<String, Vec<FacetCount>>) -> String {
        let mut out = Vec::new();
        push_facets(&mut out, facets);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn an_answer_is_written_as_serde_writes_it() {
        let mut facets = BTreeMap::new();
        facets.insert(
            "skill".to_owned(),
            vec![count("S1.2", 7, Some("gérer l'équipe \"A\""))],
        );
        facets.insert(
            "grade".to_owned(),
            vec![count("P3", 12, None), count("P\\4\n\u{1}\u{7f}", 0, None)],
        );
        facets.insert("unit".to_owned(), Vec::new());
        let posting = Posting {
            id: "p-1".into(),
            title: Some("Chargé(e) \"données\"".into()),
            grade: Some("P3".into()),
            language: "fr".into(),
            published: chrono::NaiveDate::from_ymd_opt(2026, 1, 2),
            ..Posting::default()
        };
        let mut answer = SearchResponse {
            total: 12,
            took_ms: 0.731,
            page: 2,
            per_page: 10,
            hits: vec![Hit::new(posting, 3.25, "<mark>données</mark>\t…".into())],
            facets,
            relaxed: true,
            left_out: vec!["job".into()],
            read_as_words: false,
            query_language: Some("fr".into()),
            did_you_mean: None,
            recognized_skills: vec![Labelled {
                id: "s-1".into(),
                label: "statistiques".into(),
            }],
        };
        assert_eq!(
            answer.to_json().unwrap(),
            serde_json::to_vec(&answer).unwrap()
        );
        // Every property shown, some, the id alone.
        let first = answer.hits[0].clone();
        for fields in [
            "id,title,closing,snippet,occupation",
            "score",
            "grade,skills",
        ] {
            let mut hit = first.clone();
            hit.shown = fields.parse::<crate::search::HitFields>().unwrap();
            hit.score = f32::NAN;
            answer.hits.push(hit);
        }
        let mut hit = first;
        hit.shown = crate::search::HitFields::id_only();
        answer.hits.push(hit);
        assert_eq!(
            answer.to_json().unwrap(),
            serde_json::to_vec(&answer).unwrap()
        );
        answer.took_ms = f64::NAN;
        answer.did_you_mean = Some("données".into());
        answer.hits.clear();
        answer.facets.clear();
        assert_eq!(
            answer.to_json().unwrap(),
            serde_json::to_vec(&answer).unwrap()
        );
    }

    proptest! {
        #[test]
        fn any_facet_counts_are_written_as_serde_writes_them(
            facets in proptest::collection::btree_map(
                any::<String>(),
                proptest::collection::vec(
                    (any::<String>(), any::<u64>(), proptest::option::of(any::<String>())),
                    0..4,
                ),
                0..4,
            )
        ) {
            let facets: BTreeMap<String, Vec<FacetCount>> = facets
                .into_iter()
                .map(|(facet, counts)| {
                    let counts = counts
                        .into_iter()
                        .map(|(value, count, label)| FacetCount { value, count, label })
                        .collect();
                    (facet, counts)
                })
                .collect();
            prop_assert_eq!(facets_json(&facets), serde_json::to_string(&facets).unwrap());
        }

        #[test]
        fn any_text_is_escaped_as_serde_escapes_it(text in ".*", bytes in proptest::collection::vec(0u8..0x80, 0..40)) {
            for text in [text, String::from_utf8(bytes).unwrap()] {
                let mut out = Vec::new();
                push_str(&mut out, &text);
                prop_assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&text).unwrap());
            }
        }
    }
}
