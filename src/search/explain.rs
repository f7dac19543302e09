//! Explanations of the project's own queries ([`super::either_field`], [`super::dense_and`]),
//! whose score is the sum of their parts' scores.

use tantivy::query::{Explanation, Weight};
use tantivy::{DocId, DocSet, SegmentReader};

/// Why `doc` scores what `weight` gives it: `label` with that score, detailed by each of
/// `parts` that matches `doc`; an error when `weight` does not match `doc`.
pub(super) fn explain_sum<'a>(
    weight: &dyn Weight,
    label: &'static str,
    parts: impl IntoIterator<Item = &'a Box<dyn Weight>>,
    reader: &SegmentReader,
    doc: DocId,
) -> tantivy::Result<Explanation> {
    let mut scorer = weight.scorer(reader, 1.0)?;
    if scorer.doc() > doc || scorer.seek(doc) != doc {
        return Err(tantivy::TantivyError::InvalidArgument(format!(
            "document {doc} does not match"
        )));
    }
    let mut explanation = Explanation::new(label, scorer.score());
    for part in parts {
        if let Ok(detail) = part.explain(reader, doc) {
            explanation.add_detail(detail);
        }
    }
    Ok(explanation)
}
