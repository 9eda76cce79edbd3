/**
 * The `cycles` worker: runs every workflow of workflows/src/workflows (one bundle entry) and the
 * cycle activities a service injects. Node-side code: never imported by workflow code.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import type {
  BundleOptions,
  NativeConnectionOptions,
  WorkerOptions,
  WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { TASK_QUEUES } from '@dutychain/temporal';
import type { CycleActivities } from '@dutychain/temporal';

/** The single workflows entry of this worker. */
export const WORKFLOWS_PATH = require.resolve('../workflows');
const WORKSPACE_ROOT = path.resolve(__dirname, '../../..');

/** Lets the workflow bundler resolve the workspace's path aliases (@dutychain/calendar, …). */
export function workspaceAliases(): Record<string, string> {
  const tsconfig = JSON.parse(readFileSync(path.join(WORKSPACE_ROOT, 'tsconfig.base.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  return Object.fromEntries(
    Object.entries(tsconfig.compilerOptions.paths).map(([alias, targets]) => [
      `${alias}$`,
      path.join(WORKSPACE_ROOT, targets[0] ?? ''),
    ]),
  );
}

export function workflowBundleOptions(workflowsPath: string = WORKFLOWS_PATH): BundleOptions {
  return {
    workflowsPath,
    webpackConfigHook: (config) => ({
      ...config,
      resolve: {
        ...config.resolve,
        alias: { ...(config.resolve?.alias as Record<string, string | false>), ...workspaceAliases() },
      },
    }),
  };
}

/** Bundles the workflow code once (tests and the replayer reuse the bundle). */
export async function bundleCycleWorkflows(
  workflowsPath: string = WORKFLOWS_PATH,
): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode(workflowBundleOptions(workflowsPath));
}

/** Builds the activities for one worker: the cycles service passes its implementation (DB, org directory, notifications). */
export type CycleActivitiesFactory = () => CycleActivities | Promise<CycleActivities>;

export interface CyclesWorkerOptions {
  connection: NativeConnection;
  activities: CycleActivitiesFactory;
  namespace?: string;
  taskQueue?: string;
  /** A prebuilt bundle; the workflows are bundled from WORKFLOWS_PATH when absent. */
  workflowBundle?: WorkflowBundleWithSourceMap;
  /** Any other worker options (tuning, interceptors, identity). */
  extra?: Omit<
    WorkerOptions,
    'connection' | 'namespace' | 'taskQueue' | 'activities' | 'workflowBundle' | 'workflowsPath'
  >;
}

export async function createCyclesWorker(options: CyclesWorkerOptions): Promise<Worker> {
  const activities = await options.activities();
  return Worker.create({
    ...options.extra,
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue ?? TASK_QUEUES.cycles,
    activities,
    workflowBundle: options.workflowBundle ?? (await bundleCycleWorkflows()),
  });
}

export interface RunCyclesWorkerOptions extends Omit<CyclesWorkerOptions, 'connection'> {
  connection: NativeConnectionOptions;
}

/**
 * Connects, runs the worker until it is shut down (SIGINT/SIGTERM, handled by the SDK's Runtime),
 * then closes the connection. Resolves only when the worker has stopped.
 */
export async function runCyclesWorker(options: RunCyclesWorkerOptions): Promise<void> {
  const connection = await NativeConnection.connect(options.connection);
  try {
    const worker = await createCyclesWorker({ ...options, connection });
    await worker.run();
  } finally {
    await connection.close();
  }
}
