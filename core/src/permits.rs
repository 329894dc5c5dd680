//! Bounded expensive work: a fixed number of jobs run at once (password hashing, image
//! cleaning), a bounded number wait, and the rest are refused at once, so a burst costs a
//! quick `503` instead of memory piling up behind a lock.

use std::sync::{
    Arc,
    atomic::{AtomicUsize, Ordering},
};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// A pool of permits with a bounded queue.
#[derive(Debug, Clone)]
pub struct Permits {
    running: Arc<Semaphore>,
    waiting: Arc<AtomicUsize>,
    queue: usize,
}

/// Every permit is taken and the queue is full (or the pool is closed).
#[derive(Debug, Clone, Copy, thiserror::Error)]
#[error("too busy: the work queue is full")]
pub struct Busy;

impl Permits {
    /// `parallel` jobs at once (at least one), at most `queue` more waiting.
    pub fn new(parallel: usize, queue: usize) -> Permits {
        Permits {
            running: Arc::new(Semaphore::new(parallel.max(1))),
            waiting: Arc::new(AtomicUsize::new(0)),
            queue,
        }
    }

    /// A permit, after waiting in the queue if there is room in it; [`Busy`] otherwise.
    pub async fn acquire(&self) -> Result<OwnedSemaphorePermit, Busy> {
        if let Ok(permit) = self.running.clone().try_acquire_owned() {
            return Ok(permit);
        }
        let queued = self.waiting.fetch_add(1, Ordering::SeqCst);
        let _leave = Leave(&self.waiting);
        if queued >= self.queue {
            return Err(Busy);
        }
        self.running.clone().acquire_owned().await.map_err(|_| Busy)
    }
}

/// Leaves the queue when dropped (also when the waiting request is cancelled).
struct Leave<'a>(&'a AtomicUsize);

impl Drop for Leave<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn past_the_queue_requests_are_refused_at_once() {
        let permits = Permits::new(1, 2);
        let held = permits.acquire().await.expect("first runs");
        let waiting: Vec<_> = (0..2)
            .map(|_| {
                let p = permits.clone();
                tokio::spawn(async move { p.acquire().await.map(drop) })
            })
            .collect();
        // Let both waiters queue up.
        while permits.waiting.load(Ordering::SeqCst) < 2 {
            tokio::task::yield_now().await;
        }
        assert!(permits.acquire().await.is_err(), "queue full: refused");
        drop(held);
        for w in waiting {
            assert!(w.await.expect("joins").is_ok(), "queued ones run");
        }
        assert_eq!(permits.waiting.load(Ordering::SeqCst), 0);
        assert!(permits.acquire().await.is_ok(), "room again");
    }
}
