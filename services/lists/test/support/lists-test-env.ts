/**
 * The lists service under test: a fresh database, the real org service as its own process (the
 * directory every scope and approver decision reads), the real Temporal dev server with a workflow
 * worker on a queue of its own (the cycles worker's bundle), and the lists app in process.
 */
import { rm } from 'node:fs/promises';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import request from 'supertest';
import type { Role } from '@dutychain/domain';
import type { OrgDirectory, TestDatabase } from '@dutychain/testing';
import {
  installQuietTemporalRuntime,
  startOrgDirectory,
  waitFor as pollFor,
  workspaceRoot,
} from '@dutychain/testing';
import { bundleCycleWorkflows } from '@dutychain/workflows-worker';
import { createListsApp } from '../../src/create-lists-app';
import { ListsConfig } from '../../src/lists.config';

export const BOOTSTRAP_KEY = 'lists-test-bootstrap-key-0123456789abcdef0123';

export interface ListsTestEnv {
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  admin: Record<string, string>;
  org: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>;
  temporal: Client;
  units: Record<string, string>;
  people: Record<string, string>;
  /** Bearer headers for a person (by code) acting for a unit (by code). */
  token(personCode: string, unitCode: string, roles: Role[]): Promise<Record<string, string>>;
  db: TestDatabase;
  evidenceDir: string;
  close(): Promise<void>;
}

/** Environment of the lists app over the defaults; a function gets the suite's fresh database first. */
export type ListsEnvOverrides = Record<string, string> | ((db: TestDatabase) => Record<string, string>);

export async function startListsTestEnv(overrides: ListsEnvOverrides = {}): Promise<ListsTestEnv> {
  // The org directory and the lists app share the suite's fresh database.
  const org = await startOrgDirectory({ prefix: 'lists', bootstrapKey: BOOTSTRAP_KEY });
  try {
    return await startLists(org, overrides);
  } catch (error) {
    await org.close();
    throw error;
  }
}

async function startLists(org: OrgDirectory, overrides: ListsEnvOverrides): Promise<ListsTestEnv> {
  const { db, units, people } = org;
  const tag = `${process.pid}-${Date.now().toString(36)}`;
  const workflowQueue = `lists-test-wf-${tag}`;
  const activityQueue = `lists-test-act-${tag}`;
  const temporalAddress = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
  await installQuietTemporalRuntime();
  const nativeConnection = await NativeConnection.connect({ address: temporalAddress });
  const worker = await Worker.create({
    connection: nativeConnection,
    taskQueue: workflowQueue,
    workflowBundle: await bundleCycleWorkflows(),
  });
  const running = worker.run();
  const evidenceDir = path.join(workspaceRoot, '.data', 'test-evidence', tag);
  const config = ListsConfig.fromEnv({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: '4',
    DUTYCHAIN_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY,
    ORG_URL: org.url,
    TEMPORAL_ADDRESS: temporalAddress,
    LISTS_TASK_QUEUE: activityQueue,
    LISTS_WORKFLOW_TASK_QUEUE: workflowQueue,
    LISTS_EVIDENCE_DIR: evidenceDir,
    ...(typeof overrides === 'function' ? overrides(db) : overrides),
  });
  const app = await createListsApp(config);
  await app.init();
  const connection = await Connection.connect({ address: temporalAddress });
  const temporal = new Client({ connection });
  const started: string[] = [];

  return {
    app,
    http: () => request(app.getHttpServer()),
    admin: org.adminHeaders,
    org: org.call,
    temporal,
    units,
    people,
    db,
    evidenceDir,
    token: (personCode, unitCode, roles) => org.token(personCode, unitCode, roles),
    async close() {
      // Terminate this suite's list workflows so nothing keeps running on the shared dev server.
      for await (const info of temporal.workflow.list({
        query: `TaskQueue = '${workflowQueue}' AND ExecutionStatus = 'Running'`,
      })) {
        started.push(info.workflowId);
        await temporal.workflow
          .getHandle(info.workflowId)
          .terminate('test suite done')
          .catch(() => undefined);
      }
      await app.close();
      worker.shutdown();
      await running;
      await nativeConnection.close();
      await connection.close();
      await org.close();
      await rm(evidenceDir, { recursive: true, force: true });
    },
  };
}

/** Polls until `probe` gives a value (real time). */
export function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  return pollFor(what, probe, timeoutMs, 200);
}
