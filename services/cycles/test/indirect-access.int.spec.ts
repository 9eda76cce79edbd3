import { acknowledgeWarningSignal } from '@dutychain/temporal';
import {
  outOfSight,
  readOnly,
  referenceFieldsOf,
  referenceRowProblems,
  SMALL_CITY,
  UnchangedWorld,
} from '@dutychain/testing';
import type { CyclesTestEnv } from './support/cycles-test-env';
import { startCyclesTestEnv, waitFor } from './support/cycles-test-env';

/** 东城区教育局 (DC-D1): 白沙街道 guides it, so 西城区 sees it and may read its name. */
const GUIDED_NAME = SMALL_CITY.units.find((unit) => unit.code === 'DC-D1')?.name ?? 'DC-D1';

/**
 * Indirect access (issue #9): every request field that names a unit, sent by 西城区 (XC) or its street
 * 白沙街道 (XC-T1) into 东城区 (DC), is refused with a 4xx that names nothing of 东城区, and afterwards
 * 东城区's cycles are as they were (same runs, no warning acknowledged, no cancellation requested, no
 * cycle started) and 西城区 reads no more of them. The first test derives the fields from the OpenAPI
 * document and fails when one has no row here.
 *
 * 东城区教育局 (DC-D1) is guided by 白沙街道: 西城区 sees its cycle by design (dual management), and
 * must not act on it; the rows aim at it too.
 */
describe('indirect access: a reference into another subtree is refused and changes nothing (cycles)', () => {
  let env: CyclesTestEnv;
  const year = new Date().getFullYear() + 1; // not begun: the cycles wait quietly for their calendar
  const tokens: Record<string, Record<string, string>> = {};
  const dcUnits = ['DC', 'DC-T1', 'DC-V1', 'DC-D1'];
  /** 东城区's names 西城区 must not read (the guided bureau's it may). */
  const dcNames = [
    ...SMALL_CITY.units.filter((u) => ['DC', 'DC-T1', 'DC-V1'].includes(u.code)).map((u) => u.name),
    ...['P-OLD', 'P-NEW', 'P-JW', 'P-M1', 'P-M2'].map(
      (code) => SMALL_CITY.people.find((p) => p.code === code)?.name ?? code,
    ),
  ];
  const unit = (code: string): string => env.units[code] ?? '';

  beforeAll(async () => {
    env = await startCyclesTestEnv();
    const working = ['ops', 'committeeStaff'] as const;
    tokens.DC = await env.token('P-NEW', 'DC', [...working]);
    tokens.XC = await env.token('P-X1', 'XC', [...working]);
    tokens['XC-T1'] = await env.token('P-XT', 'XC-T1', [...working]);
    for (const code of ['DC', 'XC']) {
      const started = await env
        .http()
        .post('/cycles')
        .set(tokens[code] ?? {})
        .send({ unitId: unit(code), year, includeSubtree: true });
      expect(started.status).toBe(200);
    }
    await waitFor('东城区 four cycles and 西城区 three, visible to each', async () => {
      const dc = await env
        .http()
        .get(`/cycles/count?year=${year}`)
        .set(tokens.DC ?? {});
      const xc = await env
        .http()
        .get(`/cycles/count?year=${year}&subtreeOf=${unit('XC')}`)
        .set(tokens.XC ?? {});
      return dc.body.count === 4 && xc.body.count === 3;
    });
    await ledger.start();
  }, 240_000);
  afterAll(async () => {
    await env?.close();
  });

  /** 东城区's cycles as Temporal holds them and as 东城区 and 西城区 see them. */
  const world = async () => {
    const cycles: Record<string, unknown> = {};
    for (const code of dcUnits) {
      const handle = env.temporal.workflow.getHandle(`cycle/${unit(code)}/${year}`);
      const description = await handle.describe();
      const events = (await handle.fetchHistory()).events ?? [];
      cycles[code] = {
        runId: description.runId,
        status: description.status.name,
        acknowledged: events.filter(
          (e) => e.workflowExecutionSignaledEventAttributes?.signalName === acknowledgeWarningSignal.name,
        ).length,
        cancelRequested: events.filter((e) => e.workflowExecutionCancelRequestedEventAttributes).length,
        updates: events.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length,
      };
    }
    const list = async (headers: Record<string, string>, query: string) => {
      const response = await env.http().get(`/cycles?${query}`).set(headers);
      expect(response.status).toBe(200);
      return (response.body.items as { unitId: string; runId: string; status: string }[])
        .map((item) => `${item.unitId} ${item.runId} ${item.status}`)
        .sort();
    };
    const statuses = async (headers: Record<string, string>) =>
      Promise.all(
        ['DC', 'DC-T1', 'DC-V1'].map(
          async (code) =>
            (
              await env
                .http()
                .get(`/cycles/${unit(code)}/${year}`)
                .set(headers)
            ).status,
        ),
      );
    return {
      cycles,
      // Nothing started for 东城区 in another year either.
      otherYears: (
        await env.temporal.workflow.count(`TaskQueue = '${env.taskQueue}' AND DutyYear != ${year}`)
      ).count,
      dcSees: await list(tokens.DC ?? {}, `year=${year}`),
      xcSees: await list(tokens.XC ?? {}, ''),
      xcReads: [await statuses(tokens.XC ?? {}), await statuses(tokens['XC-T1'] ?? {})],
    };
  };
  const ledger = new UnchangedWorld(world, dcNames, [GUIDED_NAME]);

  const rows: Record<string, (me: Record<string, string>) => Promise<void>> = {
    'POST /cycles: unitId': async (me) => {
      for (const code of ['DC', 'DC-T1', 'DC-V1'])
        await ledger.attempt(
          env
            .http()
            .post('/cycles')
            .set(me)
            .send({ unitId: unit(code), year: year + 1 }),
          outOfSight,
        );
      await ledger.attempt(
        env
          .http()
          .post('/cycles')
          .set(me)
          .send({ unitId: unit('DC-D1'), year: year + 1 }),
        readOnly,
      );
    },
    'GET /cycles: ?subtreeOf': async (me) => {
      for (const code of ['DC', 'DC-T1'])
        await ledger.attempt(
          env
            .http()
            .get(`/cycles?subtreeOf=${unit(code)}`)
            .set(me),
          outOfSight,
        );
    },
    'GET /cycles/count: ?subtreeOf': async (me) => {
      for (const code of ['DC', 'DC-T1'])
        await ledger.attempt(
          env
            .http()
            .get(`/cycles/count?subtreeOf=${unit(code)}`)
            .set(me),
          outOfSight,
        );
    },
    // Every action: acknowledging a warning signals the cycle, cancel stops it, retry starts it again.
    'POST /cycles/bulk: filter.subtreeOf': async (me) => {
      for (const action of ['acknowledgeWarning', 'cancel', 'retry']) {
        for (const code of ['DC', 'DC-T1', 'DC-V1'])
          await ledger.attempt(
            env
              .http()
              .post('/cycles/bulk')
              .set(me)
              .send({ action, filter: { subtreeOf: unit(code) } }),
            outOfSight,
          );
        // Seeing the guided bureau's cycle is not acting on it.
        await ledger.attempt(
          env
            .http()
            .post('/cycles/bulk')
            .set(me)
            .send({ action, filter: { subtreeOf: unit('DC-D1'), year } }),
          readOnly,
        );
      }
    },
  };

  it('has a row for every request field of the OpenAPI document that names a unit or person', async () => {
    const docs = await env.http().get('/api/docs/openapi.json');
    expect(referenceRowProblems(referenceFieldsOf(docs.body), Object.keys(rows))).toEqual({
      missing: [],
      unknown: [],
    });
  });

  describe.each([
    ['西城区 (XC)', 'XC'],
    ['白沙街道 (XC-T1)', 'XC-T1'],
  ])('sent by the operator of %s', (_label, code) => {
    it.each(Object.keys(rows))('%s', async (row) => {
      await rows[row]?.(tokens[code] ?? {});
    });
  });

  it("acts over the caller's own cycles only: an action on everything in scope leaves the guided bureau alone", async () => {
    const acknowledged = await env
      .http()
      .post('/cycles/bulk')
      .set(tokens.XC ?? {})
      .send({ action: 'acknowledgeWarning', filter: { year } });
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body).toMatchObject({ matched: 3, failed: [] });
    const after = await world();
    expect(after.cycles).toEqual(ledger.baseline.cycles);
    // It was refused for scope, not for the request: 东城区 acts on its own.
    const own = await env
      .http()
      .post('/cycles/bulk')
      .set(tokens.DC ?? {})
      .send({ action: 'acknowledgeWarning', filter: { subtreeOf: unit('DC-D1') } });
    expect(own.body).toMatchObject({ matched: 1, succeeded: 1, failed: [] });
  });
});
