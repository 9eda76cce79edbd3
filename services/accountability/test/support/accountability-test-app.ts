/**
 * A real accountability service on a fresh database, next to a real org service (its own process,
 * started from services/org/src/main.ts as operators run it) and a `cycles`-style workflow worker on
 * a task queue of the suite's own, all on the local Temporal dev server.
 */
import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import request from 'supertest';
import type { Role } from '@dutychain/domain';
import type { OrgDirectory, ServiceProcess, TestDatabase } from '@dutychain/testing';
import { installQuietTemporalRuntime, startOrgDirectory } from '@dutychain/testing';
import { bundleCycleWorkflows } from '@dutychain/workflows-worker';
import { AccountabilityConfig } from '../../src/accountability.config';
import { createAccountabilityApp } from '../../src/create-accountability-app';

export { freePort, waitFor as eventually } from '@dutychain/testing';

export const BOOTSTRAP_KEY = 'acc-test-bootstrap-key-0123456789abcdef01234';
const TEMPORAL_ADDRESS = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';

export interface AccountabilityTestApp {
  app: INestApplication;
  db: TestDatabase;
  /** The org service's process (its output, baseUrl). */
  org: ServiceProcess;
  config: AccountabilityConfig;
  temporal: Client;
  http: () => ReturnType<typeof request>;
  admin: Record<string, string>;
  orgCall: (
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => Promise<{ status: number; body: any }>;
  unitId: (code: string) => Promise<string>;
  personId: (code: string) => Promise<string>;
  token: (personCode: string, unitCode: string, roles: Role[]) => Promise<Record<string, string>>;
  close(): Promise<void>;
}

export async function startAccountabilityTestApp(
  env: Record<string, string> = {},
): Promise<AccountabilityTestApp> {
  await installQuietTemporalRuntime();
  const bundling = bundleCycleWorkflows(); // while org starts
  void bundling.catch(() => undefined); // awaited below, unless org fails first
  const org = await startOrgDirectory({ prefix: 'acc', bootstrapKey: BOOTSTRAP_KEY });
  try {
    return await startAccountability(org, await bundling, env);
  } catch (error) {
    await org.close();
    throw error;
  }
}

async function startAccountability(
  org: OrgDirectory,
  bundle: Awaited<ReturnType<typeof bundleCycleWorkflows>>,
  env: Record<string, string>,
): Promise<AccountabilityTestApp> {
  const db = org.db;
  const suffix = `${process.pid}-${Date.now()}`;
  const config = AccountabilityConfig.fromEnv({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: '4',
    DUTYCHAIN_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY,
    ORG_URL: org.url,
    TEMPORAL_ADDRESS,
    ACCOUNTABILITY_TASK_QUEUE: `accountability-test-${suffix}`,
    ACCOUNTABILITY_WORKFLOW_TASK_QUEUE: `cycles-acc-test-${suffix}`,
    ACCOUNTABILITY_SCHEDULES_ENABLED: 'false',
    ...env,
  });
  const workerConnection = await NativeConnection.connect({ address: TEMPORAL_ADDRESS });
  const worker = await Worker.create({
    connection: workerConnection,
    namespace: 'default',
    taskQueue: config.workflowTaskQueue,
    workflowBundle: bundle,
  });
  const workerRun = worker.run();
  const app = await createAccountabilityApp(config);
  await app.init();
  const temporal = new Client({ connection: await Connection.connect({ address: TEMPORAL_ADDRESS }) });
  const byCode = (ids: Record<string, string>, kind: string) => (code: string) =>
    ids[code] ? Promise.resolve(ids[code]) : Promise.reject(new Error(`no ${kind} ${code}`));
  return {
    app,
    db,
    org: org.process,
    config,
    temporal,
    http: () => request(app.getHttpServer()),
    admin: org.adminHeaders,
    orgCall: org.call,
    unitId: byCode(org.units, 'unit'),
    personId: byCode(org.people, 'person'),
    token: (personCode, unitCode, roles) => org.token(personCode, unitCode, roles),
    close: async () => {
      await app.close();
      worker.shutdown();
      await workerRun;
      await workerConnection.close();
      await temporal.connection.close();
      await org.close();
    },
  };
}
