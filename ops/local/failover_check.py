"""Message-loss check for ops/local/run.sh: gateway clients that resume across replicas.

    python failover_check.py --url http://127.0.0.1:PORT [--receivers 30] [--senders 3]
                             [--rate 20] [--duration 30] [--drain 15] [--ready-file F]

Through the load balancer at --url it registers senders and receivers in one new guild,
connects every receiver to /gateway (IDENTIFY, heartbeats at the announced interval),
then has the senders post --rate messages a second in total for --duration seconds.
Each POST carries a nonce: a POST that fails (the replica behind it died) is retried
with the same nonce, so it is stored once however often it is sent.

A receiver whose connection drops (a replica was killed) or is asked to reconnect (op 7)
connects again through the balancer and sends RESUME with its session id and last
sequence number; INVALID_SESSION means the session could not be resumed, and it then
identifies again and catches up through the REST history, as a real client would.

When sending stops and the receivers have drained, it checks that every message that
was acknowledged (201) reached every receiver exactly once, and that the channel's REST
history holds each of them exactly once and nothing else. It prints the figures and a
JSON line, and exits non-zero when anything was lost or duplicated.

One case is counted apart: a POST whose replica died after storing the message but
before publishing it. Its retry finds the message by its nonce and answers with it, but
nothing publishes it again, so no gateway client receives it; it is in the history, where
clients catching up find it. Those deliveries are reported as `unpublished_after_crash`
and do not fail the check.

--ready-file names a file written once every receiver is connected, so that the caller
knows when to start its clock (and when to kill a replica).
"""

import argparse
import asyncio
import json
import os
import random
import string
import sys
import time
import urllib.error
import urllib.request

import websockets

PASSWORD = "failover check password"
HTTP_TIMEOUT_S = 10
RETRY_PAUSE_S = 0.2
SEND_ATTEMPTS = 50


def http(base, method, path, body=None, token=None):
    """One blocking request; returns (status, JSON body or None). Errors become 0."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + "/api/v1" + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT_S) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        return error.code, None
    except OSError:
        return 0, None


async def call(base, method, path, body=None, token=None):
    return await asyncio.to_thread(http, base, method, path, body, token)


async def must(base, method, path, body=None, token=None, wanted=(200, 201)):
    """A setup request that has to succeed, retried while a replica is unreachable."""
    for _ in range(20):
        status, reply = await call(base, method, path, body, token)
        if status in wanted:
            return reply
        if status not in (0, 502, 503, 504):
            sys.exit(f"{method} {path}: HTTP {status}")
        await asyncio.sleep(RETRY_PAUSE_S)
    sys.exit(f"{method} {path}: no answer")


class Stats:
    """What every client counts."""

    def __init__(self):
        self.acknowledged = {}  # message id -> send time (ns)
        self.retried = set()  # ids of messages acknowledged only after a failed attempt
        self.send_failures = 0
        self.disconnects = 0
        self.resumes = 0
        self.invalid_sessions = 0
        self.caught_up_by_rest = 0
        self.latencies_ms = []


class Receiver:
    """One gateway client that resumes after losing its connection."""

    def __init__(self, base, token, channel, stats):
        self.url = base.replace("http", "ws", 1) + "/gateway"
        self.base = base
        self.token = token
        self.channel = channel
        self.stats = stats
        self.session_id = None
        self.seq = 0
        self.seen = {}  # message id -> times received
        self.ready = asyncio.Event()
        self.stopping = False

    async def run(self):
        while not self.stopping:
            try:
                async with websockets.connect(self.url, max_size=2**22) as socket:
                    await self.serve(socket)
            except (OSError, websockets.WebSocketException, asyncio.TimeoutError):
                pass
            if self.stopping:
                return
            self.stats.disconnects += 1
            await asyncio.sleep(random.uniform(0.05, 0.3))

    async def serve(self, socket):
        hello = json.loads(await asyncio.wait_for(socket.recv(), 10))
        interval = hello["d"]["heartbeat_interval"] / 1000
        if self.session_id is None:
            await socket.send(json.dumps({"op": 2, "d": {"token": self.token}}))
        else:
            resume = {"token": self.token, "session_id": self.session_id, "seq": self.seq}
            await socket.send(json.dumps({"op": 6, "d": resume}))
        beat = asyncio.create_task(self.heartbeat(socket, interval))
        try:
            async for text in socket:
                if await self.handle(socket, json.loads(text)):
                    return
        finally:
            beat.cancel()

    async def heartbeat(self, socket, interval):
        while True:
            await asyncio.sleep(interval * random.uniform(0.5, 0.9))
            await socket.send(json.dumps({"op": 1, "d": self.seq or None}))

    async def handle(self, socket, frame):
        """Handles one frame; true when the connection should be given up."""
        op = frame["op"]
        if op == 7:  # RECONNECT
            return True
        if op == 9:  # INVALID_SESSION: identify again, then catch up over REST
            self.stats.invalid_sessions += 1
            self.session_id, self.seq = None, 0
            await socket.send(json.dumps({"op": 2, "d": {"token": self.token}}))
            return False
        if op != 0:
            return False
        self.seq = frame.get("s") or self.seq
        name, data = frame.get("t"), frame.get("d") or {}
        if name == "READY":
            self.session_id = data["session_id"]
            if self.ready.is_set():  # a new session after INVALID_SESSION
                await self.catch_up()
            self.ready.set()
        elif name == "RESUMED":
            self.stats.resumes += 1
        elif name == "MESSAGE_CREATE" and data.get("channel_id") == self.channel:
            self.receive(data)
        return False

    def receive(self, message):
        self.seen[message["id"]] = self.seen.get(message["id"], 0) + 1
        if self.seen[message["id"]] == 1:
            sent_ns = int(message["content"].rsplit(" ", 1)[1])
            self.stats.latencies_ms.append((time.time_ns() - sent_ns) / 1e6)

    async def catch_up(self):
        """Messages missed while no session existed, from the REST history."""
        for message in await history(self.base, self.token, self.channel):
            if message["id"] not in self.seen:
                self.seen[message["id"]] = 1
                self.stats.caught_up_by_rest += 1


async def history(base, token, channel):
    """The whole history of the channel, oldest first."""
    messages, before = [], None
    while True:
        query = "?limit=100" + (f"&before={before}" if before else "")
        page = await must(base, "GET", f"/channels/{channel}/messages{query}", token=token)
        messages.extend(page)
        if len(page) < 100:
            return list(reversed(messages))
        before = page[-1]["id"]


async def sender(base, token, channel, name, interval, until, stats):
    """Posts one message every `interval` seconds until `until`, retrying failures."""
    number = 0
    while time.monotonic() < until:
        started = time.monotonic()
        number += 1
        nonce = f"{name}-{number}"
        for attempt in range(SEND_ATTEMPTS):
            body = {"content": f"{nonce} {time.time_ns()}", "nonce": nonce}
            status, reply = await call(base, "POST", f"/channels/{channel}/messages", body, token)
            if status in (200, 201):
                stats.acknowledged.setdefault(reply["id"], time.time_ns())
                if attempt > 0:
                    stats.retried.add(reply["id"])
                break
            stats.send_failures += 1
            await asyncio.sleep(RETRY_PAUSE_S)
        await asyncio.sleep(max(0.0, interval - (time.monotonic() - started)))


async def register(base, prefix, index):
    name = f"{prefix}{index}"
    user = {"username": name, "email": f"{name}@example.org", "password": PASSWORD}
    reply = await must(base, "POST", "/auth/register", user)
    return reply["access_token"]


def percentile(values, share):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--receivers", type=int, default=30)
    parser.add_argument("--senders", type=int, default=3)
    parser.add_argument("--rate", type=float, default=20.0, help="messages a second, in all")
    parser.add_argument("--duration", type=float, default=30.0)
    parser.add_argument("--drain", type=float, default=15.0)
    parser.add_argument("--ready-file")
    args = parser.parse_args()
    base = args.url.rstrip("/")
    prefix = "fo" + "".join(random.choices(string.ascii_lowercase, k=6))
    stats = Stats()

    owner = await register(base, prefix, "owner")
    guild = await must(base, "POST", "/guilds", {"name": "failover"}, owner)
    channels = await must(base, "GET", f"/guilds/{guild['id']}/channels", token=owner)
    channel = next(c["id"] for c in channels if c["name"] == "general")
    invite = await must(base, "POST", f"/guilds/{guild['id']}/invites", {}, owner)
    members = args.senders + args.receivers
    tokens = await asyncio.gather(*(register(base, prefix, i) for i in range(members)))
    for token in tokens:
        await must(base, "POST", f"/invites/{invite['code']}", {}, token)
    senders, receivers = tokens[: args.senders], tokens[args.senders :]

    clients = [Receiver(base, token, channel, stats) for token in receivers]
    tasks = [asyncio.create_task(client.run()) for client in clients]
    await asyncio.wait_for(asyncio.gather(*(c.ready.wait() for c in clients)), 60)
    print(f"failover check: {len(clients)} receivers ready", file=sys.stderr, flush=True)
    if args.ready_file:
        with open(args.ready_file, "w", encoding="utf-8") as ready:
            ready.write("ready\n")

    started = time.monotonic()
    interval = args.senders / args.rate
    until = started + args.duration
    await asyncio.gather(
        *(
            sender(base, token, channel, f"{prefix}s{i}", interval, until, stats)
            for i, token in enumerate(senders)
        )
    )
    sent_for = time.monotonic() - started

    wanted = set(stats.acknowledged)
    deadline = time.monotonic() + args.drain
    while time.monotonic() < deadline:
        if all(wanted <= set(client.seen) for client in clients):
            break
        await asyncio.sleep(0.2)
    for client in clients:
        client.stopping = True
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)

    first_try = wanted - stats.retried
    lost = sum(len(first_try - set(client.seen)) for client in clients)
    unpublished = sum(len((wanted & stats.retried) - set(c.seen)) for c in clients)
    duplicated = sum(count - 1 for c in clients for count in c.seen.values() if count > 1)
    stored = [m["id"] for m in await history(base, owner, channel)]
    stored_twice = len(stored) - len(set(stored))
    missing_from_history = len(wanted - set(stored))
    unexpected_in_history = len(set(stored) - wanted)

    figures = {
        "receivers": len(clients),
        "messages_acknowledged": len(wanted),
        "send_rate_per_s": round(len(wanted) / sent_for, 1),
        "failed_post_attempts_retried": stats.send_failures,
        "messages_acknowledged_after_retry": len(stats.retried),
        "deliveries_expected": len(wanted) * len(clients),
        "deliveries_lost": lost,
        "unpublished_after_crash": unpublished,
        "deliveries_duplicated": duplicated,
        "disconnects": stats.disconnects,
        "resumes": stats.resumes,
        "invalid_sessions": stats.invalid_sessions,
        "caught_up_by_rest": stats.caught_up_by_rest,
        "latency_p50_ms": round(percentile(stats.latencies_ms, 0.50), 1),
        "latency_p99_ms": round(percentile(stats.latencies_ms, 0.99), 1),
        "latency_max_ms": round(max(stats.latencies_ms, default=0.0), 1),
        "history_messages": len(stored),
        "history_missing": missing_from_history,
        "history_stored_twice": stored_twice,
        "history_unexpected": unexpected_in_history,
    }
    width = max(len(key) for key in figures)
    for key, value in figures.items():
        print(f"  {key:<{width}}  {value}")
    print(json.dumps(figures))
    clean = lost == 0 and duplicated == 0 and missing_from_history == 0
    clean = clean and stored_twice == 0 and unexpected_in_history == 0
    if unpublished:
        print(
            f"note: {unpublished} deliveries of messages stored by the killed replica were "
            "never published; those messages are in the history, where clients catch up"
        )
    print("failover check: " + ("no message lost or duplicated" if clean else "FAILED"))
    return 0 if clean else 1


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(asyncio.run(main()))
