//! Writing files: `fix --write`, reports, baselines, glossaries and
//! `mtlint.toml`, each as a whole or not at all.
//!
//! Every file is written to a temporary file beside it and renamed over it,
//! so a reader sees the old file or the new one, never half of one. What
//! the file is, is kept:
//!
//! - a **symbolic link** is written through: its target gets the new text,
//!   and the link stays a link;
//! - a file with **hard links** is refused (exit 2): a new file renamed over
//!   one name would leave the other names with the old text;
//! - a **read-only** file, or one the user may not write, is refused, even
//!   where the folder would let mtlint replace it;
//! - the **owner, group and permissions** of the file are kept; where they
//!   cannot be (a file of another user), the file is refused;
//! - the **temporary file** is removed on any exit: an error, a panic
//!   (by its destructor), and SIGINT, SIGTERM or SIGHUP (by a handler that
//!   removes every temporary file still open, then exits 130).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once, PoisonError};

use super::{Error, Fatal};

/// Temporary files not yet renamed into place, for the signal handler.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Installs, once, the handler that removes pending temporary files when
/// the process is interrupted or terminated.
fn clean_up_on_signal() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        // Without a handler a signal still ends the run; only the cleanup
        // would be missing, so a failure to install one is not an error.
        let _ = ctrlc::set_handler(|| {
            for path in PENDING
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .iter()
            {
                let _ = std::fs::remove_file(path);
            }
            std::process::exit(130);
        });
    });
}

/// A file being written: a temporary file beside its target, registered
/// with the signal handler while it lives, renamed over the target by
/// [`Pending::commit`] (see the module docs for what is kept and what is
/// refused).
pub(super) struct Pending {
    /// `None` once committed.
    file: Option<tempfile::NamedTempFile>,
    /// The temporary file's path, for the signal handler's list.
    path: PathBuf,
    /// The path as the user named it, for messages.
    named: PathBuf,
    /// Where the text goes: `named`, or the target of the link it is.
    target: PathBuf,
    /// The file the new one replaces, if there is one.
    existing: Option<std::fs::Metadata>,
}

impl Pending {
    /// Starts writing `path`. A file there that must not be replaced is
    /// refused now, before anything is written.
    pub(super) fn beside(path: &Path) -> Result<Pending, Error> {
        let fail = |e: &dyn std::fmt::Display| cannot_write(path, e);
        // A link is written through to its target.
        let target = match std::fs::symlink_metadata(path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                path.canonicalize().map_err(|e| fail(&e))?
            }
            _ => path.to_path_buf(),
        };
        let existing = std::fs::metadata(&target).ok();
        if let Some(meta) = &existing {
            refuse_unsafe(&target, meta).map_err(|why| fail(&why))?;
        }
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        clean_up_on_signal();
        let file = tempfile::Builder::new()
            .prefix(".mtlint-")
            .tempfile_in(dir)
            .map_err(|e| fail(&e))?;
        let temporary = file.path().to_path_buf();
        PENDING
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(temporary.clone());
        Ok(Pending {
            file: Some(file),
            path: temporary,
            named: path.to_path_buf(),
            target,
            existing,
        })
    }

    /// The temporary file, to write into.
    pub(super) fn file(&mut self) -> &mut tempfile::NamedTempFile {
        self.file
            .as_mut()
            .expect("a pending file is written before it is committed")
    }

    /// Gives the written file the owner, group and permissions of the one
    /// it replaces (a new file is readable by others), and renames it over
    /// the target; on failure the target is left as it was and the
    /// temporary file is removed.
    pub(super) fn commit(mut self) -> Result<(), Error> {
        let named = self.named.clone();
        let fail = |e: &dyn std::fmt::Display| cannot_write(&named, e);
        let file = self.file.take().expect("a pending file is committed once");
        file.as_file().sync_all().map_err(|e| fail(&e))?;
        match &self.existing {
            Some(meta) => {
                keep_owner(file.as_file(), meta).map_err(|e| fail(&e))?;
                std::fs::set_permissions(file.path(), meta.permissions()).map_err(|e| fail(&e))?;
            }
            None => {
                // A temporary file is private (0600); a new report,
                // baseline or mtlint.toml is an ordinary file that others
                // may read.
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    std::fs::set_permissions(file.path(), std::fs::Permissions::from_mode(0o644))
                        .map_err(|e| fail(&e))?;
                }
            }
        }
        // Dropping `self` afterwards takes the path off the list.
        file.persist(&self.target)
            .map(drop)
            .map_err(|e| fail(&e.error))
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        PENDING
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .retain(|p| *p != self.path);
    }
}

/// The one-line error of a file that cannot be written.
fn cannot_write(path: &Path, e: &dyn std::fmt::Display) -> Error {
    Fatal(format!("{}: cannot write: {e}", path.display()))
}

/// Writes `bytes` to `path` as a whole (see the module docs for what is
/// kept and what is refused). If anything fails, `path` is left as it was
/// and the error names it.
pub(super) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let mut pending = Pending::beside(path)?;
    pending
        .file()
        .write_all(bytes)
        .map_err(|e| cannot_write(path, &e))?;
    pending.commit()
}

/// Why an existing file must not be replaced, if it must not.
fn refuse_unsafe(path: &Path, meta: &std::fs::Metadata) -> Result<(), String> {
    if !meta.is_file() {
        return Err("not a regular file".to_owned());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 {
            return Err(format!(
                "it has {} hard links, which a rewrite would break; apply the diff (mtlint fix without --write) to each",
                meta.nlink()
            ));
        }
    }
    if meta.permissions().readonly() {
        return Err("the file is read-only".to_owned());
    }
    // The folder may let anyone replace the file; only the file's own
    // permissions say whether this user may change it.
    std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map(drop)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
            _ => e.to_string(),
        })
}

/// Gives the new file the owner and group of the old one.
#[cfg(unix)]
fn keep_owner(file: &std::fs::File, meta: &std::fs::Metadata) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let new = file.metadata()?;
    if new.uid() == meta.uid() && new.gid() == meta.gid() {
        return Ok(());
    }
    std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid())).map_err(|e| {
        std::io::Error::new(
            e.kind(),
            format!("cannot keep the file's owner and group ({e}); it is left as it was"),
        )
    })
}

#[cfg(not(unix))]
fn keep_owner(_: &std::fs::File, _: &std::fs::Metadata) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_is_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.txt");
        std::fs::write(&target, "old").unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_atomically(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
    }

    #[test]
    fn hard_links_and_read_only_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        std::fs::write(&a, "old").unwrap();
        std::fs::hard_link(&a, dir.path().join("b.txt")).unwrap();
        let err = write_atomically(&a, b"new").unwrap_err().to_string();
        assert!(err.contains("2 hard links"), "{err}");
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "old");

        let r = dir.path().join("r.txt");
        std::fs::write(&r, "old").unwrap();
        let mut perms = std::fs::metadata(&r).unwrap().permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&r, perms).unwrap();
        let err = write_atomically(&r, b"new").unwrap_err().to_string();
        assert!(err.contains("read-only"), "{err}");
        assert_eq!(std::fs::read_to_string(&r).unwrap(), "old");
    }

    #[test]
    fn no_temporary_file_is_left_behind() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        std::fs::write(&a, "old").unwrap();
        write_atomically(&a, b"new").unwrap();
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["a.txt"]);
        assert!(
            !PENDING
                .lock()
                .unwrap()
                .iter()
                .any(|p| p.starts_with(dir.path()))
        );
    }
}
