#!/usr/bin/env bash
# One line per part of the local system; exit 0 only when everything runs.
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
rc=0
bash "$HERE/stack.sh" status || rc=3
bash "$HERE/services.sh" status || rc=3
exit $rc
