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
echo "== tests (jest: unit, integration on Postgres, workflows on Temporal, end to end)"
mkdir -p .data
status=0
# In band: JVM test servers, webpack bundles and service processes starve each other on 2 cores.
# --forceExit: a failed Temporal test can leave a worker or test server handle open; CI must still end.
npx jest --config jest.config.ts --runInBand --forceExit --json --outputFile=.data/test-results.json || status=$?
node tools/print-test-summary.js .data/test-results.json
exit $status
