//! What the benchmark prints: a JSON line per store, then the stores side by side.

use std::time::Duration;

use serde_json::{Value, json};

use super::{PAGE, Settings};

/// One store's figures.
pub(crate) struct Figures {
    pub(crate) seeded_by: &'static str,
    pub(crate) seeding: Timing,
    pub(crate) inserts: Timing,
    pub(crate) reads: Timing,
    pub(crate) joins: Timing,
}

/// How long a run took, and each call in it.
pub(crate) struct Timing {
    pub(crate) total: Duration,
    pub(crate) calls: Vec<Duration>,
}

impl Timing {
    /// Calls per second over the whole run.
    pub(crate) fn per_sec(&self) -> f64 {
        round(self.calls.len() as f64 / self.total.as_secs_f64())
    }

    /// The latency below which `percent` of the calls finished, in milliseconds.
    pub(crate) fn percentile_ms(&self, percent: f64) -> f64 {
        let mut sorted = self.calls.clone();
        sorted.sort();
        let rank = ((percent / 100.0) * sorted.len() as f64).ceil() as usize;
        let at = rank.clamp(1, sorted.len().max(1)) - 1;
        sorted
            .get(at)
            .map_or(0.0, |latency| round(latency.as_secs_f64() * 1000.0))
    }
}

/// One store's JSON line: its figures, or the error that stopped it.
pub(crate) fn json_line(
    name: &str,
    result: &Result<Figures, String>,
    settings: &Settings,
) -> Value {
    let figures = match result {
        Ok(figures) => figures,
        Err(problem) => return json!({ "store": name, "error": problem }),
    };
    json!({
        "store": name,
        "concurrency": settings.concurrency,
        "messages": settings.messages,
        "seeded_by": figures.seeded_by,
        "seed_secs": round(figures.seeding.total.as_secs_f64()),
        "inserts": figures.inserts.calls.len(),
        "message_inserts_per_sec": figures.inserts.per_sec(),
        "insert_p99_ms": figures.inserts.percentile_ms(99.0),
        "history_pages": figures.reads.calls.len(),
        "history_page_size": PAGE,
        "history_reads_per_sec": figures.reads.per_sec(),
        "history_p50_ms": figures.reads.percentile_ms(50.0),
        "history_p99_ms": figures.reads.percentile_ms(99.0),
        "joins": figures.joins.calls.len(),
        "joins_per_sec": figures.joins.per_sec(),
        "join_p99_ms": figures.joins.percentile_ms(99.0),
    })
}

/// Prints the stores' figures side by side as a Markdown table, then why any failed.
pub(crate) fn print_table(results: &[(&str, Result<Figures, String>)], settings: &Settings) {
    type Cell = fn(&Figures) -> String;
    let rows: [(&str, Cell); 5] = [
        ("channel filled by, in", |f| {
            format!("{}, {:.1} s", f.seeded_by, f.seeding.total.as_secs_f64())
        }),
        ("message inserts/s (calls)", |f| {
            format!("{:.1} ({})", f.inserts.per_sec(), f.inserts.calls.len())
        }),
        ("history pages/s (calls)", |f| {
            format!("{:.1} ({})", f.reads.per_sec(), f.reads.calls.len())
        }),
        ("history page p50 / p99 ms", |f| {
            let (p50, p99) = (f.reads.percentile_ms(50.0), f.reads.percentile_ms(99.0));
            format!("{p50:.1} / {p99:.1}")
        }),
        ("guild joins/s (calls)", |f| {
            format!("{:.1} ({})", f.joins.per_sec(), f.joins.calls.len())
        }),
    ];

    let names: Vec<&str> = results.iter().map(|(name, _)| *name).collect();
    println!(
        "| {} messages, {} callers | {} |",
        settings.messages,
        settings.concurrency,
        names.join(" | ")
    );
    println!("|---|{}", "---|".repeat(names.len()));
    for (label, cell) in rows {
        let cells: Vec<String> = results
            .iter()
            .map(|(_, result)| result.as_ref().map_or_else(|_| "failed".to_owned(), cell))
            .collect();
        println!("| {label} | {} |", cells.join(" | "));
    }
    for (name, result) in results {
        if let Err(problem) = result {
            println!("\n{name} failed: {problem}");
        }
    }
}

/// `value` rounded to two decimals.
fn round(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}
