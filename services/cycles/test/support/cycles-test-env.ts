/**
 * The cycles service under test: a fresh database, the real org service as its own process (the
 * directory every scope decision reads), and the cycles app in process, hosting its worker on task
 * queues of the suite's own on the real Temporal dev server. Cycles are started for this suite's
 * units only (fresh UUIDs), and close() terminates whatever still runs on the suite's queue.
 */
import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import type { Role } from '@dutychain/domain';
import type { OrgDirectory, TestDatabase } from '@dutychain/testing';
import { installQuietTemporalRuntime, startOrgDirectory } from '@dutychain/testing';
import { createCyclesApp } from '../../src/create-cycles-app';
import { CyclesConfig } from '../../src/cycles.config';

export { waitFor } from '@dutychain/testing';

export const BOOTSTRAP_KEY = 'cycles-test-bootstrap-key-0123456789abcdef012';
const TEMPORAL_ADDRESS = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';

export interface CyclesTestEnv {
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  /** The bootstrap key: sees the whole dev server. Never use it for bulk actions. */
  admin: Record<string, string>;
  temporal: Client;
  /** This suite's workflow task queue: every cycle it starts runs there. */
  taskQueue: string;
  units: Record<string, string>;
  people: Record<string, string>;
  /** Bearer headers for a person (by code) acting for a unit (by code). */
  token(personCode: string, unitCode: string, roles: Role[]): Promise<Record<string, string>>;
  db: TestDatabase;
  close(): Promise<void>;
}

export async function startCyclesTestEnv(): Promise<CyclesTestEnv> {
  // The org directory and the cycles app share the suite's fresh database.
  const org = await startOrgDirectory({ prefix: 'cycles', bootstrapKey: BOOTSTRAP_KEY });
  try {
    return await startCycles(org);
  } catch (error) {
    await org.close();
    throw error;
  }
}

async function startCycles(org: OrgDirectory): Promise<CyclesTestEnv> {
  const { db, units, people } = org;
  const tag = `${process.pid}-${Date.now().toString(36)}`;
  const taskQueue = `cycles-test-${tag}`;
  await installQuietTemporalRuntime();
  const config = CyclesConfig.fromEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: '4',
    DUTYCHAIN_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY,
    ORG_URL: org.url,
    TEMPORAL_ADDRESS,
    CYCLES_TASK_QUEUE: taskQueue,
    // Risk lists the cycles start wait here for activities nobody runs: the shared lists service never sees them.
    CYCLES_LISTS_TASK_QUEUE: `cycles-test-lists-${tag}`,
  });
  const app = await createCyclesApp(config);
  await app.init();
  const connection = await Connection.connect({ address: TEMPORAL_ADDRESS });
  const temporal = new Client({ connection });

  return {
    app,
    http: () => request(app.getHttpServer()),
    admin: org.adminHeaders,
    temporal,
    taskQueue,
    units,
    people,
    db,
    token: (personCode, unitCode, roles) => org.token(personCode, unitCode, roles),
    async close() {
      // Nothing of this suite keeps running on the shared dev server.
      for await (const info of temporal.workflow.list({
        query: `TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running'`,
      })) {
        await temporal.workflow
          .getHandle(info.workflowId, info.runId)
          .terminate('test suite done')
          .catch(() => undefined);
      }
      await app.close();
      await connection.close();
      await org.close();
    },
  };
}
