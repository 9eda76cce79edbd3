#!/usr/bin/env bash
# Installs the project's npm dependencies when missing or out of date with package-lock.json.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$DUTYCHAIN_ROOT"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "node: installing Node.js and npm from Debian's packages"
  apt-get update -qq && apt-get install -y -qq nodejs npm
fi
major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$major" -ge 20 ] || { echo "Node.js >= 20 is required (found $(node --version))" >&2; exit 1; }

stamp="node_modules/.package-lock.json"
if [ -f "$stamp" ] && [ "$stamp" -nt package-lock.json ]; then
  echo "npm: dependencies up to date"
  exit 0
fi
echo "npm: installing dependencies from package-lock.json..."
# Exactly the committed lock (it lists every platform's optional @swc/core binary, so `npm ci`
# accepts it everywhere): every machine installs what was tested, and the tree stays clean.
npm ci --no-audit --no-fund --loglevel=error
