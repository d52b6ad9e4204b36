//! Files are read and parsed on worker threads, and what they make is
//! written in the order the walk found the files.
//!
//! The order is what makes an index a function of its archive: which of two
//! files with one meeting base gets the bare id (`ids`), the order of the
//! progress lines and the content of each commit do not depend on which
//! worker finished first, so a `--rebuild` gives the ids the first run gave.
//!
//! Workers take jobs from the front of the queue and may run ahead of the
//! writer by at most [`WINDOW`] jobs: results finished out of order wait in
//! memory, so one slow file (a large PDF) holds back at most that many.

use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::sync::{Condvar, Mutex, PoisonError};

/// How far workers may run ahead of the job written last.
pub(crate) const WINDOW: usize = 512;

/// The queue the workers take jobs from.
struct Queue<I> {
    jobs: I,
    /// Jobs handed to workers so far.
    taken: usize,
    /// Jobs written so far.
    written: usize,
    /// Set when `write` stopped the run: workers take no more jobs.
    stop: bool,
}

/// Runs `work` on every job on `workers` threads and calls `write` with each
/// job and its result in the jobs' order, on the calling thread. When
/// `write` breaks, the jobs not yet started are not run and no more results
/// are written.
pub(crate) fn in_order<J, R>(
    jobs: Vec<J>,
    workers: usize,
    work: impl Fn(&J) -> R + Sync,
    mut write: impl FnMut(J, R) -> ControlFlow<()>,
) where
    J: Send,
    R: Send,
{
    let workers = workers.max(1);
    let queue = Mutex::new(Queue {
        jobs: jobs.into_iter().enumerate(),
        taken: 0,
        written: 0,
        stop: false,
    });
    let room = Condvar::new();
    let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, J, R)>(workers * 4);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let (tx, queue, room, work) = (tx.clone(), &queue, &room, &work);
            scope.spawn(move || {
                loop {
                    let (i, job) = {
                        let mut q = queue.lock().unwrap_or_else(PoisonError::into_inner);
                        while !q.stop && q.taken >= q.written + WINDOW {
                            q = room.wait(q).unwrap_or_else(PoisonError::into_inner);
                        }
                        if q.stop {
                            return;
                        }
                        let Some(next) = q.jobs.next() else { return };
                        q.taken += 1;
                        next
                    };
                    let result = work(&job);
                    if tx.send((i, job, result)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        let mut waiting: BTreeMap<usize, (J, R)> = BTreeMap::new();
        let mut next = 0usize;
        let mut stopped = false;
        // Every result is received, also after a stop, so that no worker
        // stays blocked on a full channel.
        for (i, job, result) in rx {
            if stopped {
                continue;
            }
            waiting.insert(i, (job, result));
            while let Some((job, result)) = waiting.remove(&next) {
                next += 1;
                let flow = write(job, result);
                let mut q = queue.lock().unwrap_or_else(PoisonError::into_inner);
                q.written = next;
                if flow.is_break() {
                    q.stop = true;
                    stopped = true;
                    waiting.clear();
                }
                drop(q);
                room.notify_all();
                if stopped {
                    break;
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_are_written_in_the_jobs_order_whatever_finishes_first() {
        // Early jobs take longest, so they finish last.
        let jobs: Vec<u64> = (0..40).collect();
        let mut written = Vec::new();
        in_order(
            jobs,
            4,
            |&j| {
                std::thread::sleep(std::time::Duration::from_millis((40 - j) / 4));
                j * 10
            },
            |j, r| {
                written.push((j, r));
                ControlFlow::Continue(())
            },
        );
        let expected: Vec<(u64, u64)> = (0..40).map(|j| (j, j * 10)).collect();
        assert_eq!(written, expected);
    }

    #[test]
    fn workers_run_ahead_by_at_most_the_window() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let started = AtomicUsize::new(0);
        let mut most_ahead = 0;
        let mut written = 0;
        in_order(
            (0..WINDOW * 3).collect::<Vec<usize>>(),
            3,
            |&j| {
                started.fetch_add(1, Ordering::SeqCst);
                // The first job is slow: the others pile up behind it.
                if j == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(200));
                }
            },
            |_, ()| {
                most_ahead = most_ahead.max(started.load(Ordering::SeqCst) - written);
                written += 1;
                ControlFlow::Continue(())
            },
        );
        assert_eq!(written, WINDOW * 3);
        assert!(most_ahead <= WINDOW, "{most_ahead} jobs ran ahead");
        assert!(most_ahead > WINDOW / 2, "the workers did not run ahead");
    }

    #[test]
    fn a_stop_runs_no_more_jobs_and_writes_nothing_more() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let ran = AtomicUsize::new(0);
        let mut written = Vec::new();
        in_order(
            (0..WINDOW * 4).collect::<Vec<usize>>(),
            2,
            |&j| {
                ran.fetch_add(1, Ordering::SeqCst);
                j
            },
            |j, _| {
                written.push(j);
                if j == 5 {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            },
        );
        assert_eq!(written, [0, 1, 2, 3, 4, 5]);
        assert!(ran.load(Ordering::SeqCst) < WINDOW * 4);
    }
}
