#!/usr/bin/env bash
# The web client's whole test command, in the order it fails fastest:
#
#   install   Chromium (and an emoji font for legible screenshots) from apt when missing,
#             then `npm ci`
#   lint      ESLint (flat config), warnings count as failures
#   types     vue-tsc --noEmit
#   unit      Vitest: stores, the gateway client (fake WebSocket), components
#   build     vite build into dist/
#   api       the committed API types match the OpenAPI document the server serves
#   e2e       two browsers against the real binary serving dist/, with a server restart
#
# The server binary is CONCORD_BIN when set, else target/debug/concord, built here with
# `cargo build -p concord-server` (a no-op when it is up to date). Exits non-zero as
# soon as a section fails.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$(cd .. && pwd)
started=$SECONDS

section() {
    printf '\n=== frontend: %s (at %ds) ===\n' "$*" $((SECONDS - started))
}

section install
missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
dpkg -s fonts-noto-color-emoji >/dev/null 2>&1 || missing+=(fonts-noto-color-emoji)
if ((${#missing[@]})); then
    echo "installing ${missing[*]} with apt"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
npm ci --no-audit --no-fund --loglevel=error

section lint
npx eslint . --max-warnings=0

section types
npx vue-tsc --noEmit

section unit
npx vitest run

section build
npx vite build --logLevel warn

if [[ -z ${CONCORD_BIN:-} ]]; then
    section server binary
    (cd "$ROOT" && cargo build --quiet -p concord-server)
    export CONCORD_BIN=$ROOT/target/debug/concord
fi

section api
node scripts/check-api.mjs

section e2e
node e2e/run.mjs

printf '\nfrontend: all sections passed in %ds\n' $((SECONDS - started))
