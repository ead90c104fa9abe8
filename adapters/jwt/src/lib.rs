//! The token port, backed by HS256-signed JWTs and SHA-256 digests.
//!
//! [`JwtTokens`] signs access tokens with one shared secret. Verification accepts HS256
//! only, so a token whose header names another algorithm, or `none`, is refused whatever
//! its signature. Expiry is judged against the `now` the caller passes in, never the
//! system clock, so the clock port stays the single source of time.
//!
//! Refresh tokens are opaque random strings, not JWTs; [`TokenService::digest`] turns
//! them into the lowercase hex SHA-256 that storage keeps. [`generate_secret`] makes a
//! signing secret for a fresh installation to persist.
//!
//! This crate knows nothing of sessions or storage: it signs, checks and digests.

use std::fmt;

use concord_domain::id::UserId;
use concord_domain::time::Timestamp;
use concord_ports::tokens::{TokenError, TokenService};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The fewest secret bytes accepted: HS256's own output size.
pub const MIN_SECRET_LEN: usize = 32;

/// How many bytes [`generate_secret`] returns.
const GENERATED_SECRET_LEN: usize = 64;

/// The issuer and the audience of every token: Concord issues tokens only for itself.
const ISSUER: &str = "concord";

/// The lowercase hexadecimal digits.
const HEX_DIGITS: &[u8; 16] = b"0123456789abcdef";

/// Why a [`JwtTokens`] could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JwtConfigError {
    /// The secret has fewer than [`MIN_SECRET_LEN`] bytes.
    #[error("jwt secret too short: {0} bytes, need at least {MIN_SECRET_LEN}")]
    SecretTooShort(usize),
    /// The signing library refused the secret.
    #[error("jwt secret rejected: {0}")]
    Rejected(String),
}

/// The claims of an access token; times are whole seconds since the Unix epoch.
#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    /// The user the token was issued to, as the id's text form.
    sub: String,
    /// Who issued the token.
    iss: String,
    /// Who the token is meant for.
    aud: String,
    /// When the token was issued.
    iat: u64,
    /// The first second at which the token is no longer valid.
    exp: u64,
}

/// Issues and verifies HS256 access tokens with one secret, and digests opaque secrets.
pub struct JwtTokens {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
}

impl JwtTokens {
    /// A token service signing with `secret`, which must have at least
    /// [`MIN_SECRET_LEN`] bytes.
    pub fn new(secret: &[u8]) -> Result<Self, JwtConfigError> {
        if secret.len() < MIN_SECRET_LEN {
            return Err(JwtConfigError::SecretTooShort(secret.len()));
        }

        let rejected = |err: jsonwebtoken::errors::Error| JwtConfigError::Rejected(err.to_string());
        let encoding = EncodingKey::from_secret(secret).map_err(rejected)?;
        let decoding = DecodingKey::from_secret(secret).map_err(rejected)?;

        // Expiry is checked by hand against the caller's `now`, so the library's own
        // check, which reads the system clock, is off; `exp` must still be present.
        let mut validation = Validation::new(Algorithm::HS256);
        validation.validate_exp = false;
        validation.leeway = 0;
        validation.set_required_spec_claims(&["exp", "sub", "iss", "aud"]);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[ISSUER]);

        Ok(Self {
            encoding,
            decoding,
            validation,
        })
    }
}

impl fmt::Debug for JwtTokens {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The keys hold the secret: leave them out.
        f.debug_struct("JwtTokens").finish_non_exhaustive()
    }
}

impl TokenService for JwtTokens {
    fn issue_access(
        &self,
        user: UserId,
        now: Timestamp,
        ttl_secs: u64,
    ) -> Result<String, TokenError> {
        // Rounding the issue time down makes a token live at most `ttl_secs`, never longer.
        let issued = u64::try_from(now.as_millis().div_euclid(1_000)).unwrap_or(0);
        let claims = Claims {
            sub: user.to_string(),
            iss: ISSUER.to_owned(),
            aud: ISSUER.to_owned(),
            iat: issued,
            exp: issued.saturating_add(ttl_secs),
        };

        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|err| TokenError::Signing(err.to_string()))
    }

    fn verify_access(&self, token: &str, now: Timestamp) -> Result<UserId, TokenError> {
        let claims = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)
            .map_err(|_| TokenError::Invalid)?
            .claims;

        // Valid strictly before `exp`, with no leeway (RFC 7519, section 4.1.4).
        let expires_ms = i64::try_from(claims.exp)
            .unwrap_or(i64::MAX)
            .saturating_mul(1_000);
        if now.as_millis() >= expires_ms {
            return Err(TokenError::Expired);
        }

        UserId::parse("sub", &claims.sub).map_err(|_| TokenError::Invalid)
    }

    fn digest(&self, secret: &str) -> String {
        let hash = Sha256::digest(secret.as_bytes());

        let mut hex = String::with_capacity(hash.len() * 2);
        for byte in hash {
            hex.push(char::from(HEX_DIGITS[usize::from(byte >> 4)]));
            hex.push(char::from(HEX_DIGITS[usize::from(byte & 0x0f)]));
        }
        hex
    }
}

/// A fresh signing secret of 64 random bytes, for an installation to persist.
///
/// # Panics
///
/// If the operating system's cryptographic random source fails, as no safe secret can
/// be made without it.
pub fn generate_secret() -> Vec<u8> {
    let mut secret = vec![0_u8; GENERATED_SECRET_LEN];
    getrandom::fill(&mut secret).expect("the operating system's random source failed");
    secret
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use base64::Engine as _;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use concord_domain::id::RawId;

    use super::*;

    const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";
    const NOW: Timestamp = Timestamp(1_700_000_000_250);

    fn user() -> UserId {
        UserId::from(RawId::from_parts(Timestamp(1_690_000_000_000), 42))
    }

    fn tokens() -> JwtTokens {
        JwtTokens::new(SECRET).unwrap()
    }

    fn claims_for(user: UserId) -> Claims {
        Claims {
            sub: user.to_string(),
            iss: ISSUER.to_owned(),
            aud: ISSUER.to_owned(),
            iat: 1_700_000_000,
            exp: 1_700_000_060,
        }
    }

    fn encode_part(json: &str) -> String {
        URL_SAFE_NO_PAD.encode(json)
    }

    #[test]
    fn an_issued_token_verifies_to_its_user() {
        let token = tokens().issue_access(user(), NOW, 60).unwrap();
        assert_eq!(tokens().verify_access(&token, NOW), Ok(user()));
    }

    #[test]
    fn a_token_is_issued_at_the_second_of_now_and_lives_ttl_seconds() {
        let service = tokens();
        let token = service.issue_access(user(), NOW, 60).unwrap();

        let claims = jsonwebtoken::decode::<Claims>(&token, &service.decoding, &service.validation)
            .unwrap()
            .claims;
        assert_eq!(claims.iat, 1_700_000_000, "now, rounded down to its second");
        assert_eq!(claims.exp, claims.iat + 60);
        assert_eq!(claims.sub, user().to_string());
    }

    #[test]
    fn a_token_expires_exactly_at_its_exp_second() {
        let token = tokens().issue_access(user(), NOW, 60).unwrap();
        let exp_ms = 1_700_000_060_000;

        assert_eq!(
            tokens().verify_access(&token, Timestamp(exp_ms - 1)),
            Ok(user())
        );
        assert_eq!(
            tokens().verify_access(&token, Timestamp(exp_ms)),
            Err(TokenError::Expired)
        );
        let much_later = Timestamp(exp_ms + 86_400_000);
        assert_eq!(
            tokens().verify_access(&token, much_later),
            Err(TokenError::Expired)
        );
    }

    #[test]
    fn a_token_signed_with_another_secret_is_invalid() {
        let other = JwtTokens::new(b"another secret of thirty-two by.").unwrap();
        let token = other.issue_access(user(), NOW, 60).unwrap();

        assert_eq!(
            tokens().verify_access(&token, NOW),
            Err(TokenError::Invalid)
        );
    }

    #[test]
    fn a_tampered_payload_is_invalid() {
        let token = tokens().issue_access(user(), NOW, 60).unwrap();
        let parts: Vec<&str> = token.split('.').collect();

        let someone_else = UserId::from(RawId::from_parts(Timestamp(1_690_000_000_000), 7));
        let payload = claims_json(&claims_for(someone_else));
        let forged = format!("{}.{}.{}", parts[0], encode_part(&payload), parts[2]);

        assert_eq!(
            tokens().verify_access(&forged, NOW),
            Err(TokenError::Invalid)
        );
    }

    #[test]
    fn an_unsigned_alg_none_token_is_invalid() {
        let header = encode_part(r#"{"alg":"none","typ":"JWT"}"#);
        let payload = encode_part(&claims_json(&claims_for(user())));

        for token in [
            format!("{header}.{payload}."),
            format!("{header}.{payload}"),
        ] {
            assert_eq!(
                tokens().verify_access(&token, NOW),
                Err(TokenError::Invalid)
            );
        }
    }

    #[test]
    fn a_token_signed_with_hs512_and_the_same_secret_is_invalid() {
        let key = EncodingKey::from_secret(SECRET).unwrap();
        let token = jsonwebtoken::encode(&Header::new(Algorithm::HS512), &claims_for(user()), &key)
            .unwrap();

        assert_eq!(
            tokens().verify_access(&token, NOW),
            Err(TokenError::Invalid)
        );
    }

    #[test]
    fn a_token_for_another_issuer_or_audience_is_invalid() {
        let key = EncodingKey::from_secret(SECRET).unwrap();
        let header = Header::new(Algorithm::HS256);

        let foreign_issuer = Claims {
            iss: "elsewhere".to_owned(),
            ..claims_for(user())
        };
        let foreign_audience = Claims {
            aud: "elsewhere".to_owned(),
            ..claims_for(user())
        };
        for claims in [foreign_issuer, foreign_audience] {
            let token = jsonwebtoken::encode(&header, &claims, &key).unwrap();
            assert_eq!(
                tokens().verify_access(&token, NOW),
                Err(TokenError::Invalid)
            );
        }
    }

    #[test]
    fn a_subject_that_is_not_a_user_id_is_invalid() {
        let key = EncodingKey::from_secret(SECRET).unwrap();
        let claims = Claims {
            sub: "admin".to_owned(),
            ..claims_for(user())
        };
        let token = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &key).unwrap();

        assert_eq!(
            tokens().verify_access(&token, NOW),
            Err(TokenError::Invalid)
        );
    }

    #[test]
    fn garbage_is_invalid() {
        for garbage in ["", "abc", "a.b.c", "..", "Bearer x.y.z"] {
            assert_eq!(
                tokens().verify_access(garbage, NOW),
                Err(TokenError::Invalid)
            );
        }
    }

    #[test]
    fn secrets_shorter_than_32_bytes_are_refused() {
        assert_eq!(
            JwtTokens::new(&SECRET[..31]).unwrap_err(),
            JwtConfigError::SecretTooShort(31)
        );
        assert!(JwtTokens::new(&[]).is_err());
    }

    #[test]
    fn digests_are_stable_lowercase_hex_sha256() {
        let digest = tokens().digest("abc");

        assert_eq!(
            digest,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(tokens().digest("abc"), digest);
        assert_ne!(tokens().digest("abd"), digest);
    }

    #[test]
    fn generated_secrets_are_long_enough_and_fresh() {
        let first = generate_secret();

        assert_eq!(first.len(), 64);
        assert!(JwtTokens::new(&first).is_ok());
        assert_ne!(first, generate_secret());
    }

    #[test]
    fn debug_output_does_not_show_the_secret() {
        assert_eq!(format!("{:?}", tokens()), "JwtTokens { .. }");
    }

    /// The claims as JSON, written out by hand so the forgeries need no JSON library.
    fn claims_json(claims: &Claims) -> String {
        format!(
            r#"{{"sub":"{}","iss":"{}","aud":"{}","iat":{},"exp":{}}}"#,
            claims.sub, claims.iss, claims.aud, claims.iat, claims.exp
        )
    }
}
