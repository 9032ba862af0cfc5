//! Which files a run reads: the paths named on the command line, folders
//! walked recursively (honouring `.gitignore`), and the configuration's
//! `include` and `exclude` patterns.

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};

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
            let walker = ignore::WalkBuilder::new(path)
                .require_git(false)
                .sort_by_file_name(|a, b| a.cmp(b))
                .filter_entry(|e| {
                    !(e.file_type().is_some_and(|t| t.is_dir())
                        && e.path().join(REPORT_MARKER).is_file())
                })
                .build();
            for entry in walker {
                let entry = match entry {
                    Ok(entry) => entry,
                    Err(e) => {
                        errors.push(walk_error(&e));
                        continue;
                    }
                };
                let is_text = entry.file_type().is_some_and(|t| t.is_file())
                    && entry
                        .path()
                        .extension()
                        .and_then(|x| x.to_str())
                        .is_some_and(|x| {
                            WALKED_EXTENSIONS.contains(&x.to_ascii_lowercase().as_str())
                        });
                if is_text {
                    files.insert(entry.into_path());
                }
            }
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
