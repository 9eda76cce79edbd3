import type { Response } from 'supertest';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  namesField,
  outOfSight,
  readOnly,
  referenceFieldsOf,
  referenceRowProblems,
  SMALL_CITY,
  UnchangedWorld,
} from '@dutychain/testing';
import type { ListsTestEnv } from './support/lists-test-env';
import { startListsTestEnv, waitFor } from './support/lists-test-env';

const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** 东城区教育局 (DC-D1): 白沙街道 guides it, so 西城区 sees it and may read its name. */
const GUIDED_NAME = SMALL_CITY.units.find((unit) => unit.code === 'DC-D1')?.name ?? 'DC-D1';

/**
 * Indirect access (issue #9): every request field that names a unit or a person — the unit of a
 * list, a check, a record or a read, the leader a duty record is for, an approver to filter by — sent
 * by 西城区 (XC) or its street 白沙街道 (XC-T1) into 东城区 (DC) while the rest of the request stays at
 * home, is refused with a 4xx that names nothing of 东城区; after every attempt no table holds a new
 * row, 东城区's staff see what they saw (lists, records, silent leaders, findings, orders) and 西城区
 * reads no more of them. A person filter of a scoped read narrows the caller's own scope: its answer
 * for 东城区's person is that for an id nobody has. The first test derives the fields from the OpenAPI
 * document and fails when one has no row here.
 *
 * 东城区教育局 (DC-D1) is guided by 白沙街道: 西城区 sees it by design; rows aimed at it expect
 * GUIDING_ORG_READ_ONLY (seen, not run).
 */
describe('indirect access: a reference into another subtree is refused and changes nothing (lists)', () => {
  let t: ListsTestEnv;
  const year = new Date().getFullYear() + 1;
  const tokens: Record<string, Record<string, string>> = {};
  const dcNames = [
    ...SMALL_CITY.units.filter((u) => ['DC', 'DC-T1', 'DC-V1'].includes(u.code)).map((u) => u.name),
    ...['P-OLD', 'P-NEW', 'P-JW', 'P-M1', 'P-M2'].map(
      (code) => SMALL_CITY.people.find((p) => p.code === code)?.name ?? code,
    ),
  ];
  const items = [{ aspect: '落实主体责任', content: '每半年召开一次党委专题会议', leadDepartment: '区委办' }];
  const unit = (code: string): string => t.units[code] ?? '';
  const person = (code: string): string => t.people[code] ?? '';
  const ok = (response: Response, status = 201): Response => {
    if (response.status !== status)
      throw new Error(`${response.status} instead of ${status}: ${JSON.stringify(response.body)}`);
    return response;
  };

  beforeAll(async () => {
    t = await startListsTestEnv();
    const working = ['committeeStaff', 'commissionStaff', 'leader'] as const;
    tokens.DC = await t.token('P-NEW', 'DC', [...working]);
    tokens.XC = await t.token('P-X1', 'XC', [...working]);
    tokens['XC-T1'] = await t.token('P-XT', 'XC-T1', [...working]);
    const dc = tokens.DC ?? {};
    // 东城区's own: its published task list, its team's personal lists, a duty record for 陈正清.
    const list = ok(
      await t
        .http()
        .post('/task-lists')
        .set(dc)
        .send({ unitId: unit('DC'), year, title: '东城区委主体责任清单', items }),
    ).body;
    ok(await t.http().post(`/task-lists/${list.id}/publication`).set(dc), 200);
    ok(
      await t
        .http()
        .post('/risk-lists/workflows')
        .set(dc)
        .send({ unitId: unit('DC'), year, includeSubtree: false }),
      200,
    );
    for (const code of ['P-NEW', 'P-JW', 'P-M2'])
      await waitFor(`${code}'s list`, async () => {
        const response = await t
          .http()
          .get(`/risk-lists/by-person/${person(code)}/${year}`)
          .set(dc);
        return response.status === 200;
      });
    ok(
      await t
        .http()
        .post('/duty-records')
        .set(dc)
        .send({
          personId: person('P-JW'),
          unitId: unit('DC'),
          kind: 'check',
          occurredOn: '2026-03-01',
          title: '开展监督检查',
          content: '—',
        }),
    );
    await ledger.start();
    // Something to protect: 东城区's three personal lists and 陈正清's record.
    expect(ledger.baseline.dc.riskLists).toHaveLength(3);
    expect(ledger.baseline.dcPerson).toHaveLength(1);
  }, 240_000);
  afterAll(async () => {
    await t?.close();
  });

  // ---- what must not change ----

  const read = async (headers: Record<string, string>, path: string): Promise<unknown> => {
    const response = await t.http().get(path).set(headers);
    return response.status === 200 ? response.body : response.status;
  };
  const idsOf = (rows: unknown): unknown =>
    Array.isArray(rows)
      ? rows.map((row: { id: string; status?: string }) => [row.id, row.status]).sort()
      : rows;
  const world = async () => {
    const db = t.app.get(DataSource);
    const rows: Record<string, string> = {};
    for (const table of [
      'task_list',
      'task_item',
      'supervision_list',
      'supervision_item',
      'risk_list',
      'risk_item',
      'approval',
      'signature',
      'quality_finding',
      'supervision_order',
      'duty_record',
      'evidence',
      'progress_report',
      'audit_log',
    ])
      rows[table] = (await db.query(`SELECT count(*) AS n FROM lists.${table}`))[0].n;
    const dc = tokens.DC ?? {};
    const lists = async (headers: Record<string, string>) => ({
      taskLists: await Promise.all(
        ['DC', 'DC-T1', 'DC-V1', 'XC', 'XC-T1'].map(async (code) =>
          idsOf([await read(headers, `/units/${unit(code)}/task-lists/${year}`)].flat()),
        ),
      ),
      riskLists: idsOf(((await read(headers, `/risk-lists?year=${year}`)) as { items: unknown[] }).items),
      records: idsOf(await read(headers, '/duty-records')),
      silent: ((await read(headers, `/duty-records/silent-leaders?year=${year}`)) as { leaders: unknown[] })
        .leaders,
      findings: idsOf(await read(headers, `/quality-findings?year=${year}`)),
      orders: idsOf(await read(headers, `/supervision-orders?year=${year}`)),
      repeating: idsOf(await read(headers, `/progress-reports/repeating?year=${year}`)),
    });
    return {
      rows,
      dc: await lists(dc),
      dcPerson: idsOf(await read(dc, `/duty-records?personId=${person('P-JW')}`)),
      xc: await lists(tokens.XC ?? {}),
      xcT1: await lists(tokens['XC-T1'] ?? {}),
    };
  };
  const ledger = new UnchangedWorld(world, dcNames, [GUIDED_NAME]);

  // ---- the answers ----

  /** A person filter of a scoped read: the answer for 东城区's person is that for an id nobody has. */
  const filtered = async (headers: Record<string, string>, path: string, param: string, code: string) => {
    const query = `${path}${path.includes('?') ? '&' : '?'}${param}=`;
    const unknown = await t.http().get(`${query}${randomUUID()}`).set(headers);
    expect(unknown.status).toBe(200);
    await ledger.attempt(
      t
        .http()
        .get(`${query}${person(code)}`)
        .set(headers),
      (response) =>
        expect({ status: response.status, body: response.body }).toEqual({ status: 200, body: unknown.body }),
    );
  };

  interface Me {
    token: Record<string, string>;
    unit: string;
    person: string;
  }
  const post = (me: Me, path: string, body: object) => t.http().post(path).set(me.token).send(body);
  const get = (me: Me, path: string) => t.http().get(path).set(me.token);

  const rows: Record<string, (me: Me) => Promise<void>> = {
    'POST /task-lists: unitId': async (me) => {
      for (const code of ['DC', 'DC-T1'])
        await ledger.attempt(
          post(me, '/task-lists', { unitId: unit(code), year, title: '代拟清单', items }),
          outOfSight,
        );
      await ledger.attempt(
        post(me, '/task-lists', { unitId: unit('DC-D1'), year, title: '代拟清单', items }),
        readOnly,
      );
    },
    'POST /task-lists/import: unitId': async (me) => {
      const template = await t
        .http()
        .get('/task-lists/template.xlsx')
        .set(me.token)
        .buffer(true)
        .parse(binary);
      await ledger.attempt(
        t
          .http()
          .post('/task-lists/import')
          .set(me.token)
          .field('unitId', unit('DC-V1'))
          .field('year', String(year))
          .field('title', '代拟导入')
          .attach('file', template.body as Buffer, '清单.xlsx'),
        outOfSight,
      );
    },
    'POST /supervision-lists: unitId': (me) =>
      ledger.attempt(
        post(me, '/supervision-lists', {
          unitId: unit('DC'),
          year,
          title: '监督清单',
          items: [{ content: '监督' }],
        }),
        outOfSight,
      ),
    'POST /risk-lists/workflows: unitId': async (me) => {
      for (const code of ['DC', 'DC-T1'])
        await ledger.attempt(
          post(me, '/risk-lists/workflows', { unitId: unit(code), year: year + 1 }),
          outOfSight,
        );
    },
    'GET /risk-lists: ?approverId, ?unitId': async (me) => {
      await filtered(me.token, `/risk-lists?year=${year}`, 'approverId', 'P-NEW');
      await ledger.attempt(get(me, `/risk-lists?year=${year}&unitId=${unit('DC')}`), outOfSight);
    },
    'GET /risk-lists/status.xlsx: ?unitId': (me) =>
      ledger.attempt(get(me, `/risk-lists/status.xlsx?year=${year}&unitId=${unit('DC')}`), outOfSight),
    'POST /quality-checks: unitId': (me) =>
      ledger.attempt(
        post(me, '/quality-checks', { unitId: unit('DC'), year, issueOrders: true }),
        outOfSight,
      ),
    'GET /quality-findings: ?unitId': (me) =>
      ledger.attempt(get(me, `/quality-findings?year=${year}&unitId=${unit('DC')}`), outOfSight),
    'GET /supervision-orders: ?unitId': (me) =>
      ledger.attempt(get(me, `/supervision-orders?year=${year}&unitId=${unit('DC')}`), outOfSight),
    // A record for 东城区's leader, kept at home, would clear him from 东城区's silent leaders.
    'POST /duty-records: personId': async (me) => {
      for (const code of ['P-JW', 'P-M1'])
        await ledger.attempt(
          post(me, '/duty-records', {
            personId: person(code),
            unitId: me.unit,
            kind: 'check',
            occurredOn: '2026-03-01',
            title: '代记履责',
            content: '—',
          }),
          namesField('personId'),
        );
    },
    'POST /duty-records: unitId': (me) =>
      ledger.attempt(
        post(me, '/duty-records', {
          personId: me.person,
          unitId: unit('DC-T1'),
          kind: 'check',
          occurredOn: '2026-03-01',
          title: '代记履责',
          content: '—',
        }),
        outOfSight,
      ),
    'GET /duty-records: ?personId, ?unitId': async (me) => {
      await filtered(me.token, '/duty-records', 'personId', 'P-JW');
      await ledger.attempt(get(me, `/duty-records?unitId=${unit('DC')}`), outOfSight);
    },
    'GET /duty-records/silent-leaders: ?unitId': (me) =>
      ledger.attempt(get(me, `/duty-records/silent-leaders?year=${year}&unitId=${unit('DC')}`), outOfSight),
    'GET /progress-reports/repeating: ?unitId': (me) =>
      ledger.attempt(get(me, `/progress-reports/repeating?year=${year}&unitId=${unit('DC')}`), outOfSight),
  };

  it('has a row for every request field of the OpenAPI document that names a unit or person', async () => {
    const docs = await t.http().get('/api/docs/openapi.json');
    expect(referenceRowProblems(referenceFieldsOf(docs.body), Object.keys(rows))).toEqual({
      missing: [],
      unknown: [],
    });
  });

  describe.each([
    ['西城区 (XC)', 'XC', 'P-X1'],
    ['白沙街道 (XC-T1)', 'XC-T1', 'P-XT'],
  ])('sent by the staff of %s', (_label, code, personCode) => {
    it.each(Object.keys(rows))('%s', async (row) => {
      await rows[row]?.({ token: tokens[code] ?? {}, unit: unit(code), person: person(personCode) });
    });
  });

  it('was refused for scope: the same requests within 西城区 go through', async () => {
    const xc = tokens.XC ?? {};
    ok(
      await t
        .http()
        .post('/task-lists')
        .set(xc)
        .send({ unitId: unit('XC-T1'), year, title: '白沙街道主体责任清单', items }),
    );
    ok(
      await t
        .http()
        .post('/duty-records')
        .set(xc)
        .send({
          personId: person('P-XT'),
          unitId: unit('XC-T1'),
          kind: 'check',
          occurredOn: '2026-03-01',
          title: '开展监督检查',
          content: '—',
        }),
    );
  });
});
