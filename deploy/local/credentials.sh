#!/usr/bin/env bash
# Creates the local deployment's secrets once (.data/credentials.env) and prints them as exports.
# Local development only: production takes these from its secret store.
set -euo pipefail
source "$(dirname "$0")/env.sh"
file="$DUTYCHAIN_DATA/credentials.env"
if [ ! -f "$file" ]; then
  mkdir -p "$DUTYCHAIN_DATA"
  umask 077
  {
    echo "DUTYCHAIN_BOOTSTRAP_API_KEY=dcb_$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    echo "DUTYCHAIN_AUTH_SECRET=$(head -c 48 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  } > "$file"
fi
sed 's/^/export /' "$file"
