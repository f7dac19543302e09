//! The threads that run searches: a fixed number of them, each taking the next piece of work
//! in arrival order as soon as it is done with one.
//!
//! Searches are synchronous and take the CPU for a millisecond or more, so they run off the
//! async runtime. Running each on tokio's blocking pool behind a semaphore left the cores idle
//! between two searches: the slot freed by one woke a waiting request on a runtime thread,
//! which then handed its search to a blocking thread. Here the thread that finishes a search
//! starts the next waiting one itself. With four slots on two cores the CPU was idle 3 % of
//! the time under load, with three 7 % (docs/benchmarks.md, "Searches fed to their threads").

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use crossbeam_channel::{Receiver, Sender};

/// A piece of work for a search thread.
type Job = Box<dyn FnOnce() + Send>;

/// `threads` search threads fed from one queue. The threads end when the last handle to the
/// queue is dropped (with the state that holds it), after the work already queued.
pub(super) struct Workers {
    queue: Sender<Job>,
    running: Arc<AtomicUsize>,
}

impl Workers {
    /// Starts `threads` threads (at least one).
    pub(super) fn start(threads: usize) -> std::io::Result<Workers> {
        let (queue, jobs) = crossbeam_channel::unbounded::<Job>();
        let running = Arc::new(AtomicUsize::new(0));
        for n in 0..threads.max(1) {
            let jobs = jobs.clone();
            std::thread::Builder::new()
                .name(format!("vacancy-search-{n}"))
                .spawn(move || work(&jobs))?;
        }
        Ok(Workers { queue, running })
    }

    /// Runs `work` on a search thread once one is free and waits for its result. Work whose
    /// caller has gone away (a request abandoned at its timeout) before a thread took it is
    /// skipped; work already started runs to its end. `None` when the work panicked.
    pub(super) async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Option<T> {
        let (answer, answered) = tokio::sync::oneshot::channel();
        let running = Arc::clone(&self.running);
        let job: Job = Box::new(move || {
            if answer.is_closed() {
                return;
            }
            running.fetch_add(1, Ordering::SeqCst);
            let done = catch_unwind(AssertUnwindSafe(work));
            // Counted out before the caller hears of it.
            running.fetch_sub(1, Ordering::SeqCst);
            if let Ok(done) = done {
                // A caller gone meanwhile drops the result; nothing else is to be done.
                let _ = answer.send(done);
            }
        });
        // The threads hold the other end for as long as `self` lives.
        self.queue.send(job).ok()?;
        answered.await.ok()
    }

    /// Work running now.
    pub(super) fn running(&self) -> usize {
        self.running.load(Ordering::SeqCst)
    }
}

/// A search thread: takes work until the queue is dropped.
fn work(jobs: &Receiver<Job>) {
    for job in jobs {
        job();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test]
    async fn work_runs_on_the_threads_and_a_panic_is_reported_and_survived() {
        let workers = Workers::start(1).unwrap();
        let name = workers
            .run(|| std::thread::current().name().map(str::to_owned))
            .await;
        assert_eq!(name, Some(Some("vacancy-search-0".to_owned())));
        assert_eq!(workers.run(|| -> u32 { panic!("boom") }).await, None);
        // The one thread is still there.
        assert_eq!(workers.run(|| 7).await, Some(7));
        assert_eq!(workers.running(), 0);
    }

    #[tokio::test]
    async fn work_abandoned_before_it_started_is_skipped() {
        let workers = Workers::start(1).unwrap();
        let (started, has_started) = tokio::sync::oneshot::channel::<()>();
        let (release, released) = std::sync::mpsc::channel::<()>();
        let blocker = workers.run(move || {
            started.send(()).unwrap();
            released.recv().unwrap();
        });
        let ran = Arc::new(AtomicUsize::new(0));
        let abandoned = {
            let ran = Arc::clone(&ran);
            workers.run(move || ran.fetch_add(1, Ordering::SeqCst))
        };
        let (blocked, gave_up) = tokio::join!(blocker, async {
            has_started.await.unwrap();
            // The only thread is busy: this caller gives up while its work waits.
            let gave_up = tokio::time::timeout(Duration::from_millis(20), abandoned)
                .await
                .is_err();
            release.send(()).unwrap();
            gave_up
        });
        assert_eq!(blocked, Some(()));
        assert!(gave_up);
        // The next piece of work runs after the skipped one.
        assert_eq!(workers.run(|| 1).await, Some(1));
        assert_eq!(ran.load(Ordering::SeqCst), 0);
    }
}
