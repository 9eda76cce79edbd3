import { DataSource } from 'typeorm';
import type { OrgTestApp } from './org-test-app';
import { importDocument, personIdByCode, startOrgTestApp, tokenFor, unitIdByCode } from './org-test-app';
import { SMALL_CITY } from '@dutychain/testing';

interface Problem {
  field: string;
  rule: string;
  message: string;
}

describe('commissions (real Postgres)', () => {
  let test: OrgTestApp;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    test = await startOrgTestApp();
    await importDocument(test, SMALL_CITY);
    for (const code of ['DC', 'DC-T1', 'DC-V1', 'DC-D1', 'XC-V1']) ids[code] = await unitIdByCode(test, code);
    const rows: { id: string; code: string }[] = await test.app
      .get(DataSource)
      .query(`SELECT id, code FROM org.commission`);
    for (const row of rows) ids[row.code] = row.id;
  });
  afterAll(async () => test.close());

  const auditRows = async (action: string, entityId: string) =>
    test.app
      .get(DataSource)
      .query<{ unit_id: string; payload: Record<string, unknown> }[]>(
        `SELECT unit_id, payload FROM org.audit_log WHERE action = $1 AND entity_id = $2`,
        [action, entityId],
      );
  const chainOf = async (unitId: string, date: string) => {
    const response = await test
      .http()
      .get(`/org-units/${unitId}/responsibility-chain?date=${date}`)
      .set(test.admin);
    expect(response.status).toBe(200);
    return response.body;
  };
  const rulesOf = (problems: Problem[]) => problems.map((problem) => `${problem.field}:${problem.rule}`);

  it('creates a commission at a unit the caller runs, covers a unit with it, and the chain names it', async () => {
    const townDiscipline = await tokenFor(test, 'P-M1', 'DC-T1', ['commissionStaff']);
    const created = await test.http().post('/commissions').set(townDiscipline).send({
      code: 'DC-T1-JW',
      name: ' 柳营镇纪委 ',
      kind: 'commission',
      hostUnitId: ids['DC-T1'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      code: 'DC-T1-JW',
      name: '柳营镇纪委',
      kind: 'commission',
      hostUnitId: ids['DC-T1'],
      hostUnitName: '柳营镇',
    });
    const id = created.body.id as string;
    const audit = await auditRows('commission.create', id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      unit_id: ids['DC-T1'],
      payload: { code: 'DC-T1-JW', kind: 'commission' },
    });

    expect((await chainOf(ids['DC-V1'] ?? '', '2025-03-01')).supervisory).toBeNull();
    const townStaff = await tokenFor(test, 'P-M1', 'DC-T1', ['committeeStaff']);
    const covered = await test
      .http()
      .patch(`/org-units/${ids['DC-V1']}`)
      .set(townStaff)
      .send({ commissionId: id });
    expect(covered.status).toBe(200);
    // The commission's secretary sits on the host unit's team from 2025-01-01.
    const secretary = await test
      .http()
      .post('/posts')
      .set(test.admin)
      .send({
        personId: await personIdByCode(test, 'P-OLD'),
        unitId: ids['DC-T1'],
        kind: 'commissionSecretary',
        title: '镇党委委员、纪委书记',
        startDate: '2025-01-01',
      });
    expect(secretary.status).toBe(201);

    const chain = await chainOf(ids['DC-V1'] ?? '', '2025-03-01');
    expect(chain.supervisory).toMatchObject({
      commissionId: id,
      code: 'DC-T1-JW',
      name: '柳营镇纪委',
      kind: 'commission',
    });
    expect(chain.supervisory.secretary.personName).toBe('周明远');
    expect((await chainOf(ids['DC-V1'] ?? '', '2024-12-31')).supervisory).toMatchObject({
      name: '柳营镇纪委',
      secretary: null,
    });

    const detail = await test.http().get(`/commissions/${id}`).set(townDiscipline);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      id,
      name: '柳营镇纪委',
      hostUnitId: ids['DC-T1'],
      hostUnitName: '柳营镇',
    });
    expect(detail.body.coveredUnits).toEqual({
      items: [expect.objectContaining({ id: ids['DC-V1'], name: '桃源村', commissionId: id })],
      nextCursor: null,
    });
    const hosted = await test.http().get(`/org-units/${ids['DC-T1']}/commissions`).set(townDiscipline);
    expect(hosted.status).toBe(200);
    expect(hosted.body).toEqual([created.body]);
  });

  it('lists the units a commission covers in pinyin order, page by page, and a unit’s hosted commissions', async () => {
    for (const [code, name] of [
      ['DC-V7', '众兴村'],
      ['DC-V8', '安乐村'],
    ] as const) {
      const unit = await test.http().post('/org-units').set(test.admin).send({
        code,
        name,
        level: 'village',
        type: 'village',
        partyOrgType: 'branch',
        leadingOrgId: ids['DC-T1'],
        commissionId: ids['DC-JW'],
      });
      expect(unit.status).toBe(201);
    }
    // 安 (an) < 东 (dong) < 柳 (liu) < 众 (zhong)
    const names: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await test
        .http()
        .get(`/commissions/${ids['DC-JW']}?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .set(test.admin);
      expect(page.status).toBe(200);
      expect(page.body.coveredUnits.items.length).toBeLessThanOrEqual(2);
      names.push(...page.body.coveredUnits.items.map((unit: { name: string }) => unit.name));
      cursor = page.body.coveredUnits.nextCursor as string | null;
      pages++;
    } while (cursor && pages < 10);
    expect(names).toEqual(['安乐村', '东城区', '柳营镇', '众兴村']);
    expect(pages).toBe(3); // the second page is full, so a third (empty) one is offered

    const hosted = await test.http().get(`/org-units/${ids.DC}/commissions`).set(test.admin);
    expect(hosted.status).toBe(200);
    expect(hosted.body.map((commission: { name: string }) => commission.name)).toEqual([
      '东城区纪委监委',
      '东城区派驻第一纪检监察组',
    ]);
    expect(hosted.body[1]).toMatchObject({ kind: 'dispatchedGroup', hostUnitName: '东城区' });
    expect((await test.http().get(`/org-units/${ids['DC-V1']}/commissions`).set(test.admin)).body).toEqual(
      [],
    );
  });

  it('leaves out covered units the caller cannot see', async () => {
    const townDiscipline = await tokenFor(test, 'P-M1', 'DC-T1', ['commissionStaff']);
    const created = await test.http().post('/commissions').set(townDiscipline).send({
      code: 'DC-T1-PZ',
      name: '柳营镇派驻组',
      kind: 'dispatchedGroup',
      hostUnitId: ids['DC-T1'],
    });
    expect(created.status).toBe(201);
    for (const unitId of [ids['DC-T1'], ids['XC-V1']]) {
      const patched = await test
        .http()
        .patch(`/org-units/${unitId}`)
        .set(test.admin)
        .send({ commissionId: created.body.id });
      expect(patched.status).toBe(200);
    }
    const seenByTown = await test.http().get(`/commissions/${created.body.id}`).set(townDiscipline);
    expect(seenByTown.body.coveredUnits.items.map((unit: { name: string }) => unit.name)).toEqual(['柳营镇']);
    // The district's dispatched group covers its education bureau: the bureau reads it (and only the
    // covered units it sees), a neighbouring district does not.
    const dispatched = (await test.http().get(`/org-units/${ids.DC}/commissions`).set(test.admin)).body.find(
      (commission: { code: string }) => commission.code === 'DC-PZ1',
    );
    const bureau = await tokenFor(test, 'P-T1', 'DC-D1', ['committeeStaff']);
    const readByBureau = await test.http().get(`/commissions/${dispatched.id}`).set(bureau);
    expect(readByBureau.status).toBe(200);
    expect(readByBureau.body).toMatchObject({ name: '东城区派驻第一纪检监察组', hostUnitName: '东城区' });
    expect(readByBureau.body.coveredUnits.items.map((unit: { name: string }) => unit.name)).toEqual([
      '东城区教育局',
    ]);
    const neighbour = await tokenFor(test, 'P-XT', 'XC-V1', ['admin']);
    expect((await test.http().get(`/commissions/${dispatched.id}`).set(neighbour)).status).toBe(403);
    const seenByAdmin = await test.http().get(`/commissions/${created.body.id}`).set(test.admin);
    expect(seenByAdmin.body.coveredUnits.items.map((unit: { name: string }) => unit.name)).toEqual([
      '柳营镇',
      '青山社区',
    ]);
  });

  it('answers a duplicate code with 409 naming the field, and stores nothing', async () => {
    const before = await test.http().get(`/org-units/${ids.DC}/commissions`).set(test.admin);
    const response = await test.http().post('/commissions').set(test.admin).send({
      code: 'DC-JW',
      name: '重复的纪委',
      kind: 'commission',
      hostUnitId: ids.DC,
    });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('CONFLICT');
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'code', rule: 'unique' })]);
    const after = await test.http().get(`/org-units/${ids.DC}/commissions`).set(test.admin);
    expect(after.body).toEqual(before.body);
    const audit = await test.app
      .get(DataSource)
      .query(
        `SELECT 1 FROM org.audit_log WHERE action = 'commission.create' AND payload->>'name' = '重复的纪委'`,
      );
    expect(audit).toHaveLength(0);
  });

  it('refuses bad input with 400 naming each field and rule', async () => {
    const missing = await test.http().post('/commissions').set(test.admin).send({
      code: 'X-JW',
      kind: 'bureau',
      hostUnitId: 'not-a-uuid',
    });
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('VALIDATION_FAILED');
    expect(rulesOf(missing.body.errors)).toEqual(
      expect.arrayContaining(['name:text', 'kind:isIn', 'hostUnitId:isUuid']),
    );
    const tooLong = await test
      .http()
      .post('/commissions')
      .set(test.admin)
      .send({ code: 'X-JW', name: '纪'.repeat(101), kind: '纪委', hostUnitId: ids.DC, extra: true });
    expect(tooLong.status).toBe(400);
    expect(rulesOf(tooLong.body.errors)).toEqual(
      expect.arrayContaining(['name:text', 'kind:isIn', 'extra:whitelistValidation']),
    );
    expect(tooLong.body.errors.find((problem: Problem) => problem.field === 'name').message).toBe(
      'name must be at most 100 characters',
    );
    const unknownHost = await test.http().post('/commissions').set(test.admin).send({
      code: 'X-JW',
      name: '无主纪委',
      kind: 'commission',
      hostUnitId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknownHost.status).toBe(404);
    expect((await test.http().get('/commissions/123').set(test.admin)).body.errors[0]).toMatchObject({
      field: 'id',
      rule: 'isUuid',
    });
    expect(
      (await test.http().get('/commissions/00000000-0000-4000-8000-000000000000').set(test.admin)).status,
    ).toBe(404);
    const badCursor = await test
      .http()
      .get(`/commissions/${ids['DC-JW']}?cursor=abc&limit=0`)
      .set(test.admin);
    expect(badCursor.status).toBe(400);
    expect(rulesOf(badCursor.body.errors)).toEqual(['limit:min']);
    const forgedCursor = await test.http().get(`/commissions/${ids['DC-JW']}?cursor=abc`).set(test.admin);
    expect(forgedCursor.status).toBe(400);
    expect(forgedCursor.body.errors[0]).toMatchObject({ field: 'cursor', rule: 'cursor' });
    const codes: { code: string }[] = await test.app.get(DataSource).query(`SELECT code FROM org.commission`);
    expect(codes.map((row) => row.code)).not.toContain('X-JW');
  });

  it('checks roles and scope: leaders may not create, nobody creates above their unit, a guiding org only reads', async () => {
    const body = { code: 'X-JW2', name: '越权纪委', kind: 'commission' };
    const leader = await tokenFor(test, 'P-NEW', 'DC', ['leader']);
    const byLeader = await test
      .http()
      .post('/commissions')
      .set(leader)
      .send({ ...body, hostUnitId: ids.DC });
    expect(byLeader.status).toBe(403);
    expect(byLeader.body.code).toBe('FORBIDDEN_ROLE');
    expect((await test.http().get(`/commissions/${ids['DC-JW']}`).set(leader)).status).toBe(200);

    const town = await tokenFor(test, 'P-M1', 'DC-T1', ['commissionStaff']);
    const above = await test
      .http()
      .post('/commissions')
      .set(town)
      .send({ ...body, hostUnitId: ids.DC });
    expect(above.status).toBe(403);
    expect(above.body.code).toBe('OUTSIDE_SCOPE');
    expect((await test.http().get(`/commissions/${ids['DC-JW']}`).set(town)).status).toBe(403);

    const guide = await tokenFor(test, 'P-XT', 'XC-T1', ['committeeStaff']);
    const guided = await test
      .http()
      .post('/commissions')
      .set(guide)
      .send({ ...body, hostUnitId: ids['DC-D1'] });
    expect(guided.status).toBe(403);
    expect(guided.body.code).toBe('GUIDING_ORG_READ_ONLY');
    const read = await test.http().get(`/org-units/${ids['DC-D1']}/commissions`).set(guide);
    expect(read.status).toBe(200);
    expect(read.body).toEqual([]);
  });
});
