//! Publishing a committed generation of the index to a directory that read replicas serve.
//!
//! The indexer writes into its own directory; [`publish`] copies its last commit into a
//! destination so that a reader there never sees a partial generation:
//!
//! 1. under the source's meta lock (which tantivy's garbage collection also takes, so no file
//!    of the commit can vanish meanwhile), the commit's `meta.json` is loaded and every
//!    segment file it needs is hard-linked into the destination, or opened to be copied when
//!    the file system refuses links (another device, a shared file system);
//! 2. the files to copy are written to temporary names, synced, then renamed into place;
//! 3. a manifest of the generation (its files) goes into `generations/`, then `meta.json` is
//!    written to a temporary name, synced and renamed over the old one: readers switch from
//!    one whole generation to the next;
//! 4. segment files that no retained generation (the last `keep` manifests) uses are removed,
//!    under the destination's meta lock so that no local reader is opening them.
//!
//! Segment files are immutable and named by their segment's id, so a file already in the
//! destination under the same name is the same file and is reused.

use std::collections::BTreeSet;
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use fs4::fs_std::FileExt;
use serde::{Deserialize, Serialize};
use tantivy::directory::{Directory, META_LOCK};

use crate::store::{metas_generation, open_index};
use crate::{Error, Result};

/// Generations whose files a publish keeps by default: the new one and the one before, which
/// replicas may still be switching from.
pub const DEFAULT_KEEP: usize = 2;

/// The folder of the destination holding one manifest per published generation.
pub const GENERATIONS_DIR: &str = "generations";

/// Lock file that keeps two publishes to one destination apart.
const PUBLISH_LOCK: &str = ".vacancy-publish.lock";

/// Prefix of the temporary files a publish writes before renaming them.
const TEMP_PREFIX: &str = ".publish-";

/// What [`publish`] did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Published {
    /// The published generation (see [`crate::store::generation_id`]).
    pub generation: String,
    /// The commit's opstamp in the source index.
    pub opstamp: u64,
    /// Live postings in the generation.
    pub documents: u64,
    /// False when the destination already served this generation (nothing was written).
    pub changed: bool,
    /// Segment files of the generation.
    pub files: usize,
    /// Files hard-linked from the source.
    pub linked: usize,
    /// Files copied from the source.
    pub copied: usize,
    /// Bytes copied (hard links copy none).
    pub bytes_copied: u64,
    /// Files already in the destination.
    pub reused: usize,
    /// Old segment files removed (no retained generation used them).
    pub removed: usize,
}

/// The manifest of one published generation, in `generations/`.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Manifest {
    /// Publish sequence number in this destination (1 for the first).
    sequence: u64,
    generation: String,
    opstamp: u64,
    documents: u64,
    /// Segment file names.
    files: BTreeSet<String>,
}

/// Copies the last commit of the index in `index` into `to` (created if needed) so that a
/// reader of `to` switches atomically to it, then removes the segment files that none of the
/// last `keep` published generations uses.
pub fn publish(index: &Path, to: &Path, keep: usize) -> Result<Published> {
    if keep == 0 {
        return Err(Error::param(
            "keep",
            "at least 1 generation must be kept (the one published)",
        ));
    }
    let (source, _) = open_index(index)?;
    fs::create_dir_all(to.join(GENERATIONS_DIR)).map_err(|e| Error::io(to, e))?;
    let _publishing = lock_publish(to)?;

    let mut manifests = read_manifests(to)?;
    let mut pending = Vec::new();
    let (metas, manifest, mut done) = {
        // No file of the commit can be removed by the indexer's garbage collection meanwhile.
        let _meta_lock = source
            .directory()
            .acquire_lock(&META_LOCK)
            .map_err(|e| Error::io(index, io::Error::other(e.to_string())))?;
        let metas = source.load_metas()?;
        let generation = metas_generation(&metas);
        let documents = metas.segments.iter().map(|s| u64::from(s.num_docs())).sum();
        let files = segment_files(index, &metas)?;
        let manifest = Manifest {
            sequence: manifests.last().map_or(1, |(m, _)| m.sequence + 1),
            generation,
            opstamp: metas.opstamp,
            documents,
            files,
        };
        let mut done = Published {
            generation: manifest.generation.clone(),
            opstamp: manifest.opstamp,
            documents: manifest.documents,
            changed: true,
            files: manifest.files.len(),
            linked: 0,
            copied: 0,
            bytes_copied: 0,
            reused: 0,
            removed: 0,
        };
        if current_generation(to).as_deref() == Some(manifest.generation.as_str()) {
            done.changed = false;
            done.reused = done.files;
            return Ok(done);
        }
        for name in &manifest.files {
            let (from, target) = (index.join(name), to.join(name));
            if same_size(&from, &target)? {
                done.reused += 1;
            } else if fs::hard_link(&from, &target).is_ok() {
                done.linked += 1;
            } else {
                // Opened now, the file stays readable after the lock is released even if
                // the indexer removes it.
                let file = File::open(&from).map_err(|e| Error::io(&from, e))?;
                pending.push((name.clone(), file));
            }
        }
        (metas, manifest, done)
    };

    for (name, mut file) in pending {
        done.bytes_copied += write_through_temp(to, &name, |out| io::copy(&mut file, out))?;
        done.copied += 1;
    }
    sync_dir(to)?;

    let manifest_name = format!("{:08}-{}.json", manifest.sequence, manifest.generation);
    write_atomically(
        &to.join(GENERATIONS_DIR),
        &manifest_name,
        &serde_json::to_vec_pretty(&manifest)?,
    )?;
    let mut meta = serde_json::to_vec_pretty(&metas)?;
    meta.push(b'\n');
    write_atomically(to, "meta.json", &meta)?;
    tracing::info!(
        generation = %manifest.generation,
        documents = manifest.documents,
        "published to {}",
        to.display()
    );

    manifests.push((manifest, to.join(GENERATIONS_DIR).join(manifest_name)));
    done.removed = collect_garbage(to, manifests, keep)?;
    Ok(done)
}

/// The generation `dir` serves now, if it holds a readable `meta.json`.
fn current_generation(dir: &Path) -> Option<String> {
    let bytes = fs::read(dir.join("meta.json")).ok()?;
    let value: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    let segments = value.get("segments")?.as_array()?;
    let mut keys = Vec::with_capacity(segments.len());
    for segment in segments {
        let id = segment.get("segment_id")?.as_str()?;
        let id = tantivy::index::SegmentId::from_uuid_string(id).ok()?;
        let deletes = segment
            .get("deletes")
            .and_then(|d| d.get("opstamp"))
            .and_then(serde_json::Value::as_u64);
        keys.push((id, deletes));
    }
    Some(crate::store::generation_id(keys))
}

/// The files of every segment of `metas` found in `dir`: those named by the segment's id,
/// with the delete file of the commit's delete opstamp only, and no temporary store.
fn segment_files(dir: &Path, metas: &tantivy::IndexMeta) -> Result<BTreeSet<String>> {
    let names: Vec<String> = fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| entry.file_name().into_string().ok())
        .collect();
    let mut files = BTreeSet::new();
    for segment in &metas.segments {
        let prefix = format!("{}.", segment.id().uuid_string());
        let deletes = segment
            .delete_opstamp()
            .map(|opstamp| format!("{prefix}{opstamp}.del"));
        let mut found = false;
        for name in names.iter().filter(|n| n.starts_with(&prefix)) {
            let is_delete = name.ends_with(".del");
            if name.ends_with(".temp") || (is_delete && Some(name) != deletes.as_ref()) {
                continue;
            }
            found = true;
            files.insert(name.clone());
        }
        if !found {
            return Err(Error::InvalidIndex(format!(
                "{}: the files of segment {} are missing",
                dir.display(),
                segment.id().uuid_string()
            )));
        }
        if let Some(deletes) = deletes {
            if !files.contains(&deletes) {
                return Err(Error::InvalidIndex(format!(
                    "{}: the delete file {deletes} is missing",
                    dir.display()
                )));
            }
        }
    }
    Ok(files)
}

/// Whether `target` exists with the size of `from` (segment files are immutable: same name
/// and size means same file).
fn same_size(from: &Path, target: &Path) -> Result<bool> {
    let source = fs::metadata(from).map_err(|e| Error::io(from, e))?;
    match fs::metadata(target) {
        Ok(existing) => Ok(existing.len() == source.len()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(Error::io(target, e)),
    }
}

/// Writes `dir/name` with `fill` through a synced temporary file renamed into place (so
/// the name only ever shows a whole file); returns what `fill` returned.
fn write_through_temp(
    dir: &Path,
    name: &str,
    fill: impl FnOnce(&mut File) -> io::Result<u64>,
) -> Result<u64> {
    let temp = dir.join(format!("{TEMP_PREFIX}{name}.tmp"));
    let mut out = File::create(&temp).map_err(|e| Error::io(&temp, e))?;
    let written = fill(&mut out).map_err(|e| Error::io(&temp, e))?;
    out.sync_all().map_err(|e| Error::io(&temp, e))?;
    let target = dir.join(name);
    fs::rename(&temp, &target).map_err(|e| Error::io(&target, e))?;
    Ok(written)
}

/// Writes `dir/name` atomically, then syncs `dir`.
fn write_atomically(dir: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    write_through_temp(dir, name, |out| {
        io::Write::write_all(out, bytes).map(|()| bytes.len() as u64)
    })?;
    sync_dir(dir)
}

fn sync_dir(dir: &Path) -> Result<()> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| Error::io(dir, e))
}

/// Takes the destination's publish lock, or fails at once when another publish holds it.
fn lock_publish(to: &Path) -> Result<File> {
    let path = to.join(PUBLISH_LOCK);
    let file = open_lock_file(&path)?;
    match FileExt::try_lock_exclusive(&file) {
        Ok(true) => Ok(file),
        Ok(false) => Err(Error::io(
            &path,
            io::Error::new(
                io::ErrorKind::WouldBlock,
                "another publish to this directory is in progress",
            ),
        )),
        Err(e) => Err(Error::io(&path, e)),
    }
}

/// tantivy's meta lock of the index in `dir`, which its readers take while opening segments;
/// waits for it.
fn lock_meta(dir: &Path) -> Result<File> {
    let path = dir.join(&META_LOCK.filepath);
    let file = open_lock_file(&path)?;
    FileExt::lock_exclusive(&file).map_err(|e| Error::io(&path, e))?;
    Ok(file)
}

/// Opens (creating it if needed) the lock file `path`, without locking it yet.
fn open_lock_file(path: &Path) -> Result<File> {
    fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|e| Error::io(path, e))
}

/// The manifests in `to/generations`, oldest first, with their paths.
fn read_manifests(to: &Path) -> Result<Vec<(Manifest, PathBuf)>> {
    let dir = to.join(GENERATIONS_DIR);
    let mut manifests = Vec::new();
    for entry in fs::read_dir(&dir).map_err(|e| Error::io(&dir, e))? {
        let path = entry.map_err(|e| Error::io(&dir, e))?.path();
        let is_manifest = path.extension().is_some_and(|e| e == "json")
            && !path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(TEMP_PREFIX));
        if !is_manifest {
            continue;
        }
        let bytes = fs::read(&path).map_err(|e| Error::io(&path, e))?;
        let manifest: Manifest = serde_json::from_slice(&bytes).map_err(|e| {
            Error::InvalidIndex(format!(
                "{}: not a generation manifest: {e}",
                path.display()
            ))
        })?;
        manifests.push((manifest, path));
    }
    manifests.sort_by_key(|(m, _)| m.sequence);
    Ok(manifests)
}

/// Whether `name` is a tantivy segment file: 32 hex digits (the segment id), then a dot.
fn is_segment_file(name: &str) -> bool {
    name.len() > 33
        && name.as_bytes()[32] == b'.'
        && name[..32].bytes().all(|b| b.is_ascii_hexdigit())
}

/// Drops all but the last `keep` manifests and removes the segment files none of the kept
/// ones lists (and temporary files a failed publish left), under the meta lock of `to` so
/// that no local reader is opening them. Returns the number of segment files removed.
fn collect_garbage(to: &Path, manifests: Vec<(Manifest, PathBuf)>, keep: usize) -> Result<usize> {
    let _meta_lock = lock_meta(to)?;
    let cut = manifests.len().saturating_sub(keep);
    let mut live = BTreeSet::new();
    for (index, (manifest, path)) in manifests.into_iter().enumerate() {
        if index < cut {
            fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
        } else {
            live.extend(manifest.files);
        }
    }
    let mut removed = 0;
    for entry in fs::read_dir(to).map_err(|e| Error::io(to, e))? {
        let entry = entry.map_err(|e| Error::io(to, e))?;
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        let stale_temp = name.starts_with(TEMP_PREFIX) && name.ends_with(".tmp");
        if stale_temp || (is_segment_file(&name) && !live.contains(&name)) {
            let path = entry.path();
            match fs::remove_file(&path) {
                Ok(()) => removed += usize::from(!stale_temp),
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(Error::io(&path, e)),
            }
        }
    }
    sync_dir(to)?;
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segment_files_are_recognised_by_their_id() {
        assert!(is_segment_file("a5c4dfcbdfe645089129e308e26d5523.idx"));
        assert!(is_segment_file("a5c4dfcbdfe645089129e308e26d5523.12.del"));
        assert!(!is_segment_file("meta.json"));
        assert!(!is_segment_file(".managed.json"));
        assert!(!is_segment_file("a5c4dfcbdfe645089129e308e26d5523"));
        assert!(!is_segment_file("z5c4dfcbdfe645089129e308e26d5523.idx"));
    }
}
