#!/usr/bin/env bash
# Stops the project's services, then the local stack. Data in .data/ is kept.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
bash "$HERE/services.sh" stop
bash "$HERE/stack.sh" stop
