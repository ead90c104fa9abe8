#!/usr/bin/env bash
# Fuzzes the REST API with Schemathesis, driven by Concord's own OpenAPI document.
#
# Builds and starts a debug `concord` on a free loopback port with a fresh data folder,
# seeds a little data (three users; a guild with channels and roles that the other two
# joined by invite; messages with a reaction; spares for the destructive operations), then
# lets Schemathesis generate requests for every operation and check each response against
# the document. Exits non-zero when any check fails. The server log, the run's output,
# its reports and a grouped list of failures go to target/schemathesis/.
#
# Everything is fixed but the server's ids and timestamps: one worker, a fixed seed, no
# example database, so a run repeats the previous one's cases.
#
# Called by tests/run.sh, which also sets up target/pyenv. Knobs, all optional:
#   CONCORD_FUZZ_EXAMPLES  test cases per operation and phase (default 150: about two
#                          minutes on 2 cores once every operation passes)
#   CONCORD_FUZZ_SEED      Hypothesis seed (default fixed, so runs are repeatable)
#   CONCORD_FUZZ_CHECKS    comma-separated Schemathesis checks (default below)
#   ST                     the `st` executable (default target/pyenv/bin/st)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$PWD
OUT=$ROOT/target/schemathesis
ST=${ST:-$ROOT/target/pyenv/bin/st}
EXAMPLES=${CONCORD_FUZZ_EXAMPLES:-150}
SEED=${CONCORD_FUZZ_SEED:-20260101}
# The conformance checks, plus the ones that catch an operation answering without
# credentials and a created resource that cannot be read back or a deleted one that can.
# `CONCORD_FUZZ_CHECKS=all` adds the rest (unsupported_method, positive_data_acceptance,
# negative_data_rejection, ...), which flag gaps in the document's constraints.
DEFAULT_CHECKS=not_a_server_error,status_code_conformance,content_type_conformance
DEFAULT_CHECKS+=,response_schema_conformance,ignored_auth,use_after_free
DEFAULT_CHECKS+=,ensure_resource_availability
CHECKS=${CONCORD_FUZZ_CHECKS:-$DEFAULT_CHECKS}

# Only loopback: no proxy may see or reroute the fuzzing traffic.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
export NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost

SERVER_PID=
DATA_DIR=

stop_server() {
    if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        # SIGTERM starts a graceful shutdown; it waits for in-flight requests at most 10s.
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 150); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    SERVER_PID=
    if [[ -n $DATA_DIR ]]; then
        rm -rf "$DATA_DIR"
    fi
}
trap stop_server EXIT
trap 'exit 130' INT TERM

# A port the kernel reports free right now. Another process could take it before
# concord binds; start_server then fails loudly with the bind error in the log.
free_port() {
    python3 -c '
import socket
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    print(s.getsockname()[1])'
}

# Reads one field (a dotted path such as `user.id` or `0.id`) from JSON on stdin.
json_field() {
    python3 -c '
import json, sys
value = json.load(sys.stdin)
for key in sys.argv[1].split("."):
    value = value[int(key)] if isinstance(value, list) else value[key]
print(value)' "$1"
}

# api METHOD PATH [BODY] [TOKEN]: one JSON request to the API; the body of the answer on
# stdout; fails on any status of 400 or above.
api() {
    local method=$1 path=$2 body=${3:-} token=${4:-${TOKEN:-}}
    local args=(--silent --show-error --fail-with-body --max-time 10 -X "$method")
    if [[ -n $token ]]; then
        args+=(-H "Authorization: Bearer $token")
    fi
    if [[ -n $body ]]; then
        args+=(-H 'Content-Type: application/json' --data "$body")
    fi
    curl "${args[@]}" "$BASE/api/v1$path"
}

start_server() {
    echo "--- building concord (debug)"
    cargo build --quiet -p concord-server

    local port
    port=$(free_port)
    BASE=http://127.0.0.1:$port
    DATA_DIR=$(mktemp -d "${TMPDIR:-/tmp}/concord-fuzz.XXXXXX")

    echo "--- starting concord on $BASE (data in $DATA_DIR)"
    CONCORD_BIND=127.0.0.1:$port \
        CONCORD_DATA_DIR=$DATA_DIR \
        CONCORD_PUBLIC_URL=$BASE \
        CONCORD_RATE_LIMITS=off \
        CONCORD_ARGON2_MEMORY_KIB=64 \
        CONCORD_ACCESS_TTL=7200 \
        CONCORD_LOG=${CONCORD_FUZZ_LOG:-info} \
        CONCORD_LOG_FORMAT=text \
        NO_COLOR=1 \
        "${CARGO_TARGET_DIR:-$ROOT/target}/debug/concord" >"$OUT/server.log" 2>&1 9>&- &
    SERVER_PID=$!

    for _ in $(seq 1 100); do
        if curl --silent --fail --max-time 1 "$BASE/readyz" >/dev/null 2>&1; then
            return 0
        fi
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            echo "concord exited before it was ready; its log:" >&2
            cat "$OUT/server.log" >&2
            return 1
        fi
        sleep 0.1
    done
    echo "concord was not ready after 10s; its log:" >&2
    cat "$OUT/server.log" >&2
    return 1
}

# register USERNAME: creates an account; prints its access token and id on one line.
register() {
    local body
    printf -v body '{"username":"%s","email":"%s@example.org","password":"%s"}' \
        "$1" "$1" "fuzzing password 1"
    api POST /auth/register "$body" "" | python3 -c '
import json, sys
auth = json.load(sys.stdin)
print(auth["access_token"], auth["user"]["id"])'
}

# Seeds the data the fuzzer's dictionaries point at, so generated requests reach the
# handlers' real work and not only their "no such thing" branch. Operations that destroy
# get spares of their own (see schemathesis.toml).
seed_data() {
    echo "--- seeding data"
    local user_id friend_token spare_token spare_user_id guild spare_guild
    local spare_channel spare_message role spare_role

    local registered
    registered=$(register fuzzer)
    read -r TOKEN user_id <<<"$registered"
    registered=$(register friend)
    read -r friend_token FRIEND_ID <<<"$registered"
    registered=$(register drifter)
    read -r spare_token spare_user_id <<<"$registered"

    guild=$(api POST /guilds '{"name":"Fuzzing ground"}' | json_field id)
    spare_guild=$(api POST /guilds '{"name":"Spare ground"}' | json_field id)
    CHANNEL_ID=$(api GET "/guilds/$guild/channels" | json_field 0.id)
    spare_channel=$(api POST "/guilds/$guild/channels" '{"name":"spare"}' | json_field id)
    role=$(api POST "/guilds/$guild/roles" '{"name":"moderators"}' | json_field id)
    spare_role=$(api POST "/guilds/$guild/roles" '{"name":"spare"}' | json_field id)

    INVITE_CODE=$(api POST "/guilds/$guild/invites" '{}' | json_field code)
    api POST "/invites/$INVITE_CODE" '' "$friend_token" >/dev/null
    api POST "/invites/$INVITE_CODE" '' "$spare_token" >/dev/null

    MESSAGE_ID=$(api POST "/channels/$CHANNEL_ID/messages" '{"content":"hello, fuzzer"}' |
        json_field id)
    spare_message=$(api POST "/channels/$CHANNEL_ID/messages" '{"content":"spare"}' |
        json_field id)
    api PUT "/channels/$CHANNEL_ID/messages/$MESSAGE_ID/reactions/%F0%9F%91%8D" >/dev/null

    # One quoted value per line: libFuzzer's dictionary syntax. The second user comes
    # first: acting on someone else exercises more than acting on oneself.
    local dict=$OUT/dict
    rm -rf "$dict"
    mkdir -p "$dict"
    printf '"%s"\n' "$guild" >"$dict/guild_id.dict"
    printf '"%s"\n' "$CHANNEL_ID" >"$dict/channel_id.dict"
    printf '"%s"\n' "$MESSAGE_ID" >"$dict/message_id.dict"
    printf '"%s"\n' "$FRIEND_ID" "$user_id" >"$dict/user_id.dict"
    printf '"%s"\n' "$role" >"$dict/role_id.dict"
    printf '"%s"\n' "$INVITE_CODE" >"$dict/code.dict"
    printf '"%s"\n' "👍" "🎉" >"$dict/emoji.dict"
    printf '"%s"\n' "$spare_guild" >"$dict/spare_guild_id.dict"
    printf '"%s"\n' "$spare_channel" >"$dict/spare_channel_id.dict"
    printf '"%s"\n' "$spare_message" >"$dict/spare_message_id.dict"
    printf '"%s"\n' "$spare_role" >"$dict/spare_role_id.dict"
    printf '"%s"\n' "$spare_user_id" >"$dict/spare_user_id.dict"
    echo "seeded guild $guild, channel $CHANNEL_ID, message $MESSAGE_ID and spares"
}

check_servers_entry() {
    local servers
    servers=$(curl --silent --fail "$BASE/api/openapi.json" | json_field servers.0.url)
    if [[ $servers != /api/v1 ]]; then
        echo "the document's servers entry is '$servers', expected /api/v1" >&2
        return 1
    fi
}

run_schemathesis() {
    local report=$OUT/report
    rm -rf "$report"
    mkdir -p "$report"

    local cmd=(
        "$ST" --config-file "$ROOT/tests/fuzz/schemathesis.toml" --no-color
        run "$BASE/api/openapi.json"
        --url "$BASE/api/v1"
        -H "Authorization: Bearer $TOKEN"
        --checks "$CHECKS"
        --max-examples "$EXAMPLES"
        --seed "$SEED"
        --report "junit,ndjson"
        --report-dir "$report"
        --report-junit-path "$report/junit.xml"
        --report-ndjson-path "$report/events.ndjson"
    )
    echo "--- running schemathesis $("$ST" --version | awk '{print $NF}')"
    # The command as run, with the token elided.
    # shellcheck disable=SC2016 # `$TOKEN` is printed literally
    printf '%q ' "${cmd[@]}" | sed -E 's/Bearer\\? [^ ]+/Bearer\\ $TOKEN/' | sed "s|$ROOT/||g"
    echo

    # Hypothesis and Schemathesis write scratch folders into the working directory.
    local status=0
    (cd "$OUT" && "${cmd[@]}") 2>&1 | tee "$OUT/schemathesis.log" || status=$?
    return "$status"
}

# One line: how many cases ran and how many failed, from the JUnit report (operations)
# and the tool's own "Test cases" line (cases).
summarize() {
    local status=$1
    if ((status != 0)); then
        echo "--- failures by kind (every case in full: target/schemathesis/schemathesis.log)"
        python3 "$ROOT/tests/fuzz/failures.py" "$OUT/report/events.ndjson" || true
        echo
    fi
    python3 - "$OUT/report/junit.xml" "$OUT/schemathesis.log" "$status" <<'PY'
import re
import sys
import xml.etree.ElementTree as ET

junit, log, status = sys.argv[1], sys.argv[2], int(sys.argv[3])
try:
    root = ET.parse(junit).getroot()
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    tests = sum(int(s.get("tests", 0)) for s in suites)
    bad = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
    operations = f"{bad} of {tests} operations failing"
except (OSError, ET.ParseError):
    operations = "no JUnit report"
try:
    text = open(log, encoding="utf-8").read()
    cases = re.findall(r"^\s*(\d+ generated[^\n]*)", text, re.M)
    cases = cases[-1].strip() if cases else "no case count"
except OSError:
    cases = "no log"
verdict = "passed" if status == 0 else f"FAILED (exit {status})"
print(f"schemathesis {verdict}: {cases}; {operations}")
PY
}

main() {
    mkdir -p "$OUT"
    # target/schemathesis/ (the dictionaries the config points at, the reports) is one
    # per checkout: a second run in the same tree waits for the first.
    exec 9>"$OUT/.lock"
    if ! flock --nonblock 9; then
        echo "--- waiting for another fuzzing run in this checkout to finish"
        flock 9
    fi
    if [[ ! -x $ST ]]; then
        echo "$ST not found: run tests/run.sh, which sets up target/pyenv" >&2
        return 1
    fi

    start_server
    check_servers_entry
    seed_data

    local status=0
    run_schemathesis || status=$?
    stop_server
    echo "log, server log and reports: ${OUT#"$ROOT"/}/"
    summarize "$status"
    return "$status"
}

main "$@"
