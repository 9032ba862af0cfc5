//! The pre-pass of a run-wide rule: before any document is reported, the
//! run's bilingual files are read once to build the groups of
//! `heuristic:inconsistent-translation`.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::{Job, ReadOptions};
use crate::matcher::bilingual::consistency::{
    Groups, Place, Tally, Texts, may_have_units, texts, unit_keys,
};

/// The inconsistent groups of the units of `files`, read on `pool`: by
/// source, and by translation too when `reverse`.
/// A file that cannot be read is left out here: the main pass reports it.
/// Standard input (`-`) is read from `read.stdin`, which the caller fills.
pub fn consistency_groups(
    files: &[PathBuf],
    read: &ReadOptions,
    pool: &rayon::ThreadPool,
    reverse: bool,
) -> Groups {
    let indexed: Vec<(u32, &Path)> = files
        .iter()
        .enumerate()
        .filter(|(_, p)| may_have_units(p, read.format))
        .filter_map(|(i, p)| Some((u32::try_from(i).ok()?, p.as_path())))
        .collect();
    let tally = pool.install(|| {
        indexed
            .par_iter()
            .fold(
                || Tally::new(reverse),
                |mut tally, &(i, path)| {
                    if let Ok(doc) = read.read(Job::File(path.to_owned())) {
                        tally.add(i, &unit_keys(&doc));
                    }
                    tally
                },
            )
            .reduce(Tally::default, Tally::merge)
    });
    let (pending, places) = tally.inconsistent();
    // The texts of the variants' first units, from the files that hold
    // them: none at all when the run is consistent.
    let mut by_doc: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
    for p in &places {
        by_doc.entry(p.doc).or_default().push(p.unit);
    }
    let by_doc: Vec<(u32, Vec<u32>)> = by_doc.into_iter().collect();
    let found: Vec<(Place, Texts)> = pool.install(|| {
        by_doc
            .par_iter()
            .flat_map_iter(|(doc, units)| {
                let read = read
                    .read(Job::File(files[*doc as usize].clone()))
                    .map(|d| texts(&d, units))
                    .unwrap_or_default();
                read.into_iter()
                    .map(move |(unit, t)| (Place { doc: *doc, unit }, t))
            })
            .collect()
    });
    pending.with_texts(&found.into_iter().collect())
}
