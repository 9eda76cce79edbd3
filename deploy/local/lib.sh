# Helpers shared by the local stack scripts. Source after env.sh; defines functions only.

# Newest PostgreSQL server bin dir (Debian layout /usr/lib/postgresql/<major>/bin), or $PG_BIN_DIR
# when set. Prints nothing and returns 1 when no server binaries are installed.
pg_find_bin_dir() {
  if [ -n "${PG_BIN_DIR:-}" ]; then
    [ -x "$PG_BIN_DIR/initdb" ] && [ -x "$PG_BIN_DIR/pg_ctl" ] && { echo "$PG_BIN_DIR"; return 0; }
    return 1
  fi
  local d best=""
  # sort -V so that 9.6 < 15 < 17; the last one that has both tools wins.
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V); do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && best="$d"
  done
  [ -n "$best" ] && echo "$best"
}

# True when something accepts TCP connections on host:port (bash /dev/tcp: no nc on the machine).
port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null
}

# Serialise start/stop of one component so two concurrent `stack.sh start` runs do not race.
take_lock() {
  mkdir -p "$DUTYCHAIN_RUN"
  exec 9>"$DUTYCHAIN_RUN/$1.lock"
  flock -w 120 9 || { echo "$1: could not get $DUTYCHAIN_RUN/$1.lock within 120 s" >&2; exit 1; }
}

# Last lines of a log, for failure messages.
show_log_tail() {
  [ -f "$1" ] && { echo "---- last lines of $1 ----" >&2; tail -n "${2:-30}" "$1" >&2; }
  return 0
}

# ---- Long-running servers started by these scripts (temporal.sh, s3.sh) ----
# Each script sets NAME (for messages), PID_FILE and LOG, and defines `healthy` (0 when serving).

# True when PID_FILE names a live process whose command line contains $1 (a fragment naming OUR
# data and address: a recycled pid or another checkout's server must not count, or stop would
# kill it). A pid file that names anything else is stale and removed.
server_is_running() {
  [ -f "$PID_FILE" ] || return 1
  local pid; pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null \
     && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$1"; then
    return 0
  fi
  echo "$NAME: removing stale pid file $PID_FILE (pid '${pid}' is not our server)" >&2
  rm -f "$PID_FILE"
  return 1
}

# Starts "$@" in the background as the server. setsid: own session and process group (no SIGHUP
# from the caller's terminal, and stop can kill the whole group). The inner shell writes its pid
# and execs, so the pid file names the server. 9>&- keeps the start lock out of the server.
# Environment for the server is passed by the caller's `VAR=value spawn_server …`.
spawn_server() {
  rm -f "$PID_FILE"
  echo "=== $(date -Is) $NAME start: $*" >>"$LOG"
  setsid bash -c 'echo $$ > "$0"; exec "$@"' "$PID_FILE" "$@" </dev/null >>"$LOG" 2>&1 9>&- &
}

# Waits up to $1 seconds for `healthy`; on failure shows the log, stops what was started and exits.
wait_until_healthy() {
  local deadline=$((SECONDS + $1))
  until healthy; do
    if [ -f "$PID_FILE" ] && ! kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
      show_log_tail "$LOG"; rm -f "$PID_FILE"; echo "$NAME: the server exited during start-up" >&2; exit 1
    fi
    if [ $SECONDS -ge $deadline ]; then
      show_log_tail "$LOG"; echo "$NAME: no healthy answer after $1 s" >&2
      release_and_stop; exit 1
    fi
    sleep 0.5
  done
}

# Kills the server's process group: TERM, wait up to 30 s, then KILL.
stop_server() {
  local pid; pid="$(cat "$PID_FILE")"
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  local i
  for i in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "$NAME: pid $pid ignored SIGTERM for 30 s; sending SIGKILL" >&2
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$PID_FILE"
}
release_and_stop() { [ -f "$PID_FILE" ] && stop_server; return 0; }
