//! `concord-store-bench`: the embedded store and the MongoDB store under the same load,
//! through the storage port, one JSON line per store.
//!
//! For each store it measures, with `--concurrency` callers at once:
//! - message inserts per second, filling one channel with `--messages` messages;
//! - history page reads per second (50 messages before a cursor picked at random from
//!   the middle 80% of that channel), with median and 99th-percentile latency;
//! - guild joins per second through one unlimited invite (`join_by_invite`).
//!
//! Reads and joins stop at `--reads` and `--joins` calls or after `--seconds` each,
//! whichever comes first; the JSON line tells how many were made.
//!
//! ```text
//! cargo run --release -p concord-tests --bin concord-store-bench -- \
//!     --mongodb-uri mongodb://127.0.0.1:27018 [--messages 100000] [--reads 5000] \
//!     [--joins 2000] [--concurrency 16] [--seconds 60]
//! ```
//!
//! The MongoDB URI may also come from `CONCORD_TEST_MONGODB_URI`. The embedded store
//! writes to a fresh file in the system's temporary folder; MongoDB gets a fresh
//! database. Both are removed afterwards.

use std::collections::VecDeque;
use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use concord_domain::id::MessageId;
use concord_domain::message::Message;
use concord_embedded_store::EmbeddedStore;
use concord_mongodb_store::{ConnectOptions, MongoStore};
use concord_ports::store::{GuildBundle, HistoryPage, Store};
use concord_tests::store_contract::fixtures::{
    NOW, fresh_id, invite, member, message, owned_guild,
};
use serde_json::json;

/// Messages per history page.
const PAGE: usize = 50;

/// What to run, from the command line.
struct Settings {
    mongodb_uri: String,
    messages: usize,
    reads: usize,
    joins: usize,
    concurrency: usize,
    seconds: u64,
}

#[tokio::main]
async fn main() -> ExitCode {
    let settings = match parse(std::env::args().skip(1)) {
        Ok(settings) => settings,
        Err(problem) => {
            eprintln!("concord-store-bench: {problem}");
            return ExitCode::FAILURE;
        }
    };
    match run(&settings).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            eprintln!("concord-store-bench: {problem}");
            ExitCode::FAILURE
        }
    }
}

/// Reads `--name value` pairs; the MongoDB URI is required one way or the other.
fn parse(mut args: impl Iterator<Item = String>) -> Result<Settings, String> {
    let mut settings = Settings {
        mongodb_uri: std::env::var("CONCORD_TEST_MONGODB_URI").unwrap_or_default(),
        messages: 100_000,
        reads: 5_000,
        joins: 2_000,
        concurrency: 16,
        seconds: 60,
    };
    while let Some(name) = args.next() {
        let value = args.next().ok_or_else(|| format!("{name} needs a value"))?;
        let count = || {
            value
                .parse::<usize>()
                .ok()
                .filter(|count| *count > 0)
                .ok_or_else(|| format!("{name} needs a positive number, not {value:?}"))
        };
        match name.as_str() {
            "--mongodb-uri" => settings.mongodb_uri = value.clone(),
            "--messages" => settings.messages = count()?.max(PAGE * 2),
            "--reads" => settings.reads = count()?,
            "--joins" => settings.joins = count()?,
            "--concurrency" => settings.concurrency = count()?,
            "--seconds" => settings.seconds = count()? as u64,
            _ => return Err(format!("unknown option {name}")),
        }
    }
    if settings.mongodb_uri.is_empty() {
        return Err("give --mongodb-uri or set CONCORD_TEST_MONGODB_URI \
                    (tests/services/secantusdb.sh start prints one)"
            .to_owned());
    }
    Ok(settings)
}

/// Benchmarks both stores and removes what they wrote.
async fn run(settings: &Settings) -> Result<(), String> {
    let folder = std::env::temp_dir().join(format!("concord-bench-{}", random_suffix()));
    let embedded = EmbeddedStore::open(&folder.join("concord.redb"))
        .map_err(|error| format!("opening the embedded store: {error}"))?;
    let result = bench("embedded", Arc::new(embedded), settings).await;
    remove_folder(&folder);
    result?;

    let database = format!("concord_bench_{}", random_suffix());
    let options = ConnectOptions {
        database: Some(database.clone()),
        ..ConnectOptions::default()
    };
    let mongo = MongoStore::connect_with(&settings.mongodb_uri, options)
        .await
        .map_err(|error| format!("connecting to MongoDB: {error}"))?;
    let result = bench("mongodb", Arc::new(mongo), settings).await;
    drop_database(&settings.mongodb_uri, &database).await;
    result
}

/// Runs the three measurements on `store` and prints one JSON line.
async fn bench(name: &str, store: Arc<dyn Store>, settings: &Settings) -> Result<(), String> {
    let (owner, bundle) = owned_guild(&*store).await;
    let channel = bundle.general.id;
    let sent: Vec<Message> = (0..settings.messages)
        .map(|n| message(channel, owner.id, &format!("benchmark message {n}")))
        .collect();
    let ids: Arc<Vec<MessageId>> = Arc::new(sent.iter().map(|message| message.id).collect());

    eprintln!("{name}: inserting {} messages", sent.len());
    let inserts = timed(sent, settings.concurrency, None, {
        let store = store.clone();
        move |message: Message| {
            let store = store.clone();
            async move { store.create_message(&message).await.map(drop) }
        }
    })
    .await?;

    let cursors: Vec<MessageId> = (0..settings.reads).map(|_| deep_cursor(&ids)).collect();
    eprintln!("{name}: reading history pages");
    let reads = timed(cursors, settings.concurrency, Some(settings.seconds), {
        let store = store.clone();
        move |cursor: MessageId| {
            let store = store.clone();
            async move {
                let page = store
                    .messages(channel, HistoryPage::Before(cursor), PAGE)
                    .await?;
                if page.len() == PAGE {
                    Ok(())
                } else {
                    Err(concord_ports::store::StoreError::Internal(
                        "short page".into(),
                    ))
                }
            }
        }
    })
    .await?;

    eprintln!("{name}: joining");
    let joins = join_load(&store, &bundle, settings).await?;
    let line = json!({
        "store": name,
        "concurrency": settings.concurrency,
        "messages": settings.messages,
        "message_inserts_per_sec": inserts.per_sec(),
        "history_pages": reads.calls.len(),
        "history_page_size": PAGE,
        "history_reads_per_sec": reads.per_sec(),
        "history_p50_ms": reads.percentile_ms(50.0),
        "history_p99_ms": reads.percentile_ms(99.0),
        "joins": joins.calls.len(),
        "joins_per_sec": joins.per_sec(),
        "join_p99_ms": joins.percentile_ms(99.0),
    });
    println!("{line}");
    Ok(())
}

/// Fresh users joining one guild through one invite without limits.
async fn join_load(
    store: &Arc<dyn Store>,
    bundle: &GuildBundle,
    settings: &Settings,
) -> Result<Timing, String> {
    let code = invite(bundle);
    store
        .create_invite(&code)
        .await
        .map_err(|error| format!("creating the invite: {error}"))?;
    let guild = bundle.guild.id;
    let joiners: Vec<_> = (0..settings.joins)
        .map(|_| member(guild, fresh_id()))
        .collect();
    let store = store.clone();
    timed(
        joiners,
        settings.concurrency,
        Some(settings.seconds),
        move |joiner| {
            let (store, code) = (store.clone(), code.code.clone());
            async move { store.join_by_invite(&code, &joiner, NOW).await.map(drop) }
        },
    )
    .await
}

/// How long a run took, and each call in it.
struct Timing {
    total: Duration,
    calls: Vec<Duration>,
}

impl Timing {
    /// Calls per second over the whole run.
    fn per_sec(&self) -> f64 {
        round(self.calls.len() as f64 / self.total.as_secs_f64())
    }

    /// The latency below which `percent` of the calls finished, in milliseconds.
    fn percentile_ms(&self, percent: f64) -> f64 {
        let mut sorted = self.calls.clone();
        sorted.sort();
        let rank = ((percent / 100.0) * sorted.len() as f64).ceil() as usize;
        let at = rank.clamp(1, sorted.len().max(1)) - 1;
        sorted
            .get(at)
            .map_or(0.0, |latency| round(latency.as_secs_f64() * 1000.0))
    }
}

/// Runs `call` on every item with `concurrency` workers and times each call; with a
/// limit in seconds, workers take no new item once it has passed.
async fn timed<T, F, Fut>(
    items: Vec<T>,
    concurrency: usize,
    limit_secs: Option<u64>,
    call: F,
) -> Result<Timing, String>
where
    T: Send + 'static,
    F: Fn(T) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = Result<(), concord_ports::store::StoreError>> + Send,
{
    let queue = Arc::new(std::sync::Mutex::new(VecDeque::from(items)));
    let started = Instant::now();
    let deadline = limit_secs.map(|secs| started + Duration::from_secs(secs));
    let workers: Vec<_> = (0..concurrency)
        .map(|_| {
            let (queue, call) = (queue.clone(), call.clone());
            tokio::spawn(async move {
                let mut calls = Vec::new();
                loop {
                    if deadline.is_some_and(|deadline| Instant::now() >= deadline) {
                        return Ok(calls);
                    }
                    let next = queue.lock().map_err(|_| "queue poisoned")?.pop_front();
                    let Some(item) = next else {
                        return Ok::<_, String>(calls);
                    };
                    let began = Instant::now();
                    call(item).await.map_err(|error| error.to_string())?;
                    calls.push(began.elapsed());
                }
            })
        })
        .collect();

    let mut calls = Vec::new();
    for worker in workers {
        calls.extend(worker.await.map_err(|error| error.to_string())??);
    }
    Ok(Timing {
        total: started.elapsed(),
        calls,
    })
}

/// An id from the middle 80% of the channel, with at least a page before it.
fn deep_cursor(ids: &[MessageId]) -> MessageId {
    let (low, high) = (ids.len() / 10, ids.len() * 9 / 10);
    let span = (high - low).max(1) as u64;
    let at = low + (random_suffix() % span) as usize;
    ids[at.max(PAGE)]
}

/// A random number, from the standard library's per-process hash keys.
fn random_suffix() -> u64 {
    RandomState::new().build_hasher().finish()
}

/// `value` rounded to two decimals.
fn round(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// Removes the embedded store's folder, saying so if that fails.
fn remove_folder(folder: &Path) {
    if let Err(error) = std::fs::remove_dir_all(folder) {
        eprintln!("could not remove {}: {error}", folder.display());
    }
}

/// Drops the benchmark's database, saying so if that fails.
async fn drop_database(uri: &str, database: &str) {
    let dropped = match mongodb::Client::with_uri_str(uri).await {
        Ok(client) => client.database(database).drop().into_future().await,
        Err(error) => Err(error),
    };
    if let Err(error) = dropped {
        eprintln!("could not drop the database {database}: {error}");
    }
}
