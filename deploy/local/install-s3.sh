#!/usr/bin/env bash
# Builds versitygw (an S3-compatible gateway over a POSIX directory) from the Go module proxy, once.
# The binary lives in a cache outside the clone, keyed by version, so fresh clones reuse it.
set -euo pipefail
source "$(dirname "$0")/env.sh"

if [ -x "$S3_BIN" ]; then
  echo "s3: $S3_BIN (cached)"
  exit 0
fi
command -v go >/dev/null || { echo "Go is required to build the S3 server versitygw (apt-get install golang or use the machine's Go)" >&2; exit 1; }
mkdir -p "$(dirname "$S3_BIN")"
# Two clones installing at once: the second waits for the first's build, then finds the binary.
exec 8>"$(dirname "$(dirname "$S3_BIN")").lock"
flock -w 900 8 || { echo "s3: another build of $S3_BIN did not finish within 15 min" >&2; exit 1; }
if [ -x "$S3_BIN" ]; then
  echo "s3: $S3_BIN (built meanwhile)"
  exit 0
fi
echo "s3: building versitygw v$S3_SERVER_VERSION from the Go module proxy (one-off, a few minutes)..."
GOTOOLCHAIN=local CGO_ENABLED=0 GOBIN="$(dirname "$S3_BIN")" \
  go install -trimpath -ldflags "-s -w -X main.Version=v$S3_SERVER_VERSION" \
  "github.com/versity/versitygw/cmd/versitygw@v$S3_SERVER_VERSION"
echo "s3: $S3_BIN ($("$S3_BIN" --version | head -n1 | tr -s ' '))"
