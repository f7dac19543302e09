//! `vacancy index` on a full disk and on a read-only index directory: a clear error naming
//! the index and the cause, a non-zero exit, and the previous index still searchable with its
//! old results.
//!
//! Both need real file systems: a small tmpfs, and a read-only bind mount. Mounting needs
//! root (chmod does not stop root from writing); where `mount` fails, each test prints why
//! and passes without checking anything.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use vacancy_search::generate::{generate, GeneratorConfig};

fn vacancy() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vacancy"))
}

/// A mount point, unmounted when dropped.
struct Mount(PathBuf);

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// Runs `mount ARGS`; `None` (with the reason printed) when this system does not allow it.
fn mount(args: &[&str], target: &Path) -> Option<Mount> {
    let out = Command::new("mount").args(args).arg(target).output();
    match out {
        Ok(out) if out.status.success() => Some(Mount(target.to_path_buf())),
        Ok(out) => {
            eprintln!(
                "skipped: mount {args:?} failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            );
            None
        }
        Err(e) => {
            eprintln!("skipped: cannot run mount: {e}");
            None
        }
    }
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

fn index(index: &Path, paths: &[&Path], extra: &[&str]) -> Output {
    vacancy()
        .arg("index")
        .args(extra)
        .arg("--index")
        .arg(index)
        .args(paths)
        .output()
        .unwrap()
}

/// Ids and total of `vacancy search --json QUERY` on `index`.
fn search(index: &Path, query: &str) -> (u64, Vec<String>) {
    let out = vacancy()
        .args(["search", "--json", "--per-page", "100", "--index"])
        .arg(index)
        .arg(query)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "search failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let body: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids = body["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_owned())
        .collect();
    (body["total"].as_u64().unwrap(), ids)
}

/// Builds the index of `corpus/` in `dir` and returns what two searches answer on it.
fn build_previous(dir: &Path) -> [(u64, Vec<String>); 2] {
    let out = index(dir, &[&corpus()], &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let before = [search(dir, "programme"), search(dir, "")];
    assert!(before[0].0 > 0 && before[1].0 > before[0].0, "{before:?}");
    before
}

#[test]
fn a_full_disk_fails_clearly_and_keeps_the_previous_index() {
    let work = tempfile::tempdir().unwrap();
    let disk = work.path().join("disk");
    std::fs::create_dir(&disk).unwrap();
    let Some(_mount) = mount(&["-t", "tmpfs", "-o", "size=2m", "tmpfs"], &disk) else {
        return;
    };
    let dir = disk.join("index");
    let before = build_previous(&dir);

    // About 8 MB of postings for a 2 MB file system.
    let feed = work.path().join("big.jsonl");
    let file = std::fs::File::create(&feed).unwrap();
    generate(
        &GeneratorConfig::new(1_000, 5),
        std::io::BufWriter::new(file),
    )
    .unwrap();
    let out = index(&dir, &[&feed], &["--commit-every", "500"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("cannot write the index at {}", dir.display())),
        "{stderr}"
    );
    assert!(stderr.contains("No space left on device"), "{stderr}");
    assert!(stderr.contains("it stays at its last commit"), "{stderr}");

    assert_eq!([search(&dir, "programme"), search(&dir, "")], before);
}

#[test]
fn a_read_only_index_fails_clearly_and_stays_searchable() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path().join("index");
    let before = build_previous(&dir);
    let Some(_bind) = mount(&["--bind", &dir.display().to_string()], &dir) else {
        return;
    };
    let Some(read_only) = mount(&["-o", "remount,ro,bind"], &dir) else {
        return;
    };
    // The same mount as the bind: unmounted once, by `_bind`.
    std::mem::forget(read_only);
    assert!(
        std::fs::write(dir.join("probe"), b"x").is_err(),
        "the bind mount is read-only"
    );

    let out = index(&dir, &[&corpus()], &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("cannot write the index at {}", dir.display())),
        "{stderr}"
    );
    assert!(stderr.contains("Read-only file system"), "{stderr}");

    assert_eq!([search(&dir, "programme"), search(&dir, "")], before);
}

/// A replica on a read-only mount of the directory `vacancy publish` writes (through another,
/// writable path) serves it and follows each publish.
#[test]
fn a_replica_on_a_read_only_mount_follows_each_publish() {
    let work = tempfile::tempdir().unwrap();
    let writer = work.path().join("writer");
    let (published, served) = (work.path().join("published"), work.path().join("served"));
    let publish = || -> serde_json::Value {
        let out = vacancy()
            .args(["publish", "--json", "--index"])
            .arg(&writer)
            .arg("--to")
            .arg(&published)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let out = index(&writer, &[&corpus().join("feed.jsonl")], &[]);
    assert_eq!(out.status.code(), Some(0), "{:?}", out);
    let first = publish();
    std::fs::create_dir(&served).unwrap();
    let Some(_bind) = mount(&["--bind", &published.display().to_string()], &served) else {
        return;
    };
    let Some(read_only) = mount(&["-o", "remount,ro,bind"], &served) else {
        return;
    };
    std::mem::forget(read_only);
    assert!(std::fs::write(served.join("probe"), b"x").is_err());

    let replica = vacancy_search::search::Engine::open_manual(&served).unwrap();
    assert_eq!(replica.generation(), first["generation"].as_str().unwrap());
    assert_eq!(replica.num_docs(), first["documents"].as_u64().unwrap());
    let out = index(&writer, &[&corpus().join("notices")], &[]);
    assert_eq!(out.status.code(), Some(0), "{:?}", out);
    let second = publish();
    assert_ne!(second["generation"], first["generation"]);
    assert!(replica.refresh().unwrap());
    assert_eq!(replica.generation(), second["generation"].as_str().unwrap());
    assert_eq!(replica.num_docs(), second["documents"].as_u64().unwrap());
}
