//! The ordered parallel executor: jobs run on a pool of threads, results
//! come back in job order.
//!
//! Every thread takes the next job from one shared iterator, so results
//! arrive nearly in order and are handed on, and dropped, as soon as they
//! and every job before them are done. With the job list split in halves
//! between threads (as a parallel iterator does), the second half's
//! documents would wait in memory, and be reported alone at the end.
//!
//! At most `window` results wait at once: a thread that runs ahead of the
//! oldest unfinished job by that much waits before it takes another. So a
//! stream of any length, and a list of files of any length, run in memory
//! bounded by the window, whatever the jobs cost. A thread with no job left
//! is free to help with the chunks of a large document (the matcher's own
//! parallel work runs on the same pool).

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, PoisonError};

/// Results in flight per thread: enough that a slow job does not idle the
/// others, few enough that memory does not depend on the input.
pub const WINDOW_PER_THREAD: usize = 8;

/// Runs `work` on every job of `jobs` on the threads of `pool`, and calls
/// `each` with the results in job order. When `each` fails, no further job
/// is started and its error is returned.
///
/// # Errors
///
/// The first error `each` returns.
pub fn run_ordered<J, T, E, I, W, F>(
    pool: &rayon::ThreadPool,
    jobs: I,
    work: W,
    mut each: F,
) -> Result<(), E>
where
    I: Iterator<Item = J> + Send,
    T: Send,
    W: Fn(J) -> T + Sync,
    F: FnMut(T) -> Result<(), E>,
{
    let window = pool.current_num_threads().max(1) * WINDOW_PER_THREAD;
    let jobs = Mutex::new((0usize, jobs));
    // The number of results handed to `each` so far.
    let done = Mutex::new(0usize);
    let advanced = Condvar::new();
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::channel::<(usize, T)>();
        let (jobs, done, advanced, stop, work) = (&jobs, &done, &advanced, &stop, &work);
        // The sender goes to this thread, and is dropped, so the receiving
        // loop below ends, once every worker is out of jobs.
        scope.spawn(move || {
            pool.broadcast(|_| {
                loop {
                    if stop.load(Ordering::Relaxed) {
                        return;
                    }
                    let (i, job) = {
                        let mut jobs = jobs.lock().unwrap_or_else(PoisonError::into_inner);
                        let Some(job) = jobs.1.next() else {
                            return;
                        };
                        jobs.0 += 1;
                        (jobs.0 - 1, job)
                    };
                    {
                        let mut finished = done.lock().unwrap_or_else(PoisonError::into_inner);
                        while i >= *finished + window && !stop.load(Ordering::Relaxed) {
                            finished = advanced
                                .wait(finished)
                                .unwrap_or_else(PoisonError::into_inner);
                        }
                    }
                    if stop.load(Ordering::Relaxed) {
                        return;
                    }
                    // The receiver is gone only when `each` failed.
                    if tx.send((i, work(job))).is_err() {
                        return;
                    }
                }
            });
        });
        let mut pending = BTreeMap::new();
        let mut next = 0;
        let halt = || {
            stop.store(true, Ordering::Relaxed);
            let _guard = done.lock().unwrap_or_else(PoisonError::into_inner);
            advanced.notify_all();
        };
        for (i, result) in rx {
            pending.insert(i, result);
            while let Some(result) = pending.remove(&next) {
                next += 1;
                if let Err(e) = each(result) {
                    halt();
                    return Err(e);
                }
            }
            *done.lock().unwrap_or_else(PoisonError::into_inner) = next;
            advanced.notify_all();
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pool(threads: usize) -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
    }

    #[test]
    fn results_come_in_job_order() {
        let mut seen = Vec::new();
        let result: Result<(), ()> = run_ordered(
            &pool(3),
            0..500u64,
            |i| {
                // Uneven costs, so that jobs finish out of order.
                std::thread::sleep(std::time::Duration::from_micros((i * 7919) % 200));
                i * 2
            },
            |r| {
                seen.push(r);
                Ok(())
            },
        );
        assert!(result.is_ok());
        assert_eq!(seen, (0..500).map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn no_job_starts_more_than_a_window_ahead() {
        let started = std::sync::atomic::AtomicUsize::new(0);
        let threads = 2;
        let mut most_ahead = 0;
        let mut reported = 0;
        let result: Result<(), ()> = run_ordered(
            &pool(threads),
            0..2000usize,
            |i| {
                started.fetch_max(i, Ordering::SeqCst);
                i
            },
            |i| {
                most_ahead = most_ahead.max(started.load(Ordering::SeqCst) - reported);
                reported = i + 1;
                Ok(())
            },
        );
        assert!(result.is_ok());
        assert!(
            most_ahead <= threads * WINDOW_PER_THREAD,
            "{most_ahead} jobs ahead"
        );
    }

    #[test]
    fn an_error_stops_the_run() {
        let mut calls = 0;
        let result = run_ordered(
            &pool(2),
            0..100_000usize,
            |i| i,
            |i| {
                calls += 1;
                if i == 10 { Err("stop") } else { Ok(()) }
            },
        );
        assert_eq!(result, Err("stop"));
        assert_eq!(calls, 11);
    }
}
