#!/usr/bin/env bash
# Runs Concord with its web client on this machine: builds the client into frontend/dist
# when it has not been built, then starts the server in release mode, serving the client
# at / beside the API. Arguments go to the server (`bash ops/run.sh --help` lists them).
#
# Without npm, or when the build fails, it says so and starts the server all the same:
# the API and its explorer at /docs work, and / says how to build the client, which the
# server serves as soon as frontend/dist holds it.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Prints why the web client is missing and what the server does without it.
without_client() {
    cat >&2 <<NOTE
note: $1, so the web client is not built.
      Concord starts without it: the API and /docs work, and / says how to build it.
      For the web client, install Node.js 20.19+ and npm, then run ops/run.sh again.
NOTE
}

if [[ ! -f frontend/dist/index.html ]]; then
    if ! command -v npm >/dev/null 2>&1; then
        without_client "npm was not found"
    else
        echo "building the web client into frontend/dist (needs Node.js 20.19+ and npm)"
        if ! (cd frontend && npm ci --no-audit --no-fund && npm run build); then
            without_client "building it with npm failed (see above)"
        fi
    fi
fi

exec cargo run --release -- "$@"
