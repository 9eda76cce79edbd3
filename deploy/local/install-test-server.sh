#!/usr/bin/env bash
# Installs Temporal's official time-skipping test server (Java, from Maven Central) into the cache
# and writes an executable wrapper for TestWorkflowEnvironment.createTimeSkipping().
set -euo pipefail
source "$(dirname "$0")/env.sh"

if [ -x "$TEST_SERVER_BIN" ]; then
  echo "test server: $TEST_SERVER_BIN (cached)"
  exit 0
fi
command -v java >/dev/null || { apt-get update -qq && apt-get install -y -qq default-jre-headless; }
command -v mvn >/dev/null || { apt-get update -qq && apt-get install -y -qq maven; }
mkdir -p "$TEST_SERVER_DIR"
echo "test server: resolving io.temporal:temporal-test-server:$TEST_SERVER_VERSION from Maven Central..."
mvn -q -B -f "$DUTYCHAIN_ROOT/deploy/local/test-server/pom.xml" \
  -Dtemporal.test.server.version="$TEST_SERVER_VERSION" \
  org.apache.maven.plugins:maven-dependency-plugin:3.6.1:build-classpath \
  -Dmdep.includeScope=runtime -Dmdep.outputFile="$TEST_SERVER_DIR/classpath.txt"
# exec matters: the SDK SIGKILLs the process it spawned, and java must be that process.
cat > "$TEST_SERVER_BIN.tmp" <<WRAP
#!/usr/bin/env bash
exec java -Xss2m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "\$(cat "$TEST_SERVER_DIR/classpath.txt")" io.temporal.testserver.TestServer "\$@"
WRAP
chmod +x "$TEST_SERVER_BIN.tmp"
mv "$TEST_SERVER_BIN.tmp" "$TEST_SERVER_BIN"
echo "test server: $TEST_SERVER_BIN"
