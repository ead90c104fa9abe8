#!/usr/bin/env bash
# SecantusDB, a MongoDB-compatible server, for the MongoDB storage tests and benchmark.
#
#   tests/services/secantusdb.sh start   installs it if needed, starts it in the
#                                        background, waits until it accepts connections
#                                        and prints its URI on stdout
#   tests/services/secantusdb.sh stop    stops the server this script started
#   tests/services/secantusdb.sh uri     prints the URI without starting anything
#   tests/services/secantusdb.sh install installs it without starting it (for tests that
#                                        start private instances, tests/tests/faults)
#
# Settings, from the environment:
#   SECANTUS_PORT     port on 127.0.0.1 (default 27018)
#   SECANTUS_STORAGE  data folder, or :memory: for a throw-away one (default :memory:)
#   SECANTUS_TTL_SWEEP_SECONDS  TTL sweeper interval; 0, the default, turns it off
#                     because the storage contract's fixtures use fixed timestamps from
#                     2025, which a sweeper would treat as long expired mid-test
#
# The server is installed with pip into the shared virtual environment target/pyenv;
# its pid, log and config file live in target/secantusdb/. Progress goes to stderr so
# that `URI=$(tests/services/secantusdb.sh start)` captures the URI alone.

set -euo pipefail

VERSION=0.7.0b3
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
VENV=$ROOT/target/pyenv
STATE=$ROOT/target/secantusdb
PIDFILE=$STATE/secantusd.pid
LOGFILE=$STATE/secantusd.log
CONFIG=$STATE/secantusd.toml
HOST=127.0.0.1
PORT=${SECANTUS_PORT:-27018}
STORAGE=${SECANTUS_STORAGE:-:memory:}
TTL_SWEEP=${SECANTUS_TTL_SWEEP_SECONDS:-0}
START_TIMEOUT=${SECANTUS_START_TIMEOUT:-60}
STOP_TIMEOUT=30

say() { echo "secantusdb: $*" >&2; }

# shellcheck source=process.sh
source "$ROOT/tests/services/process.sh"

uri() { echo "mongodb://$HOST:$PORT"; }

install() {
    if [[ ! -x $VENV/bin/python ]]; then
        say "creating the virtual environment $VENV"
        python3 -m venv "$VENV"
    fi
    local found
    found=$("$VENV/bin/python" -c \
        'import importlib.metadata as m; print(m.version("secantusdb"))' 2>/dev/null || true)
    if [[ $found != "$VERSION" ]]; then
        say "installing secantusdb==$VERSION"
        "$VENV/bin/python" -m pip install --quiet "secantusdb==$VERSION" >&2
    fi
}

start() {
    mkdir -p "$STATE"
    if pid=$(running_pid); then
        if accepting; then
            say "already running (pid $pid)"
            uri
            return 0
        fi
        say "pid $pid from an earlier start does not answer on port $PORT; stopping it"
        stop
    fi
    if accepting; then
        say "port $PORT on $HOST is taken by another process; set SECANTUS_PORT"
        return 1
    fi

    install
    if [[ $STORAGE != ":memory:" ]]; then
        mkdir -p "$STORAGE"
    fi
    printf '[storage]\nttl_sweep_seconds = %s\n' "$TTL_SWEEP" >"$CONFIG"

    say "starting on $HOST:$PORT, storage $STORAGE, log $LOGFILE"
    nohup "$VENV/bin/secantusd-py" --config "$CONFIG" --host "$HOST" --port "$PORT" \
        --storage-path "$STORAGE" --log-level WARNING >"$LOGFILE" 2>&1 </dev/null &
    await_ready $! accepting
    uri
}

case "${1:-}" in
start) start ;;
stop) stop ;;
uri) uri ;;
install) install ;;
*)
    echo "usage: $0 start|stop|uri|install" >&2
    exit 2
    ;;
esac
