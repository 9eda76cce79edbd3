import { gzipSync } from 'node:zlib';
import type { OrgTestApp } from './org-test-app';
import { importDocument, startOrgTestApp, unitIdByCode } from './org-test-app';
import { SMALL_CITY } from '@dutychain/testing';
import { emptyImportDocument } from '@dutychain/org-contract';

/** Input that used to slip past validation into a 500: every case now names the field and the rule. */
describe('bad input is a 4xx naming the field and rule (real Postgres)', () => {
  let test: OrgTestApp;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    test = await startOrgTestApp();
    await importDocument(test, SMALL_CITY);
    for (const code of ['DC', 'DC-T1', 'XC']) ids[code] = await unitIdByCode(test, code);
  });
  afterAll(async () => test.close());

  const firstError = (body: { errors: { field: string; rule: string }[] }) => body.errors[0];

  it('refuses null for a field that can be left out but not cleared, and an empty change', async () => {
    for (const field of ['name', 'type', 'partyOrgType']) {
      const response = await test
        .http()
        .patch(`/org-units/${ids['DC-T1']}`)
        .set(test.admin)
        .send({ [field]: null });
      expect(response.status).toBe(400);
      expect(firstError(response.body)).toMatchObject({ field });
    }
    const empty = await test.http().patch(`/org-units/${ids['DC-T1']}`).set(test.admin).send({});
    expect(empty.status).toBe(400);
    expect(firstError(empty.body)).toMatchObject({ field: 'body', rule: 'atLeastOneField' });
    const read = await test.http().get(`/org-units/${ids['DC-T1']}`).set(test.admin);
    expect(read.body).toMatchObject({ name: '柳营镇', type: 'town' });
  });

  it('refuses a guiding org inside the unit’s own subtree', async () => {
    const response = await test
      .http()
      .patch(`/org-units/${ids.DC}`)
      .set(test.admin)
      .send({ guidingOrgId: ids['DC-T1'] });
    expect(response.status).toBe(400);
    expect(firstError(response.body)).toMatchObject({ field: 'guidingOrgId', rule: 'notDescendant' });
    expect((await test.http().get(`/org-units/${ids.DC}`).set(test.admin)).body.guidingOrgId).toBeNull();
  });

  it('refuses NUL in free-text path parameters and in a subtree cursor', async () => {
    const byCode = await test.http().get('/org-units/by-code/DC%00').set(test.admin);
    expect(byCode.status).toBe(400);
    expect(firstError(byCode.body)).toMatchObject({ field: 'code', rule: 'text' });
    const key = await test.http().delete('/auth/api-keys/%00').set(test.admin);
    expect(key.status).toBe(400);
    expect(firstError(key.body)).toMatchObject({ field: 'id', rule: 'text' });
    const root = (await test.http().get(`/org-units/${ids.DC}`).set(test.admin)).body.path as string;
    const cursor = Buffer.from(`${root}\0/`, 'utf8').toString('base64url');
    const page = await test.http().get(`/org-units/${ids.DC}/subtree?cursor=${cursor}`).set(test.admin);
    expect(page.status).toBe(400);
    expect(firstError(page.body)).toMatchObject({ field: 'cursor' });
  });

  it('names the body when it is not JSON, not UTF-8 or not decompressible, and the path when it is not UTF-8', async () => {
    // serialize: the bytes go out as given (superagent would JSON-encode a Buffer).
    const send = (headers: Record<string, string>, body: string | Buffer) =>
      test
        .http()
        .post('/org-units')
        .set(test.admin)
        .set(headers)
        .serialize((raw: unknown) => raw as string)
        .send(body);
    const malformed = await send({ 'content-type': 'application/json' }, '{"code":');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ code: 'MALFORMED_BODY' });
    expect(firstError(malformed.body)).toMatchObject({ field: 'body', rule: 'json' });
    const latin1 = await send({ 'content-type': 'application/json; charset=latin1' }, '{}');
    expect(latin1.status).toBe(415);
    expect(firstError(latin1.body)).toMatchObject({ field: 'body', rule: 'charset' });
    const garbage = await send({ 'content-type': 'application/json', 'content-encoding': 'gzip' }, 'garbage');
    expect(garbage.status).toBe(400);
    expect(firstError(garbage.body)).toMatchObject({ field: 'body', rule: 'contentEncoding' });
    // A real gzip body is fine: the rule is about broken bodies, not compression.
    const gzipped = await send(
      { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      gzipSync(
        JSON.stringify({
          code: 'DC-T7',
          name: '杏花镇',
          level: 'town',
          type: 'town',
          partyOrgType: 'committee',
          leadingOrgId: ids.DC,
        }),
      ),
    );
    expect(gzipped.status).toBe(201);
    const badPath = await test.http().get('/org-units/by-code/%E4%B8').set(test.admin);
    expect(badPath.status).toBe(400);
    expect(firstError(badPath.body)).toMatchObject({ field: 'path', rule: 'uriEncoding' });
  });

  it('keeps the large body limit for imports only', async () => {
    const padding = '某'.repeat(700_000); // about 2 MB of UTF-8
    const person = await test
      .http()
      .post('/people')
      .set(test.admin)
      .send({ code: 'P-BIG', name: '张三', unitId: ids.DC, padding });
    expect(person.status).toBe(413);
    expect(firstError(person.body)).toMatchObject({ field: 'body', rule: 'maxBytes' });
    const people = Array.from({ length: 20_000 }, (_, index) => ({
      code: `P-BULK-${index}`,
      name: '王某某',
    }));
    const bulk = await test
      .http()
      .post('/imports')
      .set(test.admin)
      .send({ ...emptyImportDocument(), people: [...people, { code: 'P-BULK-0', name: '重复' }] });
    expect(bulk.status).toBe(202);
  });

  it('refuses null for a reference that may be left out, and keeps ids in lower case whatever case was sent', async () => {
    const unit = {
      code: 'DC-T1-V7',
      name: '小写村',
      level: 'village',
      type: 'village',
      partyOrgType: 'branch',
    };
    for (const field of ['leadingOrgId', 'guidingOrgId', 'commissionId']) {
      const response = await test
        .http()
        .post('/org-units')
        .set(test.admin)
        .send({ ...unit, leadingOrgId: ids['DC-T1'], [field]: null });
      expect(response.status).toBe(400);
      expect(firstError(response.body)).toMatchObject({ field });
    }
    const created = await test
      .http()
      .post('/org-units')
      .set(test.admin)
      .send({ ...unit, leadingOrgId: ids['DC-T1']?.toUpperCase() });
    expect(created.status).toBe(201);
    expect(created.body.leadingOrgId).toBe(ids['DC-T1']);
    const person = await test
      .http()
      .post('/people')
      .set(test.admin)
      .send({ code: 'P-CASE', name: '大小写', unitId: ids.DC?.toUpperCase() });
    expect(person.status).toBe(201);
    expect(person.body.registeredUnitId).toBe(ids.DC);
  });
});
