/**
 * The lists service under test: a fresh database, the real org service as its own process (the
 * directory every scope and approver decision reads), the real Temporal dev server with a workflow
 * worker on a queue of its own (the cycles worker's bundle), and the lists app in process.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import request from 'supertest';
import type { Role } from '@dutychain/domain';
import type { TestDatabase } from '@dutychain/testing';
import { createTestDatabase, SMALL_CITY } from '@dutychain/testing';
import { bundleCycleWorkflows } from '@dutychain/workflows-worker';
import { createListsApp } from '../../src/create-lists-app';
import { ListsConfig } from '../../src/lists.config';

export const BOOTSTRAP_KEY = 'lists-test-bootstrap-key-0123456789abcdef0123';
const workspaceRoot = path.resolve(__dirname, '../../../..');

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

function orgPort(): number {
  return 5000 + ((process.pid * 13) % 2000);
}

async function startOrg(
  env: NodeJS.ProcessEnv,
  baseUrl: string,
): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn('node', ['-r', '@swc-node/register', 'services/org/src/main.ts'], {
    cwd: workspaceRoot,
    env,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await fetch(`${baseUrl}/health/ready`)).ok) return { child, output: () => output };
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || attempt > 240)
      throw new Error(`org did not become ready:\n${output.slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function startListsTestEnv(overrides: Record<string, string> = {}): Promise<ListsTestEnv> {
  const db = await createTestDatabase('lists');
  const port = orgPort();
  const orgUrl = `http://127.0.0.1:${port}`;
  const org = await startOrg(
    {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATABASE_URL: db.url,
      DATABASE_POOL_SIZE: '4',
      DUTYCHAIN_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY,
      ORG_PORT: String(port),
    },
    orgUrl,
  );
  const admin = { 'x-api-key': BOOTSTRAP_KEY };
  const orgCall = async (method: string, p: string, body?: unknown) => {
    const response = await fetch(`${orgUrl}${p}`, {
      method,
      headers: { ...admin, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  const imported = await orgCall('POST', '/imports?wait=true', SMALL_CITY);
  if (imported.body.status !== 'succeeded')
    throw new Error(`import failed: ${JSON.stringify(imported.body)}`);
  const units: Record<string, string> = {};
  for (const unit of SMALL_CITY.units)
    units[unit.code] = (await orgCall('GET', `/org-units/by-code/${unit.code}`)).body.id;
  const people: Record<string, string> = {};
  // People with a post today, found by name (P-OLD left in 2024 and is not needed).
  for (const person of SMALL_CITY.people) {
    const hits = await orgCall('GET', `/people?q=${encodeURIComponent(person.name)}`);
    const found = (hits.status === 200 ? (hits.body as { id: string; code: string }[]) : []).find(
      (p) => p.code === person.code,
    );
    if (found) people[person.code] = found.id;
  }

  const tag = `${process.pid}-${Date.now().toString(36)}`;
  const workflowQueue = `lists-test-wf-${tag}`;
  const activityQueue = `lists-test-act-${tag}`;
  const temporalAddress = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
  quietRuntime();
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
    ORG_URL: orgUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    LISTS_TASK_QUEUE: activityQueue,
    LISTS_WORKFLOW_TASK_QUEUE: workflowQueue,
    LISTS_EVIDENCE_DIR: evidenceDir,
    ...overrides,
  });
  const app = await createListsApp(config);
  await app.init();
  const connection = await Connection.connect({ address: temporalAddress });
  const temporal = new Client({ connection });
  const started: string[] = [];

  return {
    app,
    http: () => request(app.getHttpServer()),
    admin,
    org: orgCall,
    temporal,
    units,
    people,
    db,
    evidenceDir,
    async token(personCode, unitCode, roles) {
      const response = await orgCall('POST', '/auth/tokens', {
        personId: people[personCode],
        unitId: units[unitCode],
        roles,
      });
      if (response.status !== 201)
        throw new Error(`token: ${response.status} ${JSON.stringify(response.body)}`);
      return { authorization: `Bearer ${response.body.token as string}` };
    },
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
      org.child.kill('SIGTERM');
      await new Promise((resolve) =>
        org.child.exitCode !== null ? resolve(null) : org.child.once('exit', resolve),
      );
      await db.drop();
      await rm(evidenceDir, { recursive: true, force: true });
    },
  };
}

let runtimeInstalled = false;
/** SDK logs at WARN, once per process (before the first connection). */
function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } },
  });
}

/** Polls until `probe` gives a value (real time). */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
