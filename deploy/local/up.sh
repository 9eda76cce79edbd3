#!/usr/bin/env bash
# Quick start, first command: installs what is missing, starts the whole local system and loads the
# demo district. Safe to run again: every step is a no-op when already done.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
source "$HERE/env.sh"

bash "$HERE/install-node-deps.sh"
bash "$HERE/stack.sh" start
bash "$HERE/services.sh" start
eval "$(bash "$HERE/credentials.sh")"
export ORG_URL="http://127.0.0.1:${ORG_PORT:-3001}" CYCLES_URL="http://127.0.0.1:${CYCLES_PORT:-3002}"
export LISTS_URL="http://127.0.0.1:${LISTS_PORT:-3003}" ACCOUNTABILITY_URL="http://127.0.0.1:${ACCOUNTABILITY_PORT:-3004}"
# Two hours for the demo's year: a calendar day lasts ~20 s and define (January) ~10 min, time for the
# lists story that follows, while the reminders and escalations of 353 cycles and ~2,000 risk lists
# stay within what one machine's worker keeps up with. The cycle goes on through its phases after.
export DEMO_YEAR_LASTS_MS="${DEMO_YEAR_LASTS_MS:-7200000}"
node -r @swc-node/register "$DUTYCHAIN_ROOT/demo/src/org/load-demo.ts"
echo "== the yearly cycle (cycles)"
node -r @swc-node/register "$DUTYCHAIN_ROOT/demo/src/cycles/start-demo-cycle.ts"
echo "== define: risk lists, signing, approval rounds and quality checks (lists)"
node -r @swc-node/register "$DUTYCHAIN_ROOT/demo/src/lists/run-lists-demo.ts"
echo "== press and hold accountable: copy-notify and reply, escalation into a case, monthly report (accountability)"
node -r @swc-node/register "$DUTYCHAIN_ROOT/demo/src/accountability/run-accountability-demo.ts"

cat <<TXT

DutyChain is up.
  API documentation (org):  http://127.0.0.1:${ORG_PORT:-3001}/api/docs
  API documentation (cycles): http://127.0.0.1:${CYCLES_PORT:-3002}/api/docs
  API documentation (lists): http://127.0.0.1:${LISTS_PORT:-3003}/api/docs
  API documentation (accountability): http://127.0.0.1:${ACCOUNTABILITY_PORT:-3004}/api/docs
  Metrics (Prometheus):     /metrics on each service (ports ${ORG_PORT:-3001}-${ACCOUNTABILITY_PORT:-3004}); cycles worker: http://${CYCLES_WORKER_METRICS_ADDRESS:-127.0.0.1:9464}/metrics
  Temporal Web UI:          http://$TEMPORAL_HOST:$TEMPORAL_UI_PORT
  Credentials:              $DUTYCHAIN_DATA/credentials.env (bootstrap admin API key: header x-api-key)
  Logs:                     $DUTYCHAIN_LOGS
  Status / stop:            npm run status / npm run down
TXT
