import type { CyclesTestEnv } from './support/cycles-test-env';
import { startCyclesTestEnv, waitFor } from './support/cycles-test-env';

/**
 * Bad input to the cycles API is a 400 naming the field and the rule, never a 500, and an ops bulk
 * action never reaches every cycle by accident. Runs against real Temporal (dev server) and a real
 * org service on a fresh database.
 *
 * Safety on the shared dev server: every bulk request is sent by 西城区's operator (a scoped token
 * on this suite's own units, fresh UUIDs), never by the bootstrap key, and only after checking that
 * this caller's widest scope holds exactly this suite's cycles, so even a broken refusal could not
 * reach anybody else's cycles.
 */
describe('cycles API input: 4xx naming field and rule, bulk actions never everything by accident', () => {
  let env: CyclesTestEnv;
  let xcOps: Record<string, string>;
  const year = 2026;
  const ownCycles = (status?: string) =>
    `TaskQueue = '${env.taskQueue}' AND WorkflowType = 'annualCycle'` +
    (status ? ` AND ExecutionStatus = '${status}'` : '');

  const expectInvalid = (
    response: { status: number; body: any },
    field: string,
    rule: string,
    status = 400,
  ): void => {
    expect({ status: response.status, code: response.body.code, first: response.body.errors?.[0] }).toEqual({
      status,
      code: 'VALIDATION_FAILED',
      first: expect.objectContaining({ field, rule }),
    });
  };

  beforeAll(async () => {
    env = await startCyclesTestEnv();
    xcOps = await env.token('P-X1', 'XC', ['ops', 'committeeStaff']);
    const started = await env
      .http()
      .post('/cycles')
      .set(xcOps)
      .send({ unitId: env.units.XC, year, includeSubtree: true, yearLastsMs: 3_600_000 });
    expect(started.status).toBe(200);
    // 西城区, its street and its community; 东城区教育局 (guided by the street) has no cycle.
    await waitFor('the three cycles of 西城区 to run and be visible to its operator', async () => {
      const own = (await env.temporal.workflow.count(ownCycles('Running'))).count;
      const seen = await env.http().get('/cycles/count').set(xcOps);
      return own === 3 && seen.body.count === 3;
    });
  }, 240_000);

  afterAll(async () => {
    await env?.close();
  });

  /** The guard before any bulk request: the operator's widest scope is this suite's cycles and nothing else. */
  async function expectScopeIsOwnCyclesOnly(): Promise<void> {
    const everythingVisible = (await env.http().get('/cycles/count').set(xcOps)).body.count as number;
    const own = (await env.temporal.workflow.count(ownCycles())).count;
    expect(everythingVisible).toBe(own);
  }

  async function cancelRequests(): Promise<number> {
    let requested = 0;
    for await (const info of env.temporal.workflow.list({ query: ownCycles() })) {
      const history = await env.temporal.workflow.getHandle(info.workflowId, info.runId).fetchHistory();
      requested += (history.events ?? []).filter(
        (event) => event.workflowExecutionCancelRequestedEventAttributes,
      ).length;
    }
    return requested;
  }

  describe('POST /cycles/bulk', () => {
    it('refuses a missing, null or non-object filter by name, cancelling nothing', async () => {
      await expectScopeIsOwnCyclesOnly();
      const bulk = (body: unknown) =>
        env
          .http()
          .post('/cycles/bulk')
          .set(xcOps)
          .send(body as object);
      expectInvalid(await bulk({ action: 'cancel' }), 'filter', 'isDefined');
      expectInvalid(await bulk({ action: 'cancel', filter: null }), 'filter', 'isDefined');
      expectInvalid(await bulk({ action: 'cancel', filter: [] }), 'filter', 'isObject');
      expectInvalid(await bulk({ action: 'retry', filter: 'all' }), 'filter', 'isObject');
      expectInvalid(await bulk({ action: 'cancel', filter: { year: null } }), 'filter.year', 'isInt');
      expectInvalid(
        await bulk({ action: 'cancel', filter: { running: null } }),
        'filter.running',
        'isBoolean',
      );
      expectInvalid(
        await bulk({ action: 'cancel', filter: {}, allInScope: 'yes' }),
        'allInScope',
        'isBoolean',
      );
    });

    it('refuses cancel and retry over an empty filter unless allInScope says so, cancelling nothing', async () => {
      await expectScopeIsOwnCyclesOnly();
      const runningBefore = (await env.temporal.workflow.count(ownCycles('Running'))).count;
      const bulk = (body: unknown) =>
        env
          .http()
          .post('/cycles/bulk')
          .set(xcOps)
          .send(body as object);
      expectInvalid(await bulk({ action: 'cancel', filter: {} }), 'filter', 'notEmpty');
      expectInvalid(await bulk({ action: 'retry', filter: {} }), 'filter', 'notEmpty');
      expectInvalid(await bulk({ action: 'cancel', filter: {}, allInScope: false }), 'filter', 'notEmpty');
      // `running` does not narrow a cancel: every cancellable cycle is running.
      expectInvalid(await bulk({ action: 'cancel', filter: { running: true } }), 'filter', 'notEmpty');
      expectInvalid(
        await bulk({ action: 'retry', filter: { year, running: true } }),
        'filter.running',
        'notWithRetry',
      );
      expectInvalid(
        await bulk({ action: 'cancel', filter: { year }, allInScope: true }),
        'allInScope',
        'onlyWithEmptyFilter',
      );
      // Nothing was cancelled: no cancellation was even requested, and all still run.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(await cancelRequests()).toBe(0);
      expect((await env.temporal.workflow.count(ownCycles('Running'))).count).toBe(runningBefore);
      expect(runningBefore).toBe(3);
    });

    it('still lets acknowledgeWarning use an empty filter (every cycle in scope)', async () => {
      await expectScopeIsOwnCyclesOnly();
      const acknowledged = await env
        .http()
        .post('/cycles/bulk')
        .set(xcOps)
        .send({ action: 'acknowledgeWarning', filter: {} });
      expect(acknowledged.status).toBe(200);
      expect(acknowledged.body).toMatchObject({ matched: 3, failed: [] });
    });
  });

  describe('GET /cycles pageToken', () => {
    it('continues from a token it handed out', async () => {
      const first = await env.http().get('/cycles?limit=2').set(xcOps);
      expect(first.status).toBe(200);
      expect(first.body.nextPageToken).toEqual(expect.any(String));
      const next = await env
        .http()
        .get(`/cycles?limit=2&pageToken=${encodeURIComponent(first.body.nextPageToken as string)}`)
        .set(xcOps);
      expect(next.status).toBe(200);
      expect(next.body.items).toHaveLength(1);
    });

    it('refuses a token of the wrong shape before asking Temporal', async () => {
      for (const token of ['garbage', 'not base64!', 'eyJ', Buffer.from('[1]').toString('base64url')])
        expectInvalid(
          await env
            .http()
            .get(`/cycles?pageToken=${encodeURIComponent(token)}`)
            .set(xcOps),
          'pageToken',
          'valid',
        );
      expectInvalid(await env.http().get('/cycles?pageToken=').set(xcOps), 'pageToken', 'valid');
    });

    it('refuses a forged token, an edited one and one taken to another filter, at once', async () => {
      const first = await env.http().get('/cycles?limit=2').set(xcOps);
      const token = first.body.nextPageToken as string;
      const [position = '', signature = ''] = token.split('.');
      const forgedPosition = Buffer.from('{"CloseTime":"yesterday"}').toString('base64url');
      const started = Date.now();
      for (const bad of [
        `${forgedPosition}.${signature}`,
        `${position}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`,
      ])
        expectInvalid(
          await env
            .http()
            .get(`/cycles?limit=2&pageToken=${encodeURIComponent(bad)}`)
            .set(xcOps),
          'pageToken',
          'valid',
        );
      expectInvalid(
        await env
          .http()
          .get(`/cycles?limit=2&phase=define&pageToken=${encodeURIComponent(token)}`)
          .set(xcOps),
        'pageToken',
        'valid',
      );
      // Refused by the signature, not after the SDK's retries of the server's UNKNOWN answer.
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    it('names pageToken on /cycles/count, which takes none', async () => {
      const response = await env.http().get('/cycles/count?pageToken=abc').set(xcOps);
      expect(response.status).toBe(400);
      expect(response.body.errors[0].field).toBe('pageToken');
    });
  });

  describe('numbers and path parameters', () => {
    it('refuses years and limits that are not plain integers, naming them', async () => {
      expectInvalid(await env.http().get('/cycles?year=2.026e3').set(xcOps), 'year', 'isInt');
      expectInvalid(await env.http().get('/cycles/count?year=0x7EA').set(xcOps), 'year', 'isInt');
      expectInvalid(await env.http().get('/cycles?limit=').set(xcOps), 'limit', 'isInt');
    });

    it('names unitId and year on every /cycles/{unitId}/{year} route', async () => {
      const unit = env.units.XC;
      expectInvalid(await env.http().get(`/cycles/not-a-uuid/${year}`).set(xcOps), 'unitId', 'isUuid');
      expectInvalid(await env.http().get(`/cycles/${unit}/0x7EA`).set(xcOps), 'year', 'isInt');
      expectInvalid(await env.http().get(`/cycles/${unit}/1999/history`).set(xcOps), 'year', 'min');
      expectInvalid(
        await env
          .http()
          .post(`/cycles/${unit}/20x6/task-list-published`)
          .set(xcOps)
          .send({ taskListId: 'TL', itemCount: 1 }),
        'year',
        'isInt',
      );
      expectInvalid(
        await env.http().post(`/cycles/x/${year}/phase-confirmations`).set(xcOps).send({ phase: 'define' }),
        'unitId',
        'isUuid',
      );
    });

    it('refuses null for fields that may only be left out', async () => {
      expectInvalid(
        await env
          .http()
          .post('/cycles')
          .set(xcOps)
          .send({ unitId: env.units.XC, year, includeSubtree: null }),
        'includeSubtree',
        'isBoolean',
      );
      expectInvalid(
        await env
          .http()
          .post(`/cycles/${env.units.XC}/${year}/phase-confirmations`)
          .set(xcOps)
          .send({ phase: 'define', note: null }),
        'note',
        'text',
      );
    });
  });

  describe('workflow inputs, strict types and canonical ids', () => {
    it('refuses a cycle whose year would not last between a minute and a year, starting nothing', async () => {
      const ownOf = (unitId: string) =>
        `TaskQueue = '${env.taskQueue}' AND WorkflowType = 'annualCycle' AND DutyUnitId = '${unitId}'`;
      for (const [yearLastsMs, rule] of [
        [1e308, 'max'],
        [365 * 86_400_000 + 1, 'max'],
        [59_999, 'min'],
        [null, 'isInt'],
        ['3600000', 'isInt'],
      ] as const)
        expectInvalid(
          await env
            .http()
            .post('/cycles')
            .set(xcOps)
            .send({ unitId: env.units['XC-T1'], year: 2027, yearLastsMs }),
          'yearLastsMs',
          rule,
        );
      expect((await env.temporal.workflow.count(ownOf(env.units['XC-T1']))).count).toBe(1);
      expect(
        (await env.temporal.workflow.count(`${ownOf(env.units['XC-T1'])} AND DutyYear = 2027`)).count,
      ).toBe(0);
    });

    it('takes JSON booleans and numbers only as such in the bulk filter, and text ones only in a query', async () => {
      const bulk = (filter: unknown) =>
        env.http().post('/cycles/bulk').set(xcOps).send({ action: 'acknowledgeWarning', filter });
      expectInvalid(await bulk({ overdue: 'true' }), 'filter.overdue', 'isBoolean');
      expectInvalid(await bulk({ running: 'false' }), 'filter.running', 'isBoolean');
      expectInvalid(await bulk({ year: '2026' }), 'filter.year', 'isInt');
      const proto = await env
        .http()
        .post('/cycles/bulk')
        .set(xcOps)
        .set('Content-Type', 'application/json')
        .send('{"action":"cancel","filter":{"__proto__":{"year":2026}}}');
      expectInvalid(proto, 'filter.__proto__', 'whitelistValidation');
      expect(await cancelRequests()).toBe(0);
      const typed = await bulk({ overdue: false, year });
      expect(typed.status).toBe(200);
      const counted = await env.http().get(`/cycles/count?overdue=false&year=${year}`).set(xcOps);
      expect({ status: counted.status, count: typeof counted.body.count }).toEqual({
        status: 200,
        count: 'number',
      });
      expectInvalid(await env.http().get('/cycles/count?overdue=yes').set(xcOps), 'overdue', 'isBoolean');
    });

    it('reads a cycle by its unit id written in upper case (the same workflow id)', async () => {
      const lower = await env.http().get(`/cycles/${env.units.XC}/${year}`).set(xcOps);
      const upper = await env.http().get(`/cycles/${env.units.XC.toUpperCase()}/${year}`).set(xcOps);
      expect(lower.status).toBe(200);
      expect({ status: upper.status, workflowId: upper.body.workflowId }).toEqual({
        status: 200,
        workflowId: lower.body.workflowId,
      });
      const again = await env
        .http()
        .post('/cycles')
        .set(xcOps)
        .send({ unitId: env.units.XC.toUpperCase(), year, includeSubtree: true, yearLastsMs: 3_600_000 });
      expect({ status: again.status, workflowId: again.body.workflowId }).toEqual({
        status: 200,
        workflowId: lower.body.workflowId,
      });
    });
  });

  it('lists the path parameters of every /cycles/{unitId}/{year} route in OpenAPI', async () => {
    const document = (await env.http().get('/api/docs/openapi.json')).body as {
      paths: Record<
        string,
        Record<string, { parameters?: { name: string; in: string; required?: boolean }[] }>
      >;
    };
    const routes: [string, string][] = [
      ['/cycles/{unitId}/{year}', 'get'],
      ['/cycles/{unitId}/{year}/history', 'get'],
      ['/cycles/{unitId}/{year}/task-list-published', 'post'],
      ['/cycles/{unitId}/{year}/phase-confirmations', 'post'],
    ];
    for (const [route, method] of routes) {
      const parameters = document.paths[route]?.[method]?.parameters ?? [];
      expect({
        route,
        path: parameters.filter((p) => p.in === 'path').map((p) => [p.name, p.required]),
      }).toEqual({
        route,
        path: [
          ['unitId', true],
          ['year', true],
        ],
      });
    }
  });

  // Last: it really cancels, this suite's cycles only (the operator's scope was checked above).
  it('cancels every cycle in scope when allInScope says so', async () => {
    await expectScopeIsOwnCyclesOnly();
    const cancelled = await env
      .http()
      .post('/cycles/bulk')
      .set(xcOps)
      .send({ action: 'cancel', filter: {}, allInScope: true });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ matched: 3, succeeded: 3, failed: [] });
    await waitFor(
      'the three cycles to close',
      async () => (await env.temporal.workflow.count(ownCycles('Running'))).count === 0,
    );
  });
});
