/**
 * The cycles service under test: a fresh database, the real org service as its own process (the
 * directory every scope decision reads), and the cycles app in process, hosting its worker on task
 * queues of the suite's own on the real Temporal dev server. Cycles are started for this suite's
 * units only (fresh UUIDs), and close() terminates whatever still runs on the suite's queue.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import request from 'supertest';
import type { Role } from '@dutychain/domain';
import type { TestDatabase } from '@dutychain/testing';
import { createTestDatabase, SMALL_CITY } from '@dutychain/testing';
import { createCyclesApp } from '../../src/create-cycles-app';
import { CyclesConfig } from '../../src/cycles.config';

export const BOOTSTRAP_KEY = 'cycles-test-bootstrap-key-0123456789abcdef012';
const WORKSPACE = path.resolve(__dirname, '../../../..');
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

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function startOrg(env: NodeJS.ProcessEnv, baseUrl: string): Promise<ChildProcess> {
  const child = spawn('node', ['-r', '@swc-node/register', 'services/org/src/main.ts'], {
    cwd: WORKSPACE,
    env,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await fetch(`${baseUrl}/health/ready`)).ok) return child;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || attempt > 240) {
      child.kill('SIGTERM');
      throw new Error(`org did not become ready:\n${output.slice(-3000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function startCyclesTestEnv(): Promise<CyclesTestEnv> {
  const db = await createTestDatabase('cycles');
  const port = await freePort();
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
  for (const person of SMALL_CITY.people) {
    const hits = await orgCall('GET', `/people?q=${encodeURIComponent(person.name)}`);
    const found = (hits.status === 200 ? (hits.body as { id: string; code: string }[]) : []).find(
      (p) => p.code === person.code,
    );
    if (found) people[person.code] = found.id;
  }

  const tag = `${process.pid}-${Date.now().toString(36)}`;
  const taskQueue = `cycles-test-${tag}`;
  quietRuntime();
  const config = CyclesConfig.fromEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: '4',
    DUTYCHAIN_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY,
    ORG_URL: orgUrl,
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
    admin,
    temporal,
    taskQueue,
    units,
    people,
    db,
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
      org.kill('SIGTERM');
      await new Promise((resolve) => (org.exitCode !== null ? resolve(null) : org.once('exit', resolve)));
      await db.drop();
    },
  };
}

let runtimeInstalled = false;
/** SDK logs at WARN, once per process (before the worker's first connection). */
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
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
