import type { Response } from 'supertest';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  answerOf,
  namesField,
  outOfSight,
  readOnly,
  referenceFieldsOf,
  referenceRowProblems,
  SMALL_CITY,
  UnchangedWorld,
} from '@dutychain/testing';
import type { AccountabilityTestApp } from './support/accountability-test-app';
import { startAccountabilityTestApp } from './support/accountability-test-app';

/** Fields naming a record of a unit (beyond the unit and person names the helper matches). */
const RECORD_REFERENCE = /^(caseId|noticeId)$/;

/** 东城区教育局 (DC-D1): 白沙街道 guides it, so 西城区 sees it and may read its name. */
const GUIDED_NAME = SMALL_CITY.units.find((unit) => unit.code === 'DC-D1')?.name ?? 'DC-D1';

/**
 * Indirect access (issue #9): every request field that names a unit or a person — a notice's issuing
 * unit, a case's violators, an added investigation, a measure's unit, a talk's partner and holder, a
 * bulletin's negative list, a report's unit, a list's filters — sent by 西城区 (XC) or its street 白沙街道
 * (XC-T1) into 东城区 (DC) while the rest of the request stays at home, is refused with a 4xx that names
 * nothing of 东城区; after every attempt no table holds a new row, 东城区's staff and the person named
 * see what they saw, and 西城区 reads no more of them. A filter in a scoped read (`?personId=`) narrows
 * the caller's own scope: its answer for 东城区's person is that for an id nobody has. The first test
 * derives the fields from the OpenAPI document and fails when one has no row here.
 *
 * 东城区教育局 (DC-D1) is guided by 白沙街道: 西城区 sees it by design and may read its name; the rows
 * that aim at it expect GUIDING_ORG_READ_ONLY (seen, not run).
 */
describe('indirect access: a reference into another subtree is refused and changes nothing (accountability)', () => {
  let t: AccountabilityTestApp;
  const ids: Record<string, string> = {};
  const tokens: Record<string, Record<string, string>> = {};
  const dcNames = [
    ...SMALL_CITY.units.filter((u) => ['DC', 'DC-T1', 'DC-V1'].includes(u.code)).map((u) => u.name),
    ...SMALL_CITY.commissions.map((c) => c.name),
    ...['P-OLD', 'P-NEW', 'P-JW', 'P-M1', 'P-M2'].map(
      (code) => SMALL_CITY.people.find((p) => p.code === code)?.name ?? code,
    ),
  ];
  const ok = (response: Response, status = 201): Response => {
    if (response.status !== status)
      throw new Error(`${response.status} instead of ${status}: ${JSON.stringify(response.body)}`);
    return response;
  };

  beforeAll(async () => {
    t = await startAccountabilityTestApp();
    const working = ['commissionStaff', 'committeeStaff', 'leader', 'ops'] as const;
    tokens.DC = await t.token('P-JW', 'DC', [...working]);
    tokens.town = await t.token('P-M1', 'DC-T1', ['leader']);
    tokens.XC = await t.token('P-X1', 'XC', [...working]);
    tokens['XC-T1'] = await t.token('P-XT', 'XC-T1', [...working]);
    for (const unit of SMALL_CITY.units) ids[unit.code] = await t.unitId(unit.code);
    for (const code of ['P-NEW', 'P-JW', 'P-M1', 'P-M2', 'P-T1', 'P-X1', 'P-XT'])
      ids[code] = await t.personId(code);

    // 东城区's own: a notice to 柳营镇, and a case, a talk and a bulletin about 赵立新, its secretary.
    const dc = tokens.DC ?? {};
    ids['notice:DC'] = ok(
      await t.http().post('/notices').set(dc).send({
        unitId: ids['DC-T1'],
        source: 'specialCheck',
        title: '关于专项检查发现问题的抄告',
        body: '请于规定时限内回告整改情况。',
      }),
    ).body.id;
    ids['case:DC'] = ok(
      await t
        .http()
        .post('/cases')
        .set(dc)
        .send({
          unitId: ids['DC-T1'],
          source: 'petition',
          summary: '违规发放津贴补贴',
          violationDate: '2025-03-10',
          violatorPersonIds: [ids['P-M1']],
        }),
    ).body.id;
    ok(
      await t.http().post('/talks').set(dc).send({
        unitId: ids['DC-T1'],
        kind: 'reminder',
        withPersonId: ids['P-M1'],
        heldOn: '2026-03-02',
        subject: '落实“一岗双责”',
        outcome: '当场表态',
      }),
    );
    ok(
      await t
        .http()
        .post('/bulletins')
        .set(dc)
        .send({
          unitId: ids['DC-T1'],
          title: '点评通报',
          body: '现将检查发现的问题通报如下。',
          negativeList: [{ unitId: ids['DC-T1'], personId: ids['P-M1'], problem: '整改不力' }],
        }),
    );
    // 西城区's and 白沙街道's own cases under investigation, for the rows that add to a case.
    for (const code of ['XC', 'XC-T1']) {
      const opened = ok(
        await t
          .http()
          .post('/cases')
          .set(tokens[code] ?? {})
          .send({ unitId: ids[code], source: 'manual', summary: '本单位问责', violationDate: '2025-03-10' }),
      );
      ids[`case:${code}`] = opened.body.id;
      ok(
        await t
          .http()
          .post(`/cases/${opened.body.id}/transitions`)
          .set(tokens[code] ?? {})
          .send({ to: 'investigating' }),
        200,
      );
    }
    await ledger.start();
  }, 240_000);
  afterAll(async () => {
    if (ids['notice:DC'])
      await t
        .http()
        .post(`/notices/${ids['notice:DC']}/withdraw`)
        .set(tokens.DC ?? {})
        .send({ reason: '测试结束' });
    await t?.close();
  });

  // ---- what must not change ----

  const idsOf = async (headers: Record<string, string>, path: string): Promise<unknown> => {
    const response = await t.http().get(path).set(headers);
    if (response.status !== 200) return response.status;
    return (response.body as { id: string }[]).map((row) => row.id).sort();
  };
  const world = async () => {
    const db = t.app.get(DataSource);
    const rows: Record<string, string> = {};
    for (const table of [
      'notice',
      'notice_addressee',
      'accountability_case',
      'investigation',
      'accountability_measure',
      'case_event',
      'talk',
      'bulletin',
      'negative_list_entry',
      'monthly_report',
      'audit_log',
    ])
      rows[table] = (await db.query(`SELECT count(*) AS n FROM accountability.${table}`))[0].n;
    const dc = tokens.DC ?? {};
    const xc = tokens.XC ?? {};
    const person = ids['P-M1'];
    const schedules: number[] = [];
    for (const code of ['DC', 'DC-T1'])
      schedules.push((await t.http().get(`/monthly-reports/schedules/${ids[code]}`).set(dc)).status);
    const lists = async (headers: Record<string, string>) => ({
      notices: await idsOf(headers, '/notices'),
      cases: await idsOf(headers, '/cases'),
      talks: await idsOf(headers, '/talks'),
      bulletins: await idsOf(headers, '/bulletins'),
      reports: await idsOf(headers, '/monthly-reports'),
    });
    const caseOf = async (code: string) => {
      const detail = (
        await t
          .http()
          .get(`/cases/${ids[`case:${code}`]}`)
          .set(tokens[code] ?? {})
      ).body;
      return {
        version: detail.version,
        investigations: detail.investigations.map((i: any) => [i.personId, i.role]),
        measures: detail.measures.length,
      };
    };
    return {
      rows,
      // 东城区's staff, and the person named: what they saw before.
      dc: await lists(dc),
      dcPerson: {
        cases: await idsOf(dc, `/people/${person}/cases`),
        talks: await idsOf(dc, `/talks?personId=${person}`),
        marks: (await t.http().get(`/overdue-marks?personId=${person}`).set(dc)).body,
        mine: await idsOf(tokens.town ?? {}, '/notices?mine=true'),
      },
      schedules,
      // 西城区's own: nothing written at home either.
      xc: await lists(xc),
      xcCases: [await caseOf('XC'), await caseOf('XC-T1')],
      // 西城区 reads no more of 东城区's person or town than before.
      xcReads: await Promise.all(
        [tokens.XC ?? {}, tokens['XC-T1'] ?? {}].map(async (headers) => [
          (await t.orgCall('GET', `/people/${person}`, undefined, headers)).status,
          await idsOf(headers, `/people/${person}/cases`),
          (await t.http().get(`/cases?subtreeOf=${ids['DC-T1']}`).set(headers)).status,
          (await t.http().get(`/monthly-reports/schedules/${ids['DC-T1']}`).set(headers)).status,
        ]),
      ),
    };
  };
  const ledger = new UnchangedWorld(world, dcNames, [GUIDED_NAME]);

  // ---- the answers ----

  /**
   * A filter of a scoped read names 东城区's person: the answer is the caller's own scope narrowed to
   * nobody, exactly the answer for an id nobody has (no oracle), and nothing was written.
   */
  const filtered = async (headers: Record<string, string>, path: string, param: string): Promise<void> => {
    const unknown = await t.http().get(`${path}?${param}=${randomUUID()}`).set(headers);
    await ledger.attempt(t.http().get(`${path}?${param}=${ids['P-M1']}`).set(headers), (response) => {
      expect(response.status).toBe(200);
      expect(response.body).toEqual([]);
      expect(response.body).toEqual(unknown.body);
    });
  };

  interface Me {
    token: Record<string, string>;
    unit: string;
    below: string;
    person: string;
    case: string;
  }
  const post = (me: Me, path: string, body: object) => t.http().post(path).set(me.token).send(body);
  const notice = (extra: object) => ({ source: 'petition', title: '越权抄告', body: '请回告。', ...extra });
  const newCase = (extra: object) => ({
    source: 'manual',
    summary: '越权立案',
    violationDate: '2025-03-10',
    ...extra,
  });
  const talk = (extra: object) => ({
    kind: 'interview',
    heldOn: '2026-03-02',
    subject: '约谈',
    outcome: '表态',
    ...extra,
  });
  const bulletin = (me: Me, entry: object) => ({
    unitId: me.unit,
    title: '点评通报',
    body: '通报如下。',
    negativeList: [{ unitId: me.below, problem: '整改不力', ...entry }],
  });

  const rows: Record<string, (me: Me) => Promise<void>> = {
    'POST /notices: unitId': (me) =>
      ledger.attempt(
        post(me, '/notices', notice({ unitId: ids['DC-T1'], issuingUnitId: me.unit })),
        outOfSight,
      ),
    'POST /notices: issuingUnitId': async (me) => {
      for (const code of ['DC', 'DC-T1'])
        await ledger.attempt(
          post(me, '/notices', notice({ unitId: me.below, issuingUnitId: ids[code] })),
          namesField('issuingUnitId'),
        );
      await ledger.attempt(
        post(me, '/notices', notice({ unitId: me.below, issuingUnitId: ids['DC-D1'] })),
        readOnly,
      );
    },
    'GET /notices: ?subtreeOf': (me) =>
      ledger.attempt(t.http().get(`/notices?subtreeOf=${ids['DC-T1']}`).set(me.token), outOfSight),
    'GET /overdue-marks: ?personId, ?subtreeOf': async (me) => {
      await filtered(me.token, '/overdue-marks', 'personId');
      await ledger.attempt(
        t.http().get(`/overdue-marks?subtreeOf=${ids['DC-T1']}`).set(me.token),
        outOfSight,
      );
    },
    'POST /cases: unitId': (me) =>
      ledger.attempt(
        post(me, '/cases', newCase({ unitId: ids['DC-T1'], violatorPersonIds: [me.person] })),
        outOfSight,
      ),
    'POST /cases: violatorPersonIds': async (me) => {
      await ledger.attempt(
        post(me, '/cases', newCase({ unitId: me.unit, violatorPersonIds: [ids['P-M1']] })),
        namesField('violatorPersonIds[0]'),
      );
      await ledger.attempt(
        post(me, '/cases', newCase({ unitId: me.unit, violatorPersonIds: [me.person, ids['P-M2']] })),
        namesField('violatorPersonIds[1]'),
      );
    },
    'GET /cases: ?subtreeOf': (me) =>
      ledger.attempt(t.http().get(`/cases?subtreeOf=${ids['DC-T1']}`).set(me.token), outOfSight),
    'POST /cases/{id}/investigations: personId': async (me) => {
      for (const role of ['violator', 'primary', 'supervisory'])
        await ledger.attempt(
          post(me, `/cases/${me.case}/investigations`, { personId: ids['P-M1'], role }),
          namesField('personId'),
        );
    },
    'POST /cases/{id}/measures: unitId': async (me) => {
      for (const code of ['DC', 'DC-T1'])
        await ledger.attempt(
          post(me, `/cases/${me.case}/measures`, {
            targetKind: 'organisation',
            unitId: ids[code],
            form: 'selfExamination',
          }),
          namesField('unitId'),
        );
    },
    'POST /talks: unitId': (me) =>
      ledger.attempt(post(me, '/talks', talk({ unitId: ids['DC-T1'], withPersonId: me.person })), outOfSight),
    'POST /talks: withPersonId': (me) =>
      ledger.attempt(
        post(me, '/talks', talk({ unitId: me.unit, withPersonId: ids['P-M1'] })),
        namesField('withPersonId'),
      ),
    'POST /talks: heldById': (me) =>
      ledger.attempt(
        post(me, '/talks', talk({ unitId: me.unit, withPersonId: me.person, heldById: ids['P-M2'] })),
        namesField('heldById'),
      ),
    // Beyond units and people: a talk may point at a notice or case, of its own unit's subtree only.
    'POST /talks: caseId, noticeId': async (me) => {
      for (const [field, id] of [
        ['caseId', ids['case:DC']],
        ['noticeId', ids['notice:DC']],
      ] as const)
        await ledger.attempt(
          post(me, '/talks', talk({ unitId: me.unit, withPersonId: me.person, [field]: id })),
          (response) =>
            expect(answerOf(response)).toEqual({ status: 400, code: 'VALIDATION_FAILED', fields: [field] }),
        );
    },
    'GET /talks: ?personId, ?subtreeOf': async (me) => {
      await filtered(me.token, '/talks', 'personId');
      await ledger.attempt(t.http().get(`/talks?subtreeOf=${ids.DC}`).set(me.token), outOfSight);
    },
    'POST /bulletins: unitId': (me) =>
      ledger.attempt(post(me, '/bulletins', { ...bulletin(me, {}), unitId: ids['DC-T1'] }), outOfSight),
    'POST /bulletins: negativeList[].unitId': async (me) => {
      for (const code of ['DC', 'DC-T1', 'DC-V1'])
        await ledger.attempt(
          post(me, '/bulletins', bulletin(me, { unitId: ids[code] })),
          namesField('negativeList[0].unitId'),
        );
    },
    'POST /bulletins: negativeList[].personId': (me) =>
      ledger.attempt(
        post(me, '/bulletins', bulletin(me, { personId: ids['P-M1'] })),
        namesField('negativeList[0].personId'),
      ),
    // Documented as scoped: a report of a unit out of sight is one the caller has none of.
    'GET /monthly-reports: ?unitId': (me) =>
      ledger.attempt(t.http().get(`/monthly-reports?unitId=${ids.DC}`).set(me.token), (response) => {
        expect(response.status).toBe(200);
        expect(response.body).toEqual([]);
      }),
    'POST /monthly-reports/schedules: unitId': (me) =>
      ledger.attempt(post(me, '/monthly-reports/schedules', { unitId: ids['DC-T1'] }), outOfSight),
    'POST /monthly-reports/runs: unitId': (me) =>
      ledger.attempt(
        post(me, '/monthly-reports/runs', { unitId: ids['DC-T1'], period: '2026-01' }),
        outOfSight,
      ),
  };

  it('has a row for every request field of the OpenAPI document that names a unit or person', async () => {
    const docs = await t.http().get('/api/docs/openapi.json');
    const fields = [...referenceFieldsOf(docs.body), ...referenceFieldsOf(docs.body, RECORD_REFERENCE)];
    expect(referenceRowProblems(fields, Object.keys(rows))).toEqual({
      missing: [],
      unknown: [],
    });
  });

  describe.each([
    ['西城区 (XC)', 'XC', 'XC-T1', 'P-X1'],
    ['白沙街道 (XC-T1)', 'XC-T1', 'XC-V1', 'P-XT'],
  ])('sent by the staff of %s', (_label, unit, below, person) => {
    const me = (): Me => ({
      token: tokens[unit] ?? {},
      unit: ids[unit] ?? '',
      below: ids[below] ?? '',
      person: ids[person] ?? '',
      case: ids[`case:${unit}`] ?? '',
    });
    it.each(Object.keys(rows))('%s', async (row) => {
      await rows[row]?.(me());
    });
  });

  it('was refused for scope: the same requests within 西城区 go through', async () => {
    const me: Me = {
      token: tokens.XC ?? {},
      unit: ids.XC ?? '',
      below: ids['XC-T1'] ?? '',
      person: ids['P-X1'] ?? '',
      case: ids['case:XC'] ?? '',
    };
    ok(await post(me, '/talks', talk({ unitId: me.unit, withPersonId: ids['P-XT'], heldById: me.person })));
    ok(await post(me, '/bulletins', bulletin(me, { personId: ids['P-XT'] })));
    ok(await post(me, `/cases/${me.case}/investigations`, { personId: ids['P-XT'], role: 'violator' }));
    ok(
      await post(me, `/cases/${me.case}/measures`, {
        targetKind: 'organisation',
        unitId: me.below,
        form: 'selfExamination',
      }),
    );
  });
});
