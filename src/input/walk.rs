//! Which files a run reads: the paths named on the command line, folders
//! walked recursively (honouring `.gitignore`), and the configuration's
//! `include` and `exclude` patterns.

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::PoisonError;

use crate::config::Config;

/// Extensions checked when walking a folder; files named on the command
/// line are checked whatever their name. CSV/TSV tables, JSONL streams and
/// JSON files are read only when named: a folder's spreadsheets are more
/// often data (glossaries among them) than translations, and its JSON files
/// configuration (`package.json`, `tsconfig.json`). ARB files (`.arb`) are
/// string files by definition: walked.
pub const WALKED_EXTENSIONS: [&str; 15] = [
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "xlf", "xliff", "sdlxliff", "tmx",
    "po", "arb", "srt", "vtt",
];

/// The file `--report-dir` writes into its folder: a folder that holds it
/// is skipped when a folder above it is walked, so that the reports of one
/// run (`annotations.txt` among them) are not checked as text by the next.
pub const REPORT_MARKER: &str = ".mtlint-reports";

/// What the marker file says, for a person who finds it.
pub const REPORT_MARKER_TEXT: &str =
    "mtlint reports: this folder is skipped when mtlint checks a folder above it.\n";

/// A folder entry that cannot be read, said shortly: the walker's message
/// names the path twice, and a path too long for the system is thousands
/// of characters.
fn walk_error(e: &ignore::Error) -> WalkError {
    let message = e.to_string();
    match e.io_error() {
        Some(io) if message.chars().count() > 300 => {
            // The error itself names the path again: only its reason.
            let full = io.to_string();
            let reason = match full.rsplit_once(": ") {
                Some((_, reason)) => reason.to_owned(),
                None => full,
            };
            WalkError(format!("{}: {reason}", crate::text::excerpt(&message, 200)))
        }
        _ => WalkError(message),
    }
}

/// Why the inputs cannot be listed: one line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct WalkError(pub String);

/// The files to check, in path order, each once. Paths that do not exist
/// are a usage error: nothing is read or written.
///
/// A folder entry that cannot be read (a permission, a name longer than the
/// system allows, a loop of links) does not stop the walk: it goes into
/// `errors`, and the rest is checked.
pub fn collect_inputs(
    paths: &[PathBuf],
    errors: &mut Vec<WalkError>,
) -> Result<Vec<PathBuf>, WalkError> {
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    let mut files = BTreeSet::new();
    let mut stdin = false;
    for path in paths {
        if path == Path::new("-") {
            stdin = true;
            continue;
        }
        let meta = std::fs::metadata(path).map_err(|e| {
            WalkError(match e.kind() {
                io::ErrorKind::NotFound => format!("{}: no such file or directory", path.display()),
                _ => format!("{}: {e}", path.display()),
            })
        })?;
        if meta.is_dir() {
            walk(path, &mut files, errors);
        } else {
            files.insert(path.clone());
        }
    }
    let mut files: Vec<PathBuf> = files.into_iter().collect();
    if stdin {
        files.push(PathBuf::from("-"));
    }
    Ok(files)
}

/// Adds the files under the folder `root` with a walked extension to
/// `files`, and the entries that cannot be read to `errors`, in path order.
///
/// The walker that reads each folder's listing itself (the parallel one,
/// on one thread) learns from the listing which ignore files and `.git`
/// the folder holds; the sequential one looks each of them up by path in
/// every folder, four failed lookups per folder of a tree of catalogs
/// (most of a large walk's cost). Its order is the file system's: the
/// files are put in path order by the caller, the errors here.
fn walk(root: &Path, files: &mut BTreeSet<PathBuf>, errors: &mut Vec<WalkError>) {
    let found = std::sync::Mutex::new((Vec::new(), Vec::new()));
    ignore::WalkBuilder::new(root)
        .require_git(false)
        .threads(1)
        .filter_entry(|e| !is_report_folder(e))
        .build_parallel()
        .run(|| {
            Box::new(|entry| {
                let mut found = found.lock().unwrap_or_else(PoisonError::into_inner);
                match entry {
                    Ok(entry) => {
                        if is_walked_file(&entry) {
                            found.0.push(entry.into_path());
                        }
                    }
                    Err(e) => found.1.push(e),
                }
                ignore::WalkState::Continue
            })
        });
    let (walked, mut failed) = found.into_inner().unwrap_or_else(PoisonError::into_inner);
    files.extend(walked);
    // The errors in the order of the paths they name, as a sorted walk
    // meets them.
    failed.sort_by(|a, b| error_path(a).cmp(&error_path(b)));
    errors.extend(failed.iter().map(walk_error));
}

/// Whether `entry` is a folder of mtlint's own reports, which a walk
/// leaves out.
fn is_report_folder(entry: &ignore::DirEntry) -> bool {
    entry.file_type().is_some_and(|t| t.is_dir()) && entry.path().join(REPORT_MARKER).is_file()
}

/// Whether `entry` is a file with an extension a walk checks.
fn is_walked_file(entry: &ignore::DirEntry) -> bool {
    entry.file_type().is_some_and(|t| t.is_file())
        && entry
            .path()
            .extension()
            .and_then(|x| x.to_str())
            .is_some_and(|x| WALKED_EXTENSIONS.iter().any(|w| w.eq_ignore_ascii_case(x)))
}

/// The path a walk error names, if any.
fn error_path(e: &ignore::Error) -> Option<&Path> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::Loop { child, .. } => Some(child),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Partial(list) => list.iter().find_map(error_path),
        _ => None,
    }
}

/// Applies the configuration's `include` and `exclude` patterns
/// (.gitignore syntax, relative to the configuration file's folder) to the
/// files found by walking folders; files named on the command line stay.
pub fn filter_walked_files(
    files: &mut Vec<PathBuf>,
    named: &[PathBuf],
    config: &Config,
) -> Result<(), WalkError> {
    if config.include.is_empty() && config.exclude.is_empty() {
        return Ok(());
    }
    let cwd = std::env::current_dir().map_err(|e| WalkError(format!("current folder: {e}")))?;
    let root = normalize(&cwd.join(config.dir()));
    let build = |key: &str, patterns: &[String]| {
        let mut builder = ignore::gitignore::GitignoreBuilder::new(&root);
        for p in patterns {
            builder
                .add_line(None, p)
                .map_err(|e| WalkError(format!("{}: {key}: {e}", config.path.display())))?;
        }
        builder
            .build()
            .map_err(|e| WalkError(format!("{}: {key}: {e}", config.path.display())))
    };
    let include = build("include", &config.include)?;
    let exclude = build("exclude", &config.exclude)?;
    files.retain(|file| {
        if file == Path::new("-") || named.contains(file) {
            return true;
        }
        let path = normalize(&cwd.join(file));
        if !path.starts_with(&root) {
            return true;
        }
        let included = config.include.is_empty()
            || include
                .matched_path_or_any_parents(&path, false)
                .is_ignore();
        included
            && !exclude
                .matched_path_or_any_parents(&path, false)
                .is_ignore()
    });
    Ok(())
}

/// `path` without `.` components, so that prefixes compare.
fn normalize(path: &Path) -> PathBuf {
    path.components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the sequential walker, sorted by name, finds: the walk as it
    /// was before the listing-reading walker replaced it.
    fn walked_in_order(root: &Path) -> Vec<PathBuf> {
        ignore::WalkBuilder::new(root)
            .require_git(false)
            .sort_by_file_name(|a, b| a.cmp(b))
            .filter_entry(|e| !is_report_folder(e))
            .build()
            .filter_map(Result::ok)
            .filter(is_walked_file)
            .map(ignore::DirEntry::into_path)
            .collect()
    }

    #[test]
    fn the_walk_finds_what_the_sequential_walk_finds_in_path_order() {
        let dir = tempfile::tempdir().unwrap();
        let files = [
            "a.po",
            "b.txt",
            "b-c/d.md",
            "b/c.po",
            "b/ignored.po",
            "b/kept/ignored.po",
            "c/.hidden.po",
            ".hidden/x.po",
            "data.json",
            "e/f/g/h.XLF",
            "e/f/note.log",
            "excluded/x.po",
            "g/sub/x.po",
            "g/y.po",
            "reports/r.txt",
            "repo/.git/info/exclude",
            "repo/secret.po",
            "repo/open.po",
            "z.PO",
        ];
        for f in files {
            let path = dir.path().join(f);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "x").unwrap();
        }
        std::fs::write(dir.path().join(".gitignore"), "excluded/\n").unwrap();
        std::fs::write(dir.path().join("b/.ignore"), "ignored.po\n!kept/*\n").unwrap();
        std::fs::write(dir.path().join("g/.gitignore"), "sub\n").unwrap();
        std::fs::write(dir.path().join("repo/.git/info/exclude"), "secret.po\n").unwrap();
        std::fs::write(
            dir.path().join("reports").join(REPORT_MARKER),
            REPORT_MARKER_TEXT,
        )
        .unwrap();
        let expected = walked_in_order(dir.path());
        let mut errors = Vec::new();
        let found = collect_inputs(&[dir.path().to_path_buf()], &mut errors).unwrap();
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(found, expected);
        let names: Vec<String> = found
            .iter()
            .map(|p| p.strip_prefix(dir.path()).unwrap().display().to_string())
            .collect();
        assert_eq!(
            names,
            [
                "a.po",
                "b/c.po",
                "b/kept/ignored.po",
                "b-c/d.md",
                "b.txt",
                "e/f/g/h.XLF",
                "g/y.po",
                "repo/open.po",
                "z.PO"
            ],
            "ignore files, `.git/info/exclude`, hidden entries and the reports folder are honoured"
        );
    }
}
