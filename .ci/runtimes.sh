#!/usr/bin/env bash
# Runs everywhere users run it: packaging checks, type tests and the runtime matrix, on a clean
# machine. Installs Chromium (apt) and the other runtimes (test/runtimes' lockfile) first.
# Expects the root `npm ci` done (as .ci/run does before calling this). Fails on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

retry() { # registry and mirror hiccups should not fail CI
  local n=0
  until "$@"; do
    n=$((n + 1))
    if [ "$n" -ge 3 ]; then return 1; fi
    echo "retrying ($n): $*" >&2
    sleep $((n * 5))
  done
}

echo "== runtimes: install"
if [ ! -x /usr/bin/chromium ]; then
  retry apt-get update -qq
  export DEBIAN_FRONTEND=noninteractive
  retry apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
(cd test/runtimes && retry npm ci --no-audit --no-fund --loglevel=error)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "== runtimes: pack"
npm pack --silent --pack-destination "$work" >/dev/null # prepack builds
tarball="$(ls "$work"/*.tgz)"

passed=0
failed=()
run() { # name, command...: runs every step, fails at the end
  local name="$1"
  shift
  echo "== $name"
  if "$@"; then passed=$((passed + 1)); else failed+=("$name"); fi
}

run "packaging (contents, publint, attw, platform-neutral bundles)" node test/packaging/check.mjs "$tarball"
run "type tests" npx tsc -p test/types
run "type tests: README snippets (checkJs)" npx tsc -p test/types/readme
run "type tests: references rejected as by 1.4.0's types" npx tsc -p test/types/tsconfig.1.4.0.json
run "type tests: consumers under each module setting" node test/types/consumer.mjs "$tarball"
run "runtime matrix" node test/runtimes/run.mjs --tarball "$tarball"

if [ "${#failed[@]}" -gt 0 ]; then printf 'FAILED: %s\n' "${failed[@]}"; fi
echo "runtimes.sh: $passed of $((passed + ${#failed[@]})) checks passed"
[ "${#failed[@]}" -eq 0 ]
