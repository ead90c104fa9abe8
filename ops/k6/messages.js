// Message-send load test: many users post into one channel and now and then read its
// history.
//
//   k6 run -e BASE_URL=http://127.0.0.1:8080 -e VUS=10 -e DURATION=30s ops/k6/messages.js
//
// Settings (environment, `-e NAME=value`):
//   VUS       virtual users sending at once (default 10)
//   USERS     accounts registered in setup() and shared by the VUs (default VUS)
//   DURATION  how long to send (default 30s)
//   RATE      when set: messages per second in total (open model, constant arrival
//             rate) instead of each VU sending as fast as it is answered
//   P95_MS    the p95 send latency threshold in ms (default 250)
//
// The target must not rate-limit the test: run it with CONCORD_RATE_LIMITS=off (by
// default a user may send 10 messages per 10 s, and an address register 20 accounts
// an hour).

import { check } from "k6";
import { Counter } from "k6/metrics";
import { envInt, guildWithMembers, request } from "./lib/concord.js";

const VUS = envInt("VUS", 10);
const USERS = envInt("USERS", VUS);
const DURATION = __ENV.DURATION || "30s";
const RATE = envInt("RATE", 0);
const P95_MS = envInt("P95_MS", 250);

const sent = new Counter("messages_sent");

const scenario = RATE > 0
  ? {
    executor: "constant-arrival-rate",
    rate: RATE,
    timeUnit: "1s",
    duration: DURATION,
    preAllocatedVUs: VUS,
    maxVUs: VUS * 4,
  }
  : { executor: "constant-vus", vus: VUS, duration: DURATION };

export const options = {
  setupTimeout: "180s",
  scenarios: { send: scenario },
  thresholds: {
    "http_req_duration{name:send message}": [`p(95)<${P95_MS}`],
    "http_req_duration{name:list messages}": [`p(95)<${P95_MS * 2}`],
    http_req_failed: ["rate<0.01"],
    checks: ["rate>0.99"],
  },
};

export function setup() {
  const { channelId, users } = guildWithMembers(Math.max(USERS, 1), "msg");
  return { channelId, tokens: users.map((u) => u.token) };
}

export default function (data) {
  const token = data.tokens[(__VU - 1) % data.tokens.length];
  const path = `/channels/${data.channelId}/messages`;

  const res = request("POST", path, token, {
    content: `load test message ${__VU}-${__ITER} at ${Date.now()}`,
    nonce: `${__VU}-${__ITER}`,
  }, "send message");
  if (check(res, { "message sent (201)": (r) => r.status === 201 })) sent.add(1);

  // One iteration in ten reads the newest page, as a client opening the channel would.
  if (__ITER % 10 === 9) {
    const history = request("GET", `${path}?limit=50`, token, undefined, "list messages");
    check(history, { "history listed (200)": (r) => r.status === 200 });
  }
}
