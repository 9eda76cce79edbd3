/**
 * A real accountability service on a fresh database, next to a real org service (its own process,
 * started from services/org/src/main.ts as operators run it) and a `cycles`-style workflow worker on
 * a task queue of the suite's own, all on the local Temporal dev server.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import request from 'supertest';
import type { Role } from '@dutychain/domain';
import type { TestDatabase } from '@dutychain/testing';
import { createTestDatabase, SMALL_CITY } from '@dutychain/testing';
import { bundleCycleWorkflows } from '@dutychain/workflows-worker';
import { AccountabilityConfig } from '../../src/accountability.config';
import { createAccountabilityApp } from '../../src/create-accountability-app';

export const BOOTSTRAP_KEY = 'acc-test-bootstrap-key-0123456789abcdef01234';
const WORKSPACE = path.resolve(__dirname, '../../../..');
const TEMPORAL_ADDRESS = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The org service as its own process. */
export class OrgProcess {
  private child?: ChildProcess;
  output = '';
  constructor(
    readonly baseUrl: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  async start(): Promise<void> {
    this.child = spawn('node', ['-r', '@swc-node/register', 'services/org/src/main.ts'], {
      cwd: WORKSPACE,
      env: this.env,
    });
    this.child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    for (let attempt = 0; ; attempt++) {
      try {
        if ((await fetch(`${this.baseUrl}/health/ready`)).ok) return;
      } catch {
        // not listening yet
      }
      if (this.child.exitCode !== null || attempt > 240)
        throw new Error(`org did not start:\n${this.output.slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

export interface AccountabilityTestApp {
  app: INestApplication;
  db: TestDatabase;
  org: OrgProcess;
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

let runtimeInstalled = false;

export async function startAccountabilityTestApp(
  env: Record<string, string> = {},
): Promise<AccountabilityTestApp> {
  if (!runtimeInstalled) {
    // Worker logs at WARN (set TEMPORAL_TEST_LOG_LEVEL=INFO to see them all).
    runtimeInstalled = true;
    Runtime.install({
      logger: new DefaultLogger(process.env['TEMPORAL_TEST_LOG_LEVEL'] === 'INFO' ? 'INFO' : 'WARN'),
      telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } },
    });
  }
  const db = await createTestDatabase('acc');
  const orgPort = await freePort();
  const orgUrl = `http://127.0.0.1:${orgPort}`;
  const org = new OrgProcess(orgUrl, {
    ...process.env,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: '4',
    DUTYCHAIN_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY,
    ORG_PORT: String(orgPort),
  });
  const suffix = `${process.pid}-${Date.now()}`;
  const config = AccountabilityConfig.fromEnv({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: '4',
    DUTYCHAIN_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY,
    ORG_URL: orgUrl,
    TEMPORAL_ADDRESS,
    ACCOUNTABILITY_TASK_QUEUE: `accountability-test-${suffix}`,
    ACCOUNTABILITY_WORKFLOW_TASK_QUEUE: `cycles-acc-test-${suffix}`,
    ACCOUNTABILITY_SCHEDULES_ENABLED: 'false',
    ...env,
  });
  const [bundle] = await Promise.all([bundleCycleWorkflows(), org.start()]);
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
  const admin = { 'x-api-key': BOOTSTRAP_KEY };
  const orgCall = async (
    method: string,
    p: string,
    body?: unknown,
    headers: Record<string, string> = admin,
  ) => {
    const response = await fetch(`${orgUrl}${p}`, {
      method,
      headers: { ...headers, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  const imported = await orgCall('POST', '/imports?wait=true', SMALL_CITY);
  if (imported.body.status !== 'succeeded')
    throw new Error(`import failed: ${JSON.stringify(imported.body)}`);
  const ids = new Map<string, string>();
  const unitId = async (code: string) => {
    if (!ids.has(`u:${code}`))
      ids.set(`u:${code}`, (await orgCall('GET', `/org-units/by-code/${code}`)).body.id as string);
    return ids.get(`u:${code}`) as string;
  };
  const personId = async (code: string) => {
    if (!ids.has(`p:${code}`)) {
      const name = SMALL_CITY.people.find((p) => p.code === code)?.name ?? code;
      const found = (await orgCall('GET', `/people?q=${encodeURIComponent(name)}`)).body as {
        id: string;
        code: string;
      }[];
      const person = found.find((p) => p.code === code);
      if (!person) throw new Error(`no person ${code}`);
      ids.set(`p:${code}`, person.id);
    }
    return ids.get(`p:${code}`) as string;
  };
  const token = async (personCode: string, unitCode: string, roles: Role[]) => {
    const issued = await orgCall('POST', '/auth/tokens', {
      personId: await personId(personCode),
      unitId: await unitId(unitCode),
      roles,
    });
    if (issued.status !== 201) throw new Error(`token: ${issued.status} ${JSON.stringify(issued.body)}`);
    return { authorization: `Bearer ${issued.body.token as string}` };
  };
  return {
    app,
    db,
    org,
    config,
    temporal,
    http: () => request(app.getHttpServer()),
    admin,
    orgCall,
    unitId,
    personId,
    token,
    close: async () => {
      await app.close();
      worker.shutdown();
      await workerRun;
      await workerConnection.close();
      await temporal.connection.close();
      await org.stop();
      await db.drop();
    },
  };
}

/** Polls until `probe` returns a value (real time). */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
