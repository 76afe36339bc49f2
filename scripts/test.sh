#!/usr/bin/env bash
# The one command that runs every test (README Quick start; .ci/run calls it):
# installs missing system packages, then lint, typecheck, unit, integration and end-to-end tests
# against real PostgreSQL (embedded-postgres), Redis (redis-server), the simulated PBX and a real
# Asterisk 22, and a real Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -d node_modules ] || npm ci
bash scripts/install-system-deps.sh

echo "== lint"; npx eslint .
echo "== typecheck"; npx tsc --noEmit
echo "== unit"; npx vitest run --project unit
echo "== integration"; npx vitest run --project integration
echo "== end-to-end"; npx vitest run --project e2e
