// REST smoke test: one pass through the main paths of a deployment.
//
//   k6 run -e BASE_URL=http://127.0.0.1:8080 ops/k6/smoke.js
//
// Health endpoints, two new users, a guild with an invite the second user joins, a
// message from each, and the history as both see it. Every check must pass.
// Registers two users: fits within the default registration rate limit.

import { check, group } from "k6";
import http from "k6/http";
import { API, BASE_URL, expectStatus, json, register, request } from "./lib/concord.js";

export const options = {
  vus: 1,
  iterations: 1,
  thresholds: {
    checks: ["rate==1.0"],
    http_req_failed: ["rate<0.01"],
  },
};

export default function () {
  group("health", () => {
    expectStatus(http.get(`${BASE_URL}/healthz`), 200, "GET /healthz");
    const ready = expectStatus(http.get(`${BASE_URL}/readyz`), 200, "GET /readyz");
    check(ready, { "readyz says ready": (r) => json(r, "readyz").status === "ready" });
  });

  const alice = register("smoke_a");
  const bob = register("smoke_b");

  let guild;
  let channel;
  let invite;
  group("guild and invite", () => {
    guild = json(expectStatus(
      request("POST", "/guilds", alice.token, { name: "k6 smoke" }, "/guilds"),
      201, "create guild"), "create guild");
    check(guild, { "alice owns the guild": (g) => g.owner_id === alice.id });

    const channels = json(expectStatus(
      request("GET", `/guilds/${guild.id}/channels`, alice.token, undefined, "/guilds/{id}/channels"),
      200, "list channels"), "list channels");
    channel = channels.find((c) => c.type === "text");
    check(channel, { "the guild has a text channel": (c) => c !== undefined });

    invite = json(expectStatus(
      request("POST", `/guilds/${guild.id}/invites`, alice.token, { max_uses: 1 }, "/guilds/{id}/invites"),
      201, "create invite"), "create invite");

    const preview = json(expectStatus(
      request("GET", `/invites/${invite.code}`, bob.token, undefined, "/invites/{code}"),
      200, "preview invite"), "preview invite");
    check(preview, { "the invite previews the guild": (p) => JSON.stringify(p).includes(guild.id) });

    expectStatus(request("POST", `/invites/${invite.code}`, bob.token, undefined, "/invites/{code}"),
      200, "bob joins");
    const bobsGuilds = json(expectStatus(
      request("GET", "/users/@me/guilds", bob.token, undefined, "/users/@me/guilds"),
      200, "bob's guilds"), "bob's guilds");
    check(bobsGuilds, { "bob is a member": (gs) => gs.some((g) => g.id === guild.id) });
  });

  group("messages", () => {
    const path = `/channels/${channel.id}/messages`;
    const first = json(expectStatus(
      request("POST", path, alice.token, { content: "hello from k6", nonce: "smoke-1" }, "send message"),
      201, "alice sends"), "alice sends");
    const reply = json(expectStatus(
      request("POST", path, bob.token, { content: "hi alice", reply_to: first.id }, "send message"),
      201, "bob replies"), "bob replies");
    check(reply, { "the reply points at the first message": (m) => m.reply_to === first.id });

    const again = json(expectStatus(
      request("POST", path, alice.token, { content: "hello from k6", nonce: "smoke-1" }, "send message"),
      201, "alice retries with the same nonce"), "retry");
    check(again, { "a retried nonce returns the first message": (m) => m.id === first.id });

    for (const [who, user] of [["alice", alice], ["bob", bob]]) {
      const history = json(expectStatus(
        request("GET", `${path}?limit=10`, user.token, undefined, "list messages"),
        200, `${who} lists messages`), "list messages");
      check(history, {
        "history holds both messages, newest first": (ms) =>
          ms.length === 2 && ms[0].id === reply.id && ms[1].id === first.id,
      });
    }
  });

  group("unauthenticated", () => {
    // Expected to be refused, so not counted in http_req_failed.
    const res = http.get(`${API}/users/@me`, {
      responseCallback: http.expectedStatuses(401),
      tags: { name: "/users/@me (no token)" },
    });
    check(res, { "no token is refused with 401": (r) => r.status === 401 });
  });
}
