"""Traffic for tests/metrics.sh, then a scrape of /metrics taken while it is live.

    python3 tests/metrics_traffic.py BASE_URL SCRAPE_FILE

Registers a user (and the same name again, a storage conflict), creates a guild, opens a
gateway connection and identifies, sends a message and waits for its MESSAGE_CREATE,
asks for an API path no route serves, then writes the scrape to SCRAPE_FILE with the
connection still open and checks that the numbers moved. Only the standard library:
the WebSocket client below speaks just enough of RFC 6455 for text frames.
"""

import base64
import json
import os
import re
import socket
import struct
import sys
import urllib.error
import urllib.parse
import urllib.request

TIMEOUT_S = 10


def request(base, method, path, body=None, token=None):
    """One HTTP request; returns (status, parsed JSON body or None)."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT_S) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    try:
        return status, json.loads(raw) if raw else None
    except ValueError:
        return status, raw.decode(errors="replace")


def expect(status, wanted, what):
    if status != wanted:
        sys.exit(f"{what}: expected {wanted}, got {status}")


class Gateway:
    """A WebSocket connection to /gateway carrying JSON text frames."""

    def __init__(self, base):
        url = urllib.parse.urlsplit(base)
        self.sock = socket.create_connection((url.hostname, url.port), timeout=TIMEOUT_S)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            (
                f"GET /gateway HTTP/1.1\r\nHost: {url.netloc}\r\nUpgrade: websocket\r\n"
                f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                "Sec-WebSocket-Version: 13\r\n\r\n"
            ).encode()
        )
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(1024)
            if not chunk:
                sys.exit("the gateway closed during the upgrade")
            head += chunk
        head, self.buffer = head.split(b"\r\n\r\n", 1)
        if not head.startswith(b"HTTP/1.1 101"):
            sys.exit(f"no WebSocket upgrade: {head[:80]!r}")

    def _read(self, count):
        while len(self.buffer) < count:
            chunk = self.sock.recv(65536)
            if not chunk:
                sys.exit("the gateway connection ended")
            self.buffer += chunk
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def send(self, frame):
        payload = json.dumps(frame).encode()
        mask = os.urandom(4)
        header = bytes([0x81])
        if len(payload) < 126:
            header += bytes([0x80 | len(payload)])
        else:
            header += bytes([0x80 | 126]) + struct.pack("!H", len(payload))
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(header + mask + masked)

    def frame(self):
        """The next text frame as JSON (control frames are skipped)."""
        while True:
            first, second = self._read(2)
            length = second & 0x7F
            if length == 126:
                (length,) = struct.unpack("!H", self._read(2))
            elif length == 127:
                (length,) = struct.unpack("!Q", self._read(8))
            payload = self._read(length)
            opcode = first & 0x0F
            if opcode == 0x8:
                sys.exit(f"the gateway closed the connection: {payload!r}")
            if opcode == 0x1:
                return json.loads(payload)

    def dispatch(self, name):
        while True:
            frame = self.frame()
            if frame.get("op") == 0 and frame.get("t") == name:
                return frame["d"]

    def close(self):
        mask = os.urandom(4)
        code = struct.pack("!H", 1000)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(code))
        self.sock.sendall(bytes([0x88, 0x80 | len(code)]) + mask + masked)
        self.sock.close()


def sample(text, series):
    """The value of one series in the exposition, or None."""
    match = re.search("^" + re.escape(series) + r" (\S+)$", text, re.MULTILINE)
    return float(match.group(1)) if match else None


def main():
    base, scrape_file = sys.argv[1], sys.argv[2]
    api = "/api/v1"

    user = {"username": "metrics", "email": "metrics@example.org", "password": "a long password"}
    status, body = request(base, "POST", api + "/auth/register", user)
    expect(status, 201, "register")
    token = body["access_token"]
    status, _ = request(base, "POST", api + "/auth/register", user)
    expect(status, 409, "register the same name again")

    status, guild = request(base, "POST", api + "/guilds", {"name": "metrics"}, token)
    expect(status, 201, "create a guild")
    status, channels = request(base, "GET", f"{api}/guilds/{guild['id']}/channels", token=token)
    expect(status, 200, "list channels")
    general = next(c["id"] for c in channels if c["name"] == "general")

    gateway = Gateway(base)
    gateway.frame()  # HELLO
    gateway.send({"op": 2, "d": {"token": token}})
    gateway.dispatch("READY")
    path = f"{api}/channels/{general}/messages"
    status, _ = request(base, "POST", path, {"content": "measured"}, token)
    expect(status, 201, "send a message")
    gateway.dispatch("MESSAGE_CREATE")
    status, _ = request(base, "GET", api + "/no/such/route")
    expect(status, 404, "an unknown API path")

    with urllib.request.urlopen(base + "/metrics", timeout=TIMEOUT_S) as response:
        text = response.read().decode()
    gateway.close()
    with open(scrape_file, "w", encoding="utf-8") as out:
        out.write(text)

    route = "/api/v1/channels/{channel_id}/messages"
    conflict = 'adapter="embedded",kind="conflict",operation="create_user"'
    exact = {
        "concord_gateway_connections": 1,
        "concord_gateway_sessions": 1,
        "concord_gateway_fanout_seconds_count": 1,
        "concord_messages_created_total": 1,
        f'concord_http_requests_total{{method="POST",route="{route}",status="201"}}': 1,
        'concord_http_requests_total{method="GET",route="unmatched",status="404"}': 1,
        f"concord_store_operation_errors_total{{{conflict}}}": 1,
    }
    failed = [
        f"{name} is {sample(text, name)}, not {want}"
        for name, want in exact.items()
        if sample(text, name) != want
    ]
    dispatches = sample(text, "concord_gateway_dispatches_total")
    if dispatches is None or dispatches < 2:
        failed.append(f"concord_gateway_dispatches_total is {dispatches}, not at least 2")
    if failed:
        sys.exit("metrics that did not move as expected:\n  " + "\n  ".join(failed))
    print(f"traffic: {len(exact) + 1} series moved as expected")


if __name__ == "__main__":
    main()
