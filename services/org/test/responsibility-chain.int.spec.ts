import type { OrgTestApp } from './org-test-app';
import { importDocument, startOrgTestApp, tokenFor, unitIdByCode } from './org-test-app';
import { SMALL_CITY } from '@dutychain/testing';

describe('responsibility chain on a date (real Postgres)', () => {
  let test: OrgTestApp;

  beforeAll(async () => {
    test = await startOrgTestApp();
    await importDocument(test, SMALL_CITY);
  });
  afterAll(async () => test.close());

  const chainOf = async (code: string, date: string) => {
    const response = await test
      .http()
      .get(`/org-units/${await unitIdByCode(test, code)}/responsibility-chain?date=${date}`)
      .set(test.admin);
    expect(response.status).toBe(200);
    return response.body;
  };

  it('names the secretary in post on the date, across a handover', async () => {
    expect((await chainOf('DC', '2024-06-30')).first.personName).toBe('周明远');
    expect((await chainOf('DC', '2024-07-01')).first.personName).toBe('林晓红');
    expect((await chainOf('DC', '2021-02-28')).first).toBeNull();
  });

  it('names the supervising member of a department as 分管 stood on the date', async () => {
    const in2023 = await chainOf('DC-D1', '2023-06-01');
    expect(in2023.dual.supervisors.map((s: { personName: string }) => s.personName)).toEqual(['赵立新']);
    expect(in2023.dual.supervisors[0]).toMatchObject({ area: '教育', title: '区委常委、副区长' });
    const in2024 = await chainOf('DC-D1', '2024-08-01');
    expect(in2024.dual.supervisors.map((s: { personName: string }) => s.personName)).toEqual(['孙雅琴']);
  });

  it('gives the committee, the covering commission with its secretary, and the leading org one level up', async () => {
    const chain = await chainOf('DC-T1', '2024-08-01');
    expect(chain.primary).toMatchObject({ name: '柳营镇', partyOrgType: 'committee' });
    expect(chain.first.personName).toBe('赵立新'); // moved from the district team to the town on 2024-01-01
    expect(chain.supervisory).toMatchObject({ name: '东城区纪委监委', kind: 'commission' });
    expect(chain.supervisory.secretary.personName).toBe('陈正清');
    expect(chain.leadingOrg.unit.name).toBe('东城区');
    expect(chain.leadingOrg.secretary.personName).toBe('林晓红');
    const dispatched = await chainOf('DC-D1', '2024-08-01');
    expect(dispatched.supervisory).toMatchObject({
      name: '东城区派驻第一纪检监察组',
      kind: 'dispatchedGroup',
      secretary: null,
    });
  });

  it('still finds a person who has moved on, with their whole post history (lifelong accountability)', async () => {
    const leader = await tokenFor(test, 'P-NEW', 'DC', ['commissionStaff']);
    const chain = await test
      .http()
      .get(`/org-units/${await unitIdByCode(test, 'DC-D1')}/responsibility-chain?date=2023-06-01`)
      .set(leader);
    const moved = await test.http().get(`/people/${chain.body.dual.supervisors[0].personId}`).set(leader);
    expect(moved.status).toBe(200);
    expect(
      moved.body.posts.map((post: { unitName: string; endDate: string | null }) => [
        post.unitName,
        post.endDate,
      ]),
    ).toEqual([
      ['东城区', '2023-12-31'],
      ['柳营镇', null],
    ]);
    expect(moved.body.supervisions[0]).toMatchObject({
      supervisedUnitName: '东城区教育局',
      endDate: '2023-12-31',
    });
  });
});
