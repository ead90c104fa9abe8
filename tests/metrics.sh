#!/usr/bin/env bash
# Checks the Prometheus exposition of a real Concord with promtool:
#
#   bash tests/metrics.sh
#
# Builds target/debug/concord, starts it on a free loopback port with a temporary data
# folder (rate limits off, cheap password hashing; Redis pub/sub when Redis answers on
# 127.0.0.1:6379, so that the pub/sub metrics are exported too), registers a user,
# creates a guild, holds a gateway connection open while a message is sent, scrapes
# /metrics, then runs `promtool check metrics` on the scrape and checks that every
# expected metric is there and has moved. Stops the server whatever happened. Installs
# promtool (Debian's `prometheus` package) when it is missing. The last line is the
# summary; the exit status is non-zero on any failure.
#
# CONCORD_BIN=path/to/concord tests that binary instead, without building.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
READY_TIMEOUT_S=60

# Metrics every scrape must carry.
EXPECTED=(
    concord_http_requests_total
    concord_http_request_duration_seconds
    concord_gateway_connections
    concord_gateway_sessions
    concord_gateway_rooms
    concord_gateway_dispatches_total
    concord_gateway_slow_consumers_total
    concord_gateway_fanout_seconds
    concord_messages_created_total
    concord_store_operation_duration_seconds
    concord_store_operation_errors_total
)
# Metrics of the Redis transport, checked when the server runs on Redis.
EXPECTED_REDIS=(
    concord_pubsub_publishes_total
    concord_pubsub_publish_failures_total
    concord_pubsub_received_total
    concord_pubsub_dropped_total
    concord_pubsub_reconnects_total
    concord_pubsub_subscribed_rooms
)

echo "=== metrics exposition (promtool check metrics) ==="

if [[ -x /usr/bin/promtool ]]; then
    PROMTOOL=/usr/bin/promtool
elif command -v promtool >/dev/null; then
    PROMTOOL=$(command -v promtool)
else
    echo "installing promtool (Debian's prometheus package)"
    apt-get update -qq && apt-get install -y -qq prometheus >/dev/null
    PROMTOOL=/usr/bin/promtool
fi

if [[ -n ${CONCORD_BIN:-} ]]; then
    concord_bin=$CONCORD_BIN
else
    cargo build --quiet -p concord-server
    concord_bin=${CARGO_TARGET_DIR:-$ROOT/target}/debug/concord
fi

free_port='import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
port=$(python3 -c "$free_port")
base_url=http://127.0.0.1:$port
work=$(mktemp -d "${TMPDIR:-/tmp}/concord-metrics.XXXXXX")
log=$work/concord.log
scrape=$work/metrics.txt
server_pid=

stop_server() {
    local status=$?
    if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        # Concord drains for up to 10 s after SIGTERM.
        for _ in $(seq 150); do
            kill -0 "$server_pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    if ((status != 0)) && [[ -f $log ]]; then
        echo "--- the server's log ---"
        tail -n 30 "$log"
    fi
    rm -rf "$work"
}
trap stop_server EXIT

# Redis answers PING on these machines; elsewhere the pub/sub metrics are skipped.
redis_answers() {
    python3 - <<'EOF'
import socket, sys
try:
    with socket.create_connection(("127.0.0.1", 6379), timeout=1) as s:
        s.sendall(b"PING\r\n")
        sys.exit(0 if s.recv(16).startswith(b"+PONG") else 1)
except OSError:
    sys.exit(1)
EOF
}
if redis_answers; then
    pubsub=redis
    EXPECTED+=("${EXPECTED_REDIS[@]}")
else
    pubsub=local
    echo "note: no Redis on 127.0.0.1:6379; the concord_pubsub_* metrics are not checked"
fi

CONCORD_BIND=127.0.0.1:$port \
    CONCORD_PUBLIC_URL=$base_url \
    CONCORD_DATA_DIR=$work/data \
    CONCORD_PUBSUB=$pubsub \
    CONCORD_RATE_LIMITS=off \
    CONCORD_ARGON2_MEMORY_KIB=64 \
    "$concord_bin" >"$log" 2>&1 &
server_pid=$!

deadline=$((SECONDS + READY_TIMEOUT_S))
until curl -fsS -o /dev/null "$base_url/readyz" 2>/dev/null; do
    if ! kill -0 "$server_pid" 2>/dev/null; then
        echo "concord exited before it was ready" >&2
        exit 1
    fi
    if ((SECONDS > deadline)); then
        echo "concord was not ready within ${READY_TIMEOUT_S}s" >&2
        exit 1
    fi
    sleep 0.2
done

# Traffic, then the scrape while the gateway connection is still open.
python3 "$ROOT/tests/metrics_traffic.py" "$base_url" "$scrape"

echo "--- promtool check metrics"
"$PROMTOOL" check metrics <"$scrape"
echo "promtool: no problems in $(grep -cv '^#' "$scrape") samples"

missing=()
for name in "${EXPECTED[@]}"; do
    grep -q "^# TYPE $name " "$scrape" || missing+=("$name")
done
if ((${#missing[@]} > 0)); then
    echo "metrics: FAILED, missing ${missing[*]}" >&2
    exit 1
fi
echo "metrics: passed (${#EXPECTED[@]} metrics present, pub/sub $pubsub)"
