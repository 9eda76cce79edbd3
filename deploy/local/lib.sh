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
