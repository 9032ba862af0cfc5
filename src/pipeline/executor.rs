//! The ordered parallel executor: jobs run on a pool of threads, results
//! come back in job order.
//!
//! Every thread takes the next job from one shared iterator, so results
//! arrive nearly in order and are handed on, and dropped, as soon as they
//! and every job before them are done. With the job list split in halves
//! between threads (as a parallel iterator does), the second half's
//! documents would wait in memory, and be reported alone at the end.
//!
//! At most a window of results waits at once: a thread that runs ahead of
//! the oldest unfinished job by that much waits before it takes another. So a
//! stream of any length, and a list of files of any length, run in memory
//! bounded by the window, whatever the jobs cost. A thread with no job left
//! is free to help with the chunks of a large document (the matcher's own
//! parallel work runs on the same pool).

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::RecvTimeoutError;
use std::sync::{Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// Results in flight per thread: enough that a slow job does not idle the
/// others, few enough that memory does not depend on the input. Jobs taken
/// in batches have at least [`BATCHES_PER_THREAD`] batches in flight per
/// thread instead.
pub const WINDOW_PER_THREAD: usize = 4;

/// The fewest batches in flight per thread: one being made while the one
/// before waits to be handed on.
pub const BATCHES_PER_THREAD: usize = 2;

/// How long the run waits for the next result before it calls `idle`.
const IDLE: Duration = Duration::from_millis(5);

/// Runs `work` on every job of `jobs` on the threads of `pool`, and calls
/// `each` with the results in job order; `idle` is called whenever every
/// result so far has been handed on and the next has not come for a few
/// milliseconds (a report flushes its output then). When `each` or `idle`
/// fails, no further job is started and the error is returned.
///
/// A thread takes up to `batch` jobs at once, so that taking, handing
/// over and waking cost little per job: a few for files (most catalogs
/// and pages take a millisecond or less to check, and each hand-over may
/// wake the receiving thread), more for the records of a stream.
///
/// # Errors
///
/// The first error `each` or `idle` returns.
pub fn run_ordered<J, T, E, I, W, F, D>(
    pool: &rayon::ThreadPool,
    jobs: I,
    batch: usize,
    work: W,
    mut each: F,
    mut idle: D,
) -> Result<(), E>
where
    I: Iterator<Item = J> + Send,
    T: Send,
    W: Fn(J) -> T + Sync,
    F: FnMut(T) -> Result<(), E>,
    D: FnMut() -> Result<(), E>,
{
    let batch = batch.max(1);
    // Counted in batches: as many jobs as one at a time would have in
    // flight, or two batches a thread if batches are larger.
    let threads = pool.current_num_threads().max(1);
    let window = (threads * WINDOW_PER_THREAD)
        .div_ceil(batch)
        .max(threads * BATCHES_PER_THREAD);
    let jobs = Mutex::new((0usize, jobs));
    // The number of batches handed to `each` so far, and how many threads
    // wait for it to grow: most of the time none does, and waking no one
    // is then no call into the kernel per job.
    let done = Mutex::new(Done::default());
    // `done.handed`, read without the lock by a thread that is well within
    // the window (it only grows: a stale value errs towards taking the
    // lock), so that the threads and the receiving loop seldom contend.
    let handed = AtomicUsize::new(0);
    let advanced = Condvar::new();
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::channel::<(usize, std::thread::Result<Vec<T>>)>();
        let (jobs, done, handed, advanced, stop, work) =
            (&jobs, &done, &handed, &advanced, &stop, &work);
        // The sender goes to this thread, and is dropped, so the receiving
        // loop below ends, once every worker is out of jobs.
        scope.spawn(move || {
            pool.broadcast(|_| {
                let mut taken = Vec::with_capacity(batch);
                loop {
                    if stop.load(Ordering::Relaxed) {
                        return;
                    }
                    let i = {
                        let mut jobs = jobs.lock().unwrap_or_else(PoisonError::into_inner);
                        taken.extend(jobs.1.by_ref().take(batch));
                        if taken.is_empty() {
                            return;
                        }
                        jobs.0 += 1;
                        jobs.0 - 1
                    };
                    if i >= handed.load(Ordering::Acquire) + window {
                        let mut finished = done.lock().unwrap_or_else(PoisonError::into_inner);
                        while i >= finished.handed + window && !stop.load(Ordering::Relaxed) {
                            finished.waiting += 1;
                            finished = advanced
                                .wait(finished)
                                .unwrap_or_else(PoisonError::into_inner);
                            finished.waiting -= 1;
                        }
                    }
                    if stop.load(Ordering::Relaxed) {
                        return;
                    }
                    // A job that panics (a bug) must not leave the other
                    // threads waiting for its batch: the panic goes to the
                    // receiving loop, which stops the run and passes it on.
                    let results = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        taken.drain(..).map(work).collect()
                    }));
                    let failed = results.is_err();
                    taken.clear();
                    // The receiver is gone only when `each` failed.
                    if tx.send((i, results)).is_err() || failed {
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
        loop {
            // A wait shorter than IDLE is the ordinary gap between results
            // of a busy run; only a longer one is worth a flush.
            let (i, results) = match rx.recv_timeout(IDLE) {
                Ok(received) => received,
                Err(RecvTimeoutError::Timeout) => {
                    if let Err(e) = idle() {
                        halt();
                        return Err(e);
                    }
                    match rx.recv() {
                        Ok(received) => received,
                        Err(_) => break,
                    }
                }
                Err(RecvTimeoutError::Disconnected) => break,
            };
            let results = match results {
                Ok(results) => results,
                Err(panic) => {
                    halt();
                    std::panic::resume_unwind(panic);
                }
            };
            pending.insert(i, results);
            while let Some(results) = pending.remove(&next) {
                next += 1;
                for result in results {
                    if let Err(e) = each(result) {
                        halt();
                        return Err(e);
                    }
                }
            }
            let mut finished = done.lock().unwrap_or_else(PoisonError::into_inner);
            finished.handed = next;
            handed.store(next, Ordering::Release);
            if finished.waiting > 0 {
                advanced.notify_all();
            }
        }
        Ok(())
    })
}

/// Runs `work` on every job in turn on the calling thread, and calls `each`
/// with each result as it is made: the run of one thread, which hands
/// nothing to another thread and wakes none (a hand-over and a wake-up per
/// batch cost as much as checking a small catalog). `idle` is called between
/// jobs once a few milliseconds have passed since it was last called, so
/// that a report is flushed while a long run goes on, as [`run_ordered`]
/// flushes it when results are slow to come.
///
/// Only for jobs whose taking does not wait on a reader that may stay open
/// (standard input, a stream's next record): the output made so far would
/// wait with it, where [`run_ordered`] flushes it.
///
/// Work that runs in parallel inside a job (the chunks of a large document)
/// runs in turn here: the calling thread is not a pool's.
///
/// # Errors
///
/// The first error `each` or `idle` returns.
pub fn run_here<J, T, E, I, W, F, D>(jobs: I, work: W, mut each: F, mut idle: D) -> Result<(), E>
where
    I: Iterator<Item = J>,
    W: Fn(J) -> T,
    F: FnMut(T) -> Result<(), E>,
    D: FnMut() -> Result<(), E>,
{
    let mut flushed = Instant::now();
    for job in jobs {
        each(work(job))?;
        if flushed.elapsed() >= IDLE {
            idle()?;
            flushed = Instant::now();
        }
    }
    Ok(())
}

/// How far the run has handed results on, and who waits for it.
#[derive(Default)]
struct Done {
    /// The number of batches handed to `each`.
    handed: usize,
    /// The threads waiting for `handed` to grow.
    waiting: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_that_panics_ends_the_run_instead_of_hanging_it() {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let pool = pool(2);
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                run_ordered(
                    &pool,
                    0..1000usize,
                    1,
                    |n| {
                        assert!(n != 3, "job 3 fails");
                        n
                    },
                    |_| Ok::<(), ()>(()),
                    || Ok(()),
                )
            }));
            let _ = tx.send(outcome.is_err());
        });
        let panicked = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("the run ended");
        assert!(panicked, "the job's panic is passed on");
    }

    fn pool(threads: usize) -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
    }

    #[test]
    fn a_run_here_hands_on_every_result_in_job_order_and_flushes_while_it_runs() {
        let mut seen = Vec::new();
        let mut idles = 0;
        let result: Result<(), ()> = run_here(
            0..40usize,
            |n| {
                if n % 10 == 9 {
                    std::thread::sleep(IDLE);
                }
                n * 2
            },
            |n| {
                seen.push(n);
                Ok(())
            },
            || {
                idles += 1;
                Ok(())
            },
        );
        assert_eq!(result, Ok(()));
        assert_eq!(seen, (0..40).map(|n| n * 2).collect::<Vec<_>>());
        // Each slow job is followed by a flush (quick ones seldom are, but a
        // busy machine may make any job slow).
        assert!(idles >= 4, "{idles} flushes");
    }

    #[test]
    fn a_run_here_stops_at_the_first_error() {
        let mut taken = 0;
        let result = run_here(
            (0..100usize).inspect(|_| taken += 1),
            |n| n,
            |n| if n == 5 { Err(n) } else { Ok(()) },
            || Ok(()),
        );
        assert_eq!(result, Err(5));
        assert_eq!(taken, 6, "no job is taken after the failure");
    }

    #[test]
    fn results_come_in_job_order() {
        let mut seen = Vec::new();
        let result: Result<(), ()> = run_ordered(
            &pool(3),
            0..500u64,
            7,
            |i| {
                // Uneven costs, so that jobs finish out of order.
                std::thread::sleep(std::time::Duration::from_micros((i * 7919) % 200));
                i * 2
            },
            |r| {
                seen.push(r);
                Ok(())
            },
            || Ok(()),
        );
        assert!(result.is_ok());
        assert_eq!(seen, (0..500).map(|i| i * 2).collect::<Vec<_>>());
    }

    /// How many jobs past the last one reported the furthest started job
    /// ever was, over 2,000 jobs taken `batch` at a time.
    fn most_ahead(threads: usize, batch: usize) -> usize {
        let started = std::sync::atomic::AtomicUsize::new(0);
        let mut most_ahead = 0;
        let mut reported = 0;
        let result: Result<(), ()> = run_ordered(
            &pool(threads),
            0..2000usize,
            batch,
            |i| {
                started.fetch_max(i, Ordering::SeqCst);
                i
            },
            |i| {
                most_ahead = most_ahead.max(started.load(Ordering::SeqCst) - reported);
                reported = i + 1;
                Ok(())
            },
            || Ok(()),
        );
        assert!(result.is_ok());
        most_ahead
    }

    #[test]
    fn no_job_starts_more_than_a_window_ahead() {
        let threads = 2;
        let most_ahead = most_ahead(threads, 1);
        assert!(
            most_ahead <= threads * WINDOW_PER_THREAD,
            "{most_ahead} jobs ahead"
        );
    }

    #[test]
    fn no_batch_starts_more_than_a_window_ahead() {
        let threads = 2;
        let batch = 4;
        let most_ahead = most_ahead(threads, batch);
        // The last job of the batch being handed on and those of the
        // window's batches after it.
        assert!(
            most_ahead < threads * BATCHES_PER_THREAD * batch,
            "{most_ahead} jobs ahead"
        );
    }

    #[test]
    fn an_error_stops_the_run() {
        let mut calls = 0;
        let result = run_ordered(
            &pool(2),
            0..100_000usize,
            1,
            |i| i,
            |i| {
                calls += 1;
                if i == 10 { Err("stop") } else { Ok(()) }
            },
            || Ok(()),
        );
        assert_eq!(result, Err("stop"));
        assert_eq!(calls, 11);
    }
}
