//! Registration, login, refresh and logout.
//!
//! The refresh token lives in an httpOnly cookie scoped to `/api/v1/auth`, so scripts
//! cannot read it and it travels only to these endpoints. Refreshing also needs the
//! `X-CSRF-Token` header to equal the readable `csrf_token` cookie (double submit), and
//! requests from a foreign `Origin` are refused.

use concord_app::auth::{AuthSession, Registration};
use poem::web::cookie::{Cookie, CookieJar, SameSite};
use poem_openapi::param::Header;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};

use super::dto::{AuthDto, CurrentUserDto, LoginBody, RegisterBody};
use super::problem::{ApiError, ApiResult};
use super::{Area, Ctx};
use crate::client_address::ClientAddress;

const REFRESH_COOKIE: &str = "refresh_token";
const CSRF_COOKIE: &str = "csrf_token";
const REFRESH_PATH: &str = "/api/v1/auth";

/// How session cookies are set and which origin may use them.
#[derive(Debug, Clone)]
pub struct CookiePolicy {
    /// Mark cookies `Secure`.
    pub secure: bool,
    /// The scheme, host and port browsers reach Concord at.
    pub origin: String,
}

pub(super) struct AuthApi {
    pub ctx: Ctx,
    pub cookies: CookiePolicy,
}

#[derive(ApiResponse)]
enum Registered {
    /// The account was created and signed in.
    #[oai(status = 201)]
    Created(Json<AuthDto>),
}

#[derive(ApiResponse)]
enum LoggedOut {
    /// The session is over and its cookies cleared.
    #[oai(status = 204)]
    Done,
}

#[OpenApi(prefix_path = "/auth", tag = "Area::Auth")]
impl AuthApi {
    /// Create an account and sign in.
    #[oai(path = "/register", method = "post")]
    async fn register(
        &self,
        body: Json<RegisterBody>,
        jar: &CookieJar,
        client: ClientAddress,
    ) -> ApiResult<Registered> {
        let body = body.0;
        let input = Registration {
            username: body.username,
            email: body.email,
            password: body.password,
            display_name: body.display_name,
        };
        let session = self.ctx.concord.register(input, &client.0).await?;
        Ok(Registered::Created(Json(self.hand_out(session, jar))))
    }

    /// Sign in with a username or email and a password.
    #[oai(path = "/login", method = "post")]
    async fn login(
        &self,
        body: Json<LoginBody>,
        jar: &CookieJar,
        client: ClientAddress,
    ) -> ApiResult<Json<AuthDto>> {
        let session = self
            .ctx
            .concord
            .login(&body.login, &body.password, &client.0)
            .await?;
        Ok(Json(self.hand_out(session, jar)))
    }

    /// Exchange the refresh cookie for a new access token, rotating the cookie.
    #[oai(path = "/refresh", method = "post")]
    async fn refresh(
        &self,
        #[oai(name = "X-CSRF-Token")] csrf: Header<Option<String>>,
        #[oai(name = "Origin")] origin: Header<Option<String>>,
        jar: &CookieJar,
    ) -> ApiResult<Json<AuthDto>> {
        self.check_origin(origin.0.as_deref())?;
        let refresh = jar.get(REFRESH_COOKIE).map(|c| c.value_str().to_owned());
        let Some(refresh) = refresh else {
            return Err(ApiError::unauthorized("no refresh cookie"));
        };
        let expected = jar.get(CSRF_COOKIE).map(|c| c.value_str().to_owned());
        let csrf_ok = matches!((&csrf.0, &expected), (Some(sent), Some(want)) if sent == want);
        if !csrf_ok {
            return Err(ApiError::forbidden("missing or wrong X-CSRF-Token header"));
        }

        match self.ctx.concord.refresh(&refresh).await {
            Ok(session) => Ok(Json(self.hand_out(session, jar))),
            Err(error) => {
                self.clear(jar);
                Err(error.into())
            }
        }
    }

    /// Sign out: revoke the refresh token's family and clear the cookies.
    #[oai(path = "/logout", method = "post")]
    async fn logout(
        &self,
        #[oai(name = "Origin")] origin: Header<Option<String>>,
        jar: &CookieJar,
    ) -> ApiResult<LoggedOut> {
        self.check_origin(origin.0.as_deref())?;
        if let Some(refresh) = jar.get(REFRESH_COOKIE) {
            self.ctx.concord.logout(refresh.value_str()).await?;
        }
        self.clear(jar);
        Ok(LoggedOut::Done)
    }
}

impl AuthApi {
    /// Puts the session's secrets into cookies and returns the rest.
    fn hand_out(&self, session: AuthSession, jar: &CookieJar) -> AuthDto {
        let max_age = std::time::Duration::from_secs(session.refresh_expires_in);

        let mut refresh = Cookie::new_with_str(REFRESH_COOKIE, &session.refresh_token);
        refresh.set_http_only(true);
        refresh.set_path(REFRESH_PATH);
        refresh.set_same_site(SameSite::Strict);
        refresh.set_secure(self.cookies.secure);
        refresh.set_max_age(max_age);
        jar.add(refresh);

        let mut csrf = Cookie::new_with_str(CSRF_COOKIE, &session.csrf_token);
        csrf.set_path("/");
        csrf.set_same_site(SameSite::Strict);
        csrf.set_secure(self.cookies.secure);
        csrf.set_max_age(max_age);
        jar.add(csrf);

        AuthDto {
            user: CurrentUserDto::from(&session.user),
            access_token: session.access_token,
            expires_in: session.expires_in,
        }
    }

    /// Expires both cookies in the browser.
    fn clear(&self, jar: &CookieJar) {
        for (name, path) in [(REFRESH_COOKIE, REFRESH_PATH), (CSRF_COOKIE, "/")] {
            let mut cookie = Cookie::new_with_str(name, "");
            cookie.set_path(path);
            cookie.set_max_age(std::time::Duration::ZERO);
            jar.add(cookie);
        }
    }

    /// Browsers send `Origin` on these POSTs; one that is not ours is refused.
    fn check_origin(&self, origin: Option<&str>) -> ApiResult<()> {
        match origin {
            Some(origin) if origin.trim_end_matches('/') != self.cookies.origin => Err(
                ApiError::forbidden("requests from this origin are not allowed"),
            ),
            _ => Ok(()),
        }
    }
}
