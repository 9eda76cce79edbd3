import { Client, Connection } from '@temporalio/client';
import type { TestDatabase } from '@dutychain/testing';
import { createTestDatabase } from '@dutychain/testing';
import { SMALL_CITY } from '@dutychain/testing';
import { freePortFor, ServiceProcess } from './support/service-process';

const BOOTSTRAP_KEY = 'e2e-cycles-bootstrap-key-0123456789abcdef0123';
const admin = { 'x-api-key': BOOTSTRAP_KEY, 'content-type': 'application/json' };

/**
 * The yearly cycle on the real dev server: the org and cycles services as processes, a city's cycle
 * on a compressed calendar cascading over four levels, listed and filtered through visibility,
 * steered by an update, and surviving a crash of the worker.
 */
describe('yearly cycles end to end (real Temporal dev server, real Postgres)', () => {
  let db: TestDatabase;
  let org: ServiceProcess;
  let cycles: ServiceProcess;
  const units: Record<string, string> = {};
  const year = 2000 + (process.pid % 900) + 100; // its own year, so earlier runs on the same server never match

  const call = async (
    service: ServiceProcess,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = admin,
  ) => {
    const response = await fetch(`${service.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  const waitFor = async <T>(
    what: string,
    probe: () => Promise<T | undefined>,
    timeoutMs = 90_000,
  ): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}\n${cycles.output.slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase('e2e_cycles');
    const orgPort = freePortFor(1);
    const env = {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATABASE_URL: db.url,
      DUTYCHAIN_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY,
      ORG_PORT: String(orgPort),
      ORG_URL: `http://127.0.0.1:${orgPort}`,
      CYCLES_PORT: String(freePortFor(2)),
      CYCLES_TASK_QUEUE: `cycles-e2e-${process.pid}`,
    };
    org = new ServiceProcess('services/org/src/main.ts', env, `http://127.0.0.1:${orgPort}`);
    cycles = new ServiceProcess('services/cycles/src/main.ts', env, `http://127.0.0.1:${freePortFor(2)}`);
    await org.start();
    const imported = await call(org, 'POST', '/imports?wait=true', SMALL_CITY);
    expect(imported.body.status).toBe('succeeded');
    for (const code of ['HZ', 'DC', 'XC', 'DC-V1'])
      units[code] = (await call(org, 'GET', `/org-units/by-code/${code}`)).body.id;
    await cycles.start();
  }, 180_000);

  afterAll(async () => {
    await terminateCyclesOfYear(year);
    await cycles?.stop();
    await org?.stop();
    await db?.drop();
  });

  it('starts a city cycle once, cascading to every unit of the tree', async () => {
    const start = { unitId: units.HZ, year, includeSubtree: true, yearLastsMs: 120_000 };
    const first = await call(cycles, 'POST', '/cycles', start);
    expect(first.status).toBe(200);
    expect(first.body.workflowId).toBe(`cycle/${units.HZ}/${year}`);
    const again = await call(cycles, 'POST', '/cycles', start);
    expect(again.body.runId).toBe(first.body.runId);
    const all = await waitFor('every unit to have a cycle', async () => {
      const count = (await call(cycles, 'GET', `/cycles/count?year=${year}`)).body.count as number;
      return count === SMALL_CITY.units.length ? count : undefined;
    });
    expect(all).toBe(8);
  }, 120_000);

  it('lists and filters cycles through visibility, scoped to the caller', async () => {
    const expectedVillages = [
      units['DC-V1'],
      (await call(org, 'GET', '/org-units/by-code/XC-V1')).body.id,
    ].sort();
    // Visibility is eventually consistent: search attributes land shortly after the workflows start.
    const villages = await waitFor('the villages to be listed by level', async () => {
      const listed = (await call(cycles, 'GET', `/cycles?year=${year}&level=village`)).body.items.map(
        (item: { unitId: string }) => item.unitId,
      );
      return listed.length === expectedVillages.length ? (listed as string[]).sort() : undefined;
    });
    expect(villages).toEqual(expectedVillages);
    const dcSubtree = await call(cycles, 'GET', `/cycles?year=${year}&subtreeOf=${units.DC}`);
    expect(dcSubtree.body.items).toHaveLength(4); // 东城区, its town, village and department
    const person = (await call(org, 'GET', `/org-units/${units.XC}/team?date=2025-01-01`)).body[0]
      .personId as string;
    const token = (
      await call(org, 'POST', '/auth/tokens', { personId: person, unitId: units.XC, roles: ['leader'] })
    ).body.token as string;
    const xc = { authorization: `Bearer ${token}` };
    const seen = await call(cycles, 'GET', `/cycles?year=${year}`, undefined, xc);
    // 西城区's own three units, plus 东城区教育局, which its street guides (dual management).
    const guided = (await call(org, 'GET', '/org-units/by-code/DC-D1')).body.id as string;
    expect(seen.body.items).toHaveLength(4);
    expect(seen.body.items.map((item: { unitId: string }) => item.unitId)).toContain(guided);
    const refused = await call(cycles, 'GET', `/cycles/${units.DC}/${year}`, undefined, xc);
    expect(refused.status).toBe(403);
    const started = await call(cycles, 'POST', '/cycles', { unitId: units.DC, year }, xc);
    expect(started.status).toBe(403);
    // Every other endpoint, aimed at 东城区, is refused for 西城区's caller too.
    const operator = (
      await call(org, 'POST', '/auth/tokens', {
        personId: person,
        unitId: units.XC,
        roles: ['ops', 'committeeStaff'],
      })
    ).body.token as string;
    const xcOps = { authorization: `Bearer ${operator}`, 'content-type': 'application/json' };
    const refusals = await Promise.all([
      call(cycles, 'GET', `/cycles?subtreeOf=${units.DC}`, undefined, xcOps),
      call(cycles, 'GET', `/cycles/count?subtreeOf=${units.DC}`, undefined, xcOps),
      call(cycles, 'GET', `/cycles/${units.DC}/${year}/history`, undefined, xcOps),
      call(
        cycles,
        'POST',
        `/cycles/${units.DC}/${year}/task-list-published`,
        { taskListId: 'X', itemCount: 1 },
        xcOps,
      ),
      call(cycles, 'POST', `/cycles/${units.DC}/${year}/phase-confirmations`, { phase: 'define' }, xcOps),
      call(cycles, 'POST', '/cycles/bulk', { action: 'cancel', filter: { subtreeOf: units.DC } }, xcOps),
    ]);
    expect(refusals.map((response) => response.status)).toEqual([403, 403, 403, 403, 403, 403]);
  });

  it('takes the committee publishing its task list as an update, and refuses a second one with the reason', async () => {
    const published = await call(cycles, 'POST', `/cycles/${units.XC}/${year}/task-list-published`, {
      taskListId: 'TL-XC',
      itemCount: 28,
    });
    expect(published.status).toBe(200);
    expect(published.body.history.map((change: { reason: string }) => change.reason)).toContain(
      'taskListPublished',
    );
    const twice = await call(cycles, 'POST', `/cycles/${units.XC}/${year}/task-list-published`, {
      taskListId: 'TL-XC',
      itemCount: 28,
    });
    expect(twice.status).toBe(409);
    expect(twice.body.errors[0].rule).toBe('refusedByCycle');
    const invalid = await call(cycles, 'POST', `/cycles/${units.XC}/${year}/task-list-published`, {
      taskListId: '',
      itemCount: 0,
    });
    expect(invalid.status).toBe(400);
  });

  it('continues after the worker crashes mid-phase, with nothing lost or doubled', async () => {
    // 西城区 published its task list above, so it is in `perform`, which the calendar closes on 31 May.
    const before = (await call(cycles, 'GET', `/cycles/${units.XC}/${year}`)).body;
    expect(before.phase).toBe('perform');
    await cycles.stop('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 5_000)); // the calendar moves on while nobody works
    await cycles.start();
    const after = await waitFor(
      'the district cycle to reach midYear',
      async () => {
        const state = (await call(cycles, 'GET', `/cycles/${units.XC}/${year}`)).body;
        return state.phase === 'midYear' ? state : undefined;
      },
      120_000,
    );
    const transitions = after.history.map(
      (change: { from: string | null; to: string }) => `${change.from}->${change.to}`,
    );
    expect(new Set(transitions).size).toBe(transitions.length);
    expect(after.history.slice(0, before.history.length)).toEqual(before.history);
    expect(transitions).toContain('perform->midYear');
  }, 180_000);
});

/** Leaves the shared dev server as it was: this run's cycles (its own year) are terminated. */
async function terminateCyclesOfYear(year: number): Promise<void> {
  const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233' });
  try {
    const client = new Client({ connection });
    for await (const info of client.workflow.list({
      query: `DutyYear = ${year} AND ExecutionStatus = 'Running'`,
    })) {
      await client.workflow.getHandle(info.workflowId, info.runId).terminate('end of the e2e test');
    }
  } finally {
    await connection.close();
  }
}
