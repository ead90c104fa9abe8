#!/usr/bin/env bash
# The fault-and-abuse suite on its own, with its figures:
#
#   bash tests/faults.sh          the bounded form the test command runs (a few minutes)
#   bash tests/faults.sh 10       every crash test with ten times the cycles
#
# Runs the crash tests (tests/tests/faults: concord and its database killed with SIGKILL
# under load), the flood test beside them (hostile connections, slow clients and
# oversized frames against a running server, its memory and a bystander's latency
# measured), the cluster tests (a replica killed, Redis restarted and frozen, secrets in
# logs), the authorization matrix and the abuse tests of the HTTP API and the gateway,
# then prints the lines in which the tests report what they checked. Uses the
# MongoDB-compatible server named by CONCORD_TEST_MONGODB_URI, or starts SecantusDB on
# port SECANTUS_PORT (default 27033); tests/services/secantusdb.sh keeps one pid file,
# so do not run this beside tests/run.sh without CONCORD_TEST_MONGODB_URI. Expects Redis
# on 127.0.0.1:6379.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
SCALE=${1:-1}
export SECANTUS_PORT=${SECANTUS_PORT:-27033}
LOG=$ROOT/target/faults.log

bash tests/services/secantusdb.sh install
if [[ -z ${CONCORD_TEST_MONGODB_URI:-} ]]; then
    CONCORD_TEST_MONGODB_URI=$(bash tests/services/secantusdb.sh start)
    trap 'bash tests/services/secantusdb.sh stop' EXIT
fi
export CONCORD_TEST_MONGODB_URI

cargo build --quiet -p concord-server
status=0
CONCORD_FAULT_SCALE=$SCALE cargo nextest run -p concord-tests --no-fail-fast --no-capture \
    --test faults --test cluster --test api --test gateway \
    -E 'binary(faults) | binary(cluster) | test(authorization::) | test(abuse::)
        | test(never_finished) | test(identify_storm) | test(never_reads)
        | test(oversized) | test(flood) | test(than_its_cap) | test(stops_half_way)' >"$LOG" 2>&1 || status=$?

echo "--- figures (scale $SCALE; the whole log is $LOG)"
grep -E '^[0-9]+ kills in|^[0-9.]+ s: |refused attempts|in all|READY in|^floods:' "$LOG" || true
grep -E '^ +Summary' "$LOG" || true
exit "$status"
