#!/usr/bin/env bash
# The project's one test command: formatting, lints, Rust tests, doc tests and API fuzzing.
#
#   bash tests/run.sh              every section, in order
#   bash tests/run.sh fmt clippy   only the named sections (see SECTIONS below)
#
# Installs what the sections need when it is missing (rustfmt and clippy components, a
# Python venv at target/pyenv with tests/requirements.txt), and never cleans target/, so
# a second run only rebuilds what changed. Every section runs even after one fails; the
# last line is the summary, and the exit status is non-zero when any section failed.
#
# Set CONCORD_TEST_FAIL_FAST=1 to stop at the first failing section. The fuzzing log and
# reports stay in target/schemathesis/.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
PYENV=$ROOT/target/pyenv

# Sections in the order they run.
SECTIONS=(fmt clippy tests doctests fuzz metrics ops k6 frontend)

# Colour only on a terminal, so CI logs and files stay plain text.
if [[ -t 1 ]]; then COLOR=always; else COLOR=never; fi
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-$COLOR}

# ---------------------------------------------------------------------------------------
# Output helpers

header() {
    printf '\n=== %s ===\n' "$*"
}

# note TEXT: a one-line result for the summary table (sections run in subshells, so the
# note goes through a file).
note() {
    echo "$*" >"$NOTES/$SECTION"
}

# Seconds as `1m05s` or `42s`.
duration() {
    local s=$1
    if ((s >= 60)); then printf '%dm%02ds' $((s / 60)) $((s % 60)); else printf '%ds' "$s"; fi
}

# ---------------------------------------------------------------------------------------
# Setup: what the sections need, installed only when absent

ensure_rust_components() {
    if ! cargo fmt --version >/dev/null 2>&1; then
        echo "installing the rustfmt component"
        rustup component add rustfmt
    fi
    if ! cargo clippy --version >/dev/null 2>&1; then
        echo "installing the clippy component"
        rustup component add clippy
    fi
}

# The venv at target/pyenv, with tests/requirements.txt installed. The venv is shared:
# tests/services/*.sh install their servers into it too, so it is only recreated when
# its interpreter is broken or is not the current python3. A stamp file holds the hash
# of the requirements it was last installed from; pip runs only when that changes.
ensure_pyenv() {
    local requirements=$ROOT/tests/requirements.txt
    local stamp=$PYENV/.requirements.sha256
    local python_version want
    python_version=$(python3 -c 'import sys; print(sys.version)')
    want=$(sha256sum "$requirements" | cut -d' ' -f1)

    local have_version
    have_version=$("$PYENV/bin/python" -c 'import sys; print(sys.version)' 2>/dev/null || true)
    if [[ $have_version != "$python_version" ]]; then
        echo "creating the Python venv at ${PYENV#"$ROOT"/}"
        rm -rf "$PYENV"
        python3 -m venv "$PYENV"
    elif [[ -f $stamp && $(<"$stamp") == "$want" ]]; then
        return 0
    fi

    echo "installing tests/requirements.txt into ${PYENV#"$ROOT"/}"
    rm -f "$stamp"
    "$PYENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
        -r "$requirements"
    echo "$want" >"$stamp"
}

ensure_curl() {
    command -v curl >/dev/null && return 0
    echo "installing curl"
    apt-get update -qq && apt-get install -y -qq curl >/dev/null
}

# ---------------------------------------------------------------------------------------
# Services. Each starts its server in the background, waits until it answers, exports
# where it listens, and registers how to stop it with `on_exit`. They are called from
# start_services, in this shell: sections run in subshells, so what a section exports
# or registers is gone when it ends.

ON_EXIT=()

# on_exit COMMAND...: run COMMAND when this script exits, the latest registered first.
on_exit() {
    ON_EXIT+=("$(printf '%q ' "$@")")
}

run_on_exit() {
    local i
    for ((i = ${#ON_EXIT[@]} - 1; i >= 0; i--)); do
        eval "${ON_EXIT[i]}" || true
    done
}
trap run_on_exit EXIT
trap 'exit 130' INT TERM

# SecantusDB (`secantusdb==0.7.0b3`), the MongoDB-compatible store, for the Mongo
# adapter's contract suite, the cluster tests and the fault tests:
# tests/services/secantusdb.sh installs it into target/pyenv and starts it on its own
# port; the tests read its address from CONCORD_TEST_MONGODB_URI.
start_secantusdb() {
    ensure_pyenv
    # The fault tests (tests/tests/faults) start private instances, whichever one the
    # other tests use.
    bash "$ROOT/tests/services/secantusdb.sh" install
    if [[ -n ${CONCORD_TEST_MONGODB_URI:-} ]]; then
        echo "using the MongoDB-compatible server at $CONCORD_TEST_MONGODB_URI"
        return 0
    fi
    local uri
    uri=$(bash "$ROOT/tests/services/secantusdb.sh" start)
    on_exit bash "$ROOT/tests/services/secantusdb.sh" stop
    export CONCORD_TEST_MONGODB_URI=$uri
    echo "SecantusDB listening at $uri"
}

# moto (`moto[server]==5.2.5`), an in-memory S3 server, for the file-storage contract on
# S3: tests/services/s3.sh installs it into target/pyenv and starts it on its own port;
# the tests read its endpoint from CONCORD_TEST_S3_ENDPOINT.
start_s3() {
    if [[ -n ${CONCORD_TEST_S3_ENDPOINT:-} ]]; then
        echo "using the S3-compatible server at $CONCORD_TEST_S3_ENDPOINT"
        return 0
    fi
    ensure_pyenv
    local endpoint
    endpoint=$(bash "$ROOT/tests/services/s3.sh" start)
    on_exit bash "$ROOT/tests/services/s3.sh" stop
    export CONCORD_TEST_S3_ENDPOINT=$endpoint
    echo "moto listening at $endpoint"
}

# Redis is already on 127.0.0.1:6379 on these machines; start one when it is not.
ensure_redis() {
    if redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
        return 0
    fi
    if ! command -v redis-server >/dev/null; then
        echo "installing redis-server"
        apt-get update -qq && apt-get install -y -qq redis-server >/dev/null
    fi
    echo "starting redis-server on 127.0.0.1:6379"
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
    on_exit redis-cli -h 127.0.0.1 -p 6379 shutdown nosave
    local tries=0
    until redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; do
        ((++tries > 50)) && { echo "redis did not start" >&2; return 1; }
        sleep 0.1
    done
}

# Starts what the selected sections need, before the first of them runs.
start_services() {
    local name
    for name in "$@"; do
        if [[ $name == tests ]]; then
            ensure_redis
            start_secantusdb
            start_s3
        fi
    done
}

# ---------------------------------------------------------------------------------------
# Sections

section_fmt() {
    ensure_rust_components
    local status=0
    cargo fmt --all -- --check --color "$COLOR" | tee "$NOTES/fmt.out" || status=$?
    if ((status != 0)); then
        note "$(sed 's/\x1b\[[0-9;]*m//g' "$NOTES/fmt.out" | grep '^Diff in ' |
            sed -E 's/^Diff in (.*):[0-9]+:$/\1/' | sort -u | wc -l) files need cargo fmt"
    fi
    return "$status"
}

section_clippy() {
    ensure_rust_components
    local status=0
    cargo clippy --workspace --all-targets -- -D warnings 2>&1 | tee "$NOTES/clippy.out" ||
        status=$?
    if ((status != 0)); then
        note "$(sed 's/\x1b\[[0-9;]*m//g' "$NOTES/clippy.out" | grep -E '^error(\[|:)' |
            grep -cv '^error: could not compile') errors"
    fi
    return "$status"
}

section_tests() {
    # Some suites start the built `concord` binary itself (tests/tests/cluster), and
    # neither nextest nor cargo test builds a workspace binary for another package's tests.
    cargo build --workspace --bins

    local status=0
    if cargo nextest --version >/dev/null 2>&1; then
        cargo nextest run --workspace --no-fail-fast 2>&1 | tee "$NOTES/tests.out" ||
            status=$?
        # The HTTP API suite once more, on MongoDB instead of the embedded store.
        echo "--- the API suite on MongoDB"
        CONCORD_TEST_API_STORE=mongodb cargo nextest run -p concord-tests --test api \
            --no-fail-fast 2>&1 | tee "$NOTES/tests-mongodb.out" || status=$?
        note "$(sed 's/\x1b\[[0-9;]*m//g' "$NOTES/tests.out" |
            sed -nE 's/^ *Summary \[[^]]*\] *//p' | tail -n 1)"
    else
        echo "cargo-nextest is not installed; using cargo test"
        cargo test --workspace --no-fail-fast 2>&1 | tee "$NOTES/tests.out" || status=$?
        CONCORD_TEST_API_STORE=mongodb cargo test -p concord-tests --test api \
            --no-fail-fast 2>&1 | tee "$NOTES/tests-mongodb.out" || status=$?
        note "$(libtest_totals "$NOTES/tests.out")"
    fi
    return "$status"
}

# nextest does not run doc tests.
section_doctests() {
    local status=0
    cargo test --workspace --doc --no-fail-fast 2>&1 | tee "$NOTES/doctests.out" ||
        status=$?
    note "$(libtest_totals "$NOTES/doctests.out")"
    return "$status"
}

# Adds up libtest's `test result:` lines in FILE.
libtest_totals() {
    sed 's/\x1b\[[0-9;]*m//g' "$1" | awk '
        /^test result:/ {
            for (i = 1; i <= NF; i++) {
                if ($(i + 1) ~ /^passed/) passed += $i
                if ($(i + 1) ~ /^failed/) failed += $i
            }
        }
        END { printf "%d passed, %d failed\n", passed, failed }'
}

section_fuzz() {
    ensure_curl
    ensure_pyenv
    local status=0
    ST=$PYENV/bin/st bash "$ROOT/tests/fuzz/schemathesis.sh" 2>&1 | tee "$NOTES/fuzz.out" ||
        status=$?
    note "$(grep '^schemathesis \(passed\|FAILED\)' "$NOTES/fuzz.out" | tail -n 1 |
        sed 's/^schemathesis [^:]*: //')"
    return "$status"
}

# The Prometheus exposition of a live server passes promtool.
section_metrics() {
    local status=0
    bash "$ROOT/tests/metrics.sh" 2>&1 | tee "$NOTES/metrics.out" || status=$?
    note "$(grep -E '^metrics: ' "$NOTES/metrics.out" | tail -n 1)"
    return "$status"
}

# The Kubernetes manifests render and validate offline; the Dockerfile lints.
section_ops() {
    local status=0
    bash "$ROOT/tests/ops.sh" 2>&1 | tee "$NOTES/ops.out" || status=$?
    note "$(grep -E '^ops: ' "$NOTES/ops.out" | tail -n 1)"
    return "$status"
}

# k6's REST smoke test against a live server.
section_k6() {
    local status=0
    bash "$ROOT/tests/k6-smoke.sh" 2>&1 | tee "$NOTES/k6.out" || status=$?
    note "$(grep -E '^k6-smoke: ' "$NOTES/k6.out" | tail -n 1)"
    return "$status"
}

# The web client: lint, types, Vitest, build, API drift, end-to-end in Chromium.
section_frontend() {
    local status=0
    bash "$ROOT/frontend/test.sh" 2>&1 | tee "$NOTES/frontend.out" || status=$?
    note "$(grep -E 'passed' "$NOTES/frontend.out" | tail -n 1)"
    return "$status"
}

# ---------------------------------------------------------------------------------------
# Runner

main() {
    local selected=("$@")
    if ((${#selected[@]} == 0)); then
        selected=("${SECTIONS[@]}")
    fi
    local name
    for name in "${selected[@]}"; do
        if ! declare -F "section_$name" >/dev/null; then
            echo "unknown section '$name'; known: ${SECTIONS[*]}" >&2
            exit 2
        fi
    done

    # Per run, so two runs in one tree (people share a checkout) keep apart.
    NOTES=$(mktemp -d "${TMPDIR:-/tmp}/concord-run.XXXXXX")
    on_exit rm -rf "$NOTES"

    local results=() failed=() started status total_start=$SECONDS
    start_services "${selected[@]}"
    for name in "${selected[@]}"; do
        header "$name"
        started=$SECONDS
        SECTION=$name

        # A subshell outside any `if` keeps `set -e` in force inside the section.
        set +e
        (set -e; "section_$name")
        status=$?
        set -e

        local took detail=
        took=$(duration $((SECONDS - started)))
        if [[ -s $NOTES/$name ]]; then
            detail="  $(<"$NOTES/$name")"
        fi
        if ((status == 0)); then
            results+=("$(printf '  %-10s ok      %6s%s' "$name" "$took" "$detail")")
        else
            results+=("$(printf '  %-10s FAILED  %6s%s' "$name" "$took" "$detail")")
            failed+=("$name")
            if [[ ${CONCORD_TEST_FAIL_FAST:-} == 1 ]]; then
                break
            fi
        fi
    done

    header "summary"
    printf '%s\n' "${results[@]}"
    local total
    total=$(duration $((SECONDS - total_start)))
    if ((${#failed[@]} == 0)); then
        echo "tests/run.sh: ${#results[@]} sections passed in $total"
    else
        echo "tests/run.sh: FAILED ${failed[*]}" \
            "(${#failed[@]} of ${#results[@]} sections) in $total"
        exit 1
    fi
}

main "$@"
