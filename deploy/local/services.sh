#!/usr/bin/env bash
# The project's own processes: services.sh {start|stop|status}
# Each runs from TypeScript sources (SWC), logs JSON lines to $DUTYCHAIN_LOGS/<name>.log.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
source "$HERE/env.sh"
eval "$(bash "$HERE/credentials.sh")"

ORG_PORT="${ORG_PORT:-3001}"
CYCLES_PORT="${CYCLES_PORT:-3002}"
LISTS_PORT="${LISTS_PORT:-3003}"
ACCOUNTABILITY_PORT="${ACCOUNTABILITY_PORT:-3004}"
export CYCLES_WORKER_METRICS_ADDRESS="${CYCLES_WORKER_METRICS_ADDRESS:-127.0.0.1:9464}"
export ORG_PORT CYCLES_PORT LISTS_PORT ACCOUNTABILITY_PORT ORG_URL="${ORG_URL:-http://127.0.0.1:$ORG_PORT}" DATABASE_URL="${DATABASE_URL:-postgres://$PGUSER:$PGPASSWORD@$PGHOST:$PGPORT/$PGDATABASE}"
export TEMPORAL_ADDRESS
# The cycles worker's heap is capped: V8 otherwise grows it lazily past 1 GiB under a city's cascade.
CYCLES_NODE_OPTIONS="${CYCLES_NODE_OPTIONS:---max-old-space-size=768}"
# name|entry file|readiness URL|NODE_OPTIONS
SERVICES=(
  "org|services/org/src/main.ts|http://127.0.0.1:$ORG_PORT/health/ready|"
  "cycles|services/cycles/src/main.ts|http://127.0.0.1:$CYCLES_PORT/health/ready|$CYCLES_NODE_OPTIONS"
  "lists|services/lists/src/main.ts|http://127.0.0.1:$LISTS_PORT/health/ready|"
  "accountability|services/accountability/src/main.ts|http://127.0.0.1:$ACCOUNTABILITY_PORT/health/ready|"
)

pid_file() { echo "$DUTYCHAIN_RUN/$1.pid"; }
is_running() { local pid; pid="$(cat "$(pid_file "$1")" 2>/dev/null)" && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }

start_one() {
  local name="$1" entry="$2" ready="$3" node_options="$4"
  if is_running "$name"; then echo "$name: already running (pid $(cat "$(pid_file "$name")"))"; return; fi
  # Something else answering on our port (another checkout, a stale process) would pass for us.
  if curl -s -m 2 -o /dev/null "$ready"; then
    echo "$name: $ready already answers, but not from this checkout's $name; stop that process or set another port" >&2
    exit 1
  fi
  mkdir -p "$DUTYCHAIN_RUN" "$DUTYCHAIN_LOGS"
  # No subshell: $! must be node itself (setsid makes it a session leader, so stop can kill its group),
  # and no inherited stdout, so callers piping this script's output are not held open.
  cd "$DUTYCHAIN_ROOT"
  NODE_OPTIONS="$node_options" nohup setsid node -r @swc-node/register "$entry" >> "$DUTYCHAIN_LOGS/$name.log" 2>&1 < /dev/null &
  echo $! > "$(pid_file "$name")"
  cd - >/dev/null
  for _ in $(seq 1 120); do
    if curl -fsS -m 2 "$ready" >/dev/null 2>&1; then echo "$name: ready ($ready)"; return; fi
    if ! is_running "$name"; then echo "$name: exited during start-up; last log lines:" >&2; tail -20 "$DUTYCHAIN_LOGS/$name.log" >&2; exit 1; fi
    sleep 0.5
  done
  echo "$name: not ready after 60 s; see $DUTYCHAIN_LOGS/$name.log" >&2
  exit 1
}

stop_one() {
  local name="$1"
  if ! is_running "$name"; then echo "$name: stopped"; rm -f "$(pid_file "$name")"; return; fi
  local pid; pid="$(cat "$(pid_file "$name")")"
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid"
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$(pid_file "$name")"
  echo "$name: stopped"
}

status_one() {
  local name="$1" ready="$3"
  if is_running "$name" && curl -fsS -m 2 "$ready" >/dev/null 2>&1; then echo "$name: running, ready ($ready)"; return 0; fi
  echo "$name: not running"; return 3
}

rc=0
for spec in "${SERVICES[@]}"; do
  IFS='|' read -r name entry ready node_options <<< "$spec"
  case "${1:-}" in
    start) start_one "$name" "$entry" "$ready" "$node_options" ;;
    stop) stop_one "$name" ;;
    status) status_one "$name" "$entry" "$ready" || rc=3 ;;
    *) echo "usage: $0 {start|stop|status}" >&2; exit 2 ;;
  esac
done
exit $rc
