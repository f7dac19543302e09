//! The index directory on disk: tantivy's memory-mapped directory, still searchable when its
//! file system is mounted read-only.
//!
//! A tantivy reader takes the index's meta lock while it opens segments, and tantivy creates
//! the lock file for writing to do so, which a read-only file system refuses. [`IndexDirectory`]
//! then locks the existing lock file through a read-only handle instead (or takes no lock
//! when there is no lock file: no writer can have created one there). Writers are unaffected:
//! their lock still needs a writable directory, so they fail at once.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use fs4::fs_std::FileExt;
use tantivy::directory::error::{
    DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError,
};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle,
    WritePtr, META_LOCK,
};

/// [`MmapDirectory`] whose readers also work on a read-only file system.
#[derive(Debug, Clone)]
pub struct IndexDirectory {
    root: PathBuf,
    inner: MmapDirectory,
}

impl IndexDirectory {
    /// Opens the existing directory `root`.
    pub fn open(root: &Path) -> Result<IndexDirectory, OpenDirectoryError> {
        Ok(IndexDirectory {
            root: root.to_path_buf(),
            inner: MmapDirectory::open(root)?,
        })
    }

    /// The meta lock taken through a read-only handle.
    fn read_only_meta_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match File::open(self.root.join(&lock.filepath)) {
            Ok(file) => {
                FileExt::lock_exclusive(&file).map_err(LockError::wrap_io_error)?;
                Ok(DirectoryLock::from(Box::new(file)))
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(DirectoryLock::from(Box::new(()))),
            Err(e) => Err(LockError::wrap_io_error(e)),
        }
    }
}

/// Whether `error` says the file system refuses writes.
fn is_read_only(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::ReadOnlyFilesystem | io::ErrorKind::PermissionDenied
    )
}

impl Directory for IndexDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.inner.acquire_lock(lock) {
            Err(LockError::IoError(e))
                if lock.filepath == META_LOCK.filepath && is_read_only(&e) =>
            {
                self.read_only_meta_lock(lock)
            }
            other => other,
        }
    }

    fn watch(&self, callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(callback)
    }
}
