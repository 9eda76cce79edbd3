/**
 * The real org service as a test suite's directory: its own process (services/org/src/main.ts, as
 * operators run it) on a fresh database, with a document imported through its API. Every request to it
 * has a deadline, so an org that hangs fails the suite with a message instead of hanging it.
 */
import type { Role } from '@dutychain/domain';
import { ServiceProcess, freePort } from './service-process';
import { SMALL_CITY } from './small-city.fixture';
import type { TestDatabase } from './test-database';
import { createTestDatabase } from './test-database';

/** What the directory needs to know of an imported document: unit and person codes (and names to search by). */
export interface OrgDocument {
  units: readonly { code: string }[];
  people: readonly { code: string; name: string }[];
}

export interface OrgDirectoryOptions {
  /** Prefix of the fresh database's name (see createTestDatabase); other services of the suite may share it. */
  prefix?: string;
  /** DUTYCHAIN_BOOTSTRAP_API_KEY of the org process (at least 32 characters); adminHeaders carry it. */
  bootstrapKey?: string;
  /** The document imported at start (`POST /imports?wait=true`); SMALL_CITY unless given. */
  document?: OrgDocument;
  /** More environment for the org process (over the defaults). */
  env?: Record<string, string>;
  /** Deadline of each request to org, the import included. */
  requestTimeoutMs?: number;
  /** How long the process may take to answer `/health/ready`. */
  readyTimeoutMs?: number;
}

export interface OrgResponse {
  status: number;
  /** The JSON body (the text where it is not JSON; undefined where empty). */
  body: unknown;
}

export interface OrgDirectory {
  db: TestDatabase;
  /** Base URL of the org service, e.g. for ORG_URL. */
  url: string;
  /** `x-api-key` with the bootstrap key: sees the whole directory. */
  adminHeaders: Record<string, string>;
  /** Unit ids by code, for every unit of the document. */
  units: Record<string, string>;
  /** Person ids by code, for the people of the document that org's people search finds by name. */
  people: Record<string, string>;
  /** The org process (its output, baseUrl). */
  process: ServiceProcess;
  /** A JSON request to org, with adminHeaders unless other headers are given. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<OrgResponse>;
  /** Bearer headers for a person (by code) acting for a unit (by code), issued by org. */
  token(personCode: string, unitCode: string, roles: readonly Role[]): Promise<Record<string, string>>;
  /** Stops the org process (waits for it to exit) and drops the database. */
  close(): Promise<void>;
}

export const DEFAULT_ORG_BOOTSTRAP_KEY = 'org-directory-test-bootstrap-key-0123456789ab';

export async function startOrgDirectory(options: OrgDirectoryOptions = {}): Promise<OrgDirectory> {
  const bootstrapKey = options.bootstrapKey ?? DEFAULT_ORG_BOOTSTRAP_KEY;
  const document = options.document ?? SMALL_CITY;
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const db = await createTestDatabase(options.prefix ?? 'org');
  let org: ServiceProcess | undefined;
  try {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATABASE_URL: db.url,
      DATABASE_POOL_SIZE: '4',
      DUTYCHAIN_BOOTSTRAP_API_KEY: bootstrapKey,
      ORG_PORT: String(port),
      ...options.env,
    };
    const service = new ServiceProcess('services/org/src/main.ts', env, url, {
      readyTimeoutMs: options.readyTimeoutMs,
    });
    org = service;
    await service.start();

    const adminHeaders = { 'x-api-key': bootstrapKey };
    const call = async (
      method: string,
      path: string,
      body?: unknown,
      headers: Record<string, string> = adminHeaders,
    ): Promise<OrgResponse> => {
      try {
        const response = await fetch(`${url}${path}`, {
          method,
          headers: { ...headers, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(requestTimeoutMs),
        });
        return { status: response.status, body: parseBody(await response.text()) };
      } catch (error) {
        // AbortSignal.timeout rejects with a DOMException named TimeoutError (not always an Error here).
        const timedOut =
          typeof error === 'object' && error !== null && 'name' in error && error.name === 'TimeoutError';
        const reason = timedOut ? `no answer within ${requestTimeoutMs} ms` : String(error);
        throw new Error(`org ${method} ${path}: ${reason}; org's last output:\n${service.tail()}`, {
          cause: error,
        });
      }
    };

    const imported = await call('POST', '/imports?wait=true', document);
    if (field(imported.body, 'status') !== 'succeeded')
      throw new Error(
        `org import failed (${imported.status}): ${JSON.stringify(imported.body).slice(0, 4_000)}`,
      );

    const units: Record<string, string> = {};
    await Promise.all(
      document.units.map(async ({ code }) => {
        const found = await call('GET', `/org-units/by-code/${encodeURIComponent(code)}`);
        const id = found.status === 200 ? field(found.body, 'id') : undefined;
        if (typeof id !== 'string')
          throw new Error(
            `org has no unit ${code} after the import: ${found.status} ${JSON.stringify(found.body)}`,
          );
        units[code] = id;
      }),
    );
    const people: Record<string, string> = {};
    await Promise.all(
      document.people.map(async ({ code, name }) => {
        const hits = await call('GET', `/people?q=${encodeURIComponent(name)}`);
        const found = Array.isArray(hits.body) && hits.status === 200 ? (hits.body as unknown[]) : [];
        const id = field(
          found.find((hit) => field(hit, 'code') === code),
          'id',
        );
        if (typeof id === 'string') people[code] = id;
      }),
    );

    let closing: Promise<void> | undefined;
    return {
      db,
      url,
      adminHeaders,
      units,
      people,
      process: service,
      call,
      async token(personCode, unitCode, roles) {
        const personId = people[personCode];
        const unitId = units[unitCode];
        if (!personId) throw new Error(`no person ${personCode} in the directory`);
        if (!unitId) throw new Error(`no unit ${unitCode} in the directory`);
        const issued = await call('POST', '/auth/tokens', { personId, unitId, roles });
        const token = field(issued.body, 'token');
        if (issued.status !== 201 || typeof token !== 'string')
          throw new Error(`token: ${issued.status} ${JSON.stringify(issued.body)}`);
        return { authorization: `Bearer ${token}` };
      },
      close() {
        closing ??= (async () => {
          await service.stop();
          await db.drop();
        })();
        return closing;
      },
    };
  } catch (error) {
    await org?.stop().catch(() => undefined);
    await db.drop().catch(() => undefined);
    throw error;
  }
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}
