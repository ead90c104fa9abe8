// Helpers shared by the k6 scripts: the target's URLs, JSON requests with a bearer
// token, and building a guild full of users for a test to work in.
//
// BASE_URL (default http://127.0.0.1:8080) names the deployment under test.

import http from "k6/http";
import { check, fail } from "k6";

export const BASE_URL = (__ENV.BASE_URL || "http://127.0.0.1:8080").replace(/\/+$/, "");
export const API = `${BASE_URL}/api/v1`;
export const GATEWAY_URL = `${BASE_URL.replace(/^http/, "ws")}/gateway`;

// Usernames must be unique on the target, across runs too.
const RUN_ID = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;

/** Request parameters: JSON body, bearer token, a `name` tag to group metrics by. */
export function params(token, name) {
  const headers = { "Content-Type": "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  return { headers, tags: { name } };
}

/** A JSON request; `name` tags its metrics. Returns the k6 response. */
export function request(method, path, token, body, name) {
  const payload = body === undefined ? null : JSON.stringify(body);
  return http.request(method, `${API}${path}`, payload, params(token, name || path));
}

/** Parses a response body as JSON, or fails the iteration naming the request. */
export function json(res, what) {
  try {
    return res.json();
  } catch (_) {
    return fail(`${what}: status ${res.status}, body is not JSON: ${String(res.body).slice(0, 200)}`);
  }
}

/** Checks a response's status; fails the iteration (or setup) with its body if wrong. */
export function expectStatus(res, status, what) {
  const ok = check(res, { [`${what} is ${status}`]: (r) => r.status === status });
  if (!ok) fail(`${what}: expected ${status}, got ${res.status}: ${String(res.body).slice(0, 300)}`);
  return res;
}

/** Registers a new user; returns `{id, username, token}`. */
export function register(label) {
  const username = `k6_${label}_${RUN_ID}`.slice(0, 32);
  const res = request("POST", "/auth/register", null, {
    username,
    email: `${username}@example.org`,
    password: "k6-load-test-password",
  }, "/auth/register");
  expectStatus(res, 201, "register");
  const body = json(res, "register");
  return { id: body.user.id, username, token: body.access_token };
}

/**
 * Registers `count` users; the first creates a guild and the others join it through an
 * invite. Returns `{guildId, channelId, users}` with the guild's first text channel.
 */
export function guildWithMembers(count, label) {
  const users = [];
  for (let i = 0; i < count; i++) users.push(register(`${label}${i}`));
  const owner = users[0];

  const guild = json(expectStatus(
    request("POST", "/guilds", owner.token, { name: `k6 ${label} ${RUN_ID}` }, "/guilds"),
    201, "create guild"), "create guild");
  const channels = json(expectStatus(
    request("GET", `/guilds/${guild.id}/channels`, owner.token, undefined, "/guilds/{id}/channels"),
    200, "list channels"), "list channels");
  const channel = channels.find((c) => c.type === "text");
  if (!channel) fail("the new guild has no text channel");

  const invite = json(expectStatus(
    request("POST", `/guilds/${guild.id}/invites`, owner.token, {}, "/guilds/{id}/invites"),
    201, "create invite"), "create invite");
  for (const user of users.slice(1)) {
    expectStatus(
      request("POST", `/invites/${invite.code}`, user.token, undefined, "/invites/{code}"),
      200, "join with the invite");
  }
  return { guildId: guild.id, channelId: channel.id, users };
}

/** An integer from the environment, or the default. */
export function envInt(name, fallback) {
  const value = __ENV[name];
  return value === undefined || value === "" ? fallback : parseInt(value, 10);
}
