#!/usr/bin/env bash
# Temporal dev server (temporal server start-dev: embedded server + Web UI, SQLite file in .data/):
# temporal.sh {start|stop|status}
set -euo pipefail
source "$(dirname "$0")/env.sh"
source "$(dirname "$0")/lib.sh"

NAME=temporal
PID_FILE="$DUTYCHAIN_RUN/temporal.pid"
LOG="$DUTYCHAIN_LOGS/temporal.log"
UI_URL="http://$TEMPORAL_HOST:$TEMPORAL_UI_PORT"

# Name=Type lines of search-attributes.txt (comments and blanks dropped), validated up front so a
# typo fails here and not as an obscure server error.
read_search_attributes() {
  local line
  while IFS= read -r line || [ -n "$line" ]; do
    line="${line%%#*}"; line="$(echo "$line" | tr -d '[:space:]')"
    [ -z "$line" ] && continue
    if ! [[ "$line" =~ ^[A-Za-z_][A-Za-z0-9_]*=(Text|Keyword|Int|Double|Bool|Datetime|KeywordList)$ ]]; then
      echo "temporal: bad line in $TEMPORAL_SEARCH_ATTRIBUTES_FILE: '$line' (want Name=Type)" >&2; exit 1
    fi
    echo "$line"
  done < "$TEMPORAL_SEARCH_ATTRIBUTES_FILE"
}

is_running() {
  server_is_running "server start-dev --ip $TEMPORAL_HOST --port $TEMPORAL_PORT --ui-port $TEMPORAL_UI_PORT --db-filename $TEMPORAL_DB_FILE "
}

healthy() {
  timeout 5 "$TEMPORAL_BIN" operator cluster health --address "$TEMPORAL_ADDRESS" 2>/dev/null | grep -q SERVING
}

# Name=Type pairs registered in the namespace, as printed by the CLI's text table.
registered_search_attributes() {
  timeout 10 "$TEMPORAL_BIN" operator search-attribute list --address "$TEMPORAL_ADDRESS" \
    --namespace "$TEMPORAL_NAMESPACE" | awk 'NR > 1 { print $1 "=" $2 }'
}

# start-dev registers --search-attribute only when it creates the namespace, i.e. with a fresh
# SQLite file. Attributes added to the list later are created here; anything still missing fails.
verify_search_attributes() {
  local have want missing=()
  have="$(registered_search_attributes)"
  for want in "${SEARCH_ATTRS[@]}"; do
    grep -qx "$want" <<<"$have" || missing+=("$want")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  for want in "${missing[@]}"; do
    if grep -q "^${want%%=*}=" <<<"$have"; then
      echo "temporal: search attribute ${want%%=*} exists with another type ($(grep "^${want%%=*}=" <<<"$have")), want $want;" \
           "delete $TEMPORAL_DB_FILE to start over" >&2; return 1
    fi
    echo "temporal: registering search attribute $want (not in the existing $TEMPORAL_DB_FILE)"
    timeout 20 "$TEMPORAL_BIN" operator search-attribute create --address "$TEMPORAL_ADDRESS" \
      --namespace "$TEMPORAL_NAMESPACE" --name "${want%%=*}" --type "${want#*=}" >/dev/null || return 1
  done
  have="$(registered_search_attributes)"
  for want in "${SEARCH_ATTRS[@]}"; do
    grep -qx "$want" <<<"$have" || { echo "temporal: search attribute $want is NOT registered" >&2; return 1; }
  done
}

cmd_start() {
  take_lock temporal
  local sa_lines; sa_lines="$(read_search_attributes)"   # not <(...): a bad file must abort
  mapfile -t SEARCH_ATTRS <<<"$sa_lines"
  if is_running; then echo "temporal: already running (pid $(cat "$PID_FILE")) on $TEMPORAL_ADDRESS, UI $UI_URL"; return 0; fi
  [ -x "$TEMPORAL_BIN" ] || bash "$(dirname "$0")/install-temporal.sh"
  local port
  for port in "$TEMPORAL_PORT" "$TEMPORAL_UI_PORT"; do
    if port_open "$TEMPORAL_HOST" "$port"; then
      echo "temporal: $TEMPORAL_HOST:$port is already taken by a process this script did not start" >&2; exit 1
    fi
  done
  mkdir -p "$DUTYCHAIN_RUN" "$DUTYCHAIN_LOGS" "$(dirname "$TEMPORAL_DB_FILE")"
  local args=(server start-dev --ip "$TEMPORAL_HOST" --port "$TEMPORAL_PORT" --ui-port "$TEMPORAL_UI_PORT"
    --db-filename "$TEMPORAL_DB_FILE" --sqlite-pragma journal_mode=WAL --namespace "$TEMPORAL_NAMESPACE"
    --dynamic-config-value frontend.enableServerVersionCheck=false --log-level warn)
  local sa; for sa in "${SEARCH_ATTRS[@]}"; do args+=(--search-attribute "$sa"); done
  local value; for value in $TEMPORAL_DYNAMIC_CONFIG; do args+=(--dynamic-config-value "$value"); done
  local t0=$SECONDS
  TEMPORAL_VERSION_CHECK_DISABLED=1 spawn_server "$TEMPORAL_BIN" "${args[@]}"
  wait_until_healthy "$TEMPORAL_START_TIMEOUT"
  if ! verify_search_attributes; then
    show_log_tail "$LOG"; echo "temporal: search attributes from $TEMPORAL_SEARCH_ATTRIBUTES_FILE are not all registered" >&2
    release_and_stop; exit 1
  fi
  echo "temporal: started (pid $(cat "$PID_FILE")) on $TEMPORAL_ADDRESS in $((SECONDS - t0))s, namespace $TEMPORAL_NAMESPACE," \
       "${#SEARCH_ATTRS[@]} search attributes, UI $UI_URL, log $LOG"
}

cmd_stop() {
  take_lock temporal
  if ! is_running; then echo "temporal: already stopped"; return 0; fi
  stop_server
  echo "temporal: stopped"
}

cmd_status() {
  if is_running; then
    local state=serving
    healthy || state="NOT serving"
    echo "temporal: running (pid $(cat "$PID_FILE")) on $TEMPORAL_ADDRESS, $state, namespace $TEMPORAL_NAMESPACE, UI $UI_URL"
    return 0
  fi
  echo "temporal: stopped (UI would be $UI_URL)"
  return 3
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 {start|stop|status}" >&2; exit 2 ;;
esac
