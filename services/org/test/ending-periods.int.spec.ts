import { DataSource } from 'typeorm';
import type { OrgTestApp } from './org-test-app';
import { importDocument, personIdByCode, startOrgTestApp, tokenFor, unitIdByCode } from './org-test-app';
import { SMALL_CITY } from '@dutychain/testing';

/** 分管 and oversight pairs end the way posts do: once, on or after their start, by whoever could create them. */
describe('ending 分管 and oversight pairs (real Postgres)', () => {
  let test: OrgTestApp;
  let districtStaff: Record<string, string>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    test = await startOrgTestApp();
    await importDocument(test, SMALL_CITY);
    for (const code of ['DC', 'DC-T1', 'DC-D1']) ids[code] = await unitIdByCode(test, code);
    for (const code of ['P-JW', 'P-M1', 'P-M2', 'P-NEW', 'P-T1'])
      ids[code] = await personIdByCode(test, code);
    districtStaff = await tokenFor(test, 'P-NEW', 'DC', ['committeeStaff']);
  });
  afterAll(async () => test.close());

  const db = () => test.app.get(DataSource);
  const supervisorsOf = async (unitId: string, date: string): Promise<string[]> => {
    const response = await test
      .http()
      .get(`/org-units/${unitId}/responsibility-chain?date=${date}`)
      .set(test.admin);
    expect(response.status).toBe(200);
    return response.body.dual.supervisors.map((supervisor: { personName: string }) => supervisor.personName);
  };
  const createSupervision = async (personId: string, startDate: string, area: string): Promise<string> => {
    const created = await test.http().post('/supervisions').set(districtStaff).send({
      personId,
      unitId: ids.DC,
      supervisedUnitId: ids['DC-T1'],
      area,
      startDate,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), area, startDate, endDate: null });
    return created.body.id as string;
  };
  const storedEnd = async (table: 'supervision' | 'oversight_pair', id: string): Promise<string | null> => {
    const rows: { end: string | null }[] = await db().query(
      `SELECT to_char(end_date, 'YYYY-MM-DD') AS "end" FROM org.${table} WHERE id = $1`,
      [id],
    );
    return rows[0]?.end ?? null;
  };

  it('ends a 分管: the chain drops the member after the end date and keeps them up to it', async () => {
    const id = await createSupervision(ids['P-JW'] ?? '', '2025-01-01', '纪检');
    expect(await supervisorsOf(ids['DC-T1'] ?? '', '2025-09-01')).toEqual(['陈正清']);

    const ended = await test
      .http()
      .post(`/supervisions/${id}/end`)
      .set(districtStaff)
      .send({ endDate: '2025-06-30' });
    expect(ended.status).toBe(201);
    expect(ended.body).toMatchObject({ id, startDate: '2025-01-01', endDate: '2025-06-30' });

    expect(await supervisorsOf(ids['DC-T1'] ?? '', '2024-12-31')).toEqual([]);
    expect(await supervisorsOf(ids['DC-T1'] ?? '', '2025-01-01')).toEqual(['陈正清']);
    expect(await supervisorsOf(ids['DC-T1'] ?? '', '2025-06-30')).toEqual(['陈正清']);
    expect(await supervisorsOf(ids['DC-T1'] ?? '', '2025-07-01')).toEqual([]);
    expect(await supervisorsOf(ids['DC-T1'] ?? '', '2025-09-01')).toEqual([]);

    const audit = await db().query(
      `SELECT unit_id, payload FROM org.audit_log WHERE action = 'supervision.end' AND entity_id = $1`,
      [id],
    );
    expect(audit).toEqual([{ unit_id: ids.DC, payload: { endDate: '2025-06-30' } }]);
  });

  it('refuses to end a 分管 before its start (400) or a second time (409), changing nothing', async () => {
    const id = await createSupervision(ids['P-M2'] ?? '', '2025-03-01', '农业');
    const early = await test
      .http()
      .post(`/supervisions/${id}/end`)
      .set(districtStaff)
      .send({ endDate: '2025-02-28' });
    expect(early.status).toBe(400);
    expect(early.body.code).toBe('VALIDATION_FAILED');
    expect(early.body.errors).toEqual([
      expect.objectContaining({ field: 'endDate', rule: 'notBeforeStart' }),
    ]);
    const badDate = await test
      .http()
      .post(`/supervisions/${id}/end`)
      .set(districtStaff)
      .send({ endDate: '2025-02-30' });
    expect(badDate.status).toBe(400);
    expect(badDate.body.errors[0]).toMatchObject({ field: 'endDate', rule: 'isoDate' });
    const noDate = await test.http().post(`/supervisions/${id}/end`).set(districtStaff).send({});
    expect(noDate.status).toBe(400);
    expect(noDate.body.errors[0]).toMatchObject({ field: 'endDate', rule: 'isoDate' });
    expect(await storedEnd('supervision', id)).toBeNull();

    // Ending on the first day is allowed: the end date is inclusive.
    const sameDay = await test
      .http()
      .post(`/supervisions/${id}/end`)
      .set(districtStaff)
      .send({ endDate: '2025-03-01' });
    expect(sameDay.status).toBe(201);
    const again = await test
      .http()
      .post(`/supervisions/${id}/end`)
      .set(districtStaff)
      .send({ endDate: '2025-12-31' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CONFLICT');
    expect(again.body.errors).toEqual([expect.objectContaining({ field: 'endDate', rule: 'alreadyEnded' })]);
    expect(again.body.message).toContain('2025-03-01');
    expect(await storedEnd('supervision', id)).toBe('2025-03-01');
    expect(await supervisorsOf(ids['DC-T1'] ?? '', '2025-03-01')).toContain('孙雅琴');
    expect(await supervisorsOf(ids['DC-T1'] ?? '', '2025-03-02')).not.toContain('孙雅琴');

    // One imported with an end date is ended already.
    const [imported] = await db().query<{ id: string }[]>(
      `SELECT id FROM org.supervision WHERE person_id = $1 AND end_date IS NOT NULL`,
      [ids['P-M1']],
    );
    const importedAgain = await test
      .http()
      .post(`/supervisions/${imported?.id ?? ''}/end`)
      .set(districtStaff)
      .send({ endDate: '2024-06-30' });
    expect(importedAgain.status).toBe(409);
    expect(await storedEnd('supervision', imported?.id ?? '')).toBe('2023-12-31');

    const unknown = await test
      .http()
      .post('/supervisions/00000000-0000-4000-8000-000000000000/end')
      .set(districtStaff)
      .send({ endDate: '2025-12-31' });
    expect(unknown.status).toBe(404);
    const badId = await test
      .http()
      .post('/supervisions/42/end')
      .set(districtStaff)
      .send({ endDate: '2025-12-31' });
    expect(badId.status).toBe(400);
    expect(badId.body.errors[0]).toMatchObject({ field: 'id', rule: 'isUuid' });
    const audit = await db().query(
      `SELECT 1 FROM org.audit_log WHERE action = 'supervision.end' AND entity_id = $1`,
      [id],
    );
    expect(audit).toHaveLength(1);
  });

  it('lets only those who run the team’s unit end a 分管', async () => {
    const id = await createSupervision(ids['P-M2'] ?? '', '2025-05-01', '文旅');
    const leader = await tokenFor(test, 'P-NEW', 'DC', ['leader']);
    const byLeader = await test
      .http()
      .post(`/supervisions/${id}/end`)
      .set(leader)
      .send({ endDate: '2025-12-31' });
    expect(byLeader.status).toBe(403);
    expect(byLeader.body.code).toBe('FORBIDDEN_ROLE');
    const town = await tokenFor(test, 'P-M1', 'DC-T1', ['committeeStaff']);
    const byTown = await test
      .http()
      .post(`/supervisions/${id}/end`)
      .set(town)
      .send({ endDate: '2025-12-31' });
    expect(byTown.status).toBe(403);
    expect(byTown.body.code).toBe('OUTSIDE_SCOPE');
    expect(await storedEnd('supervision', id)).toBeNull();
  });

  it('ends an oversight pair once, on or after its start', async () => {
    const created = await test
      .http()
      .post('/oversight-pairs')
      .set(districtStaff)
      .send({ overseerId: ids['P-NEW'], headId: ids['P-M1'], startDate: '2025-01-01' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), startDate: '2025-01-01', endDate: null });
    const id = created.body.id as string;

    const early = await test
      .http()
      .post(`/oversight-pairs/${id}/end`)
      .set(districtStaff)
      .send({ endDate: '2024-12-31' });
    expect(early.status).toBe(400);
    expect(early.body.errors).toEqual([
      expect.objectContaining({ field: 'endDate', rule: 'notBeforeStart' }),
    ]);
    const leader = await tokenFor(test, 'P-NEW', 'DC', ['leader']);
    const byLeader = await test
      .http()
      .post(`/oversight-pairs/${id}/end`)
      .set(leader)
      .send({ endDate: '2025-12-31' });
    expect(byLeader.status).toBe(403);
    expect(await storedEnd('oversight_pair', id)).toBeNull();

    const ended = await test
      .http()
      .post(`/oversight-pairs/${id}/end`)
      .set(districtStaff)
      .send({ endDate: '2025-12-31' });
    expect(ended.status).toBe(201);
    expect(ended.body).toMatchObject({
      id,
      overseerId: ids['P-NEW'],
      headId: ids['P-M1'],
      endDate: '2025-12-31',
    });
    const head = await test.http().get(`/people/${ids['P-M1']}`).set(districtStaff);
    expect(head.body.overseenBy).toEqual([
      expect.objectContaining({ overseerName: '林晓红', endDate: '2025-12-31' }),
    ]);

    const again = await test
      .http()
      .post(`/oversight-pairs/${id}/end`)
      .set(districtStaff)
      .send({ endDate: '2026-06-30' });
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([expect.objectContaining({ field: 'endDate', rule: 'alreadyEnded' })]);
    expect(await storedEnd('oversight_pair', id)).toBe('2025-12-31');
    const audit = await db().query(
      `SELECT payload FROM org.audit_log WHERE action = 'oversightPair.end' AND entity_id = $1`,
      [id],
    );
    expect(audit).toEqual([{ payload: { endDate: '2025-12-31' } }]);
  });

  it('answers concurrent ends of the same 分管 with one success and one 409', async () => {
    const id = await createSupervision(ids['P-JW'] ?? '', '2026-01-01', '巡察');
    const responses = await Promise.all(
      ['2026-03-31', '2026-04-30'].map((endDate) =>
        test.http().post(`/supervisions/${id}/end`).set(districtStaff).send({ endDate }),
      ),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([201, 409]);
    const winner = responses.find((response) => response.status === 201);
    expect(await storedEnd('supervision', id)).toBe(winner?.body.endDate);
    const audit = await db().query(
      `SELECT 1 FROM org.audit_log WHERE action = 'supervision.end' AND entity_id = $1`,
      [id],
    );
    expect(audit).toHaveLength(1);
  });
});
