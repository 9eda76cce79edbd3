/**
 * The four services as operators run them, for the fuzz test: each its own process on its own fresh
 * database, with task queues of this run only, so nothing collides with other suites or the local
 * stack; plus direct SQL to each service's audit log (a test may read the databases).
 */
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { Client } from 'pg';
import { mkdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { verifyAuditLog } from '@dutychain/auth';
import { monthlyReportScheduleId } from '@dutychain/temporal';
import type { TestDatabase } from '@dutychain/testing';
import { createTestDatabase, freePort, ServiceProcess, workspaceRoot } from '@dutychain/testing';

export const SERVICE_NAMES = ['org', 'cycles', 'lists', 'accountability'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface FuzzService {
  name: ServiceName;
  /** The service's own schema in its own database (where its audit_log lives). */
  schema: string;
  db: TestDatabase;
  process: ServiceProcess;
  url: string;
  /** Direct SQL on the service's database. */
  sql: Client;
}

export interface ApiResponse {
  status: number;
  /** The JSON body, the text where it is not JSON, undefined where empty. */
  body: unknown;
  text: string;
}

export interface FuzzStack {
  services: Record<ServiceName, FuzzService>;
  bootstrapKey: string;
  /** The cycles worker's queue: every workflow of this run (cycles, risk lists, notices, reports) runs on it. */
  workflowQueue: string;
  /** A JSON request with the bootstrap (global admin) API key, unless other credentials are given. */
  call(
    service: ServiceName,
    method: string,
    path: string,
    body?: unknown,
    credentials?: Record<string, string>,
  ): Promise<ApiResponse>;
  /** Audit rows after `afterSeq` in a service's schema (seq, actor kind, action). */
  auditRowsAfter(service: ServiceName, afterSeq: string): Promise<AuditRow[]>;
  lastAuditSeq(service: ServiceName): Promise<string>;
  verifyAuditChains(): Promise<Record<ServiceName, string | undefined>>;
  /** Ends this run's workflows and schedules, stops the processes, drops the databases. */
  close(unitIds: readonly string[]): Promise<void>;
}

export interface AuditRow {
  seq: string;
  actorKind: string;
  actorId: string;
  action: string;
  entityId: string;
}

export const FUZZ_BOOTSTRAP_KEY = 'fuzz-bootstrap-key-0123456789abcdef0123456789';

export async function startFuzzStack(): Promise<FuzzStack> {
  const tag = `${process.pid}-${Date.now().toString(36)}`;
  const workflowQueue = `cycles-fuzz-${tag}`;
  const listsQueue = `lists-fuzz-${tag}`;
  const evidenceDir = path.join(workspaceRoot, '.data', `fuzz-evidence-${tag}`);
  mkdirSync(evidenceDir, { recursive: true });
  const opened: FuzzService[] = [];
  try {
    const ports = Object.fromEntries(
      await Promise.all(SERVICE_NAMES.map(async (name) => [name, await freePort()] as const)),
    ) as Record<ServiceName, number>;
    const urlOf = (name: ServiceName) => `http://127.0.0.1:${ports[name]}`;
    const common: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATABASE_POOL_SIZE: '4',
      DUTYCHAIN_BOOTSTRAP_API_KEY: FUZZ_BOOTSTRAP_KEY,
      DUTYCHAIN_API_KEY_CACHE_SECONDS: '15',
      ORG_URL: urlOf('org'),
      ORG_PORT: String(ports.org),
      CYCLES_PORT: String(ports.cycles),
      CYCLES_TASK_QUEUE: workflowQueue,
      CYCLES_LISTS_TASK_QUEUE: listsQueue,
      LISTS_PORT: String(ports.lists),
      LISTS_TASK_QUEUE: listsQueue,
      LISTS_WORKFLOW_TASK_QUEUE: workflowQueue,
      LISTS_EVIDENCE_STORE: 'local',
      LISTS_EVIDENCE_DIR: evidenceDir,
      ACCOUNTABILITY_PORT: String(ports.accountability),
      ACCOUNTABILITY_TASK_QUEUE: `accountability-fuzz-${tag}`,
      ACCOUNTABILITY_WORKFLOW_TASK_QUEUE: workflowQueue,
      ACCOUNTABILITY_SCHEDULES_ENABLED: 'false',
    };
    delete common.CYCLES_WORKER_METRICS_ADDRESS;
    delete common.ACCOUNTABILITY_REPORT_UNIT_IDS;
    const open = async (name: ServiceName): Promise<FuzzService> => {
      const db = await createTestDatabase(`fuzz_${name}`);
      const sql = new Client({ connectionString: db.url });
      await sql.connect();
      const service: FuzzService = {
        name,
        schema: name,
        db,
        sql,
        url: urlOf(name),
        process: new ServiceProcess(
          `services/${name}/src/main.ts`,
          { ...common, DATABASE_URL: db.url },
          urlOf(name),
          { readyTimeoutMs: 120_000 },
        ),
      };
      opened.push(service);
      return service;
    };
    const org = await open('org');
    await org.process.start();
    const [cycles, lists, accountability] = await Promise.all([
      open('cycles'),
      open('lists'),
      open('accountability'),
    ]);
    // One after the other: three processes compiling TypeScript at once starve each other on 2 cores.
    for (const service of [cycles, lists, accountability]) await service.process.start();
    const services = { org, cycles, lists, accountability };

    const call = async (
      name: ServiceName,
      method: string,
      url: string,
      body?: unknown,
      credentials: Record<string, string> = { 'x-api-key': FUZZ_BOOTSTRAP_KEY },
    ): Promise<ApiResponse> => {
      const response = await fetch(`${services[name].url}${url}`, {
        method,
        headers: { ...credentials, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(60_000),
      });
      const text = await response.text();
      return { status: response.status, body: parseJson(text), text };
    };

    let closing: Promise<void> | undefined;
    return {
      services,
      bootstrapKey: FUZZ_BOOTSTRAP_KEY,
      workflowQueue,
      call,
      async auditRowsAfter(name, afterSeq) {
        const { sql, schema } = services[name];
        const result = await sql.query<AuditRow>(
          `SELECT seq::text AS seq, actor_kind AS "actorKind", actor_id AS "actorId", action, entity_id AS "entityId"
             FROM "${schema}".audit_log WHERE seq > $1 ORDER BY seq`,
          [afterSeq],
        );
        return result.rows;
      },
      async lastAuditSeq(name) {
        const { sql, schema } = services[name];
        const result = await sql.query<{ seq: string }>(
          `SELECT coalesce(max(seq), 0)::text AS seq FROM "${schema}".audit_log`,
        );
        return result.rows[0]?.seq ?? '0';
      },
      async verifyAuditChains() {
        const verdicts = await Promise.all(
          SERVICE_NAMES.map(async (name) => {
            const verdict = await verifyAuditLog(services[name].db.url, services[name].schema);
            return [
              name,
              verdict.ok ? undefined : `broken at seq ${verdict.brokenAt}: ${verdict.reason}`,
            ] as const;
          }),
        );
        return Object.fromEntries(verdicts) as Record<ServiceName, string | undefined>;
      },
      close(unitIds) {
        closing ??= (async () => {
          await endWorkflows(workflowQueue, unitIds).catch((error: unknown) =>
            console.warn(`fuzz: could not clean up Temporal: ${String(error)}`),
          );
          await closeAll(opened);
          rmSync(evidenceDir, { recursive: true, force: true });
        })();
        return closing;
      },
    };
  } catch (error) {
    await closeAll(opened);
    rmSync(evidenceDir, { recursive: true, force: true });
    throw error;
  }
}

async function closeAll(services: readonly FuzzService[]): Promise<void> {
  for (const service of [...services].reverse()) {
    await service.process.stop().catch(() => undefined);
    await service.sql.end().catch(() => undefined);
    await service.db.drop().catch(() => undefined);
  }
}

/** Terminates every running workflow of this run's queue and deletes the report schedules of its units. */
async function endWorkflows(queue: string, unitIds: readonly string[]): Promise<void> {
  const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233' });
  try {
    const temporal = new TemporalClient({ connection });
    for (const unitId of unitIds) {
      await temporal.schedule
        .getHandle(monthlyReportScheduleId(unitId))
        .delete()
        .catch(() => undefined);
    }
    for await (const info of temporal.workflow.list({
      query: `TaskQueue = '${queue}' AND ExecutionStatus = 'Running'`,
    })) {
      await temporal.workflow
        .getHandle(info.workflowId, info.runId)
        .terminate('fuzz test done')
        .catch(() => undefined);
    }
  } finally {
    await connection.close();
  }
}

export function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
