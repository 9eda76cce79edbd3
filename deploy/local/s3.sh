#!/usr/bin/env bash
# S3-compatible object store (versitygw, posix backend: one directory per bucket under
# $S3_DATA_DIR, object metadata in extended attributes): s3.sh {start|stop|status}
# Single account, credentials $S3_ACCESS_KEY_ID / $S3_SECRET_ACCESS_KEY from env.sh; on start the
# bucket $S3_BUCKET exists (for LISTS_S3_BUCKET), tests create buckets of their own.
set -euo pipefail
source "$(dirname "$0")/env.sh"
source "$(dirname "$0")/lib.sh"

NAME=s3
PID_FILE="$DUTYCHAIN_RUN/s3.pid"
LOG="$DUTYCHAIN_LOGS/s3.log"
HEALTH_PATH=/health

is_running() { server_is_running "--port $S3_HOST:$S3_PORT --health $HEALTH_PATH --quiet posix $S3_DATA_DIR "; }

healthy() {
  [ "$(curl -s -o /dev/null -m 3 -w '%{http_code}' "http://$S3_HOST:$S3_PORT$HEALTH_PATH" || true)" = 200 ]
}

# The posix backend treats every top-level directory as a bucket, so the services' bucket is a
# directory (no signed request needed from bash). S3 naming rules, checked so a typo fails here.
ensure_bucket() {
  if ! [[ "$S3_BUCKET" =~ ^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$ ]]; then
    echo "s3: S3_BUCKET '$S3_BUCKET' is not an S3 bucket name (3-63 lowercase letters, digits, dots, hyphens)" >&2
    return 1
  fi
  [ -d "$S3_DATA_DIR/$S3_BUCKET" ] || { mkdir -p "$S3_DATA_DIR/$S3_BUCKET"; echo "s3: created bucket $S3_BUCKET"; }
}

cmd_start() {
  take_lock s3
  if is_running; then echo "s3: already running (pid $(cat "$PID_FILE")) on $S3_ENDPOINT, bucket $S3_BUCKET"; return 0; fi
  [ -x "$S3_BIN" ] || bash "$(dirname "$0")/install-s3.sh"
  if port_open "$S3_HOST" "$S3_PORT"; then
    echo "s3: $S3_HOST:$S3_PORT is already taken by a process this script did not start; set S3_PORT to a free port" >&2; exit 1
  fi
  mkdir -p "$DUTYCHAIN_RUN" "$DUTYCHAIN_LOGS" "$S3_DATA_DIR"
  ensure_bucket
  local args=(--port "$S3_HOST:$S3_PORT" --health "$HEALTH_PATH" --quiet posix "$S3_DATA_DIR")
  local t0=$SECONDS
  # Credentials through the environment (versitygw reads ROOT_ACCESS_KEY_ID / ROOT_SECRET_ACCESS_KEY),
  # so they are not on the command line for every `ps` to see.
  ROOT_ACCESS_KEY_ID="$S3_ACCESS_KEY_ID" ROOT_SECRET_ACCESS_KEY="$S3_SECRET_ACCESS_KEY" VGW_REGION="$S3_REGION" \
    spawn_server "$S3_BIN" "${args[@]}"
  wait_until_healthy "$S3_START_TIMEOUT"
  echo "s3: started (pid $(cat "$PID_FILE")) on $S3_ENDPOINT in $((SECONDS - t0))s, region $S3_REGION," \
       "bucket $S3_BUCKET, data $S3_DATA_DIR, log $LOG"
}

cmd_stop() {
  take_lock s3
  if ! is_running; then echo "s3: already stopped"; return 0; fi
  stop_server
  echo "s3: stopped"
}

cmd_status() {
  if is_running; then
    local state=serving
    healthy || state="NOT serving"
    echo "s3: running (pid $(cat "$PID_FILE")) on $S3_ENDPOINT, $state, bucket $S3_BUCKET, data $S3_DATA_DIR"
    return 0
  fi
  echo "s3: stopped (data $S3_DATA_DIR)"
  return 3
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 {start|stop|status}" >&2; exit 2 ;;
esac
