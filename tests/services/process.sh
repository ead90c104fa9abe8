# shellcheck shell=bash
# What the service scripts share: a background server known by its pid file, waited for
# until it answers, and stopped politely. Sourced by tests/services/*.sh after they set
# HOST, PORT, PIDFILE, LOGFILE, START_TIMEOUT and STOP_TIMEOUT and define `say`.

# Whether something accepts TCP connections on HOST:PORT.
accepting() {
    (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null
}

# The pid of the server this script started, if it still runs.
running_pid() {
    [[ -f $PIDFILE ]] || return 1
    local pid
    pid=$(<"$PIDFILE")
    [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

# await_ready PID CHECK: records PID and waits until the command CHECK succeeds; gives up
# (showing the log, or stopping the server) when it exits or START_TIMEOUT passes.
await_ready() {
    local pid=$1 check=$2 waited=0
    echo "$pid" >"$PIDFILE"
    until "$check"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            say "the server exited during start-up; last lines of $LOGFILE:"
            tail -n 20 "$LOGFILE" >&2 || true
            rm -f "$PIDFILE"
            return 1
        fi
        if ((waited >= START_TIMEOUT * 10)); then
            say "no answer on port $PORT after ${START_TIMEOUT}s; stopping it"
            stop
            return 1
        fi
        sleep 0.1
        waited=$((waited + 1))
    done
    say "ready (pid $pid)"
}

# Stops the server this script started: TERM, then KILL after STOP_TIMEOUT. Waits for
# it to end, since a storage folder must not be reused before then.
stop() {
    local pid
    if ! pid=$(running_pid); then
        rm -f "$PIDFILE"
        say "not running"
        return 0
    fi
    kill -TERM "$pid" 2>/dev/null || true
    local waited=0
    while kill -0 "$pid" 2>/dev/null; do
        if ((waited >= STOP_TIMEOUT * 10)); then
            say "pid $pid did not stop within ${STOP_TIMEOUT}s; killing it"
            kill -KILL "$pid" 2>/dev/null || true
            break
        fi
        sleep 0.1
        waited=$((waited + 1))
    done
    rm -f "$PIDFILE"
    say "stopped (pid $pid)"
}
