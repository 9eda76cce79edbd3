import { emptyImportDocument } from '@dutychain/org-contract';
import type { OrgTestApp } from './org-test-app';
import { importDocument, personIdByCode, startOrgTestApp, tokenFor, unitIdByCode } from './org-test-app';
import { SMALL_CITY } from '@dutychain/testing';

/**
 * The holes a hostile tester found in the directory (issue #9), each as the attack that worked:
 * every field that names a unit or person is checked by the one scope policy, refusals name
 * nothing, and a change of scope reaches tokens already issued.
 */
describe('references are scoped, refusals name nothing, scope reaches live tokens (real Postgres)', () => {
  let test: OrgTestApp;
  const ids: Record<string, string> = {};
  /** 柳营镇 (DC-T1)'s admin and 西城区 XC-T1's admin: two towns of two districts. */
  let town: Record<string, string>;
  let otherTown: Record<string, string>;
  /** 东城区 (DC)'s admin: runs DC-T1 and DC-D1. */
  let district: Record<string, string>;

  beforeAll(async () => {
    test = await startOrgTestApp();
    await importDocument(test, SMALL_CITY);
    for (const code of ['DC', 'DC-T1', 'DC-D1', 'XC', 'XC-T1']) ids[code] = await unitIdByCode(test, code);
    for (const code of ['P-M1', 'P-M2', 'P-T1', 'P-XT', 'P-X1', 'P-NEW'])
      ids[code] = await personIdByCode(test, code);
    town = await tokenFor(test, 'P-M1', 'DC-T1', ['admin']);
    otherTown = await tokenFor(test, 'P-XT', 'XC-T1', ['admin']);
    district = await tokenFor(test, 'P-NEW', 'DC', ['admin']);
  });
  afterAll(async () => test.close());

  const neutral403 = (body: { code: string; errors: { field: string; rule: string }[] }, field: string) => {
    expect(body.code).toBe('OUTSIDE_SCOPE');
    expect(body.errors).toEqual([expect.objectContaining({ field, rule: 'inScope' })]);
  };

  it('1. a town cannot make another town its guide, nor create a unit guided from outside', async () => {
    const patch = await test
      .http()
      .patch(`/org-units/${ids['DC-T1']}`)
      .set(town)
      .send({ guidingOrgId: ids['XC-T1'] });
    expect(patch.status).toBe(403);
    neutral403(patch.body, 'guidingOrgId');
    const created = await test.http().post('/org-units').set(town).send({
      code: 'DC-T1-V8',
      name: '越权村',
      level: 'village',
      type: 'village',
      partyOrgType: 'branch',
      leadingOrgId: ids['DC-T1'],
      guidingOrgId: ids['XC-T1'],
    });
    expect(created.status).toBe(403);
    neutral403(created.body, 'guidingOrgId');
    // Nothing was opened up: the other town still sees nothing of 柳营镇.
    expect((await test.http().get(`/org-units/${ids['DC-T1']}`).set(otherTown)).status).toBe(403);
    expect((await test.http().get(`/org-units/${ids['DC-T1']}/team`).set(otherTown)).status).toBe(403);
    const stored = await test.http().get(`/org-units/${ids['DC-T1']}`).set(test.admin);
    expect(stored.body.guidingOrgId).toBeNull();
  });

  it('1. a caller who runs both units links them; the guide reads, cannot write, and loses it when unlinked', async () => {
    // A token of 东城区教育局 (DC-D1), issued before the link exists.
    const bureau = await tokenFor(test, 'P-T1', 'DC-D1', ['admin']);
    expect((await test.http().get(`/org-units/${ids['DC-T1']}`).set(bureau)).status).toBe(403);
    const link = await test
      .http()
      .patch(`/org-units/${ids['DC-T1']}`)
      .set(district)
      .send({ guidingOrgId: ids['DC-D1'] });
    expect(link.status).toBe(200);
    // The token issued before the link sees the guided town now, read-only.
    expect((await test.http().get(`/org-units/${ids['DC-T1']}`).set(bureau)).status).toBe(200);
    const write = await test.http().patch(`/org-units/${ids['DC-T1']}`).set(bureau).send({ name: '改名' });
    expect(write.status).toBe(403);
    expect(write.body.code).toBe('GUIDING_ORG_READ_ONLY');
    const unlink = await test
      .http()
      .patch(`/org-units/${ids['DC-T1']}`)
      .set(district)
      .send({ guidingOrgId: null });
    expect(unlink.status).toBe(200);
    // …and the same token loses it again, without waiting for the token to expire.
    expect((await test.http().get(`/org-units/${ids['DC-T1']}`).set(bureau)).status).toBe(403);
  });

  it("2. a post cannot attach another town's secretary to one's own unit", async () => {
    const post = await test.http().post('/posts').set(town).send({
      personId: ids['P-XT'],
      unitId: ids['DC-T1'],
      kind: 'member',
      title: '委员',
      startDate: '2025-01-01',
    });
    expect(post.status).toBe(403);
    neutral403(post.body, 'personId');
    expect((await test.http().get(`/people/${ids['P-XT']}`).set(town)).status).toBe(403);
    const token = await test
      .http()
      .post('/auth/tokens')
      .set(town)
      .send({ personId: ids['P-XT'], unitId: ids['DC-T1'], roles: ['leader'] });
    expect(token.status).toBe(403);
    // The import takes the same rule.
    const job = await test
      .http()
      .post('/imports?wait=true')
      .set(town)
      .send({
        ...emptyImportDocument(),
        people: [{ code: 'P-Z8', name: '新来的', unitCode: 'DC-T1' }],
        posts: [{ personCode: 'P-XT', unitCode: 'DC-T1', kind: 'member', startDate: '2025-01-01' }],
      });
    expect(job.body).toMatchObject({ status: 'failed' });
    expect(job.body.problems).toEqual([
      expect.objectContaining({ sheet: 'posts', column: 'personCode', rule: 'scope' }),
    ]);
    expect((await test.http().get(`/people/${ids['P-XT']}`).set(town)).status).toBe(403);
  });

  it('2. someone the caller already sees can take a post on its unit', async () => {
    // 吴海峰 (DC-D1) is in 东城区's sight; the district posts him to 柳营镇.
    const post = await test.http().post('/posts').set(district).send({
      personId: ids['P-T1'],
      unitId: ids['DC-T1'],
      kind: 'member',
      title: '挂职副书记',
      startDate: '2025-03-01',
    });
    expect(post.status).toBe(201);
  });

  it('3. an import job is readable by its starter and the admins of its part of the tree only', async () => {
    const globalJob = await test
      .http()
      .post('/imports?wait=true')
      .set(test.admin)
      .send({ ...emptyImportDocument(), people: [{ code: 'P-G1', name: '全局导入' }] });
    expect(globalJob.body.status).toBe('succeeded');
    expect((await test.http().get(`/imports/${globalJob.body.id}`).set(town)).status).toBe(404);
    expect((await test.http().get(`/imports/${globalJob.body.id}`).set(district)).status).toBe(404);
    expect((await test.http().get(`/imports/${globalJob.body.id}`).set(test.admin)).status).toBe(200);
    const townJob = await test
      .http()
      .post('/imports?wait=true')
      .set(town)
      .send({ ...emptyImportDocument(), people: [{ code: 'P-G2', name: '镇里导入', unitCode: 'DC-T1' }] });
    expect(townJob.body.status).toBe('succeeded');
    // The district admin runs the town; the other town's admin does not.
    expect((await test.http().get(`/imports/${townJob.body.id}`).set(district)).status).toBe(200);
    expect((await test.http().get(`/imports/${townJob.body.id}`).set(otherTown)).status).toBe(404);
  });

  it('7. a refusal is a neutral 403 that names nothing it refuses', async () => {
    const byCode = await test.http().get('/org-units/by-code/XC-T1').set(town);
    expect(byCode.status).toBe(403);
    expect(byCode.body).toMatchObject({
      code: 'OUTSIDE_SCOPE',
      message: 'outside your part of the org tree',
    });
    const person = await test.http().get(`/people/${ids['P-XT']}`).set(town);
    expect(person.status).toBe(403);
    const unit = await test.http().get(`/org-units/${ids['XC-T1']}/children`).set(town);
    expect(unit.status).toBe(403);
    const supervision = await test.http().post('/supervisions').set(town).send({
      personId: ids['P-M1'],
      unitId: ids['DC-T1'],
      supervisedUnitId: ids['XC-T1'],
      startDate: '2025-01-01',
    });
    expect(supervision.status).toBe(403);
    neutral403(supervision.body, 'supervisedUnitId');
    const names = ['何丽萍', '郑文博', '西城区', '街道'];
    for (const response of [byCode, person, unit, supervision]) {
      const text = JSON.stringify(response.body);
      for (const name of names) expect(text).not.toContain(name);
    }
  });

  it('8. the same oversight pair cannot be created twice over overlapping dates', async () => {
    const pair = { overseerId: ids['P-NEW'], headId: ids['P-M2'], startDate: '2025-02-01' };
    expect((await test.http().post('/oversight-pairs').set(district).send(pair)).status).toBe(201);
    const again = await test.http().post('/oversight-pairs').set(district).send(pair);
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([expect.objectContaining({ rule: 'onePairAtATime' })]);
    const person = await test.http().get(`/people/${ids['P-NEW']}`).set(district);
    expect(person.body.oversees.filter((row: { headId: string }) => row.headId === ids['P-M2'])).toHaveLength(
      1,
    );
  });

  it("a token stops working once its person no longer belongs to the token's unit", async () => {
    const person = await test
      .http()
      .post('/people')
      .set(test.admin)
      .send({ code: 'P-SEC', name: '借调干部', unitId: ids.XC });
    const post = await test.http().post('/posts').set(test.admin).send({
      personId: person.body.id,
      unitId: ids['DC-T1'],
      kind: 'member',
      title: '借调委员',
      startDate: '2025-01-01',
    });
    expect(post.status).toBe(201);
    const seconded = await test
      .http()
      .post('/auth/tokens')
      .set(test.admin)
      .send({ personId: person.body.id, unitId: ids['DC-T1'], roles: ['leader'] });
    const headers = { authorization: `Bearer ${seconded.body.token as string}` };
    expect((await test.http().get(`/org-units/${ids['DC-T1']}`).set(headers)).status).toBe(200);
    const ended = await test
      .http()
      .post(`/posts/${post.body.id}/end`)
      .set(test.admin)
      .send({ endDate: '2025-06-30' });
    expect(ended.status).toBe(201);
    const after = await test.http().get(`/org-units/${ids['DC-T1']}`).set(headers);
    expect(after.status).toBe(401);
    // And no new token is issued for someone who does not belong there.
    const reissue = await test
      .http()
      .post('/auth/tokens')
      .set(test.admin)
      .send({ personId: person.body.id, unitId: ids['DC-T1'], roles: ['leader'] });
    expect(reissue.status).toBe(422);
    expect(reissue.body.errors[0]).toMatchObject({ field: 'personId', rule: 'token.personBelongsToUnit' });
  });
});
