#!/usr/bin/env bash
# Project-local PostgreSQL cluster: postgres.sh {start|stop|status}
# Lives in $PG_CLUSTER_DIR (inside the clone's .data/), listens on $PGHOST:$PGPORT only, so it never
# touches the distro's own cluster. The server runs as the `postgres` OS user (it refuses root).
set -euo pipefail
source "$(dirname "$0")/env.sh"
source "$(dirname "$0")/lib.sh"

PG_LOG="$DUTYCHAIN_LOGS/postgres.log"

# Existing cluster: use the binaries of its own major version (a newer major cannot open it).
if [ -f "$PG_CLUSTER_DIR/PG_VERSION" ] && [ -z "$PG_BIN_DIR" ] \
   && [ -x "/usr/lib/postgresql/$(cat "$PG_CLUSTER_DIR/PG_VERSION")/bin/pg_ctl" ]; then
  PG_BIN_DIR="/usr/lib/postgresql/$(cat "$PG_CLUSTER_DIR/PG_VERSION")/bin"
fi
if ! PGBIN="$(pg_find_bin_dir)"; then
  [ "${1:-}" = status ] && { echo "postgres: not installed (no server binaries)"; exit 3; }
  [ "${1:-}" = stop ] && { echo "postgres: not installed, nothing to stop"; exit 0; }
  echo "postgres: server binaries missing; run deploy/local/install-postgres.sh" >&2; exit 1
fi

# Run as the postgres OS user from / (root's cwd may be unreadable to it), without the app's
# PG* variables: admin commands connect as the superuser over the unix socket (peer auth).
# 9>&- : the lock fd must not be inherited by the long-lived postmaster.
as_postgres() {
  (cd / && runuser -u postgres -- env -u PGHOST -u PGPORT -u PGUSER -u PGPASSWORD -u PGDATABASE "$@" 9>&-)
}

# Readiness over TCP as the app would connect. No password is sent, so the server does not log
# a failed login (the app role may not exist yet on first start).
pg_ready() { env -u PGPASSWORD "$PGBIN/pg_isready" -q -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres; }

is_running() {
  [ -f "$PG_CLUSTER_DIR/PG_VERSION" ] || return 1
  as_postgres "$PGBIN/pg_ctl" status -D "$PG_CLUSTER_DIR" >/dev/null 2>&1
}

# The postgres user must be able to walk down to the data, socket and log dirs. Only dirs that
# block it get o+x (traverse, not list), and we say so.
ensure_traversable() {
  local target p chain
  for target in "$@"; do
    chain=(); p="$target"
    while [ "$p" != / ] && [ "$p" != . ]; do chain=("$p" "${chain[@]}"); p="$(dirname "$p")"; done
    for p in "${chain[@]}"; do
      [ -d "$p" ] || break
      if ! as_postgres test -x "$p"; then
        chmod o+x "$p"
        echo "postgres: made $p traversable (chmod o+x) so the postgres user can reach its files"
      fi
    done
  done
}

sql_quote() { printf "%s" "${1//\'/\'\'}"; }

write_local_conf() {
  # Rewritten on every start so PGHOST/PGPORT/PG_SOCKET_DIR overrides take effect.
  cat > "$PG_CLUSTER_DIR/dutychain.conf" <<CONF
# Written by deploy/local/postgres.sh on each start; edit env.sh / the environment instead.
listen_addresses = '$(sql_quote "$PGHOST")'
port = $PGPORT
unix_socket_directories = '$(sql_quote "$PG_SOCKET_DIR")'
password_encryption = 'scram-sha-256'
CONF
  chown postgres:postgres "$PG_CLUSTER_DIR/dutychain.conf"
  grep -q "^include_if_exists = 'dutychain.conf'" "$PG_CLUSTER_DIR/postgresql.conf" \
    || echo "include_if_exists = 'dutychain.conf'" >> "$PG_CLUSTER_DIR/postgresql.conf"
}

init_cluster() {
  [ -f "$PG_CLUSTER_DIR/PG_VERSION" ] && return 0
  echo "postgres: initdb $PG_CLUSTER_DIR (UTF8, $PG_LOCALE, scram-sha-256 on TCP, peer on the socket)"
  mkdir -p "$PG_CLUSTER_DIR"
  chown postgres:postgres "$PG_CLUSTER_DIR"
  chmod 700 "$PG_CLUSTER_DIR"
  as_postgres "$PGBIN/initdb" -D "$PG_CLUSTER_DIR" -U postgres -E UTF8 --locale="$PG_LOCALE" \
    --auth-local=peer --auth-host=scram-sha-256 >>"$PG_LOG" 2>&1 \
    || { show_log_tail "$PG_LOG"; echo "postgres: initdb failed" >&2; exit 1; }
}

# Idempotent: creates the app role (login, CREATEDB, not superuser) and its database when missing.
# An existing role keeps its password.
provision() {
  as_postgres "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCKET_DIR" -p "$PGPORT" -U postgres -d postgres \
    -v u="$PGUSER" -v p="$PGPASSWORD" -v d="$PGDATABASE" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN CREATEDB NOSUPERUSER PASSWORD %L', :'u', :'p')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'u') \gexec
SELECT format('CREATE DATABASE %I OWNER %I ENCODING ''UTF8''', :'d', :'u')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'d') \gexec
SQL
}

cmd_start() {
  take_lock postgres
  if is_running; then echo "postgres: already running on $PGHOST:$PGPORT"; return 0; fi
  if port_open "$PGHOST" "$PGPORT"; then
    echo "postgres: $PGHOST:$PGPORT is already taken by another process; set PGPORT to a free port" >&2; exit 1
  fi
  id postgres >/dev/null 2>&1 || { echo "postgres: no 'postgres' OS user; run deploy/local/install-postgres.sh" >&2; exit 1; }
  mkdir -p "$DUTYCHAIN_DATA" "$DUTYCHAIN_LOGS" "$PG_SOCKET_DIR"
  chown postgres:postgres "$PG_SOCKET_DIR"
  touch "$PG_LOG" && chown postgres:postgres "$PG_LOG"   # pg_ctl writes it as postgres
  ensure_traversable "$(dirname "$PG_CLUSTER_DIR")" "$PG_SOCKET_DIR" "$DUTYCHAIN_LOGS"
  if [ -d "$PG_CLUSTER_DIR" ] && [ "$(stat -c %U "$PG_CLUSTER_DIR")" != postgres ]; then
    echo "postgres: $PG_CLUSTER_DIR is not owned by postgres; fixing with chown -R"
    chown -R postgres:postgres "$PG_CLUSTER_DIR"
  fi
  local t0=$SECONDS
  init_cluster
  write_local_conf
  as_postgres "$PGBIN/pg_ctl" start -D "$PG_CLUSTER_DIR" -l "$PG_LOG" -w -t "$PG_START_TIMEOUT" >/dev/null \
    || { show_log_tail "$PG_LOG"; echo "postgres: pg_ctl start failed" >&2; exit 1; }
  local deadline=$((SECONDS + PG_START_TIMEOUT))
  until pg_ready; do
    if [ $SECONDS -ge $deadline ]; then
      show_log_tail "$PG_LOG"; echo "postgres: not ready after ${PG_START_TIMEOUT}s" >&2; exit 1
    fi
    sleep 0.5
  done
  provision
  echo "postgres: started on $PGHOST:$PGPORT in $((SECONDS - t0))s (db $PGDATABASE, role $PGUSER, log $PG_LOG)"
}

cmd_stop() {
  take_lock postgres
  if ! is_running; then echo "postgres: already stopped"; return 0; fi
  as_postgres "$PGBIN/pg_ctl" stop -D "$PG_CLUSTER_DIR" -m fast -w -t 60 >/dev/null
  echo "postgres: stopped"
}

cmd_status() {
  if is_running; then
    local pid ready=accepting
    pid="$(head -n1 "$PG_CLUSTER_DIR/postmaster.pid" 2>/dev/null || echo '?')"
    pg_ready || ready="NOT accepting connections"
    echo "postgres: running (pid $pid, $("$PGBIN/postgres" --version | awk '{print $3}')) on $PGHOST:$PGPORT, $ready, data $PG_CLUSTER_DIR"
    return 0
  fi
  echo "postgres: stopped (data $PG_CLUSTER_DIR)"
  return 3
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 {start|stop|status}" >&2; exit 2 ;;
esac
