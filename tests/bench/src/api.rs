//! The REST side of the load: registering users, building guilds and sending messages.
//!
//! Requests go to one or more servers (replicas); the caller picks which by an index,
//! taken modulo the number of servers.

use futures_util::{StreamExt, stream};
use reqwest::{Client, Method, StatusCode};
use serde::Deserialize;
use serde_json::{Value, json};

/// Password of every benchmark user.
const PASSWORD: &str = "concord-bench-password";

/// A registered user.
#[derive(Debug, Clone)]
pub struct User {
    /// An access token.
    pub token: String,
}

/// A guild built for a scenario.
#[derive(Debug, Clone)]
pub struct Guild {
    /// Its first text channel, where messages are sent.
    pub channel: String,
}

/// A REST client for the servers under test.
pub struct Api {
    http: Client,
    bases: Vec<String>,
}

#[derive(Deserialize)]
struct Registered {
    access_token: String,
}

#[derive(Deserialize)]
struct Id {
    id: String,
}

#[derive(Deserialize)]
struct Channel {
    id: String,
    #[serde(rename = "type")]
    kind: String,
}

#[derive(Deserialize)]
struct Invite {
    code: String,
}

impl Api {
    /// A client for the servers at `urls` (`http://host:port`).
    pub fn new(urls: &[String]) -> Result<Self, String> {
        let http = Client::builder()
            .tcp_nodelay(true)
            .pool_max_idle_per_host(512)
            .build()
            .map_err(|error| format!("building the HTTP client: {error}"))?;
        let bases = urls
            .iter()
            .map(|url| format!("{}/api/v1", url.trim_end_matches('/')))
            .collect();
        Ok(Self { http, bases })
    }

    /// Registers `count` users named `{prefix}{i}`, `concurrency` at a time, spread over
    /// the servers.
    pub async fn register_many(
        &self,
        prefix: &str,
        count: usize,
        concurrency: usize,
    ) -> Result<Vec<User>, String> {
        let mut users: Vec<(usize, User)> = stream::iter(0..count)
            .map(|i| async move {
                self.register(i, &format!("{prefix}{i}"))
                    .await
                    .map(|u| (i, u))
            })
            .buffer_unordered(concurrency)
            .collect::<Vec<_>>()
            .await
            .into_iter()
            .collect::<Result<_, _>>()?;
        users.sort_by_key(|(i, _)| *i);
        Ok(users.into_iter().map(|(_, user)| user).collect())
    }

    async fn register(&self, server: usize, username: &str) -> Result<User, String> {
        let body = json!({
            "username": username,
            "email": format!("{username}@example.org"),
            "password": PASSWORD,
        });
        let value = self
            .call(server, Method::POST, "/auth/register", None, Some(body))
            .await?;
        let registered: Registered = serde_json::from_value(value)
            .map_err(|error| format!("register {username}: unexpected answer: {error}"))?;
        Ok(User {
            token: registered.access_token,
        })
    }

    /// Creates a guild owned by `owner` and returns it with its text channel and an
    /// invite code without a use limit.
    pub async fn create_guild(
        &self,
        server: usize,
        owner: &User,
        name: &str,
    ) -> Result<(Guild, String), String> {
        let token = Some(owner.token.as_str());
        let guild = self
            .call(
                server,
                Method::POST,
                "/guilds",
                token,
                Some(json!({ "name": name })),
            )
            .await?;
        let guild: Id = parse(guild, "create guild")?;
        let channels = self
            .call(
                server,
                Method::GET,
                &format!("/guilds/{}/channels", guild.id),
                token,
                None,
            )
            .await?;
        let channels: Vec<Channel> = parse(channels, "list channels")?;
        let channel = channels
            .into_iter()
            .find(|channel| channel.kind == "text")
            .ok_or("a new guild has no text channel")?;
        let path = format!("/guilds/{}/invites", guild.id);
        let invite = self
            .call(server, Method::POST, &path, token, Some(json!({})))
            .await?;
        let invite: Invite = parse(invite, "create invite")?;
        let guild = Guild {
            channel: channel.id,
        };
        Ok((guild, invite.code))
    }

    /// Joins `user` to a guild through an invite.
    pub async fn join(&self, server: usize, user: &User, code: &str) -> Result<(), String> {
        let path = format!("/invites/{code}");
        self.call(server, Method::POST, &path, Some(&user.token), None)
            .await
            .map(drop)
    }

    /// Posts a message; true when the server answered with success.
    pub async fn send(&self, server: usize, token: &str, channel: &str, content: &str) -> bool {
        let url = format!("{}/channels/{channel}/messages", self.base(server));
        let response = self
            .http
            .post(url)
            .bearer_auth(token)
            .json(&json!({ "content": content }))
            .send()
            .await;
        response.is_ok_and(|response| response.status().is_success())
    }

    /// The gateway URL of server `server`.
    pub fn gateway_url(&self, server: usize) -> String {
        let base = self.base(server).trim_end_matches("/api/v1");
        format!("{}/gateway", base.replacen("http", "ws", 1))
    }

    fn base(&self, server: usize) -> &str {
        &self.bases[server % self.bases.len()]
    }

    /// A JSON request; an error names the path, the status and the answer.
    async fn call(
        &self,
        server: usize,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Result<Value, String> {
        let mut request = self
            .http
            .request(method.clone(), format!("{}{path}", self.base(server)));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request
            .send()
            .await
            .map_err(|error| format!("{method} {path}: {error}"))?;
        let status = response.status();
        let text = response.text().await.unwrap_or_default();
        if !status.is_success() {
            return Err(format!("{method} {path}: {status}: {text}"));
        }
        if status == StatusCode::NO_CONTENT || text.is_empty() {
            return Ok(Value::Null);
        }
        serde_json::from_str(&text).map_err(|error| format!("{method} {path}: {error}"))
    }
}

fn parse<T: serde::de::DeserializeOwned>(value: Value, what: &str) -> Result<T, String> {
    serde_json::from_value(value).map_err(|error| format!("{what}: unexpected answer: {error}"))
}
