import type { Response } from 'supertest';
import { writeImportWorkbook } from '../src/import/workbook-codec';
import { emptyImportDocument } from '@dutychain/org-contract';
import type { OrgTestApp } from './org-test-app';
import { importDocument, personIdByCode, startOrgTestApp, tokenFor, unitIdByCode } from './org-test-app';
import { SMALL_CITY } from '@dutychain/testing';

/**
 * Every endpoint, called by an admin of 西城区 (XC) against 东城区 (DC)'s part of the tree, must be
 * refused. The first test fails when an endpoint is added without a row here.
 */
describe('access matrix: a caller from another subtree is refused everywhere', () => {
  let test: OrgTestApp;
  let outsider: Record<string, string>;
  let insider: Record<string, string>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    test = await startOrgTestApp();
    await importDocument(test, SMALL_CITY);
    outsider = await tokenFor(test, 'P-X1', 'XC', ['admin']);
    insider = await tokenFor(test, 'P-NEW', 'DC', ['admin']);
    for (const code of ['DC', 'DC-T1', 'DC-D1']) ids[code] = await unitIdByCode(test, code);
    for (const code of ['P-NEW', 'P-M2', 'P-T1']) ids[code] = await personIdByCode(test, code);
    const key = await test
      .http()
      .post('/auth/api-keys')
      .set(insider)
      .send({ name: '东城区数据中台', unitId: ids.DC, roles: ['ops'] });
    ids.apiKey = key.body.id;
    const team = await test.http().get(`/org-units/${ids.DC}/team?date=2025-01-01`).set(insider);
    ids.post = team.body[0].id;
    const commissions = await test.http().get(`/org-units/${ids.DC}/commissions`).set(insider);
    ids.commission = commissions.body.find((commission: { code: string }) => commission.code === 'DC-JW').id;
    const supervision = await test.http().post('/supervisions').set(insider).send({
      personId: ids['P-M2'],
      unitId: ids.DC,
      supervisedUnitId: ids['DC-T1'],
      startDate: '2025-01-01',
    });
    ids.supervision = supervision.body.id;
    const pair = await test
      .http()
      .post('/oversight-pairs')
      .set(insider)
      .send({ overseerId: ids['P-NEW'], headId: ids['P-M2'], startDate: '2025-01-01' });
    ids.oversightPair = pair.body.id;
    const job = await test
      .http()
      .post('/imports')
      .set(insider)
      .send({ ...emptyImportDocument(), people: [{ code: 'P-IMP', name: '钱志强' }] });
    ids.importJob = job.body.id;
  });
  afterAll(async () => test.close());

  const refused = (response: Response): void => {
    expect([403, 404]).toContain(response.status);
    if (response.status === 403) expect(response.body.code).toBe('OUTSIDE_SCOPE');
  };
  const importRefusedByScope = async (response: Response): Promise<void> => {
    expect(response.status).toBe(202);
    expect(response.body.status).toBe('failed');
    expect(response.body.problems.map((problem: { rule: string }) => problem.rule)).toContain('scope');
    expect((await test.http().get(`/org-units/${ids.DC}/children`).set(insider)).body).toHaveLength(2);
  };
  const crossUnitImport = {
    ...emptyImportDocument(),
    units: [
      {
        code: 'DC-T9',
        name: '越权镇',
        level: 'town',
        type: 'town',
        partyOrgType: 'committee',
        parentCode: 'DC',
      },
    ],
  };

  const matrix: Record<string, () => Promise<void>> = {
    'GET /health/live': async () => expect((await test.http().get('/health/live')).status).toBe(200), // public by design
    'GET /health/ready': async () => expect((await test.http().get('/health/ready')).status).toBe(200), // public by design
    'GET /auth/me': async () =>
      expect((await test.http().get('/auth/me').set(outsider)).body.unitId).not.toBe(ids.DC),
    'POST /auth/tokens': async () =>
      refused(
        await test
          .http()
          .post('/auth/tokens')
          .set(outsider)
          .send({ personId: ids['P-NEW'], unitId: ids.DC, roles: ['leader'] }),
      ),
    'POST /auth/api-keys': async () =>
      refused(
        await test
          .http()
          .post('/auth/api-keys')
          .set(outsider)
          .send({ name: '越权', unitId: ids.DC, roles: ['ops'] }),
      ),
    'DELETE /auth/api-keys/{id}': async () =>
      refused(await test.http().delete(`/auth/api-keys/${ids.apiKey}`).set(outsider)),
    'POST /org-units': async () =>
      refused(
        await test.http().post('/org-units').set(outsider).send({
          code: 'X',
          name: '越权',
          level: 'town',
          type: 'town',
          partyOrgType: 'committee',
          leadingOrgId: ids.DC,
        }),
      ),
    'GET /org-units/by-code/{code}': async () =>
      refused(await test.http().get('/org-units/by-code/DC').set(outsider)),
    'GET /org-units/{id}': async () => refused(await test.http().get(`/org-units/${ids.DC}`).set(outsider)),
    'PATCH /org-units/{id}': async () =>
      refused(await test.http().patch(`/org-units/${ids['DC-T1']}`).set(outsider).send({ name: '改名' })),
    'GET /org-units/{id}/subtree': async () =>
      refused(await test.http().get(`/org-units/${ids.DC}/subtree`).set(outsider)),
    'GET /org-units/{id}/children': async () =>
      refused(await test.http().get(`/org-units/${ids.DC}/children`).set(outsider)),
    'GET /org-units/{id}/team': async () =>
      refused(await test.http().get(`/org-units/${ids.DC}/team`).set(outsider)),
    'GET /org-units/{id}/responsibility-chain': async () =>
      refused(await test.http().get(`/org-units/${ids['DC-T1']}/responsibility-chain`).set(outsider)),
    'GET /org-units/{id}/commissions': async () =>
      refused(await test.http().get(`/org-units/${ids.DC}/commissions`).set(outsider)),
    'POST /commissions': async () => {
      refused(
        await test
          .http()
          .post('/commissions')
          .set(outsider)
          .send({ code: 'DC-JW9', name: '越权纪委', kind: 'commission', hostUnitId: ids.DC }),
      );
      expect((await test.http().get(`/org-units/${ids.DC}/commissions`).set(insider)).body).toHaveLength(2);
    },
    'GET /commissions/{id}': async () =>
      refused(await test.http().get(`/commissions/${ids.commission}`).set(outsider)),
    // A person is registered at a unit the caller runs; someone registered elsewhere stays out of sight.
    'POST /people': async () => {
      refused(
        await test
          .http()
          .post('/people')
          .set(outsider)
          .send({ code: 'P-OUT', name: '外来人', unitId: ids.DC }),
      );
      const atHome = await test
        .http()
        .post('/people')
        .set(outsider)
        .send({ code: 'P-OUT2', name: '外来人', unitId: await unitIdByCode(test, 'XC') });
      expect(atHome.status).toBe(201);
      refused(await test.http().get(`/people/${atHome.body.id}`).set(insider));
    },
    'GET /people': async () => {
      const found = await test
        .http()
        .get(`/people?q=${encodeURIComponent('林')}`)
        .set(outsider);
      expect(found.status).toBe(200);
      expect(found.body).toEqual([]);
    },
    'GET /people/{id}': async () => refused(await test.http().get(`/people/${ids['P-NEW']}`).set(outsider)),
    'POST /posts': async () =>
      refused(
        await test.http().post('/posts').set(outsider).send({
          personId: ids['P-NEW'],
          unitId: ids['DC-T1'],
          kind: 'member',
          title: '委员',
          startDate: '2025-01-01',
        }),
      ),
    'POST /posts/{id}/end': async () =>
      refused(await test.http().post(`/posts/${ids.post}/end`).set(outsider).send({ endDate: '2025-12-31' })),
    'POST /supervisions': async () =>
      refused(
        await test.http().post('/supervisions').set(outsider).send({
          personId: ids['P-M2'],
          unitId: ids.DC,
          supervisedUnitId: ids['DC-T1'],
          startDate: '2025-01-01',
        }),
      ),
    'POST /supervisions/{id}/end': async () => {
      refused(
        await test
          .http()
          .post(`/supervisions/${ids.supervision}/end`)
          .set(outsider)
          .send({ endDate: '2025-06-30' }),
      );
      const chain = await test
        .http()
        .get(`/org-units/${ids['DC-T1']}/responsibility-chain?date=2025-12-31`)
        .set(insider);
      const supervisors = chain.body.dual.supervisors as { personName: string }[];
      expect(supervisors.map((supervisor) => supervisor.personName)).toContain('孙雅琴');
    },
    'POST /oversight-pairs': async () =>
      refused(
        await test
          .http()
          .post('/oversight-pairs')
          .set(outsider)
          .send({ overseerId: ids['P-M2'], headId: ids['P-NEW'], startDate: '2025-01-01' }),
      ),
    'POST /oversight-pairs/{id}/end': async () =>
      refused(
        await test
          .http()
          .post(`/oversight-pairs/${ids.oversightPair}/end`)
          .set(outsider)
          .send({ endDate: '2025-06-30' }),
      ),
    'POST /imports': async () =>
      importRefusedByScope(await test.http().post('/imports?wait=true').set(outsider).send(crossUnitImport)),
    'POST /imports/xlsx': async () =>
      importRefusedByScope(
        await test
          .http()
          .post('/imports/xlsx?wait=true')
          .set(outsider)
          .attach('file', await writeImportWorkbook(crossUnitImport), '越权.xlsx'),
      ),
    'GET /imports/template.xlsx': async () =>
      expect((await test.http().get('/imports/template.xlsx').set(outsider)).status).toBe(200), // same for everyone
    'GET /imports/{id}': async () =>
      refused(
        await test
          .http()
          .get(`/imports/${ids.importJob}`)
          .set(await tokenFor(test, 'P-X1', 'XC', ['committeeStaff'])),
      ),
  };

  it('has a row for every endpoint in the OpenAPI document', async () => {
    const docs = await test.http().get('/api/docs/openapi.json');
    const endpoints = Object.entries(docs.body.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(endpoints.sort()).toEqual(Object.keys(matrix).sort());
  });

  it.each(Object.keys(matrix))('%s', async (endpoint) => {
    await matrix[endpoint]?.();
  });

  it('lets a guiding org see a unit it guides but not run it', async () => {
    const guide = await tokenFor(test, 'P-XT', 'XC-T1', ['committeeStaff']);
    const seen = await test.http().get(`/org-units/${ids['DC-D1']}`).set(guide);
    expect(seen.status).toBe(200);
    expect(seen.body.name).toBe('东城区教育局');
    const run = await test.http().patch(`/org-units/${ids['DC-D1']}`).set(guide).send({ name: '改名' });
    expect(run.status).toBe(403);
    expect(run.body.code).toBe('GUIDING_ORG_READ_ONLY');
    expect((await test.http().get(`/org-units/${ids.DC}`).set(guide)).status).toBe(403);
    // The guided bureau's head is visible to the guide, but a pair naming him as overseer is the bureau's to set.
    const pair = await test
      .http()
      .post('/oversight-pairs')
      .set(guide)
      .send({
        overseerId: ids['P-T1'],
        headId: await personIdByCode(test, 'P-XT'),
        startDate: '2025-01-01',
      });
    expect(pair.status).toBe(403);
    expect(pair.body.code).toBe('GUIDING_ORG_READ_ONLY');
  });

  it('checks roles: a leader reads but may not change the tree', async () => {
    const leader = await tokenFor(test, 'P-NEW', 'DC', ['leader']);
    expect((await test.http().get(`/org-units/${ids.DC}`).set(leader)).status).toBe(200);
    const write = await test.http().patch(`/org-units/${ids.DC}`).set(leader).send({ name: '改名' });
    expect(write.status).toBe(403);
    expect(write.body.code).toBe('FORBIDDEN_ROLE');
    expect((await test.http().get(`/org-units/${ids.DC}`).set(test.admin)).body.name).toBe('东城区');
  });

  it('accepts an API key within its subtree and refuses a revoked or forged one', async () => {
    const created = await test
      .http()
      .post('/auth/api-keys')
      .set(insider)
      .send({ name: '柳营镇对接', unitId: ids['DC-T1'], roles: ['ops'] });
    const headers = { 'x-api-key': created.body.key as string };
    expect((await test.http().get(`/org-units/${ids['DC-T1']}`).set(headers)).status).toBe(200);
    expect((await test.http().get(`/org-units/${ids.DC}`).set(headers)).status).toBe(403);
    expect(
      (
        await test
          .http()
          .get('/auth/me')
          .set({ 'x-api-key': `${created.body.key as string}x` })
      ).status,
    ).toBe(401);
    expect(
      (
        await test
          .http()
          .delete(`/auth/api-keys/${created.body.id as string}`)
          .set(insider)
      ).status,
    ).toBe(204);
    expect((await test.http().get('/auth/me').set(headers)).status).toBe(401);
    const forged = `${outsider.authorization?.slice(0, -4) ?? ''}AAAA`;
    expect((await test.http().get('/auth/me').set({ authorization: forged })).status).toBe(401);
  });
});
