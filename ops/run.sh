#!/usr/bin/env bash
# Runs Concord with its web client on this machine: builds the client into frontend/dist
# when it has not been built, then starts the server in release mode, serving the client
# at / beside the API. Arguments go to the server (`bash ops/run.sh --help` lists them).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ ! -f frontend/dist/index.html ]]; then
    echo "building the web client into frontend/dist (needs Node.js 20.19+ and npm)"
    (cd frontend && npm ci --no-audit --no-fund && npm run build)
fi

exec cargo run --release -- "$@"
