//! `concord-store-bench`: the embedded store and the MongoDB store under the same load,
//! through the storage port: one JSON line per store, then a table of both side by side.
//!
//! For each store it first fills one channel with `--messages` messages (100,000 by
//! default), then measures, with `--concurrency` callers at once:
//! - message inserts per second: `--inserts` more messages stored one at a time with
//!   `create_message`, at the end of that channel;
//! - history page reads per second (50 messages before a cursor picked at random from
//!   the middle 80% of the filled channel), with median and 99th-percentile latency;
//! - guild joins per second through one unlimited invite (`join_by_invite`).
//!
//! Filling the channel is timed but is not one of the figures. The embedded store is
//! filled through the port, `--concurrency` inserts at a time: it has no bulk path and
//! needed 25–50 s for 100,000 messages here. MongoDB is filled with the adapter's bulk
//! path, `MongoStore::import_messages`, 1,000 messages per insert, `--concurrency`
//! inserts at a time (1, 4 or 16 at a time filled 10,000 messages equally fast). On
//! SecantusDB that took 17–61 s for 100,000 messages; at its 18–164 inserts/s through
//! the port the same fill would need 10 to 90 minutes. Inserts, reads and joins stop at
//! their count or after `--seconds` each, whichever comes first; the JSON line tells
//! how many were made.
//!
//! ```text
//! cargo run --release -p concord-tests --bin concord-store-bench -- \
//!     --mongodb-uri mongodb://127.0.0.1:27018 [--messages 100000] [--inserts 5000] \
//!     [--reads 5000] [--joins 2000] [--concurrency 16] [--seconds 60]
//! ```
//!
//! The MongoDB URI may also come from `CONCORD_TEST_MONGODB_URI`. The embedded store
//! writes to a fresh file in the system's temporary folder; MongoDB gets a fresh
//! database. Both are removed afterwards. A store that fails gets a JSON line with its
//! error and a column of "failed"; the other's figures are printed all the same, and
//! the exit status is 1.

mod report;

use std::collections::VecDeque;
use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use concord_domain::id::{ChannelId, MessageId};
use concord_domain::message::Message;
use concord_embedded_store::EmbeddedStore;
use concord_mongodb_store::{ConnectOptions, MongoStore};
use concord_ports::store::{GuildBundle, HistoryPage, Store, StoreError};
use concord_tests::store_contract::fixtures::{
    NOW, fresh_id, invite, member, message, owned_guild,
};

use crate::report::{Figures, Timing, json_line, print_table};

/// Messages per history page.
const PAGE: usize = 50;

/// Messages per bulk insert when filling MongoDB's channel.
const SEED_BATCH: usize = 1_000;

/// What to run, from the command line.
#[derive(Clone)]
struct Settings {
    mongodb_uri: String,
    messages: usize,
    inserts: usize,
    reads: usize,
    joins: usize,
    concurrency: usize,
    seconds: u64,
}

/// How a store's channel is filled before the measurements.
enum Seeding {
    /// One `create_message` per message, through the port.
    Port,
    /// `MongoStore::import_messages`, [`SEED_BATCH`] messages at a time.
    Bulk(MongoStore),
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

    let mut results = Vec::new();
    for name in ["embedded", "mongodb"] {
        let result = match name {
            "embedded" => embedded(&settings).await,
            _ => mongodb(&settings).await,
        };
        if let Err(problem) = &result {
            eprintln!("concord-store-bench: {name}: {problem}");
        }
        println!("{}", json_line(name, &result, &settings));
        results.push((name, result));
    }

    println!();
    print_table(&results, &settings);
    if results.iter().all(|(_, result)| result.is_ok()) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Reads `--name value` pairs; the MongoDB URI is required one way or the other.
fn parse(mut args: impl Iterator<Item = String>) -> Result<Settings, String> {
    let mut settings = Settings {
        mongodb_uri: std::env::var("CONCORD_TEST_MONGODB_URI").unwrap_or_default(),
        messages: 100_000,
        inserts: 5_000,
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
            "--inserts" => settings.inserts = count()?,
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

/// Benchmarks the embedded store in a fresh folder, removed afterwards.
async fn embedded(settings: &Settings) -> Result<Figures, String> {
    let folder = std::env::temp_dir().join(format!("concord-bench-{}", random_suffix()));
    let result = match EmbeddedStore::open(&folder.join("concord.redb")) {
        Ok(store) => guarded("embedded", Arc::new(store), Seeding::Port, settings).await,
        Err(error) => Err(format!("opening the embedded store: {error}")),
    };
    remove_folder(&folder);
    result
}

/// Benchmarks MongoDB on a fresh database, dropped afterwards.
async fn mongodb(settings: &Settings) -> Result<Figures, String> {
    let database = format!("concord_bench_{}", random_suffix());
    let options = ConnectOptions {
        database: Some(database.clone()),
        ..ConnectOptions::default()
    };
    let mongo = MongoStore::connect_with(&settings.mongodb_uri, options)
        .await
        .map_err(|error| format!("connecting to MongoDB: {error}"))?;
    let seeding = Seeding::Bulk(mongo.clone());
    let result = guarded("mongodb", Arc::new(mongo), seeding, settings).await;
    drop_database(&settings.mongodb_uri, &database).await;
    result
}

/// Runs [`bench`] as a task of its own, so that a panic (the fixtures panic when a
/// store refuses them) becomes this store's error instead of ending the run.
async fn guarded(
    name: &'static str,
    store: Arc<dyn Store>,
    seeding: Seeding,
    settings: &Settings,
) -> Result<Figures, String> {
    let settings = settings.clone();
    tokio::spawn(async move { bench(name, store, seeding, &settings).await })
        .await
        .unwrap_or_else(|error| Err(format!("the benchmark panicked: {error}")))
}

/// Fills a channel of `store`, then runs the three measurements on it.
async fn bench(
    name: &str,
    store: Arc<dyn Store>,
    seeding: Seeding,
    settings: &Settings,
) -> Result<Figures, String> {
    let (owner, bundle) = owned_guild(&*store).await;
    let channel = bundle.general.id;
    let batch = |count: usize, what: &str| -> Vec<Message> {
        (0..count)
            .map(|n| message(channel, owner.id, &format!("{what} {n}")))
            .collect()
    };

    let insert = {
        let store = store.clone();
        move |message: Message| {
            let store = store.clone();
            async move { store.create_message(&message).await.map(drop) }
        }
    };
    let (concurrency, limit) = (settings.concurrency, Some(settings.seconds));

    let seeded = batch(settings.messages, "seeded message");
    let ids: Vec<MessageId> = seeded.iter().map(|message| message.id).collect();
    eprintln!("{name}: filling the channel with {} messages", seeded.len());
    let (seeded_by, seeding) = seed(seeding, seeded, concurrency, insert.clone()).await?;
    eprintln!("{name}: filled in {:.1} s", seeding.total.as_secs_f64());

    eprintln!("{name}: inserting up to {} messages", settings.inserts);
    let more = batch(settings.inserts, "inserted message");
    let inserts = timed(more, concurrency, limit, insert).await?;

    eprintln!("{name}: reading history pages");
    let reads = read_load(&store, channel, &ids, settings).await?;

    eprintln!("{name}: joining");
    let joins = join_load(&store, &bundle, settings).await?;
    Ok(Figures {
        seeded_by,
        seeding,
        inserts,
        reads,
        joins,
    })
}

/// Stores `messages` the way `seeding` says, through the port with `insert` or in
/// bulk, and names that way.
async fn seed<F, Fut>(
    seeding: Seeding,
    messages: Vec<Message>,
    concurrency: usize,
    insert: F,
) -> Result<(&'static str, Timing), String>
where
    F: Fn(Message) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = Result<(), StoreError>> + Send,
{
    match seeding {
        Seeding::Port => Ok(("port", timed(messages, concurrency, None, insert).await?)),
        Seeding::Bulk(mongo) => {
            let batches: Vec<Vec<Message>> =
                messages.chunks(SEED_BATCH).map(<[_]>::to_vec).collect();
            let import = move |batch: Vec<Message>| {
                let mongo = mongo.clone();
                async move { mongo.import_messages(&batch).await }
            };
            Ok(("bulk", timed(batches, concurrency, None, import).await?))
        }
    }
}

/// Full pages of history before cursors deep in the channel of `ids`.
async fn read_load(
    store: &Arc<dyn Store>,
    channel: ChannelId,
    ids: &[MessageId],
    settings: &Settings,
) -> Result<Timing, String> {
    let cursors: Vec<MessageId> = (0..settings.reads).map(|_| deep_cursor(ids)).collect();
    let store = store.clone();
    timed(
        cursors,
        settings.concurrency,
        Some(settings.seconds),
        move |cursor| {
            let store = store.clone();
            async move {
                let page = store
                    .messages(channel, HistoryPage::Before(cursor), PAGE)
                    .await?;
                if page.len() == PAGE {
                    Ok(())
                } else {
                    Err(StoreError::Internal(format!("short page: {}", page.len())))
                }
            }
        },
    )
    .await
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
    let limit = Some(settings.seconds);
    timed(joiners, settings.concurrency, limit, move |joiner| {
        let (store, code) = (store.clone(), code.code.clone());
        async move { store.join_by_invite(&code, &joiner, NOW).await.map(drop) }
    })
    .await
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
    Fut: Future<Output = Result<(), StoreError>> + Send,
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
