//! Opening and creating the index directory, with the analyzers registered.

use std::path::Path;

use serde::{Deserialize, Serialize};
use tantivy::Index;

use crate::analysis;
use crate::directory::IndexDirectory;
use crate::schema::{build_schema, Fields, SCHEMA_VERSION};
use crate::{Error, Result};

/// What the indexer records in each commit: which schema, and which sources the index was
/// built from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CommitInfo {
    /// [`SCHEMA_VERSION`] of the writer.
    pub schema_version: u32,
    /// The paths given to the indexer, as written.
    pub sources: Vec<String>,
    /// False while a run is in progress (batch commits), true once it finished.
    pub complete: bool,
    /// Postings read so far in this run (including rejected ones).
    pub read: u64,
    /// The fingerprint of the word pairs the index keeps
    /// ([`crate::skills::phrase_pairs_fingerprint`]).
    #[serde(default)]
    pub pairs: String,
}

/// Whether `dir` holds an index.
#[must_use]
pub fn index_exists(dir: &Path) -> bool {
    dir.join("meta.json").is_file()
}

/// Opens the index in `dir`, checking its schema version. A read-only index opens too (for
/// searching; writing it then fails).
pub fn open_index(dir: &Path) -> Result<(Index, Fields)> {
    if !index_exists(dir) {
        return Err(Error::IndexMissing(dir.to_path_buf()));
    }
    let directory = IndexDirectory::open(dir).map_err(tantivy::TantivyError::from)?;
    let index = Index::open(directory)?;
    check_version(dir, &index.load_metas()?)?;
    register(&index);
    let fields = Fields::from_schema(&index.schema())?;
    Ok((index, fields))
}

/// Deletes the index in `dir` when this build cannot open it (written with another schema
/// version or other word pairs) and building it again from `sources` loses no posting: its
/// last commit was a run over exactly these paths, and every posting id it holds is `known`
/// (one of theirs; an earlier run over other sources leaves ids that are not). Returns whether
/// it deleted one. Only the index's own files go (`meta.json`, the files tantivy lists in
/// `.managed.json`, and that list); anything else in `dir` stays.
pub fn discard_stale(dir: &Path, sources: &[String], known: impl Fn(&str) -> bool) -> Result<bool> {
    if !index_exists(dir) {
        return Ok(false);
    }
    {
        // Opened once, without the analyzers: nothing is analysed, and only ids are read.
        let directory = IndexDirectory::open(dir).map_err(tantivy::TantivyError::from)?;
        let index = Index::open(directory)?;
        let metas = index.load_metas()?;
        if !matches!(
            check_version(dir, &metas),
            Err(Error::SchemaMismatch { .. })
        ) {
            return Ok(false);
        }
        match commit_info(&metas) {
            Some(info) if info.sources == sources => {}
            _ => return Ok(false),
        }
        if !all_ids_known(&index, &known)? {
            return Ok(false);
        }
    }
    let managed = dir.join(".managed.json");
    let listed: Vec<String> = match std::fs::read(&managed) {
        Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_default(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(Error::io(&managed, e)),
    };
    // meta.json first: from then on the directory holds no index, whatever is left.
    let files = std::iter::once("meta.json".to_owned())
        .chain(listed)
        .chain(std::iter::once(".managed.json".to_owned()));
    for name in files {
        // Names come from the index's own list: keep them inside `dir`.
        if name.contains('/') || name.contains('\\') || name.starts_with("..") {
            continue;
        }
        let path = dir.join(&name);
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&path, e)),
        }
    }
    Ok(true)
}

/// Whether every posting id in `index` (deleted ones too: their terms stay until a merge)
/// is `known`; false for an index without an `id` field.
fn all_ids_known(index: &Index, known: impl Fn(&str) -> bool) -> Result<bool> {
    let Ok(field) = index.schema().get_field("id") else {
        return Ok(false);
    };
    let reader: tantivy::IndexReader = index
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        .try_into()?;
    for segment in reader.searcher().segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut terms = inverted
            .terms()
            .stream()
            .map_err(tantivy::TantivyError::from)?;
        while terms.advance() {
            match std::str::from_utf8(terms.key()) {
                Ok(id) if known(id) => {}
                _ => return Ok(false),
            }
        }
    }
    Ok(true)
}

/// Opens the index in `dir`, creating the directory and an empty index when there is none.
pub fn open_or_create_index(dir: &Path) -> Result<(Index, Fields)> {
    if index_exists(dir) {
        return open_index(dir);
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let index = Index::create_in_dir(dir, build_schema())?;
    register(&index);
    let fields = Fields::from_schema(&index.schema())?;
    Ok((index, fields))
}

/// The [`CommitInfo`] of the last commit, if it recorded one.
pub fn last_commit_info(index: &Index) -> Result<Option<CommitInfo>> {
    Ok(commit_info(&index.load_metas()?))
}

/// The [`CommitInfo`] `metas` records, if any.
fn commit_info(metas: &tantivy::IndexMeta) -> Option<CommitInfo> {
    metas
        .payload
        .as_deref()
        .and_then(|p| serde_json::from_str(p).ok())
}

/// Registers the analyzers of `index`'s fields: each language's, and its word pairs'.
pub fn register(index: &Index) {
    analysis::register(index.tokenizers());
    analysis::pairs::register(index.tokenizers(), crate::skills::phrase_pairs);
}

/// Whether this build can read the index `metas` describes (one read of `meta.json` gives
/// both the commit record and the segments).
fn check_version(dir: &Path, metas: &tantivy::IndexMeta) -> Result<()> {
    if let Some(info) = commit_info(metas) {
        if info.schema_version != SCHEMA_VERSION {
            return Err(Error::SchemaMismatch {
                path: dir.to_path_buf(),
                found: info.schema_version.to_string(),
                expected: SCHEMA_VERSION.to_string(),
            });
        }
        // Pairs kept by other labels (another build's ESCO tables): phrases read from the
        // pair fields would miss postings. An index of no posting yet has none to miss.
        let pairs = crate::skills::phrase_pairs_fingerprint();
        if info.pairs != pairs && metas.segments.iter().any(|s| s.max_doc() > 0) {
            return Err(Error::SchemaMismatch {
                path: dir.to_path_buf(),
                found: format!("{SCHEMA_VERSION} (word pairs {})", info.pairs),
                expected: format!("{SCHEMA_VERSION} (word pairs {pairs})"),
            });
        }
    }
    Ok(())
}

/// The identity of a committed generation of the index: a hash of its segments and of their
/// deletes, as 16 hex digits. Two directories holding the same commit (the indexer's and a
/// published copy, or two replicas) give the same value; any commit that changes the postings
/// gives another. The order of `segments` does not matter.
pub fn generation_id<I>(segments: I) -> String
where
    I: IntoIterator<Item = (tantivy::index::SegmentId, Option<tantivy::Opstamp>)>,
{
    let mut keys: Vec<String> = segments
        .into_iter()
        .map(|(id, deletes)| format!("{}:{}", id.uuid_string(), deletes.unwrap_or(0)))
        .collect();
    keys.sort_unstable();
    crate::fingerprint::fnv1a_hex(keys.join(";").bytes())
}

/// The [`generation_id`] of `metas`, the commit described by a `meta.json`.
#[must_use]
pub fn metas_generation(metas: &tantivy::IndexMeta) -> String {
    generation_id(metas.segments.iter().map(|s| (s.id(), s.delete_opstamp())))
}

#[cfg(test)]
mod tests {
    use tantivy::index::SegmentId;

    use super::*;

    #[test]
    fn an_index_whose_pairs_were_kept_by_other_labels_does_not_open() {
        let dir = tempfile::tempdir().expect("dir");
        let (index, fields) = open_or_create_index(dir.path()).expect("create");
        let commit = |pairs: &str| {
            let info = CommitInfo {
                schema_version: SCHEMA_VERSION,
                pairs: pairs.to_owned(),
                ..CommitInfo::default()
            };
            commit_one_posting(&index, &fields, &info);
        };
        commit(crate::skills::phrase_pairs_fingerprint());
        assert!(open_index(dir.path()).is_ok());
        commit("1:0000000000000000");
        match open_index(dir.path()) {
            Err(Error::SchemaMismatch {
                found, expected, ..
            }) => {
                assert!(found.contains("word pairs 1:0000000000000000"), "{found}");
                assert!(expected.contains(crate::skills::phrase_pairs_fingerprint()));
            }
            other => panic!("{:?}", other.map(|_| ())),
        }
    }

    /// Adds a posting to `index` and commits, recording `info`.
    fn commit_one_posting(index: &Index, fields: &Fields, info: &CommitInfo) {
        let mut writer: tantivy::IndexWriter = index
            .writer_with_num_threads(1, 15_000_000)
            .expect("writer");
        let mut doc = tantivy::TantivyDocument::default();
        doc.add_text(fields.id, "p-1");
        writer.add_document(doc).expect("add");
        let mut prepared = writer.prepare_commit().expect("prepare");
        prepared.set_payload(&serde_json::to_string(info).expect("json"));
        prepared.commit().expect("commit");
    }

    /// An index of one posting whose last commit records `schema_version` and `sources`.
    fn index_recording(dir: &Path, schema_version: u32, sources: &[&str]) {
        let (index, fields) = open_or_create_index(dir).expect("create");
        let info = CommitInfo {
            schema_version,
            sources: sources.iter().map(|s| (*s).to_owned()).collect(),
            pairs: crate::skills::phrase_pairs_fingerprint().to_owned(),
            ..CommitInfo::default()
        };
        commit_one_posting(&index, &fields, &info);
    }

    #[test]
    fn only_a_stale_index_built_from_the_given_sources_alone_is_discarded() {
        let sources = ["corpus".to_owned()];
        // Current: kept.
        let current = tempfile::tempdir().expect("dir");
        index_recording(current.path(), SCHEMA_VERSION, &["corpus"]);
        let known = |id: &str| id == "p-1";
        assert!(!discard_stale(current.path(), &sources, known).expect("discard"));
        assert!(open_index(current.path()).is_ok());
        // Stale, but holding other sources too: kept, still refused.
        let mixed = tempfile::tempdir().expect("dir");
        index_recording(mixed.path(), SCHEMA_VERSION - 1, &["corpus", "extra.jsonl"]);
        assert!(!discard_stale(mixed.path(), &sources, known).expect("discard"));
        assert!(matches!(
            open_index(mixed.path()),
            Err(Error::SchemaMismatch { .. })
        ));
        // Stale, last written from the sources, but holding a posting they do not have (an
        // earlier run's): kept.
        let earlier = tempfile::tempdir().expect("dir");
        index_recording(earlier.path(), SCHEMA_VERSION - 1, &["corpus"]);
        assert!(!discard_stale(earlier.path(), &sources, |id: &str| id == "p-2").expect("discard"));
        assert!(index_exists(earlier.path()));
        // Stale and built from the sources alone: its files go, a file of the user's stays.
        let stale = tempfile::tempdir().expect("dir");
        index_recording(stale.path(), SCHEMA_VERSION - 1, &["corpus"]);
        std::fs::write(stale.path().join(".gitkeep"), "").expect("write");
        assert!(discard_stale(stale.path(), &sources, known).expect("discard"));
        assert!(!index_exists(stale.path()));
        let left: Vec<String> = std::fs::read_dir(stale.path())
            .expect("read dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|name| !name.starts_with(".tantivy-"))
            .collect();
        assert_eq!(left, [".gitkeep"]);
        // Nothing left to discard; a new index can be built there.
        assert!(!discard_stale(stale.path(), &sources, known).expect("discard"));
        assert!(open_or_create_index(stale.path()).is_ok());
    }

    #[test]
    fn generations_ignore_segment_order_and_see_deletes() {
        let a = SegmentId::from_uuid_string("a5c4dfcbdfe645089129e308e26d5523").unwrap();
        let b = SegmentId::from_uuid_string("0e4def76836e4a2eb84a594c5b818ed5").unwrap();
        let one = generation_id([(a, None), (b, Some(7))]);
        assert_eq!(one, generation_id([(b, Some(7)), (a, None)]));
        assert_eq!(one.len(), 16);
        assert_ne!(one, generation_id([(a, None), (b, Some(8))]));
        assert_ne!(one, generation_id([(a, None)]));
        // Stable across builds: replicas and `vacancy publish` compare these strings.
        assert_eq!(generation_id([]), "cbf29ce484222325");
    }
}
