# Shared settings for the local stack scripts. Every value can be overridden from the environment.
DUTYCHAIN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DUTYCHAIN_CACHE="${DUTYCHAIN_CACHE:-$HOME/.cache/dutychain}"
DUTYCHAIN_DATA="${DUTYCHAIN_DATA:-$DUTYCHAIN_ROOT/.data}"
DUTYCHAIN_LOGS="${DUTYCHAIN_LOGS:-$DUTYCHAIN_DATA/logs}"

TEMPORAL_CLI_VERSION="${TEMPORAL_CLI_VERSION:-1.5.1}"
TEMPORAL_BIN="${TEMPORAL_BIN:-$DUTYCHAIN_CACHE/temporal-$TEMPORAL_CLI_VERSION/bin/temporal}"
TEMPORAL_HOST="${TEMPORAL_HOST:-127.0.0.1}"
TEMPORAL_PORT="${TEMPORAL_PORT:-7233}"
TEMPORAL_UI_PORT="${TEMPORAL_UI_PORT:-8233}"
TEMPORAL_NAMESPACE="${TEMPORAL_NAMESPACE:-default}"

TEST_SERVER_VERSION="${TEST_SERVER_VERSION:-1.38.0}"
TEST_SERVER_DIR="${TEST_SERVER_DIR:-$DUTYCHAIN_CACHE/temporal-test-server-$TEST_SERVER_VERSION}"
TEST_SERVER_BIN="$TEST_SERVER_DIR/temporal-test-server"

PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-55432}"
PGUSER="${PGUSER:-dutychain}"
PGPASSWORD="${PGPASSWORD:-dutychain}"
PGDATABASE="${PGDATABASE:-dutychain}"
PG_CLUSTER_DIR="${PG_CLUSTER_DIR:-$DUTYCHAIN_DATA/postgres}"
# Local stack runtime (deploy/local/{postgres,temporal,stack}.sh).
DUTYCHAIN_RUN="${DUTYCHAIN_RUN:-$DUTYCHAIN_DATA/run}"                  # pid files, sockets, locks
TEMPORAL_DB_FILE="${TEMPORAL_DB_FILE:-$DUTYCHAIN_DATA/temporal/temporal.db}"
TEMPORAL_SEARCH_ATTRIBUTES_FILE="${TEMPORAL_SEARCH_ATTRIBUTES_FILE:-$DUTYCHAIN_ROOT/deploy/local/search-attributes.txt}"
# Extra dynamic config for the dev server (space-separated key=value). The priority-aware matcher lets
# a cascade's parent cycles (priority 2) run ahead of the bottom level's first steps (priority 3).
TEMPORAL_DYNAMIC_CONFIG="${TEMPORAL_DYNAMIC_CONFIG-matching.useNewMatcher=true}"
TEMPORAL_START_TIMEOUT="${TEMPORAL_START_TIMEOUT:-60}"                 # seconds until cluster health must answer
TEMPORAL_ADDRESS="${TEMPORAL_ADDRESS:-$TEMPORAL_HOST:$TEMPORAL_PORT}"   # also read by the temporal CLI itself
TEMPORAL_VERSION_CHECK_DISABLED="${TEMPORAL_VERSION_CHECK_DISABLED:-1}" # no internet: never phone home
PG_BIN_DIR="${PG_BIN_DIR:-}"                                           # empty = newest /usr/lib/postgresql/*/bin (lib.sh)
PG_LOCALE="${PG_LOCALE:-C.UTF-8}"
PG_SOCKET_DIR="${PG_SOCKET_DIR:-$DUTYCHAIN_RUN/postgres}"              # unix socket inside .data, not /var/run
PG_START_TIMEOUT="${PG_START_TIMEOUT:-30}"
# S3-compatible object store for evidence (deploy/local/s3.sh: versitygw serving the buckets in a
# directory). Fixed credentials for local use only; tests read S3_ENDPOINT and the two keys.
S3_SERVER_VERSION="${S3_SERVER_VERSION:-1.8.0}"
S3_BIN="${S3_BIN:-$DUTYCHAIN_CACHE/versitygw-$S3_SERVER_VERSION/bin/versitygw}"
S3_HOST="${S3_HOST:-127.0.0.1}"
S3_PORT="${S3_PORT:-9000}"
S3_ENDPOINT="${S3_ENDPOINT:-http://$S3_HOST:$S3_PORT}"
S3_REGION="${S3_REGION:-us-east-1}"
S3_ACCESS_KEY_ID="${S3_ACCESS_KEY_ID:-dutychain}"
S3_SECRET_ACCESS_KEY="${S3_SECRET_ACCESS_KEY:-dutychain-local-s3-secret}"
S3_BUCKET="${S3_BUCKET:-dutychain-evidence}"                         # created on start, for LISTS_S3_BUCKET
S3_DATA_DIR="${S3_DATA_DIR:-$DUTYCHAIN_DATA/s3}"                       # one sub-directory per bucket
S3_START_TIMEOUT="${S3_START_TIMEOUT:-30}"
export DUTYCHAIN_ROOT DUTYCHAIN_CACHE DUTYCHAIN_DATA DUTYCHAIN_LOGS TEMPORAL_BIN PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE TEMPORAL_ADDRESS TEMPORAL_VERSION_CHECK_DISABLED
export S3_ENDPOINT S3_REGION S3_ACCESS_KEY_ID S3_SECRET_ACCESS_KEY S3_BUCKET
