#!/usr/bin/env bash
# The whole local stack: stack.sh {install|start|stop|status}
#   install  PostgreSQL packages, Temporal CLI and versitygw S3 server (Go builds, cached),
#            time-skipping test server (Maven)
#   start    install (all steps are no-ops when done) + PostgreSQL cluster + Temporal dev server + S3 server
#   stop     the three servers; data in .data/ is kept
#   status   one line per part; exit 0 when the three servers run, 3 otherwise
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
source "$HERE/env.sh"
source "$HERE/lib.sh"

cmd_install() {
  bash "$HERE/install-postgres.sh"
  bash "$HERE/install-temporal.sh"
  bash "$HERE/install-test-server.sh"
  bash "$HERE/install-s3.sh"
}

cmd_status() {
  local rc=0
  bash "$HERE/postgres.sh" status || rc=3
  bash "$HERE/temporal.sh" status || rc=3
  bash "$HERE/s3.sh" status || rc=3
  local ui; ui="$(curl -s -o /dev/null -m 3 -w '%{http_code}' "http://$TEMPORAL_HOST:$TEMPORAL_UI_PORT/" || true)"
  if [ "$ui" = 200 ]; then echo "temporal UI: up at http://$TEMPORAL_HOST:$TEMPORAL_UI_PORT"
  else echo "temporal UI: down (http://$TEMPORAL_HOST:$TEMPORAL_UI_PORT answered '${ui:-nothing}')"; fi
  if [ -x "$TEST_SERVER_BIN" ]; then echo "test server: installed at $TEST_SERVER_BIN (started by tests, not here)"
  else echo "test server: NOT installed (run: bash deploy/local/stack.sh install)"; fi
  echo "logs: $DUTYCHAIN_LOGS"
  return $rc
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_install; bash "$HERE/postgres.sh" start; bash "$HERE/temporal.sh" start; bash "$HERE/s3.sh" start ;;
  # Reverse order of start; the servers do not depend on each other.
  stop) bash "$HERE/s3.sh" stop; bash "$HERE/temporal.sh" stop; bash "$HERE/postgres.sh" stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 {install|start|stop|status}" >&2; exit 2 ;;
esac
