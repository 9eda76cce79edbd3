/**
 * Issue #9: every write operation (POST, PUT, PATCH, DELETE) of every service's OpenAPI document,
 * sent bad bodies and bad path parameters against the real services (own processes, own fresh
 * databases, own task queues), as a global admin so that scope hides nothing. It fails on any 5xx,
 * any 4xx not in the one error shape, any audit row written for a refused request, any 2xx to a
 * request no reading of the schema allows, and a broken audit chain.
 *
 * CI runs a sample (FUZZ_PER_OPERATION cases of each operation, 16 by default) picked by a seed:
 * FUZZ_SEED, else today's UTC date. `npm run fuzz` runs every case (FUZZ_FULL=1). FUZZ_ONLY keeps
 * the operations whose `METHOD /path` contains it (several: comma-separated); FUZZ_VERBOSE=1 prints
 * every answer.
 */
import { ErrorCode } from '@dutychain/http';
import { performance } from 'node:perf_hooks';
import type { FuzzFixture } from './fuzz-fixture';
import { createFixture } from './fuzz-fixture';
import type { AuditRow, FuzzStack, ServiceName } from './fuzz-stack';
import { parseJson, SERVICE_NAMES, startFuzzStack } from './fuzz-stack';
import type { BaseRequest, FuzzRequest, OpenApiDocument, ValueHint, WriteOperation } from './openapi-fuzz';
import {
  describeBody,
  errorShapeProblem,
  FIXED_RANDOM_UUID,
  fuzzCases,
  hashText,
  resolveSeed,
  sampleCases,
  validRequest,
  validValue,
  writeOperations,
} from './openapi-fuzz';

const FULL = process.env.FUZZ_FULL === '1' || process.env.FUZZ_FULL === 'true';
const PER_OPERATION = Number(process.env.FUZZ_PER_OPERATION ?? 16);
const ONLY = process.env.FUZZ_ONLY?.split(',').filter(Boolean);
const VERBOSE = process.env.FUZZ_VERBOSE === '1';
const { seed, source } = resolveSeed(process.env.FUZZ_SEED, new Date());
/**
 * The fixture's year, 2 to 9 years ahead: no other suite, demo or benchmark uses it (they take this
 * year or 2100 and later), its phases are a year away or more so its cycle stays quiet, and its
 * deadlines are inside the ten years ahead that the services accept.
 */
const YEAR = new Date().getUTCFullYear() + 2 + (seed % 8);
const ERROR_CODES: readonly string[] = Object.values(ErrorCode);

interface Failure {
  kind: '5xx' | 'shape' | 'stored-when-refused' | 'accepted' | 'no-answer' | 'unauthenticated';
  caseId: string;
  request: FuzzRequest;
  status?: number;
  detail: string;
}

describe('fuzz: every write operation refuses bad input with a 4xx in the one shape and stores nothing', () => {
  let stack: FuzzStack | undefined;
  let fixture: FuzzFixture | undefined;
  const createdUnits: string[] = [];

  beforeAll(async () => {
    process.stdout.write(
      `fuzz: seed ${seed} (${source === 'date' ? "today's UTC date" : 'FUZZ_SEED'}), ` +
        `${FULL ? 'full set' : `${PER_OPERATION} cases per operation`}, year ${YEAR}; ` +
        `replay: FUZZ_SEED=${seed} npx jest --config test/jest.config.ts test/fuzz\n`,
    );
    stack = await startFuzzStack();
    fixture = await createFixture(stack, YEAR);
    createdUnits.push(fixture.district, fixture.town);
    // A part missing would quietly turn its routes' cases into 404s that test nothing deeper.
    if (fixture.missing.length > 0)
      throw new Error(`fuzz: the fixture is incomplete: ${fixture.missing.join('; ')}`);
  }, 300_000);

  afterAll(async () => {
    await stack?.close(createdUnits);
  }, 120_000);

  it(
    'answers every bad request with a 4xx in the one error shape, never a 5xx, and stores nothing for it',
    async () => {
      if (!stack || !fixture) throw new Error('the stack did not start');
      const run = stack;
      const f = fixture;
      const operations: (WriteOperation & { service: ServiceName })[] = [];
      for (const name of SERVICE_NAMES) {
        const docs = await run.call(name, 'GET', '/api/docs/openapi.json');
        expect(docs.status).toBe(200);
        for (const operation of writeOperations(name, docs.body as OpenApiDocument))
          operations.push({ ...operation, service: name });
      }
      const selectedOperations = operations.filter(
        (op) => !ONLY || ONLY.some((part) => op.key.includes(part)),
      );
      // Codes made unique by the case's name, so a case replayed alone (FUZZ_ONLY) sends the same body.
      const baseFor = (operation: WriteOperation, name: string): BaseRequest =>
        baseRequest(operation, f, hashText(name));
      const all = selectedOperations.flatMap((operation) =>
        fuzzCases(operation, baseFor(operation, operation.key)),
      );
      const cases = FULL ? all : sampleCases(all, PER_OPERATION, seed);
      const byKey = new Map(selectedOperations.map((operation) => [operation.key, operation] as const));
      process.stdout.write(
        `fuzz: ${selectedOperations.length} write operations, ${all.length} cases, sending ${cases.length}\n`,
      );

      if (process.env.FUZZ_BASELINE === '1') {
        // A development aid: how each operation answers its valid base request (what the mutations start from).
        for (const operation of selectedOperations) {
          const request = validRequest(operation, baseFor(operation, `${operation.key} :: baseline`));
          const answer = await send(run, operation.service, request);
          process.stdout.write(
            `fuzz baseline: ${operation.key} -> ${answer.status} ${answer.text.slice(0, 300)}\n`,
          );
        }
      }

      const failures: Failure[] = [];
      const statuses = new Map<string, Map<number, number>>();
      const cursors = Object.fromEntries(
        await Promise.all(SERVICE_NAMES.map(async (name) => [name, await run.lastAuditSeq(name)] as const)),
      ) as Record<ServiceName, string>;
      const newAuditRows = async (): Promise<(AuditRow & { service: ServiceName })[]> => {
        const found = await Promise.all(
          SERVICE_NAMES.map(async (name) => {
            const rows = await run.auditRowsAfter(name, cursors[name]);
            const last = rows[rows.length - 1];
            if (last) cursors[name] = last.seq;
            return rows.map((row) => ({ ...row, service: name }));
          }),
        );
        return found.flat();
      };
      // The bootstrap key's caller id, as the audit log names it (the fixture's first org write).
      const callerId = (await run.auditRowsAfter('org', '0'))[0]?.actorId;
      expect(callerId).toBeDefined();
      let background = 0;
      const started = performance.now();
      let slowest = { ms: 0, caseId: '' };

      for (const fuzzCase of cases) {
        const operation = byKey.get(fuzzCase.operation);
        if (!operation) continue;
        const service = operation.service;
        const request = fuzzCase.build(baseFor(operation, fuzzCase.id));
        const sentAt = performance.now();
        let status: number;
        let text: string;
        try {
          ({ status, text } = await send(run, service, request));
        } catch (error) {
          failures.push({
            kind: 'no-answer',
            caseId: fuzzCase.id,
            request,
            detail: `${String(error)}\n${run.services[service].process.tail(15)}`,
          });
          continue;
        }
        const ms = performance.now() - sentAt;
        if (ms > slowest.ms) slowest = { ms, caseId: fuzzCase.id };
        const counts = statuses.get(operation.key) ?? new Map<number, number>();
        counts.set(status, (counts.get(status) ?? 0) + 1);
        statuses.set(operation.key, counts);
        const rows = await newAuditRows();
        // Workflows write too (a notice's steps, in the name of the loop or of a person): only rows in
        // the fuzzer's own name can come from the request.
        const ours = rows.filter((row) => row.actorKind === 'apiKey' && row.actorId === callerId);
        background += rows.length - ours.length;
        const answer = `${status} ${text.slice(0, 800)}`;
        if (VERBOSE)
          process.stdout.write(`fuzz: ${status} ${fuzzCase.id} ${status >= 400 ? firstProblem(text) : ''}\n`);
        // An import is a job: a refused document is a 202 whose job failed, with every problem named.
        const failedJob = status < 300 && isFailedJob(parseJson(text));
        if (failedJob && ours.length > 0)
          failures.push({
            kind: 'stored-when-refused',
            caseId: fuzzCase.id,
            request,
            status,
            detail: `${answer}\n  audit rows: ${ours.map((r) => `${r.service}#${r.seq} ${r.action} ${r.entityId}`).join(', ')}`,
          });
        if (status === 401) {
          // The key is valid: a 401 means the services no longer take it, and nothing behind it is tested.
          failures.push({ kind: 'unauthenticated', caseId: fuzzCase.id, request, status, detail: answer });
        } else if (status >= 500) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          failures.push({
            kind: '5xx',
            caseId: fuzzCase.id,
            request,
            status,
            detail: `${answer}\n  service log: ${lastError(run.services[service].process.output)}`,
          });
        } else if (status >= 400) {
          const problem = errorShapeProblem(status, parseJson(text), ERROR_CODES);
          if (problem)
            failures.push({
              kind: 'shape',
              caseId: fuzzCase.id,
              request,
              status,
              detail: `${problem}: ${answer}`,
            });
          if (ours.length > 0)
            failures.push({
              kind: 'stored-when-refused',
              caseId: fuzzCase.id,
              request,
              status,
              detail: `${answer}\n  audit rows: ${ours.map((r) => `${r.service}#${r.seq} ${r.action} ${r.entityId}`).join(', ')}`,
            });
        } else if (status < 300 && fuzzCase.refuse && !failedJob) {
          failures.push({ kind: 'accepted', caseId: fuzzCase.id, request, status, detail: answer });
        }
      }

      const seconds = (performance.now() - started) / 1000;
      process.stdout.write(
        `fuzz: sent ${cases.length} requests in ${seconds.toFixed(1)} s ` +
          `(slowest ${slowest.ms.toFixed(0)} ms: ${slowest.caseId}); ` +
          `${background} audit rows written meanwhile by workflows (not by the requests)\n` +
          [...statuses.entries()]
            .map(
              ([key, counts]) =>
                `  ${key}: ${[...counts.entries()]
                  .sort(([a], [b]) => a - b)
                  .map(([code, n]) => `${code}×${n}`)
                  .join(' ')}`,
            )
            .join('\n') +
          '\n',
      );
      if (failures.length > 0)
        throw new Error(
          `${failures.length} fuzz failures (seed ${seed}; replay with FUZZ_SEED=${seed}, ` +
            `FUZZ_ONLY='<METHOD /path>' to narrow):\n\n${failures.map(describeFailure).join('\n\n')}`,
        );
    },
    FULL ? 3_600_000 : 900_000,
  );

  it('leaves every service audit chain intact', async () => {
    if (!stack) throw new Error('the stack did not start');
    expect(await stack.verifyAuditChains()).toEqual({
      org: undefined,
      cycles: undefined,
      lists: undefined,
      accountability: undefined,
    });
  });
});

async function send(
  stack: FuzzStack,
  service: ServiceName,
  request: FuzzRequest,
): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = { 'x-api-key': stack.bootstrapKey, ...request.headers };
  let body: string | FormData | undefined;
  if (typeof request.body === 'string' || request.body === undefined) body = request.body;
  else {
    const form = new FormData();
    for (const [key, value] of Object.entries(request.body.fields)) form.append(key, value);
    const file = request.body.file;
    if (file) form.append(file.field, new Blob([file.content], { type: file.type }), file.name);
    body = form;
  }
  const response = await fetch(`${stack.services[service].url}${request.url}`, {
    method: request.method,
    headers,
    body,
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, text: await response.text() };
}

function describeFailure(failure: Failure): string {
  return (
    `[${failure.kind}] ${failure.request.method} ${failure.request.url.slice(0, 300)}\n` +
    `  case: ${failure.caseId}\n` +
    `  headers: ${JSON.stringify(failure.request.headers)}\n` +
    `  body: ${describeBody(failure.request.body)}\n` +
    `  answer: ${failure.detail}`
  );
}

/** `CODE field/rule` of an error answer, for FUZZ_VERBOSE. */
function firstProblem(text: string): string {
  const body = parseJson(text) as
    { code?: unknown; errors?: { field?: unknown; rule?: unknown }[] } | undefined;
  if (typeof body !== 'object' || body === null || typeof body.code !== 'string') return '';
  const first = Array.isArray(body.errors) ? body.errors[0] : undefined;
  return first ? `${body.code} ${String(first.field)}/${String(first.rule)}` : `${body.code} (no errors)`;
}

function isFailedJob(body: unknown): boolean {
  return (
    typeof body === 'object' &&
    body !== null &&
    (body as { status?: unknown }).status === 'failed' &&
    Array.isArray((body as { problems?: unknown }).problems)
  );
}

/** The last error the service logged (its stack's first lines), for a 5xx. */
function lastError(output: string): string {
  const lines = output.split('\n').filter((line) => /error|Error|exception/.test(line));
  return (lines[lines.length - 1] ?? '(nothing logged)').slice(0, 1_500);
}

/** Valid path values, query and body of an operation, from the fixture; `n` makes codes unique. */
function baseRequest(operation: WriteOperation, f: FuzzFixture, n: number): BaseRequest {
  const params: Record<string, string> = {};
  const segments = operation.path.split('/');
  for (const param of operation.pathParams) {
    if (param.kind === 'year') {
      params[param.name] = String(f.year);
      continue;
    }
    const index = segments.indexOf(`{${param.name}}`);
    const resource = segments[index - 1] ?? '';
    params[param.name] = PATH_IDS[resource]?.(f) ?? FIXED_RANDOM_UUID;
  }
  const query = /^POST \/imports/.test(operation.key) ? '?wait=true' : undefined;
  const special = BODIES[operation.key];
  const body = special
    ? special(f, n)
    : operation.schema
      ? validValue(operation.schema, { operation: operation.key, path: [] }, hints(f, n))
      : undefined;
  return { params, query, body };
}

/** The id a path parameter takes, by the collection named before it. */
const PATH_IDS: Record<string, (f: FuzzFixture) => string | undefined> = {
  'api-keys': (f) => f.apiKey,
  'org-units': (f) => f.town,
  posts: (f) => f.post,
  supervisions: (f) => f.supervision,
  'oversight-pairs': (f) => f.oversightPair,
  cycles: (f) => f.district,
  'task-lists': (f) => f.taskList,
  'risk-lists': (f) => f.riskList,
  items: (f) => f.riskItem,
  'duty-records': (f) => f.dutyRecord,
  notices: (f) => f.notice,
  replies: (f) => f.reply,
  cases: (f) => f.case,
  investigations: (f) => f.investigation,
  schedules: (f) => f.district,
};

/** Bodies the schema cannot describe (the import document is typed `string` in the document). */
const BODIES: Record<string, (f: FuzzFixture, n: number) => unknown> = {
  'POST /imports': (f, n) => ({
    units: [
      {
        code: `${f.districtCode}-I${n}`,
        name: '导入村',
        level: 'village',
        type: 'village',
        partyOrgType: 'branch',
        parentCode: `${f.districtCode}-T1`,
      },
    ],
    commissions: [],
    people: [
      {
        code: `${f.districtCode}-IP${n}`,
        name: '导入人',
        gender: 'female',
        unitCode: `${f.districtCode}-T1`,
      },
    ],
    posts: [
      {
        personCode: `${f.districtCode}-IP${n}`,
        unitCode: `${f.districtCode}-I${n}`,
        kind: 'secretary',
        title: '村党支部书记',
        startDate: '2024-01-01',
      },
    ],
    supervisions: [],
    oversightPairs: [],
  }),
  'POST /imports/xlsx': () => ({}),
  'POST /duty-records/{id}/evidence': () => ({}),
};

/** Valid values by field name: the fixture's ids, dates inside its year, codes unique per request. */
function hints(f: FuzzFixture, n: number): ValueHint {
  // A unit has one task list (and one supervision list) a year: each request drafts another year's, so
  // that a list accepted earlier does not turn every later request into a 409 before its body is read.
  const ownYear = (operation: string) => /^POST \/(task|supervision)-lists$/.test(operation);
  const yearOf = (operation: string) => (ownYear(operation) ? 2001 + (n % 35) : f.year);
  const byName: Record<string, (operation: string) => unknown> = {
    code: () => `${f.districtCode}-C${n}`,
    unitId: (operation) => (/notices|cases|talks|org-units|posts/.test(operation) ? f.town : f.district),
    leadingOrgId: () => f.district,
    guidingOrgId: () => f.district,
    commissionId: () => f.commission,
    hostUnitId: () => f.district,
    supervisedUnitId: () => f.town,
    issuingUnitId: () => f.district,
    subtreeOf: () => f.district,
    personId: (operation) => (/\/auth\/tokens/.test(operation) ? f.people.p1 : f.people.p2),
    headId: () => f.people.p4,
    overseerId: () => f.people.p1,
    heldById: () => f.people.p1,
    withPersonId: () => f.people.p4,
    violatorPersonIds: () => [f.people.p4],
    taskItemId: () => f.taskItem ?? FIXED_RANDOM_UUID,
    taskListId: () => f.taskList ?? FIXED_RANDOM_UUID,
    investigationId: () => f.investigation ?? FIXED_RANDOM_UUID,
    noticeId: () => f.notice ?? FIXED_RANDOM_UUID,
    caseId: () => f.case ?? FIXED_RANDOM_UUID,
    findingIds: () => [FIXED_RANDOM_UUID],
    year: (operation) => yearOf(operation),
    yearLastsMs: () => 31_536_000_000,
    dayLastsMs: () => 86_400_000,
    includeSubtree: () => false,
    itemCount: () => 1,
    replyWorkingDays: () => 10,
    version: () => 1,
    deadline: (operation) => `${yearOf(operation)}-06-30`,
    orderDeadline: () => `${f.year}-06-30`,
    on: () => `${f.year}-01-05`,
    startDate: () => '2024-07-01',
    endDate: () => '2026-06-30',
    roles: () => ['leader'],
    action: () => 'cancel',
    level: (operation) => (operation === 'POST /org-units' ? 'town' : undefined),
    type: (operation) => (operation === 'POST /org-units' ? 'town' : undefined),
    kind: (operation) => (operation === 'POST /posts' ? 'member' : undefined),
    allInScope: () => false,
  };
  return ({ operation, name, path }) => {
    // Inside arrays of objects (task items, negative list) the same names mean the same things.
    if (typeof path[path.length - 1] === 'number') return undefined;
    return byName[name]?.(operation);
  };
}
