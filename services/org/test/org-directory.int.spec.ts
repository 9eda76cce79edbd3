import type { OrgTestApp } from './org-test-app';
import { importDocument, startOrgTestApp, tokenFor, unitIdByCode } from './org-test-app';
import { SMALL_CITY } from '@dutychain/testing';

describe('org directory API (real Postgres)', () => {
  let test: OrgTestApp;
  let cityId: string;

  beforeAll(async () => {
    test = await startOrgTestApp();
    await importDocument(test, SMALL_CITY);
    cityId = await unitIdByCode(test, 'HZ');
  });
  afterAll(async () => test.close());

  it('creates a unit under a parent and reads it back with Chinese and emoji intact', async () => {
    const created = await test
      .http()
      .post('/org-units')
      .set(test.admin)
      .send({
        code: 'DC-V2',
        name: '杏林村🌾党支部',
        level: 'village',
        type: 'village',
        partyOrgType: 'branch',
        leadingOrgId: await unitIdByCode(test, 'DC-T1'),
      });
    expect(created.status).toBe(201);
    const read = await test.http().get(`/org-units/${created.body.id}`).set(test.admin);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ name: '杏林村🌾党支部', level: 'village', depth: 3 });
    expect(
      read.body.path.startsWith((await test.http().get(`/org-units/${cityId}`).set(test.admin)).body.path),
    ).toBe(true);
  });

  it('refuses bad fields with 400 naming each field and rule', async () => {
    const response = await test
      .http()
      .post('/org-units')
      .set(test.admin)
      .send({
        code: 'X1',
        name: '名'.repeat(101),
        level: 'province',
        type: 'village',
        partyOrgType: 'branch',
        leadingOrgId: 'not-a-uuid',
        extra: 1,
      });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    const rules = response.body.errors.map(
      (error: { field: string; rule: string }) => `${error.field}:${error.rule}`,
    );
    expect(rules).toEqual(
      expect.arrayContaining(['name:text', 'level:isIn', 'leadingOrgId:isUuid', 'extra:whitelistValidation']),
    );
    expect(response.body.errors.find((error: { field: string }) => error.field === 'name').message).toBe(
      'name must be at most 100 characters',
    );
  });

  it('refuses NUL characters and broken surrogates instead of failing in the database', async () => {
    const response = await test
      .http()
      .post('/org-units')
      .set(test.admin)
      .set('content-type', 'application/json')
      .send('{"code":"X2","name":"坏\\u0000名","level":"village","type":"village","partyOrgType":"branch"}');
    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toMatchObject({ field: 'name', rule: 'text' });
  });

  it('answers a duplicate code with 409 naming the field, and keeps the stored unit unchanged', async () => {
    const parentId = await unitIdByCode(test, 'DC');
    const response = await test.http().post('/org-units').set(test.admin).send({
      code: 'DC-T1',
      name: '重复镇',
      level: 'town',
      type: 'town',
      partyOrgType: 'committee',
      leadingOrgId: parentId,
    });
    expect(response.status).toBe(409);
    expect(response.body.errors[0]).toMatchObject({ field: 'code', rule: 'unique' });
    const stored = await test
      .http()
      .get(`/org-units/${await unitIdByCode(test, 'DC-T1')}`)
      .set(test.admin);
    expect(stored.body.name).toBe('柳营镇');
  });

  it('answers malformed JSON and unknown ids with 4xx, never 500', async () => {
    const malformed = await test
      .http()
      .post('/org-units')
      .set(test.admin)
      .set('content-type', 'application/json')
      .send('{"code":');
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('MALFORMED_BODY');
    const missing = await test.http().get('/org-units/00000000-0000-4000-8000-000000000000').set(test.admin);
    expect(missing.status).toBe(404);
    const badId = await test.http().get('/org-units/123').set(test.admin);
    expect(badId.status).toBe(400);
    expect(badId.body.errors[0]).toMatchObject({ field: 'id', rule: 'isUuid' });
  });

  it('pages through a subtree with a cursor and filters by level and name', async () => {
    const first = await test.http().get(`/org-units/${cityId}/subtree?limit=3`).set(test.admin);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(3);
    const second = await test
      .http()
      .get(`/org-units/${cityId}/subtree?limit=100&cursor=${first.body.nextCursor}`)
      .set(test.admin);
    const seen = [...first.body.items, ...second.body.items].map((unit: { code: string }) => unit.code);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(['HZ', 'DC', 'XC', 'DC-T1', 'DC-V1', 'XC-V1']));
    const villages = await test
      .http()
      .get(`/org-units/${cityId}/subtree?level=village&q=${encodeURIComponent('村')}`)
      .set(test.admin);
    expect(villages.body.items.map((unit: { name: string }) => unit.name).sort()).toEqual(
      ['杏林村🌾党支部', '桃源村'].sort(),
    );
  });

  it('lists children in pinyin order', async () => {
    const response = await test
      .http()
      .get(`/org-units/${await unitIdByCode(test, 'DC')}/children`)
      .set(test.admin);
    // 东城区教育局 (dong) before 柳营镇 (liu); each with how many units it leads (the cascade reads it).
    const children = response.body as { name: string; childCount: number }[];
    expect(children.map((unit) => unit.name)).toEqual(['东城区教育局', '柳营镇']);
    const town = children.find((unit) => unit.name === '柳营镇');
    const townChildren = await test
      .http()
      .get(`/org-units/${(town as unknown as { id: string }).id}/children`)
      .set(test.admin);
    expect(town?.childCount).toBe(townChildren.body.length);
    expect(townChildren.body.length).toBeGreaterThan(0);
    expect(children.find((unit) => unit.name === '东城区教育局')?.childCount).toBe(0);
  });

  it('shows who sat on a team on a date, before and after a handover', async () => {
    const districtId = await unitIdByCode(test, 'DC');
    const before = await test.http().get(`/org-units/${districtId}/team?date=2024-06-30`).set(test.admin);
    const after = await test.http().get(`/org-units/${districtId}/team?date=2024-07-01`).set(test.admin);
    const secretaryOf = (team: { kind: string; personName: string }[]) =>
      team.find((post) => post.kind === 'secretary')?.personName;
    expect(secretaryOf(before.body)).toBe('周明远');
    expect(secretaryOf(after.body)).toBe('林晓红');
    const badDate = await test.http().get(`/org-units/${districtId}/team?date=2024-02-30`).set(test.admin);
    expect(badDate.status).toBe(400);
    expect(badDate.body.errors[0]).toMatchObject({ field: 'date', rule: 'isoDate' });
  });

  it('refuses a second secretary for overlapping dates with 409 naming the rule', async () => {
    const person = await test
      .http()
      .post('/people')
      .set(test.admin)
      .send({ code: 'P-NEW2', name: '欧阳娜', unitId: await unitIdByCode(test, 'DC') });
    expect(person.status).toBe(201);
    const response = await test
      .http()
      .post('/posts')
      .set(test.admin)
      .send({
        personId: person.body.id,
        unitId: await unitIdByCode(test, 'DC'),
        kind: 'secretary',
        title: '区委书记',
        startDate: '2025-01-01',
      });
    expect(response.status).toBe(409);
    expect(response.body.errors[0]).toMatchObject({ rule: 'oneSecretaryAtATime' });
  });

  it('ends a post once, refuses an end date before the start, and searches people by Chinese name', async () => {
    const person = await test
      .http()
      .post('/people')
      .set(test.admin)
      .send({ code: 'P-TMP', name: '欧阳修远', gender: 'male', unitId: await unitIdByCode(test, 'DC-T1') });
    const post = await test
      .http()
      .post('/posts')
      .set(test.admin)
      .send({
        personId: person.body.id,
        unitId: await unitIdByCode(test, 'DC-T1'),
        kind: 'member',
        title: '镇党委委员',
        startDate: '2025-03-01',
      });
    expect(post.status).toBe(201);
    const tooEarly = await test
      .http()
      .post(`/posts/${post.body.id}/end`)
      .set(test.admin)
      .send({ endDate: '2025-02-01' });
    expect(tooEarly.status).toBe(400);
    expect(tooEarly.body.errors[0]).toMatchObject({ field: 'endDate', rule: 'notBeforeStart' });
    const ended = await test
      .http()
      .post(`/posts/${post.body.id}/end`)
      .set(test.admin)
      .send({ endDate: '2099-12-31' });
    expect(ended.status).toBe(201);
    const again = await test
      .http()
      .post(`/posts/${post.body.id}/end`)
      .set(test.admin)
      .send({ endDate: '2099-12-31' });
    expect(again.status).toBe(409);
    const leader = await tokenFor(test, 'P-NEW', 'DC', ['leader']);
    const found = await test
      .http()
      .get(`/people?q=${encodeURIComponent('欧阳')}`)
      .set(leader);
    expect(found.status).toBe(200);
    // 欧阳娜 holds no post but was registered at the district; pinyin order puts her first.
    expect(found.body.map((p: { name: string }) => p.name)).toEqual(['欧阳娜', '欧阳修远']);
  });

  it('registers a person at a unit the caller runs; that unit sees them before any post does', async () => {
    const townId = await unitIdByCode(test, 'DC-T1');
    const townStaff = await tokenFor(test, 'P-M1', 'DC-T1', ['committeeStaff']);
    const missingUnit = await test
      .http()
      .post('/people')
      .set(townStaff)
      .send({ code: 'P-REG0', name: '诸葛青' });
    expect(missingUnit.status).toBe(400);
    expect(missingUnit.body.errors).toEqual([expect.objectContaining({ field: 'unitId', rule: 'isUuid' })]);
    const unknownUnit = await test
      .http()
      .post('/people')
      .set(townStaff)
      .send({ code: 'P-REG0', name: '诸葛青', unitId: '00000000-0000-4000-8000-000000000000' });
    expect(unknownUnit.status).toBe(400);
    expect(unknownUnit.body.errors[0]).toMatchObject({ field: 'unitId', rule: 'exists' });
    const aboveTheTown = await test
      .http()
      .post('/people')
      .set(townStaff)
      .send({ code: 'P-REG0', name: '诸葛青', unitId: await unitIdByCode(test, 'DC') });
    expect(aboveTheTown.status).toBe(403);
    expect(aboveTheTown.body.code).toBe('OUTSIDE_SCOPE');

    const registered = await test
      .http()
      .post('/people')
      .set(townStaff)
      .send({ code: 'P-REG1', name: '诸葛青', unitId: townId });
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ code: 'P-REG1', registeredUnitId: townId });
    const detail = await test.http().get(`/people/${registered.body.id}`).set(townStaff);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ name: '诸葛青', registeredUnitId: townId, posts: [] });
    const found = await test
      .http()
      .get(`/people?q=${encodeURIComponent('诸葛')}`)
      .set(townStaff);
    expect(found.body.map((person: { code: string }) => person.code)).toEqual(['P-REG1']);
    const neighbour = await tokenFor(test, 'P-X1', 'XC', ['admin']);
    expect((await test.http().get(`/people/${registered.body.id}`).set(neighbour)).status).toBe(403);
    expect(
      (
        await test
          .http()
          .get(`/people?q=${encodeURIComponent('诸葛')}`)
          .set(neighbour)
      ).body,
    ).toEqual([]);
  });

  it('exports Prometheus metrics with route templates, not raw ids', async () => {
    await test.http().get(`/org-units/${cityId}`).set(test.admin);
    const metrics = await test.http().get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain('dutychain_process_cpu_seconds_total');
    expect(metrics.text).toMatch(
      /dutychain_http_requests_total\{method="GET",route="\/org-units\/:id",status="200"\} \d+/,
    );
    expect(metrics.text).not.toContain(cityId);
  });

  it('serves the OpenAPI document and health without credentials', async () => {
    const docs = await test.http().get('/api/docs/openapi.json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/org-units/{id}/responsibility-chain', '/imports/xlsx']),
    );
    expect((await test.http().get('/health/ready')).body).toMatchObject({ status: 'ok' });
  });
});
