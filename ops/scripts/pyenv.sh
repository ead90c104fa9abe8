# shellcheck shell=bash
# Sourced by tests/ops.sh and tests/k6-smoke.sh: installs hash-pinned Python tools into
# the shared venv at target/pyenv (tests/run.sh installs its own there too).
#
#   ensure_pyenv_requirements ops/requirements.txt ops/k6/requirements.txt
#
# Creates the venv when it is missing or broken, and runs pip only when a requirements
# file changed since it was last installed (a stamp file per requirements file).

ensure_pyenv_requirements() {
    local root pyenv requirements stamp want
    root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
    pyenv=$root/target/pyenv

    if ! "$pyenv/bin/python" -c '' 2>/dev/null; then
        echo "creating the Python venv at target/pyenv"
        rm -rf "$pyenv"
        python3 -m venv "$pyenv"
    fi

    for requirements in "$@"; do
        stamp=$pyenv/.ops-$(echo "$requirements" | tr '/.' '__').sha256
        want=$(sha256sum "$root/$requirements" | cut -d' ' -f1)
        [[ -f $stamp && $(<"$stamp") == "$want" ]] && continue

        echo "installing $requirements into target/pyenv"
        rm -f "$stamp"
        "$pyenv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
            --require-hashes -r "$root/$requirements"
        echo "$want" >"$stamp"
    done
}
