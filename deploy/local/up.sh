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
node -r @swc-node/register "$DUTYCHAIN_ROOT/services/org/src/demo/load-demo.ts"
node -r @swc-node/register "$DUTYCHAIN_ROOT/services/cycles/src/demo/start-demo-cycle.ts"

cat <<TXT

DutyChain is up.
  API documentation (org):  http://127.0.0.1:${ORG_PORT:-3001}/api/docs
  API documentation (cycles): http://127.0.0.1:${CYCLES_PORT:-3002}/api/docs
  Metrics (Prometheus):     http://127.0.0.1:${ORG_PORT:-3001}/metrics, http://127.0.0.1:${CYCLES_PORT:-3002}/metrics
  Temporal Web UI:          http://$TEMPORAL_HOST:$TEMPORAL_UI_PORT
  Credentials:              $DUTYCHAIN_DATA/credentials.env (bootstrap admin API key: header x-api-key)
  Logs:                     $DUTYCHAIN_LOGS
  Status / stop:            npm run status / npm run down
TXT
