//! Group commit: one thread runs every write transaction, and writes that arrive while
//! the disk is busy share one flush.
//!
//! A durable redb commit waits for the disk (an fsync, a millisecond or more), and redb
//! runs one write transaction at a time, so with one flush per write, concurrent writers
//! queue behind each other's flushes and latency grows with load. Here the writer thread
//! takes every job waiting in its queue as one batch. A lone job commits with immediate
//! durability, as before. In a larger batch each job commits on its own without a flush
//! (redb's `Durability::None`), so one job's failure still aborts only its own
//! transaction, and then one empty durable commit makes the whole batch durable at once.
//! Callers are answered only after that flush: nothing is acknowledged before it is on
//! disk, and a crash before the flush loses only unanswered writes.
//!
//! The price: between a job's own commit and the batch's flush, readers can already see
//! its change. A crash in that window, a millisecond or two, takes back a change that a
//! reader saw but whose writer was never told it succeeded.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;

use redb::{Database, Durability};

/// Jobs taken into one batch at most, so that a long queue still gets answers in turn.
const MAX_BATCH: usize = 256;

/// A write queued for the writer thread. It runs its transaction with the durability it
/// is given and returns how to answer its caller once the batch's flush is known.
pub(crate) type Job = Box<dyn FnOnce(&Database, Durability) -> Answer + Send>;

/// Answers a caller: `Ok` once its batch is on disk, or why the flush failed.
pub(crate) type Answer = Box<dyn FnOnce(Result<(), &str>) + Send>;

/// The handle of the writer thread. Dropping it lets the thread finish what is queued
/// and waits for it, so that the database file is closed when the last store is gone.
#[derive(Debug)]
pub(crate) struct Writer {
    queue: Option<Sender<Job>>,
    thread: Option<JoinHandle<()>>,
}

/// The writer thread is gone; only a panic outside a job can cause it.
#[derive(Debug)]
pub(crate) struct WriterGone;

impl Writer {
    /// Starts the writer thread for `db`.
    pub(crate) fn start(db: Arc<Database>) -> std::io::Result<Self> {
        let (queue, jobs) = channel();
        let thread = std::thread::Builder::new()
            .name("concord-store-writer".into())
            .spawn(move || run(&db, &jobs))?;
        Ok(Self {
            queue: Some(queue),
            thread: Some(thread),
        })
    }

    /// Queues `job`.
    pub(crate) fn submit(&self, job: Job) -> Result<(), WriterGone> {
        let queue = self.queue.as_ref().ok_or(WriterGone)?;
        queue.send(job).map_err(|_| WriterGone)
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        drop(self.queue.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The writer thread: batches until every sender is gone.
fn run(db: &Database, jobs: &Receiver<Job>) {
    while let Ok(first) = jobs.recv() {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match jobs.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }

        tracing::trace!(writes = batch.len(), "committing a batch of writes");
        if batch.len() == 1 {
            let answers = run_jobs(db, batch, Durability::Immediate);
            answer(answers, Ok(()));
        } else {
            let answers = run_jobs(db, batch, Durability::None);
            let flushed = flush(db);
            if let Err(reason) = &flushed {
                tracing::error!(%reason, "flushing a batch of writes to disk failed");
            }
            answer(answers, flushed.as_ref().map_err(String::as_str).copied());
        }
    }
}

/// Runs each job's transaction. A job that panics is left out: its caller finds its
/// answer dropped and reports the write as failed.
fn run_jobs(db: &Database, batch: Vec<Job>, durability: Durability) -> Vec<Answer> {
    batch
        .into_iter()
        .filter_map(|job| catch_unwind(AssertUnwindSafe(|| job(db, durability))).ok())
        .collect()
}

/// Makes every commit so far durable with one empty, immediately durable commit.
fn flush(db: &Database) -> Result<(), String> {
    let tx = db.begin_write().map_err(|err| format!("flush: {err}"))?;
    tx.commit().map_err(|err| format!("flush: {err}"))
}

fn answer(answers: Vec<Answer>, flushed: Result<(), &str>) {
    for answer in answers {
        answer(flushed);
    }
}
