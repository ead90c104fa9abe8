//! CPU profiling on demand, in the manner of Go's `net/http/pprof`:
//! `GET /debug/pprof/profile?seconds=N` samples the whole process for N seconds (1–60,
//! 30 when absent) and answers with a flamegraph as SVG.
//!
//! Off unless `CONCORD_PPROF_TOKEN` is set: the route then answers 404 like any unknown
//! path. When on, a request needs `Authorization: Bearer <token>` (401 otherwise). The
//! sampler is process-wide, so one profile runs at a time (409 meanwhile). Sampling
//! follows the CPU time the process uses: an idle process yields no samples, and the
//! answer is then a small SVG that says so.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use poem::error::ResponseError;
use poem::http::StatusCode;
use poem::http::header::AUTHORIZATION;
use poem::web::Data;
use poem::{Request, Response, handler};
use serde::Deserialize;
use tracing::{info, warn};

/// Samples per second: off the beat of common timers, as Go's profiler does.
const FREQUENCY: i32 = 99;
/// Profile length when the request names none.
const DEFAULT_SECONDS: u64 = 30;
/// The longest profile a request may ask for.
const MAX_SECONDS: u64 = 60;
/// Shared libraries not to unwind through: doing so from a signal handler can deadlock.
const BLOCKLIST: &[&str] = &["libc", "libgcc", "pthread", "vdso"];
/// The answer when no sample was taken.
const NO_SAMPLES_SVG: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"600\" \
height=\"40\"><text x=\"10\" y=\"25\">no samples: the process used no CPU time while \
profiled</text></svg>\n";

/// Whether a profile is being taken in this process.
static SAMPLING: AtomicBool = AtomicBool::new(false);

/// The profiling endpoint's settings.
#[derive(Clone)]
pub struct Profiling {
    token: Option<String>,
}

impl Profiling {
    /// Profiling guarded by `token`; off when it is `None` or empty.
    pub fn new(token: Option<String>) -> Self {
        Self {
            token: token.filter(|token| !token.is_empty()),
        }
    }
}

/// Why a profile was not taken.
#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    /// Profiling is off (no `CONCORD_PPROF_TOKEN`).
    #[error("not found")]
    Disabled,
    /// The bearer token is missing or wrong.
    #[error("a valid profiling token is required")]
    Unauthorized,
    /// `seconds` is not a number from 1 to 60.
    #[error("seconds must be between 1 and {MAX_SECONDS}")]
    InvalidSeconds,
    /// Another profile is being taken.
    #[error("a profile is already being taken")]
    Busy,
    /// The sampler failed to start or to report.
    #[error("profiling failed: {0}")]
    Sampler(#[from] pprof::Error),
}

impl ResponseError for ProfileError {
    fn status(&self) -> StatusCode {
        match self {
            Self::Disabled => StatusCode::NOT_FOUND,
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::InvalidSeconds => StatusCode::BAD_REQUEST,
            Self::Busy => StatusCode::CONFLICT,
            Self::Sampler(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// The query of a profile request.
#[derive(Debug, Deserialize)]
pub struct ProfileQuery {
    /// How long to sample, in seconds.
    seconds: Option<u64>,
}

/// `GET /debug/pprof/profile?seconds=N`: a CPU flamegraph of the next N seconds.
#[handler]
pub async fn profile(
    request: &Request,
    profiling: Data<&Profiling>,
) -> Result<Response, ProfileError> {
    let Some(token) = &profiling.token else {
        return Err(ProfileError::Disabled);
    };
    if !bearer_matches(request, token) {
        warn!(remote = %request.remote_addr(), "profile refused: bad token");
        return Err(ProfileError::Unauthorized);
    }
    let query: ProfileQuery = request.params().map_err(|_| ProfileError::InvalidSeconds)?;
    let seconds = query.seconds.unwrap_or(DEFAULT_SECONDS);
    if !(1..=MAX_SECONDS).contains(&seconds) {
        return Err(ProfileError::InvalidSeconds);
    }

    let _sampling = Sampling::begin().ok_or(ProfileError::Busy)?;
    info!(seconds, "taking a CPU profile");
    let svg = sample(Duration::from_secs(seconds)).await?;
    Ok(Response::builder().content_type("image/svg+xml").body(svg))
}

/// Samples the process for `length` and draws the flamegraph.
async fn sample(length: Duration) -> Result<Vec<u8>, ProfileError> {
    let guard = pprof::ProfilerGuardBuilder::default()
        .frequency(FREQUENCY)
        .blocklist(BLOCKLIST)
        .build()?;
    tokio::time::sleep(length).await;
    let report = guard.report().build()?;
    drop(guard);

    if report.data.is_empty() {
        return Ok(NO_SAMPLES_SVG.as_bytes().to_vec());
    }
    let mut svg = Vec::new();
    report.flamegraph(&mut svg)?;
    Ok(svg)
}

/// Whether the request carries `Authorization: Bearer <token>`, compared in constant time.
fn bearer_matches(request: &Request, token: &str) -> bool {
    let presented = request
        .headers()
        .get(AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "));
    presented.is_some_and(|presented| constant_time_eq(presented.as_bytes(), token.as_bytes()))
}

/// Compares without stopping at the first difference, so timing reveals only the length.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}

/// Holds the process's one profiling slot until dropped.
struct Sampling;

impl Sampling {
    fn begin() -> Option<Self> {
        let free = SAMPLING
            .compare_exchange(false, true, Ordering::AcqRel, Ordering::Acquire)
            .is_ok();
        free.then_some(Self)
    }
}

impl Drop for Sampling {
    fn drop(&mut self) {
        SAMPLING.store(false, Ordering::Release);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_must_match_exactly() {
        assert!(constant_time_eq(b"secret", b"secret"));
        assert!(!constant_time_eq(b"secret", b"secreT"));
        assert!(!constant_time_eq(b"secret", b"secret2"));
    }

    #[test]
    fn one_profile_at_a_time() {
        let first = Sampling::begin().unwrap();
        assert!(Sampling::begin().is_none());
        drop(first);
        assert!(Sampling::begin().is_some());
    }

    #[test]
    fn an_empty_token_leaves_profiling_off() {
        assert!(Profiling::new(Some(String::new())).token.is_none());
        assert!(Profiling::new(None).token.is_none());
    }
}
