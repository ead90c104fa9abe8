#!/usr/bin/env bash
# The realtime load benchmark, end to end: builds the release binaries, then for each
# setup starts fresh servers, runs concord-bench's scenarios against them, prints the
# JSON lines and appends them, with the date, git commit and setup, to
# tests/bench/results.jsonl.
#
#   bash tests/bench/run.sh                       both setups, every scenario
#   bash tests/bench/run.sh --scale 0.1 --time-scale 0.25     a quick run
#   bash tests/bench/run.sh --setup production --production-factor 1      full size
#   bash tests/bench/run.sh --setup embedded --scenario chatty
#
# Setups:
#   embedded    one server with its embedded defaults (redb store, in-process pub/sub)
#               in a fresh temporary data folder
#   production  two replicas on different ports sharing MongoDB (a SecantusDB of the
#               run's own, in memory, started through tests/services/secantusdb.sh on
#               a free port) and Redis (CONCORD_REDIS_URL, default
#               redis://127.0.0.1:6379); clients and requests alternate between the
#               replicas, whose memory and CPU are summed
#
# Options: --setup embedded|production|all (default all), --no-record (print only),
# --scale S (clients, default 1), --production-factor F (default 0.2: the production
# setup runs at scale S*F, because SecantusDB, written in Python, registers and
# identifies about 20 users a second here, so that the full size takes over half an
# hour); anything else (--time-scale, --scenario, --max-steps, ...) goes to
# concord-bench. Every server runs with rate limits off, cheap argon2 (64 KiB) and
# warnings-only logs, kept in target/bench/. The binaries are copied away before use, so
# that other builds in the shared target/ cannot replace them mid-run.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
RESULTS=$ROOT/tests/bench/results.jsonl
REDIS_URL=${CONCORD_REDIS_URL:-redis://127.0.0.1:6379}

SETUP=all
RECORD=1
BENCH_ARGS=()
SCALE=1
PRODUCTION_FACTOR=0.2
TIME_SCALE=1
while (($#)); do
    case $1 in
    --setup) SETUP=$2; shift 2 ;;
    --no-record) RECORD=0; shift ;;
    --scale) SCALE=$2; shift 2 ;;
    --production-factor) PRODUCTION_FACTOR=$2; shift 2 ;;
    --time-scale) TIME_SCALE=$2; BENCH_ARGS+=("$1" "$2"); shift 2 ;;
    *) BENCH_ARGS+=("$1"); shift ;;
    esac
done
case $SETUP in
all) SETUPS=(embedded production) ;;
embedded | production) SETUPS=("$SETUP") ;;
*) echo "run.sh: --setup must be embedded, production or all" >&2; exit 2 ;;
esac

say() { echo "run.sh: $*" >&2; }

# Every gateway client is a socket in the load generator and one in a server.
HARD=$(ulimit -Hn)
if [[ $HARD == unlimited || $HARD -gt 65536 ]]; then HARD=65536; fi
ulimit -n "$HARD"

say "building release binaries"
cargo build --release --quiet -p concord-server -p concord-bench \
    --manifest-path "$ROOT/Cargo.toml"
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
WORK=$(mktemp -d -t concord-bench.XXXXXX)
LOGS=$TARGET/bench
mkdir -p "$LOGS"
cp "$TARGET/release/concord" "$TARGET/release/concord-bench" "$WORK/"

PIDS=()
DEPENDENCIES=()
SECANTUS=
cleanup() {
    stop_servers
    if [[ -n $SECANTUS ]]; then "$SECANTUS" stop 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# start_server NAME PORT [VAR=value...]: starts a server with the common settings plus
# the given ones, waits for /healthz, and records its pid in PIDS.
start_server() {
    local name=$1 port=$2
    shift 2
    mkdir -p "$WORK/$name"
    env CONCORD_BIND="127.0.0.1:$port" CONCORD_DATA_DIR="$WORK/$name" \
        CONCORD_RATE_LIMITS=off CONCORD_GATEWAY_MAX_PER_ADDRESS=0 \
        CONCORD_ARGON2_MEMORY_KIB=64 CONCORD_ACCESS_TTL=3600 \
        CONCORD_LOG=warn "$@" "$WORK/concord" >"$LOGS/$name.log" 2>&1 </dev/null &
    local pid=$!
    PIDS+=("$pid")
    for _ in $(seq 300); do
        if curl -fs "http://127.0.0.1:$port/healthz" >/dev/null; then
            say "$name: pid $pid on port $port"
            return 0
        fi
        if ! kill -0 "$pid" 2>/dev/null; then break; fi
        sleep 0.1
    done
    say "$name did not start; its log:"
    cat "$LOGS/$name.log" >&2
    return 1
}

stop_servers() {
    local pid
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    PIDS=()
}

# bench SETUP SCALE URL...: runs concord-bench against the servers in PIDS, prints its
# lines and appends them with the run's context.
bench() {
    local setup=$1 scale=$2
    shift 2
    local args=() url pid
    for url in "$@"; do args+=(--url "$url"); done
    for pid in "${PIDS[@]}"; do args+=(--server-pid "$pid"); done
    for pid in "${DEPENDENCIES[@]}"; do args+=(--dependency-pid "$pid"); done
    local commit context
    commit=$(git -C "$ROOT" rev-parse --short HEAD)
    # The server or the benchmark was built from uncommitted changes: say so.
    local sources=(domain ports app adapters tests/bench/src Cargo.lock)
    if ! git -C "$ROOT" diff --quiet HEAD -- "${sources[@]}"; then
        commit=$commit-dirty
    fi
    context=$(printf '"date":"%s","commit":"%s","setup":"%s","scale":%s,"time_scale":%s' \
        "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$commit" "$setup" "$scale" "$TIME_SCALE")
    local line
    "$WORK/concord-bench" "${args[@]}" --scale "$scale" "${BENCH_ARGS[@]}" |
        while IFS= read -r line; do
            line="{$context,${line#\{}"
            echo "$line"
            if ((RECORD)); then echo "$line" >>"$RESULTS"; fi
        done
}

run_embedded() {
    local port
    port=$(free_port)
    start_server embedded "$port"
    bench embedded "$SCALE" "http://127.0.0.1:$port"
    stop_servers
}

run_production() {
    local mongo
    private_secantus
    mongo=$(SECANTUS_PORT=$(free_port) "$SECANTUS" start)
    if ! redis-cli -u "$REDIS_URL" ping >/dev/null 2>&1; then
        say "no Redis answers at $REDIS_URL"
        return 1
    fi
    # Their CPU time is reported apart (Redis's includes whatever else uses it).
    local redis_pid
    redis_pid=$(redis-cli -u "$REDIS_URL" info server | tr -d '\r' | sed -n 's/^process_id://p')
    DEPENDENCIES=("$(<"$WORK/secantus/target/secantusdb/secantusd.pid")")
    if [[ -n $redis_pid && -e /proc/$redis_pid ]]; then DEPENDENCIES+=("$redis_pid"); fi

    local secret p1 p2
    secret=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
    p1=$(free_port)
    p2=$(free_port)
    while [[ $p2 == "$p1" ]]; do p2=$(free_port); done
    local shared=(CONCORD_STORE=mongodb "CONCORD_MONGODB_URI=$mongo/concord_bench"
        CONCORD_PUBSUB=redis "CONCORD_REDIS_URL=$REDIS_URL" "CONCORD_JWT_SECRET=$secret")
    start_server replica1 "$p1" "${shared[@]}"
    start_server replica2 "$p2" "${shared[@]}"
    local scale
    scale=$(python3 -c "print(round($SCALE * $PRODUCTION_FACTOR, 4))")
    bench production "$scale" "http://127.0.0.1:$p1" "http://127.0.0.1:$p2"
    stop_servers
    DEPENDENCIES=()
    "$SECANTUS" stop
}

# Sets SECANTUS to a copy of tests/services/secantusdb.sh whose target/ holds only a
# link to the shared virtual environment, so that this run gets a SecantusDB of its own
# (in memory, on a free port): the script keeps its pid file in target/, and the
# instance at the default port belongs to whoever started it (tests, CI).
private_secantus() {
    local home=$WORK/secantus
    mkdir -p "$home/tests/services" "$home/target"
    # Installed through the real path: Python's venv cannot be created through the link,
    # and scripts pip installs through it would name the link's interpreter, which goes
    # away with this run.
    bash "$ROOT/tests/services/secantusdb.sh" install
    cp "$ROOT/tests/services/secantusdb.sh" "$ROOT/tests/services/process.sh" \
        "$home/tests/services/"
    ln -sfn "$ROOT/target/pyenv" "$home/target/pyenv"
    SECANTUS=$home/tests/services/secantusdb.sh
}

for setup in "${SETUPS[@]}"; do
    say "setup $setup"
    "run_$setup"
done
if ((RECORD)); then say "appended to ${RESULTS#"$ROOT"/}"; fi
