//! Storage metrics: a decorator of the storage port that times every call and delegates.
//!
//! [`TimedStore`] wraps whichever adapter the configuration chose and is what the core
//! receives, so every operation is measured by adapter and operation name without the
//! adapters or the core knowing. It also counts messages actually created (a retried
//! nonce that returns the first message is not a new one).

mod delegate;

use std::future::Future;
use std::sync::Arc;
use std::time::Instant;

use concord_ports::store::{Store, StoreError};
use prometheus::{HistogramOpts, HistogramVec, IntCounter, IntCounterVec, Opts, Registry};

/// Storage latency buckets in seconds, from an in-memory hit to a stalled database.
const LATENCY_BUCKETS: &[f64] = &[
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
];

/// The storage metrics of one server. Cheap to clone.
#[derive(Clone)]
pub struct StoreMetrics {
    latency: HistogramVec,
    errors: IntCounterVec,
    messages_created: IntCounter,
}

impl StoreMetrics {
    /// Creates the metrics and registers them with `registry`.
    pub fn register(registry: &Registry) -> prometheus::Result<Self> {
        let latency = HistogramVec::new(
            HistogramOpts::new(
                "concord_store_operation_duration_seconds",
                "Time taken by storage operations, by adapter and operation, failures included.",
            )
            .buckets(LATENCY_BUCKETS.to_vec()),
            &["adapter", "operation"],
        )?;
        let errors = IntCounterVec::new(
            Opts::new(
                "concord_store_operation_errors_total",
                "Storage operations that returned an error, by adapter, operation and kind \
                 (not_found, conflict, unavailable, internal).",
            ),
            &["adapter", "operation", "kind"],
        )?;
        let messages_created = IntCounter::new(
            "concord_messages_created_total",
            "Messages stored as new (nonce retries answered with the first one excluded).",
        )?;
        registry.register(Box::new(latency.clone()))?;
        registry.register(Box::new(errors.clone()))?;
        registry.register(Box::new(messages_created.clone()))?;
        Ok(Self {
            latency,
            errors,
            messages_created,
        })
    }
}

/// The storage port of `inner`, with every call timed.
pub struct TimedStore {
    inner: Arc<dyn Store>,
    adapter: &'static str,
    metrics: StoreMetrics,
}

impl TimedStore {
    /// Wraps `inner`, whose adapter is named `adapter` in the metrics.
    pub fn new(inner: Arc<dyn Store>, adapter: &'static str, metrics: StoreMetrics) -> Self {
        Self {
            inner,
            adapter,
            metrics,
        }
    }

    /// Runs one operation of the inner store and records how long it took.
    async fn timed<T>(
        &self,
        operation: &'static str,
        call: impl Future<Output = Result<T, StoreError>>,
    ) -> Result<T, StoreError> {
        let started = Instant::now();
        let result = call.await;
        let seconds = started.elapsed().as_secs_f64();

        let metrics = &self.metrics;
        metrics
            .latency
            .with_label_values(&[self.adapter, operation])
            .observe(seconds);
        if let Err(error) = &result {
            metrics
                .errors
                .with_label_values(&[self.adapter, operation, error_kind(error)])
                .inc();
        }
        result
    }
}

/// The error's variant as a label.
fn error_kind(error: &StoreError) -> &'static str {
    match error {
        StoreError::NotFound => "not_found",
        StoreError::Conflict(_) => "conflict",
        StoreError::Unavailable(_) => "unavailable",
        StoreError::Internal(_) => "internal",
    }
}
