/**
 * Time-skipping test environment on the Java test server installed by
 * deploy/local/install-test-server.sh (never downloaded at run time), plus helpers.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { ALL_SEARCH_ATTRIBUTE_KEYS, TASK_QUEUES } from '@dutychain/temporal';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import type { InMemoryCycleActivities } from './in-memory-cycle-activities';

export { TestWorkflowEnvironment, Worker };
export type { WorkflowBundleWithSourceMap };
export { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
export { WorkflowUpdateFailedError } from '@temporalio/client';
export type { Client, WorkflowHandle } from '@temporalio/client';

export function testServerPath(): string {
  return (
    process.env['TEST_SERVER_BIN'] ??
    path.join(os.homedir(), '.cache/dutychain/temporal-test-server-1.38.0/temporal-test-server')
  );
}

/** Starts the Java time-skipping server from its installed wrapper and registers our search attributes. */
export async function createTimeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  installQuietRuntime();
  let lastError: unknown;
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    try {
      const env = await TestWorkflowEnvironment.createTimeSkipping({
        server: { executable: { type: 'existing-path', path: testServerPath() } },
      });
      await env.connection.operatorService.addSearchAttributes({
        namespace: 'default',
        searchAttributes: Object.fromEntries(
          ALL_SEARCH_ATTRIBUTE_KEYS.map((key) => [
            key.name,
            encodeSearchAttributeIndexedValueType(key.type) ??
              temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_UNSPECIFIED,
          ]),
        ),
      });
      return env;
    } catch (err) {
      // The SDK gives a spawned server 5 s to answer; a cold JVM on a busy 2-core box can miss it.
      lastError = err;
    }
  }
  throw lastError;
}

let runtimeInstalled = false;
/** Workflow and worker logs at WARN (set TEMPORAL_TEST_LOG_LEVEL=INFO to see phase changes). */
function installQuietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  const level = process.env['TEMPORAL_TEST_LOG_LEVEL'] === 'INFO' ? 'INFO' : 'WARN';
  Runtime.install({
    logger: new DefaultLogger(level),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } },
  });
}

export async function createTestWorker(
  env: TestWorkflowEnvironment,
  workflowBundle: WorkflowBundleWithSourceMap,
  fake: InMemoryCycleActivities,
  taskQueue: string = TASK_QUEUES.cycles,
): Promise<Worker> {
  fake.client ??= env.client;
  return Worker.create({
    connection: env.nativeConnection,
    namespace: 'default',
    taskQueue,
    workflowBundle,
    activities: fake.activities(),
  });
}

/** Polls (in real time, without skipping time) until `check` returns a value or throws after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > until)
      throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    await delay(50);
  }
}

/** Skips server time forward to a workflow-time instant (plus a margin). */
export async function skipTo(
  env: TestWorkflowEnvironment,
  workflowTime: number,
  marginMs = 1_000,
): Promise<void> {
  const now = await env.currentTimeMs();
  if (workflowTime + marginMs > now) await env.sleep(workflowTime + marginMs - now);
}
