#!/usr/bin/env bash
# moto, an S3-compatible server kept in memory, for the file-storage tests on S3.
#
#   tests/services/s3.sh start   installs it if needed, starts it in the background,
#                                waits until it answers HTTP and prints its endpoint URL
#                                on stdout
#   tests/services/s3.sh stop    stops the server this script started
#   tests/services/s3.sh url     prints the endpoint URL without starting anything
#
# Settings, from the environment:
#   S3_PORT           port on 127.0.0.1 (default 9010)
#   S3_START_TIMEOUT  seconds to wait for the first answer (default 60)
#
# moto accepts any credentials and creates buckets on a plain `PUT /bucket`, so each
# test makes buckets of its own. Its data is gone when it stops. The server is installed
# with pip into the shared virtual environment target/pyenv; its pid and log live in
# target/s3/. Progress goes to stderr so that `URL=$(tests/services/s3.sh start)`
# captures the URL alone.

set -euo pipefail

VERSION=5.2.5
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
VENV=$ROOT/target/pyenv
STATE=$ROOT/target/s3
PIDFILE=$STATE/moto.pid
LOGFILE=$STATE/moto.log
HOST=127.0.0.1
PORT=${S3_PORT:-9010}
START_TIMEOUT=${S3_START_TIMEOUT:-60}
STOP_TIMEOUT=10

say() { echo "s3: $*" >&2; }

# shellcheck source=process.sh
source "$ROOT/tests/services/process.sh"

url() { echo "http://$HOST:$PORT"; }

# Whether an HTTP server answers on HOST:PORT. A bare TCP connect is not enough: moto
# binds its port a moment before it serves requests.
answering() {
    "$VENV/bin/python" - "$(url)" <<'EOF' 2>/dev/null
import sys, urllib.request, urllib.error
try:
    urllib.request.urlopen(sys.argv[1] + "/", timeout=1)
except urllib.error.HTTPError:
    pass
EOF
}

install() {
    if [[ ! -x $VENV/bin/python ]]; then
        say "creating the virtual environment $VENV"
        python3 -m venv "$VENV"
    fi
    local found
    found=$("$VENV/bin/python" -c \
        'import importlib.metadata as m; print(m.version("moto"))' 2>/dev/null || true)
    if [[ $found != "$VERSION" || ! -x $VENV/bin/moto_server ]]; then
        say "installing moto[server]==$VERSION"
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
            "moto[server]==$VERSION" >&2
    fi
}

start() {
    mkdir -p "$STATE"
    if pid=$(running_pid); then
        if answering; then
            say "already running (pid $pid)"
            url
            return 0
        fi
        say "pid $pid from an earlier start does not answer on port $PORT; stopping it"
        stop
    fi
    if accepting; then
        say "port $PORT on $HOST is taken by another process; set S3_PORT"
        return 1
    fi

    install

    say "starting on $HOST:$PORT, log $LOGFILE"
    nohup "$VENV/bin/moto_server" -H "$HOST" -p "$PORT" >"$LOGFILE" 2>&1 </dev/null &
    await_ready $! answering
    url
}

case "${1:-}" in
start) start ;;
stop) stop ;;
url) url ;;
*)
    echo "usage: $0 start|stop|url" >&2
    exit 2
    ;;
esac
