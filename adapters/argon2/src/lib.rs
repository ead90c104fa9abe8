//! The password port, backed by argon2id.
//!
//! [`Argon2Hasher`] writes hashes as PHC strings (`$argon2id$v=19$m=...,t=...,p=...$salt$hash`),
//! which carry their own algorithm, cost and salt: raising the cost later leaves old
//! hashes verifiable. Hashing takes tens of milliseconds at the default cost, so it runs
//! on tokio's blocking pool, off the threads serving requests.
//!
//! This crate knows nothing of users or storage; it turns passwords into strings and back.

use argon2::password_hash::{self, PasswordHash, Salt, SaltString};
use argon2::{Algorithm, Argon2, PasswordHasher as _, PasswordVerifier as _, Version};
use async_trait::async_trait;
use concord_domain::user::Password;
use concord_ports::passwords::{PasswordError, PasswordHasher};

pub use argon2::Params;

/// The cheapest cost argon2 accepts: 8 KiB of memory, one pass, one lane.
const CHEAPEST: Params = match Params::new(8, 1, 1, None) {
    Ok(params) => params,
    Err(_) => panic!("8 KiB, one pass and one lane are within argon2's limits"),
};

/// Hashes and verifies passwords with argon2id.
#[derive(Debug, Clone)]
pub struct Argon2Hasher {
    params: Params,
}

impl Argon2Hasher {
    /// A hasher that makes new hashes at the cost given by `params`.
    pub fn new(params: Params) -> Self {
        Self { params }
    }

    /// A hasher at the lowest cost argon2 allows, so tests stay fast. Never use it for
    /// real passwords.
    pub fn fast_for_tests() -> Self {
        Self::new(CHEAPEST)
    }

    /// The argon2id instance that makes new hashes.
    fn argon2(&self) -> Argon2<'static> {
        Argon2::new(Algorithm::Argon2id, Version::V0x13, self.params.clone())
    }
}

impl Default for Argon2Hasher {
    /// OWASP's recommended argon2id cost: 19 MiB of memory, two passes, one lane.
    fn default() -> Self {
        Self::new(Params::DEFAULT)
    }
}

#[async_trait]
impl PasswordHasher for Argon2Hasher {
    async fn hash(&self, password: &Password) -> Result<String, PasswordError> {
        let argon2 = self.argon2();
        let password = password.expose().to_owned();

        run_blocking(move || {
            let salt = fresh_salt()?;
            let hash = argon2
                .hash_password(password.as_bytes(), &salt)
                .map_err(|err| PasswordError(format!("cannot hash: {err}")))?;
            Ok(hash.to_string())
        })
        .await
    }

    async fn verify(&self, password: &Password, hash: &str) -> Result<bool, PasswordError> {
        let argon2 = self.argon2();
        let password = password.expose().to_owned();
        let hash = hash.to_owned();

        run_blocking(move || {
            let parsed = parse_hash(&hash)?;

            // The stored hash names its own algorithm and cost; `argon2` only lends its code.
            match argon2.verify_password(password.as_bytes(), &parsed) {
                Ok(()) => Ok(true),
                Err(password_hash::Error::Password) => Ok(false),
                Err(err) => Err(PasswordError(format!("cannot verify: {err}"))),
            }
        })
        .await
    }
}

/// Runs `work` on tokio's blocking pool and waits for its answer.
async fn run_blocking<T, F>(work: F) -> Result<T, PasswordError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, PasswordError> + Send + 'static,
{
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|err| PasswordError(format!("hashing task failed: {err}")))?
}

/// Reads a stored PHC string, refusing one that lacks the salt or the output to compare.
fn parse_hash(hash: &str) -> Result<PasswordHash<'_>, PasswordError> {
    let parsed =
        PasswordHash::new(hash).map_err(|err| PasswordError(format!("unreadable hash: {err}")))?;

    if parsed.salt.is_none() || parsed.hash.is_none() {
        return Err(PasswordError(
            "unreadable hash: no salt or output".to_owned(),
        ));
    }
    Ok(parsed)
}

/// A salt of 16 bytes from the operating system's cryptographic source.
fn fresh_salt() -> Result<SaltString, PasswordError> {
    let mut bytes = [0_u8; Salt::RECOMMENDED_LENGTH];
    getrandom::fill(&mut bytes).map_err(|err| PasswordError(format!("no random salt: {err}")))?;

    SaltString::encode_b64(&bytes).map_err(|err| PasswordError(format!("bad salt: {err}")))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn password(text: &str) -> Password {
        Password::parse(text).unwrap()
    }

    #[tokio::test]
    async fn hashes_are_argon2id_phc_strings_with_the_configured_cost() {
        let hasher = Argon2Hasher::fast_for_tests();
        let hash = hasher.hash(&password("correct horse")).await.unwrap();

        assert!(hash.starts_with("$argon2id$v=19$m=8,t=1,p=1$"), "{hash}");
    }

    #[tokio::test]
    async fn the_right_password_verifies_and_a_wrong_one_does_not() {
        let hasher = Argon2Hasher::fast_for_tests();
        let hash = hasher.hash(&password("correct horse")).await.unwrap();

        let right = hasher.verify(&password("correct horse"), &hash).await;
        let wrong = hasher.verify(&password("correct horsE"), &hash).await;
        assert!(right.unwrap());
        assert!(!wrong.unwrap());
    }

    #[tokio::test]
    async fn the_same_password_hashes_differently_each_time() {
        let hasher = Argon2Hasher::fast_for_tests();
        let first = hasher.hash(&password("correct horse")).await.unwrap();
        let second = hasher.hash(&password("correct horse")).await.unwrap();

        assert_ne!(first, second);
    }

    #[tokio::test]
    async fn the_default_cost_is_owasps_and_its_hashes_verify_at_any_cost() {
        let owasp = Argon2Hasher::default();
        let hash = owasp.hash(&password("correct horse")).await.unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );

        let cheap = Argon2Hasher::fast_for_tests();
        let verdict = cheap.verify(&password("correct horse"), &hash).await;
        assert!(verdict.unwrap());
    }

    #[tokio::test]
    async fn an_unreadable_hash_is_an_error_not_a_mismatch() {
        let hasher = Argon2Hasher::fast_for_tests();

        for hash in ["not a hash", "", "$argon2id$v=19$m=8,t=1,p=1$c2FsdA"] {
            let verdict = hasher.verify(&password("correct horse"), hash).await;
            assert!(verdict.is_err(), "{hash}");
        }
    }
}
