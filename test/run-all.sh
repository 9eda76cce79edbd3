#!/usr/bin/env bash
# Quick start, second command: every check and every test, against a real PostgreSQL and a real
# Temporal server that this script installs and starts if needed. Idempotent.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

source deploy/local/env.sh
# Tests reach the stack this script started, wherever env.sh (or the caller) put it.
export DATABASE_URL="${DATABASE_URL:-postgres://$PGUSER:$PGPASSWORD@$PGHOST:$PGPORT/$PGDATABASE}"
export TEMPORAL_ADDRESS

bash deploy/local/install-node-deps.sh
bash deploy/local/stack.sh start

echo "== format (prettier)"
npx prettier --check . --log-level warn
echo "== types (tsc)"
npx tsc -p tsconfig.json --noEmit
echo "== lint (eslint through nx: module boundaries need the project graph)"
NX_DAEMON=false npx nx run-many -t lint --parallel=2 --outputStyle=static --skip-nx-cache
echo "== tests (jest)"
mkdir -p .data
rm -f .data/test-results-unit.json .data/test-results.json
status=0
# Unit tier first, on both cores: pure logic, no database, Temporal or process (npm run test:unit).
echo "-- unit: no database, Temporal or process"
npx jest --config jest.config.ts --testPathIgnorePatterns '\.(int|e2e|fuzz)\.spec\.ts$' --maxWorkers=2 \
  --json --outputFile=.data/test-results-unit.json || status=$?
# Then integration (*.int.spec.ts: real PostgreSQL, Temporal, processes), end to end and fuzz, in band:
# JVM test servers, webpack bundles and service processes starve each other on 2 cores.
# --forceExit: a failed Temporal test can leave a worker or test server handle open; CI must still end.
echo "-- integration, end to end, fuzz: real PostgreSQL, Temporal and service processes"
npx jest --config jest.config.ts --testPathPatterns '\.(int|e2e|fuzz)\.spec\.ts$' --runInBand --forceExit \
  --json --outputFile=.data/test-results.json || status=$?
node tools/print-test-summary.js .data/test-results-unit.json .data/test-results.json
exit $status
