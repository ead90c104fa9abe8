// Gateway fan-out test: receivers hold WebSocket sessions while senders post messages
// over REST; each receiver measures how long every message took to reach it.
//
//   k6 run -e BASE_URL=http://127.0.0.1:8080 -e RECEIVERS=50 -e SENDERS=2 ops/k6/gateway.js
//
// Each receiver connects to /gateway, waits for HELLO (op 10), sends IDENTIFY (op 2)
// with its token, counts READY, heartbeats (op 1) at the announced interval and reads
// MESSAGE_CREATE dispatches. Senders put their clock in the content (`k6 <ms> ...`), so
// `gateway_delivery_latency` is send-to-receipt time, REST request included, on one
// clock (the k6 machine's).
//
// Settings (environment, `-e NAME=value`):
//   RECEIVERS         gateway clients, one user each (default 20)
//   SENDERS           users posting messages (default 2)
//   DURATION          how long senders send (default 20s)
//   SEND_INTERVAL_MS  pause between one sender's messages (default 200)
//   P95_MS            the p95 delivery latency threshold in ms (default 500)
//
// The target must not rate-limit the test: run it with CONCORD_RATE_LIMITS=off.

import { check, sleep } from "k6";
import ws from "k6/ws";
import { Counter, Rate, Trend } from "k6/metrics";
import { GATEWAY_URL, envInt, guildWithMembers, request } from "./lib/concord.js";

const RECEIVERS = envInt("RECEIVERS", 20);
const SENDERS = envInt("SENDERS", 2);
const DURATION_S = seconds(__ENV.DURATION || "20s");
const SEND_INTERVAL_MS = envInt("SEND_INTERVAL_MS", 200);
const P95_MS = envInt("P95_MS", 500);

// Receivers connect first; senders start once they had time to IDENTIFY.
const CONNECT_GRACE_S = 5;
// Receivers stay a little after the last send to collect the messages in flight.
const DRAIN_S = 3;

/** `90`, `90s` or `2m` in seconds. */
function seconds(text) {
  const match = /^(\d+)(s|m)?$/.exec(text);
  if (!match) throw new Error(`DURATION must look like 30s or 2m, not ${text}`);
  return parseInt(match[1], 10) * (match[2] === "m" ? 60 : 1);
}

const OP = { DISPATCH: 0, HEARTBEAT: 1, IDENTIFY: 2, HELLO: 10, HEARTBEAT_ACK: 11 };

const deliveryLatency = new Trend("gateway_delivery_latency", true);
const readyTime = new Trend("gateway_ready_time", true);
const identified = new Rate("gateway_identified");
const received = new Counter("gateway_messages_received");
const sent = new Counter("gateway_messages_sent");

export const options = {
  setupTimeout: "180s",
  scenarios: {
    receivers: {
      executor: "per-vu-iterations",
      exec: "receive",
      vus: RECEIVERS,
      iterations: 1,
      maxDuration: `${CONNECT_GRACE_S + DURATION_S + DRAIN_S + 30}s`,
    },
    senders: {
      executor: "constant-vus",
      exec: "send",
      vus: SENDERS,
      startTime: `${CONNECT_GRACE_S}s`,
      duration: `${DURATION_S}s`,
    },
  },
  thresholds: {
    gateway_delivery_latency: [`p(95)<${P95_MS}`],
    gateway_identified: ["rate==1.0"],
    gateway_messages_received: ["count>0"],
    http_req_failed: ["rate<0.01"],
    checks: ["rate>0.99"],
  },
};

export function setup() {
  const { channelId, users } = guildWithMembers(RECEIVERS + SENDERS, "gw");
  return {
    channelId,
    receivers: users.slice(0, RECEIVERS).map((u) => u.token),
    senders: users.slice(RECEIVERS).map((u) => u.token),
  };
}

/** A receiver: one gateway session for the whole test. */
export function receive(data) {
  const token = data.receivers[(__VU - 1) % data.receivers.length];
  const holdMs = (CONNECT_GRACE_S + DURATION_S + DRAIN_S) * 1000;
  const openedAt = Date.now();
  let seq = null;
  let ready = false;

  const res = ws.connect(GATEWAY_URL, {}, (socket) => {
    socket.on("message", (raw) => {
      const frame = JSON.parse(raw);
      if (frame.s !== undefined && frame.s !== null) seq = frame.s;

      if (frame.op === OP.HELLO) {
        socket.send(JSON.stringify({ op: OP.IDENTIFY, d: { token } }));
        socket.setInterval(() => {
          socket.send(JSON.stringify({ op: OP.HEARTBEAT, d: seq }));
        }, frame.d.heartbeat_interval);
      } else if (frame.op === OP.DISPATCH && frame.t === "READY") {
        ready = true;
        readyTime.add(Date.now() - openedAt);
      } else if (frame.op === OP.DISPATCH && frame.t === "MESSAGE_CREATE") {
        const match = /^k6 (\d+) /.exec(frame.d.content || "");
        if (match) {
          deliveryLatency.add(Date.now() - parseInt(match[1], 10));
          received.add(1);
        }
      }
    });
    socket.on("close", (code) => {
      if (Date.now() - openedAt < holdMs) console.warn(`VU ${__VU}: gateway closed early (${code})`);
    });
    socket.on("error", (e) => console.error(`VU ${__VU}: ${e.error()}`));
    socket.setTimeout(() => socket.close(), holdMs);
  });

  check(res, { "gateway upgrade (101)": (r) => r && r.status === 101 });
  identified.add(ready);
}

/** A sender: posts a timestamped message, pauses, again until the scenario ends. */
export function send(data) {
  const token = data.senders[(__VU - 1) % data.senders.length];
  const res = request("POST", `/channels/${data.channelId}/messages`, token, {
    content: `k6 ${Date.now()} from sender ${__VU}, message ${__ITER}`,
  }, "send message");
  if (check(res, { "message sent (201)": (r) => r.status === 201 })) sent.add(1);
  sleep(SEND_INTERVAL_MS / 1000);
}
