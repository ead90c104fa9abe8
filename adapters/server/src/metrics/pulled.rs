//! Values another component already keeps (an atomic total, a table's size), read at
//! scrape time rather than copied into a metric as they change.
//!
//! This module knows nothing about where the values come from: each metric is a name, a
//! help text, a kind and a closure.

use std::collections::HashMap;
use std::fmt;

use prometheus::core::{Collector, Desc};
use prometheus::proto::{Counter, Gauge, Metric, MetricFamily, MetricType};

/// Whether a pulled value only ever grows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A running total since the process started.
    Counter,
    /// A level that goes up and down.
    Gauge,
}

/// Reads the current value of a pulled metric.
type Read = Box<dyn Fn() -> f64 + Send + Sync>;

/// One metric without labels whose value a closure reads at every scrape.
pub struct Pulled {
    desc: Desc,
    kind: Kind,
    read: Read,
}

impl Pulled {
    /// A metric named `name` reading its value with `read`.
    pub fn new(
        name: &str,
        help: &str,
        kind: Kind,
        read: impl Fn() -> f64 + Send + Sync + 'static,
    ) -> prometheus::Result<Self> {
        let desc = Desc::new(name.to_owned(), help.to_owned(), Vec::new(), HashMap::new())?;
        Ok(Self {
            desc,
            kind,
            read: Box::new(read),
        })
    }

    fn sample(&self) -> Metric {
        let value = (self.read)();
        let mut metric = Metric::default();
        match self.kind {
            Kind::Counter => {
                let mut counter = Counter::default();
                counter.set_value(value);
                metric.set_counter(counter);
            }
            Kind::Gauge => {
                let mut gauge = Gauge::default();
                gauge.set_value(value);
                metric.set_gauge(gauge);
            }
        }
        metric
    }
}

impl fmt::Debug for Pulled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pulled")
            .field("name", &self.desc.fq_name)
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

impl Collector for Pulled {
    fn desc(&self) -> Vec<&Desc> {
        vec![&self.desc]
    }

    fn collect(&self) -> Vec<MetricFamily> {
        let mut family = MetricFamily::default();
        family.set_name(self.desc.fq_name.clone());
        family.set_help(self.desc.help.clone());
        family.set_field_type(match self.kind {
            Kind::Counter => MetricType::COUNTER,
            Kind::Gauge => MetricType::GAUGE,
        });
        family.set_metric(vec![self.sample()]);
        vec![family]
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};

    use prometheus::{Encoder, Registry, TextEncoder};

    use super::*;

    #[test]
    fn pulled_values_are_read_at_each_scrape() {
        let total = Arc::new(AtomicU64::new(3));
        let seen = total.clone();
        let pulled = Pulled::new("things_total", "Things.", Kind::Counter, move || {
            seen.load(Ordering::Relaxed) as f64
        })
        .unwrap();
        let registry = Registry::new();
        registry.register(Box::new(pulled)).unwrap();

        let scrape = || {
            let mut text = Vec::new();
            TextEncoder::new()
                .encode(&registry.gather(), &mut text)
                .unwrap();
            String::from_utf8(text).unwrap()
        };
        assert!(scrape().contains("# TYPE things_total counter\nthings_total 3\n"));
        total.store(5, Ordering::Relaxed);
        assert!(scrape().contains("things_total 5\n"));
    }
}
