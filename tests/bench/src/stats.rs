//! Latency percentiles from the raw samples of one measured window.

use serde::Serialize;

/// Send-to-receipt latency of one window, in milliseconds.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Latency {
    /// Median.
    pub p50_ms: f64,
    /// 95th percentile.
    pub p95_ms: f64,
    /// 99th percentile.
    pub p99_ms: f64,
    /// The slowest delivery.
    pub max_ms: f64,
}

impl Latency {
    /// Percentiles (nearest rank) of samples in microseconds; sorts them in place.
    pub fn of(samples: &mut [u32]) -> Self {
        if samples.is_empty() {
            return Self::default();
        }
        samples.sort_unstable();
        let at = |fraction: f64| {
            let rank = (fraction * samples.len() as f64).ceil() as usize;
            millis(samples[rank.clamp(1, samples.len()) - 1])
        };
        Self {
            p50_ms: at(0.50),
            p95_ms: at(0.95),
            p99_ms: at(0.99),
            max_ms: millis(samples[samples.len() - 1]),
        }
    }
}

/// Microseconds as milliseconds with three decimals.
fn millis(micros: u32) -> f64 {
    f64::from(micros) / 1000.0
}

/// Rounds to `places` decimals, for readable JSON.
pub fn round(value: f64, places: i32) -> f64 {
    let factor = 10f64.powi(places);
    (value * factor).round() / factor
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let mut samples: Vec<u32> = (1..=100).map(|ms| ms * 1000).collect();
        let latency = Latency::of(&mut samples);
        assert_eq!(latency.p50_ms, 50.0);
        assert_eq!(latency.p95_ms, 95.0);
        assert_eq!(latency.p99_ms, 99.0);
        assert_eq!(latency.max_ms, 100.0);
    }

    #[test]
    fn no_samples_give_zeros() {
        assert_eq!(Latency::of(&mut []).max_ms, 0.0);
    }
}
