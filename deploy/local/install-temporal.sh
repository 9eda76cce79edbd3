#!/usr/bin/env bash
# Builds the official Temporal CLI (dev server with Web UI) from the Go module proxy, once.
# The binary lives in a cache outside the clone, keyed by version, so fresh clones reuse it.
set -euo pipefail
source "$(dirname "$0")/env.sh"

if [ -x "$TEMPORAL_BIN" ]; then
  echo "temporal: $TEMPORAL_BIN (cached)"
  exit 0
fi
command -v go >/dev/null || { echo "Go is required to build the Temporal CLI (apt-get install golang or use the machine's Go)" >&2; exit 1; }
mkdir -p "$(dirname "$TEMPORAL_BIN")"
echo "temporal: building CLI v$TEMPORAL_CLI_VERSION from the Go module proxy (one-off, several minutes)..."
GOTOOLCHAIN=local CGO_ENABLED=0 GOBIN="$(dirname "$TEMPORAL_BIN")" \
  go install -trimpath -ldflags "-s -w" "github.com/temporalio/cli/cmd/temporal@v$TEMPORAL_CLI_VERSION"
"$TEMPORAL_BIN" --version
