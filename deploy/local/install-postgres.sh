#!/usr/bin/env bash
# Makes sure PostgreSQL server binaries are on the machine (Debian's packages), once.
# postgres.sh then runs a project-local cluster with them; the distro's own cluster is not used.
set -euo pipefail
source "$(dirname "$0")/env.sh"
source "$(dirname "$0")/lib.sh"

if bin="$(pg_find_bin_dir)"; then
  echo "postgres: found $("$bin/postgres" --version) in $bin"
  exit 0
fi
echo "postgres: no initdb/pg_ctl under /usr/lib/postgresql/*/bin; installing Debian's postgresql packages..."
# contrib carries btree_gist and pg_trgm (in Debian 12 it is part of postgresql-15 already; harmless).
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-contrib
bin="$(pg_find_bin_dir)" || { echo "postgres: installed, but still no initdb/pg_ctl under /usr/lib/postgresql/*/bin" >&2; exit 1; }
id postgres >/dev/null 2>&1 || { echo "postgres: the package did not create the 'postgres' OS user" >&2; exit 1; }
echo "postgres: installed $("$bin/postgres" --version) in $bin"
