import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import {
  namesField,
  outOfSight,
  referenceFieldsOf,
  referenceRowProblems,
  SMALL_CITY,
  UnchangedWorld,
} from '@dutychain/testing';
import { emptyImportDocument, WORKBOOK_LAYOUT } from '@dutychain/org-contract';
import { writeImportWorkbook } from '../src/import/workbook-codec';
import type { OrgTestApp } from './org-test-app';
import { importDocument, personIdByCode, startOrgTestApp, tokenFor, unitIdByCode } from './org-test-app';

/**
 * Indirect writes (issue #9): every field of every request that names a unit or a person, sent by a
 * caller of 西城区 (XC, and again by its street 白沙街道 XC-T1) into 东城区 (DC) while the rest of the
 * request stays at home, is refused with a 4xx that names nothing it refuses; and after every attempt
 * nothing changed: no row in any table, 东城区's tokens see what they saw, and neither side sees more
 * of the other. The first test derives the fields from the OpenAPI document (and the import's
 * reference columns from its workbook layout) and fails when one has no row here.
 *
 * 东城区教育局 (DC-D1) and its head 吴海峰 are left out as targets: 白沙街道 guides the bureau, so 西城区
 * sees them by design (dual management); one row checks that seeing the bureau is not running it.
 */
describe('indirect access: a reference into another subtree is refused and changes nothing (org)', () => {
  let test: OrgTestApp;
  const ids: Record<string, string> = {};
  const tokens: Record<string, Record<string, string>> = {};
  /** What nobody outside 东城区 may read in an answer. */
  const dcNames = [
    ...SMALL_CITY.units.filter((u) => u.code.startsWith('DC')).map((u) => u.name),
    ...SMALL_CITY.commissions.map((c) => c.name),
    ...['P-OLD', 'P-NEW', 'P-JW', 'P-M1', 'P-M2', 'P-T1'].map(
      (code) => SMALL_CITY.people.find((p) => p.code === code)?.name ?? code,
    ),
  ];

  beforeAll(async () => {
    test = await startOrgTestApp();
    await importDocument(test, SMALL_CITY);
    for (const unit of SMALL_CITY.units) ids[unit.code] = await unitIdByCode(test, unit.code);
    for (const person of SMALL_CITY.people) ids[person.code] = await personIdByCode(test, person.code);
    tokens.XC = await tokenFor(test, 'P-X1', 'XC', ['admin']);
    tokens['XC-T1'] = await tokenFor(test, 'P-XT', 'XC-T1', ['admin']);
    tokens.DC = await tokenFor(test, 'P-NEW', 'DC', ['admin']);
    tokens['DC-T1'] = await tokenFor(test, 'P-M1', 'DC-T1', ['admin']);
    const commissions = await test.http().get(`/org-units/${ids.DC}/commissions`).set(tokens.DC);
    for (const commission of commissions.body as { id: string; code: string }[])
      ids[commission.code] = commission.id;
    await ledger.start();
  });
  afterAll(async () => test?.close());

  // ---- what must not change ----

  const get = async (headers: Record<string, string>, path: string): Promise<unknown> => {
    const response = await test.http().get(path).set(headers);
    return response.status === 200 ? response.body : response.status;
  };
  const tree = async (headers: Record<string, string>, code: string) =>
    ((await get(headers, `/org-units/${ids[code]}/subtree?limit=500`)) as { items: any[] }).items.map((u) => [
      u.code,
      u.leadingOrgId,
      u.guidingOrgId,
      u.commissionId,
    ]);
  /** Everything a refused attempt could have touched, as the database and both sides' tokens see it. */
  const world = async () => {
    const db = test.app.get(DataSource);
    const rows: Record<string, string> = {};
    for (const table of [
      'org_unit',
      'commission',
      'person',
      'post',
      'supervision',
      'oversight_pair',
      'api_key',
    ])
      rows[table] = (await db.query(`SELECT count(*) AS n FROM org.${table}`))[0].n;
    rows.audit = (await db.query(`SELECT count(*) AS n FROM org.audit_log`))[0].n;
    const dc = tokens.DC ?? {};
    const people: Record<string, unknown> = {};
    for (const code of ['P-NEW', 'P-JW', 'P-M1', 'P-M2'])
      people[code] = await get(dc, `/people/${ids[code]}`);
    return {
      rows,
      // 东城区's own view of its tree, teams, 分管, chains, commissions and people.
      dcTree: await tree(dc, 'DC'),
      dcTeams: await Promise.all(
        ['DC', 'DC-T1'].map((code) => get(dc, `/org-units/${ids[code]}/team?date=2025-06-01`)),
      ),
      dcChain: await get(dc, `/org-units/${ids['DC-T1']}/responsibility-chain?date=2025-06-01`),
      dcCommissions: await get(dc, `/org-units/${ids.DC}/commissions`),
      dcCommission: await get(dc, `/commissions/${ids['DC-JW']}`),
      dcPeople: people,
      dcSearch: await get(dc, `/people?q=${encodeURIComponent('西')}`),
      // 西城区's own tree: nothing was created or relinked at home either.
      xcTree: await tree(tokens.XC ?? {}, 'XC'),
      // Neither side sees more of the other than before.
      xcSees: await Promise.all(
        [
          `/org-units/${ids.DC}`,
          `/org-units/${ids['DC-T1']}`,
          `/org-units/${ids['DC-T1']}/team`,
          `/people/${ids['P-M1']}`,
          `/people/${ids['P-M2']}`,
          `/commissions/${ids['DC-JW']}`,
          `/commissions/${ids['DC-PZ1']}`,
        ].map(async (path) => [
          (
            await test
              .http()
              .get(path)
              .set(tokens.XC ?? {})
          ).status,
          (
            await test
              .http()
              .get(path)
              .set(tokens['XC-T1'] ?? {})
          ).status,
        ]),
      ),
      xcSearch: await get(tokens.XC ?? {}, `/people?q=${encodeURIComponent('孙')}`),
      dcSees: await Promise.all(
        [`/org-units/${ids.XC}`, `/org-units/${ids['XC-T1']}`, `/people/${ids['P-XT']}`].map(async (path) => [
          (await test.http().get(path).set(dc)).status,
          (
            await test
              .http()
              .get(path)
              .set(tokens['DC-T1'] ?? {})
          ).status,
        ]),
      ),
    };
  };
  const ledger = new UnchangedWorld(world, dcNames);

  // ---- the answers ----

  const ruleOn =
    (status: number, field: string, rule: string) =>
    (response: Response): void => {
      expect(response.status).toBe(status);
      expect(response.body.errors).toEqual([expect.objectContaining({ field, rule })]);
    };
  /** A refused import: the job failed on that column for scope, and wrote nothing. */
  const importRefused =
    (sheet: string, column: string) =>
    (response: Response): void => {
      expect({
        status: response.status,
        job: response.body.status,
        refusal: response.status === 202 ? undefined : response.body,
      }).toEqual({ status: 202, job: 'failed', refusal: undefined });
      expect(response.body.problems).toEqual(
        expect.arrayContaining([expect.objectContaining({ sheet, column, rule: 'scope' })]),
      );
    };

  /** Sends, checks the answer, checks it names nothing of 东城区, and checks nothing changed. */

  interface Me {
    token: Record<string, string>;
    /** The caller's own unit and one below it. */
    unit: string;
    below: string;
    /** Someone of the caller's own unit. */
    person: string;
    tag: string;
  }
  const post = (me: Me, path: string, body: object) => test.http().post(path).set(me.token).send(body);
  const orgUnit = (me: Me, extra: object) => ({
    code: `${me.tag}-NEW`,
    name: '新设单位',
    level: 'village',
    type: 'village',
    partyOrgType: 'branch',
    leadingOrgId: me.below,
    ...extra,
  });
  const doc = (extra: object) => ({ ...emptyImportDocument(), ...extra });
  const importUnit = (me: Me, extra: object) => ({
    code: `${me.tag}-IMP`,
    name: '导入单位',
    level: 'village',
    type: 'village',
    partyOrgType: 'branch',
    parentCode: me.tag,
    ...extra,
  });
  /** An import of `body` plus someone registered at home (an import holds units or people). */
  const importJson = (me: Me, body: { people?: object[] } & Record<string, unknown>) =>
    post(
      me,
      '/imports?wait=true',
      doc({
        ...body,
        people: [{ code: `${me.tag}-PH`, name: '新人', unitCode: me.tag }, ...(body.people ?? [])],
      }),
    );

  /** One row per (operation, field), grouped where one request covers several. */
  const rows: Record<string, (me: Me) => Promise<void>> = {
    'POST /auth/tokens: unitId': (me) =>
      ledger.attempt(
        post(me, '/auth/tokens', { personId: me.person, unitId: ids['DC-T1'], roles: ['leader'] }),
        outOfSight,
      ),
    'POST /auth/tokens: personId': (me) =>
      ledger.attempt(
        post(me, '/auth/tokens', { personId: ids['P-M1'], unitId: me.unit, roles: ['leader'] }),
        namesField('personId'),
      ),
    'POST /auth/api-keys: unitId': (me) =>
      ledger.attempt(
        post(me, '/auth/api-keys', { name: '越权密钥', unitId: ids['DC-T1'], roles: ['ops'] }),
        outOfSight,
      ),
    'POST /org-units: leadingOrgId': (me) =>
      ledger.attempt(post(me, '/org-units', orgUnit(me, { leadingOrgId: ids['DC-T1'] })), outOfSight),
    // Guidance opens the guided unit to the guide: a guide from 东城区 would open 西城区's unit to it.
    'POST /org-units: guidingOrgId': async (me) => {
      for (const guide of ['DC-T1', 'DC-V1', 'DC-D1'])
        await ledger.attempt(
          post(me, '/org-units', orgUnit(me, { guidingOrgId: ids[guide] })),
          namesField('guidingOrgId'),
        );
    },
    // A unit covered by 东城区's commission would read that commission (GET /commissions/{id}).
    'POST /org-units: commissionId': async (me) => {
      for (const commission of ['DC-JW', 'DC-PZ1'])
        await ledger.attempt(
          post(me, '/org-units', orgUnit(me, { commissionId: ids[commission] })),
          namesField('commissionId'),
        );
    },
    'PATCH /org-units/{id}: guidingOrgId': async (me) => {
      for (const guide of ['DC', 'DC-T1', 'DC-D1'])
        await ledger.attempt(
          test.http().patch(`/org-units/${me.below}`).set(me.token).send({ guidingOrgId: ids[guide] }),
          namesField('guidingOrgId'),
        );
    },
    'PATCH /org-units/{id}: commissionId': async (me) => {
      for (const commission of ['DC-JW', 'DC-PZ1'])
        await ledger.attempt(
          test.http().patch(`/org-units/${me.unit}`).set(me.token).send({ commissionId: ids[commission] }),
          namesField('commissionId'),
        );
    },
    'POST /commissions: hostUnitId': (me) =>
      ledger.attempt(
        post(me, '/commissions', {
          code: `${me.tag}-JW9`,
          name: '越权纪委',
          kind: 'commission',
          hostUnitId: ids.DC,
        }),
        outOfSight,
      ),
    'POST /people: unitId': (me) =>
      ledger.attempt(
        post(me, '/people', { code: `${me.tag}-P9`, name: '越权登记', unitId: ids['DC-T1'] }),
        namesField('unitId'),
      ),
    // A post would attach 东城区's secretary to 西城区's unit, and open his record to 西城区.
    'POST /posts: personId': (me) =>
      ledger.attempt(
        post(me, '/posts', {
          personId: ids['P-M1'],
          unitId: me.unit,
          kind: 'member',
          title: '委员',
          startDate: '2025-01-01',
        }),
        namesField('personId'),
      ),
    'POST /posts: unitId': (me) =>
      ledger.attempt(
        post(me, '/posts', {
          personId: me.person,
          unitId: ids['DC-T1'],
          kind: 'member',
          title: '委员',
          startDate: '2025-01-01',
        }),
        outOfSight,
      ),
    // The supervising member must sit on the caller's team (stronger than being seen): a 422 naming personId.
    'POST /supervisions: personId': (me) =>
      ledger.attempt(
        post(me, '/supervisions', {
          personId: ids['P-M2'],
          unitId: me.unit,
          supervisedUnitId: me.below,
          startDate: '2025-01-01',
        }),
        ruleOn(422, 'personId', 'supervisor.holdsPost'),
      ),
    'POST /supervisions: supervisedUnitId': (me) =>
      ledger.attempt(
        post(me, '/supervisions', {
          personId: me.person,
          unitId: me.unit,
          supervisedUnitId: ids['DC-T1'],
          startDate: '2025-01-01',
        }),
        namesField('supervisedUnitId'),
      ),
    'POST /supervisions: unitId': (me) =>
      ledger.attempt(
        post(me, '/supervisions', {
          personId: ids['P-M2'],
          unitId: ids.DC,
          supervisedUnitId: me.below,
          startDate: '2025-01-01',
        }),
        outOfSight,
      ),
    'POST /oversight-pairs: overseerId': (me) =>
      ledger.attempt(
        post(me, '/oversight-pairs', { overseerId: ids['P-M1'], headId: me.person, startDate: '2025-01-01' }),
        namesField('overseerId'),
      ),
    'POST /oversight-pairs: headId': (me) =>
      ledger.attempt(
        post(me, '/oversight-pairs', { overseerId: me.person, headId: ids['P-M1'], startDate: '2025-01-01' }),
        namesField('headId'),
      ),

    // ---- the import: its body is opaque to OpenAPI; its reference columns come from WORKBOOK_LAYOUT ----
    'POST /imports: units.parentCode': (me) =>
      ledger.attempt(
        importJson(me, { units: [importUnit(me, { parentCode: 'DC-T1' })] }),
        importRefused('units', 'parentCode'),
      ),
    'POST /imports: units.guidingOrgCode': (me) =>
      ledger.attempt(
        importJson(me, { units: [importUnit(me, { guidingOrgCode: 'DC-T1' })] }),
        importRefused('units', 'guidingOrgCode'),
      ),
    'POST /imports: units.commissionCode': async (me) => {
      await ledger.attempt(
        importJson(me, { units: [importUnit(me, { commissionCode: 'DC-JW' })] }),
        importRefused('units', 'commissionCode'),
      );
      // The workbook takes the same rules.
      await ledger.attempt(
        test
          .http()
          .post('/imports/xlsx?wait=true')
          .set(me.token)
          .attach(
            'file',
            await writeImportWorkbook(doc({ units: [importUnit(me, { commissionCode: 'DC-PZ1' })] })),
            '导入.xlsx',
          ),
        importRefused('单位', '监督机构编码'),
      );
    },
    'POST /imports: commissions.hostUnitCode': (me) =>
      ledger.attempt(
        importJson(me, {
          commissions: [{ code: `${me.tag}-JW8`, name: '越权纪委', kind: 'commission', hostUnitCode: 'DC' }],
        }),
        importRefused('commissions', 'hostUnitCode'),
      ),
    'POST /imports: people.unitCode': (me) =>
      ledger.attempt(
        importJson(me, { people: [{ code: `${me.tag}-P8`, name: '越权登记', unitCode: 'DC-T1' }] }),
        importRefused('people', 'unitCode'),
      ),
    'POST /imports: posts.personCode': (me) =>
      ledger.attempt(
        importJson(me, {
          posts: [{ personCode: 'P-M1', unitCode: me.tag, kind: 'member', startDate: '2025-01-01' }],
        }),
        importRefused('posts', 'personCode'),
      ),
    'POST /imports: posts.unitCode': (me) =>
      ledger.attempt(
        importJson(me, {
          posts: [
            {
              personCode: me.tag === 'XC' ? 'P-X1' : 'P-XT',
              unitCode: 'DC-T1',
              kind: 'member',
              startDate: '2025-01-01',
            },
          ],
        }),
        importRefused('posts', 'unitCode'),
      ),
    'POST /imports: supervisions.personCode': (me) =>
      ledger.attempt(
        importJson(me, {
          supervisions: [
            {
              personCode: 'P-M2',
              unitCode: me.tag,
              supervisedUnitCode: `${me.tag === 'XC' ? 'XC-T1' : 'XC-V1'}`,
              startDate: '2025-01-01',
            },
          ],
        }),
        importRefused('supervisions', 'personCode'),
      ),
    'POST /imports: supervisions.unitCode': (me) =>
      ledger.attempt(
        importJson(me, {
          supervisions: [
            { personCode: 'P-M2', unitCode: 'DC', supervisedUnitCode: me.tag, startDate: '2025-01-01' },
          ],
        }),
        importRefused('supervisions', 'unitCode'),
      ),
    'POST /imports: supervisions.supervisedUnitCode': (me) =>
      ledger.attempt(
        importJson(me, {
          supervisions: [
            {
              personCode: me.tag === 'XC' ? 'P-X1' : 'P-XT',
              unitCode: me.tag,
              supervisedUnitCode: 'DC-T1',
              startDate: '2025-01-01',
            },
          ],
        }),
        importRefused('supervisions', 'supervisedUnitCode'),
      ),
    'POST /imports: oversightPairs.overseerCode': (me) =>
      ledger.attempt(
        importJson(me, {
          oversightPairs: [
            { overseerCode: 'P-M1', headCode: me.tag === 'XC' ? 'P-X1' : 'P-XT', startDate: '2025-01-01' },
          ],
        }),
        importRefused('oversightPairs', 'overseerCode'),
      ),
    'POST /imports: oversightPairs.headCode': (me) =>
      ledger.attempt(
        importJson(me, {
          oversightPairs: [
            { overseerCode: me.tag === 'XC' ? 'P-X1' : 'P-XT', headCode: 'P-M1', startDate: '2025-01-01' },
          ],
        }),
        importRefused('oversightPairs', 'headCode'),
      ),
  };

  it('has a row for every request field that names a unit or person (OpenAPI, and the import columns)', async () => {
    const docs = await test.http().get('/api/docs/openapi.json');
    const importColumns = Object.entries(WORKBOOK_LAYOUT).flatMap(([section, { columns }]) =>
      Object.keys(columns)
        .filter((column) => column.endsWith('Code') && column !== 'code')
        .map((column) => ({ operation: 'POST /imports', field: `${section}.${column}` })),
    );
    expect(importColumns).toHaveLength(12);
    expect(
      referenceRowProblems([...referenceFieldsOf(docs.body), ...importColumns], Object.keys(rows)),
    ).toEqual({
      missing: [],
      unknown: [],
    });
  });

  describe.each([
    ['西城区 (XC)', 'XC', 'XC-T1', 'P-X1'],
    ['白沙街道 (XC-T1)', 'XC-T1', 'XC-V1', 'P-XT'],
  ])('sent by the admin of %s', (_label, unit, below, person) => {
    const me = (): Me => ({
      token: tokens[unit] ?? {},
      unit: ids[unit] ?? '',
      below: ids[below] ?? '',
      person: ids[person] ?? '',
      tag: unit,
    });
    it.each(Object.keys(rows))('%s', async (row) => {
      await rows[row]?.(me());
    });
  });

  it('was refused for scope: the same requests within 西城区 go through', async () => {
    const xc = tokens.XC ?? {};
    const created = await test.http().post('/org-units').set(xc).send({
      code: 'XC-V9',
      name: '新村',
      level: 'village',
      type: 'village',
      partyOrgType: 'branch',
      leadingOrgId: ids['XC-T1'],
      guidingOrgId: ids.XC,
    });
    expect(created.status).toBe(201);
    const pair = await test
      .http()
      .post('/oversight-pairs')
      .set(xc)
      .send({ overseerId: ids['P-X1'], headId: ids['P-XT'], startDate: '2025-01-01' });
    expect(pair.status).toBe(201);
    const job = await test
      .http()
      .post('/imports?wait=true')
      .set(xc)
      .send(doc({ units: [{ ...importUnit({ tag: 'XC' } as Me, {}), code: 'XC-V8', parentCode: 'XC-T1' }] }));
    expect(job.body.status).toBe('succeeded');
  });
});
