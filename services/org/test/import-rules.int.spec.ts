import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';
import { SMALL_CITY } from '@dutychain/testing';
import { constraintRuleOf } from '../src/import/import-constraints';
import type { ImportDocument } from '@dutychain/org-contract';
import { emptyImportDocument } from '@dutychain/org-contract';
import { writeImportWorkbook } from '../src/import/workbook-codec';
import type { OrgTestApp } from './org-test-app';
import { importDocument, personIdByCode, startOrgTestApp, tokenFor, unitIdByCode } from './org-test-app';

/**
 * The bulk import refuses, cell by cell, everything the database or the single-record API would
 * refuse, and never fails with an anonymous "internal" problem. 海州市 (SMALL_CITY) is stored first,
 * so rows can collide with stored posts as well as with each other.
 */
describe('bulk import rules (real Postgres)', () => {
  let test: OrgTestApp;
  const TABLES = ['org_unit', 'commission', 'person', 'post', 'supervision', 'oversight_pair', 'audit_log'];
  const db = () => test.app.get(DataSource);

  const counts = async (): Promise<Record<string, number>> => {
    const result: Record<string, number> = {};
    for (const table of TABLES)
      result[table] = Number((await db().query(`SELECT count(*) AS n FROM org.${table}`))[0].n);
    return result;
  };

  type Located = { sheet: string; row: number; column: string; rule: string };
  const located = (problems: (Located & { message: string })[]): Located[] =>
    problems.map(({ sheet, row, column, rule }) => ({ sheet, row, column, rule }));

  /** Imports a document that must be refused; gives back where and why, and checks nothing changed. */
  const refusedProblems = async (
    document: Partial<Record<keyof ImportDocument, unknown[]>>,
    headers: Record<string, string> = test.admin,
  ) => {
    const before = await counts();
    const response = await test
      .http()
      .post('/imports?wait=true')
      .set(headers)
      .send({ ...emptyImportDocument(), ...document });
    expect(response.status).toBe(202);
    expect(response.body.status).toBe('failed');
    for (const problem of response.body.problems) expect(problem.message).toEqual(expect.any(String));
    expect(await counts()).toEqual(before);
    return located(response.body.problems);
  };

  const unit = (code: string, parentCode: string, extra: Record<string, string> = {}) => ({
    code,
    name: `${code}单位`,
    level: 'district',
    type: 'department',
    partyOrgType: 'partyGroup',
    parentCode,
    ...extra,
  });

  beforeAll(async () => {
    test = await startOrgTestApp();
    await importDocument(test, SMALL_CITY);
  });
  afterAll(async () => test.close());

  it('1. reports NUL, lone surrogates and over-long codes by cell, without sending them to PostgreSQL', async () => {
    const problems = await refusedProblems({
      units: [
        unit('N\u0000UL', 'DC', { name: '空字符局' }),
        unit('OK-1', 'DC', { guidingOrgCode: 'XC\u0000' }),
      ],
      people: [{ code: 'P-\uD800', name: '孤立代理' }],
      posts: [{ personCode: 'P-\u0000X', unitCode: 'D'.repeat(65), kind: 'member', startDate: '2025-01-01' }],
      supervisions: [
        { personCode: 'P-M2', unitCode: 'DC', supervisedUnitCode: 'DC-T1\u0000', startDate: '2025-01-01' },
      ],
      oversightPairs: [{ overseerCode: 'P-M2', headCode: '\uDC00P-T1', startDate: '2025-01-01' }],
    });
    expect(problems).toEqual([
      { sheet: 'units', row: 1, column: 'code', rule: 'storable' },
      { sheet: 'units', row: 2, column: 'guidingOrgCode', rule: 'storable' },
      { sheet: 'people', row: 1, column: 'code', rule: 'storable' },
      { sheet: 'posts', row: 1, column: 'personCode', rule: 'storable' },
      { sheet: 'posts', row: 1, column: 'unitCode', rule: 'maxLength' },
      { sheet: 'supervisions', row: 1, column: 'supervisedUnitCode', rule: 'storable' },
      { sheet: 'oversightPairs', row: 1, column: 'headCode', rule: 'storable' },
    ]);
  });

  it('2. refuses a guiding org that is the unit itself or below it, as PATCH /org-units does', async () => {
    const problems = await refusedProblems({
      units: [
        unit('G-SELF', 'DC', { guidingOrgCode: 'G-SELF' }),
        unit('G-A', 'DC', { guidingOrgCode: 'G-A-2' }),
        unit('G-A-1', 'G-A'),
        unit('G-A-2', 'G-A-1'),
        // Guidance from above or from beside is dual management as it should be.
        unit('G-A-3', 'G-A-1', { guidingOrgCode: 'G-A' }),
        unit('G-B', 'DC', { guidingOrgCode: 'XC-T1' }),
      ],
    });
    expect(problems).toEqual([
      { sheet: 'units', row: 1, column: 'guidingOrgCode', rule: 'notSelf' },
      { sheet: 'units', row: 2, column: 'guidingOrgCode', rule: 'notDescendant' },
    ]);
  });

  it('3. refuses a person holding two overlapping posts on one team, in the file or with a stored one', async () => {
    const problems = await refusedProblems({
      people: [{ code: 'P-Z1', name: '钱多多' }],
      posts: [
        // P-M2 has sat on 东城区's team as a member since 2024-01-01 (stored).
        { personCode: 'P-M2', unitCode: 'DC', kind: 'deputySecretary', startDate: '2025-01-01' },
        {
          personCode: 'P-Z1',
          unitCode: 'DC',
          kind: 'member',
          startDate: '2025-01-01',
          endDate: '2025-12-31',
        },
        // End dates are inclusive: 2025-12-31 is a day in both posts.
        { personCode: 'P-Z1', unitCode: 'DC', kind: 'deputySecretary', startDate: '2025-12-31' },
        // P-M1's stored member post on 东城区 ended 2023-12-31; another team is another seat.
        { personCode: 'P-M1', unitCode: 'DC', kind: 'member', startDate: '2025-01-01' },
        { personCode: 'P-Z1', unitCode: 'DC-T1', kind: 'member', startDate: '2025-01-01' },
      ],
    });
    expect(problems).toEqual([
      { sheet: 'posts', row: 1, column: 'startDate', rule: 'oneSeatPerPersonPerTeam' },
      { sheet: 'posts', row: 3, column: 'startDate', rule: 'oneSeatPerPersonPerTeam' },
    ]);
  });

  it('4. refuses a secretary or commission secretary overlapping a stored one of the same unit', async () => {
    const problems = await refusedProblems({
      people: [
        { code: 'P-Z2', name: '王二' },
        { code: 'P-Z3', name: '张三' },
        { code: 'P-Z4', name: '李四' },
      ],
      posts: [
        // 东城区: 林晓红 secretary since 2024-07-01, 陈正清 commission secretary since 2022-01-01.
        { personCode: 'P-Z2', unitCode: 'DC', kind: 'secretary', startDate: '2025-01-01' },
        {
          personCode: 'P-Z3',
          unitCode: 'DC',
          kind: 'commissionSecretary',
          startDate: '2023-01-01',
          endDate: '2023-06-30',
        },
        // Before 周明远 (from 2021-03-01): a free seat.
        {
          personCode: 'P-Z4',
          unitCode: 'DC',
          kind: 'secretary',
          startDate: '2020-01-01',
          endDate: '2021-02-28',
        },
        // 白沙街道's secretary 何丽萍 starts 2023-02-01, the last day of this one.
        {
          personCode: 'P-Z4',
          unitCode: 'XC-T1',
          kind: 'secretary',
          startDate: '2023-01-01',
          endDate: '2023-02-01',
        },
      ],
    });
    expect(problems).toEqual([
      { sheet: 'posts', row: 1, column: 'startDate', rule: 'oneSecretaryAtATime' },
      { sheet: 'posts', row: 2, column: 'startDate', rule: 'oneCommissionSecretaryAtATime' },
      { sheet: 'posts', row: 4, column: 'startDate', rule: 'oneSecretaryAtATime' },
    ]);
  });

  it('5. refuses a 分管 whose member holds no post on the team on its start date, as POST /supervisions does', async () => {
    const problems = await refusedProblems({
      people: [{ code: 'P-Z5', name: '周五' }],
      posts: [{ personCode: 'P-Z5', unitCode: 'DC', kind: 'member', startDate: '2025-01-01' }],
      supervisions: [
        // P-M1 left 东城区's team on 2023-12-31 (stored).
        { personCode: 'P-M1', unitCode: 'DC', supervisedUnitCode: 'DC-T1', startDate: '2024-06-01' },
        // P-Z5 joins the team the day after (in the file).
        { personCode: 'P-Z5', unitCode: 'DC', supervisedUnitCode: 'DC-D1', startDate: '2024-12-31' },
        { personCode: 'P-Z5', unitCode: 'DC', supervisedUnitCode: 'DC-D1', startDate: '2025-01-01' },
        { personCode: 'P-M2', unitCode: 'DC', supervisedUnitCode: 'DC-T1', startDate: '2025-01-01' },
        // P-M1 is 柳营镇's secretary since 2024-01-01 (stored).
        { personCode: 'P-M1', unitCode: 'DC-T1', supervisedUnitCode: 'DC-V1', startDate: '2024-06-01' },
      ],
    });
    expect(problems).toEqual([
      { sheet: 'supervisions', row: 1, column: 'personCode', rule: 'supervisor.holdsPost' },
      { sheet: 'supervisions', row: 2, column: 'personCode', rule: 'supervisor.holdsPost' },
    ]);
    // The single-record API says the same of the first row.
    const api = await test
      .http()
      .post('/supervisions')
      .set(test.admin)
      .send({
        personId: await personIdByCode(test, 'P-M1'),
        unitId: await unitIdByCode(test, 'DC'),
        supervisedUnitId: await unitIdByCode(test, 'DC-T1'),
        startDate: '2024-06-01',
      });
    expect(api.status).toBe(422);
    expect(api.body.errors[0]).toMatchObject({ field: 'personId', rule: 'supervisor.holdsPost' });
  });

  it('6. refuses unknown fields in JSON rows, one problem per field, instead of dropping them', async () => {
    const problems = await refusedProblems({
      // Without the check, parentcode is dropped and a global admin's unit becomes a root.
      units: [
        {
          code: 'U-TYPO',
          name: '错拼单位',
          level: 'town',
          type: 'town',
          partyOrgType: 'committee',
          parentcode: 'DC',
        },
      ],
      people: [{ code: 'P-TYPO', name: '错拼', Gender: 'male', unit_code: 'DC' }],
    });
    expect(problems).toEqual([
      { sheet: 'units', row: 1, column: 'parentcode', rule: 'unknownField' },
      { sheet: 'people', row: 1, column: 'Gender', rule: 'unknownField' },
      { sheet: 'people', row: 1, column: 'unit_code', rule: 'unknownField' },
    ]);
  });

  it('7. reports Excel error values by sheet, row and column, along with the other problems', async () => {
    const workbook = new ExcelJS.Workbook();
    const document: ImportDocument = {
      ...emptyImportDocument(),
      units: [unit('E-1', 'DC'), unit('E-2', 'DC')],
      people: [{ code: 'P-E1', name: '错值' }],
    };
    await workbook.xlsx.load((await writeImportWorkbook(document)) as unknown as ExcelJS.Buffer);
    const units = workbook.getWorksheet('单位');
    const people = workbook.getWorksheet('人员');
    if (!units || !people) throw new Error('template sheets missing');
    units.getCell('B2').value = { formula: '1/0', result: { error: '#DIV/0!' } }; // 单位名称
    units.getCell('C3').value = '省'; // 层级: an ordinary problem, reported too
    people.getCell('B2').value = { error: '#N/A' }; // 姓名: a cell of type Error
    const before = await counts();
    const response = await test
      .http()
      .post('/imports/xlsx?wait=true')
      .set(test.admin)
      .attach('file', Buffer.from(await workbook.xlsx.writeBuffer()), '错误值.xlsx');
    expect(response.status).toBe(202);
    expect(response.body.status).toBe('failed');
    // No "required" for the error cells themselves: they are reported once, as errors.
    expect(located(response.body.problems)).toEqual([
      { sheet: '单位', row: 2, column: '单位名称', rule: 'cellError' },
      { sheet: '人员', row: 2, column: '姓名', rule: 'cellError' },
      { sheet: '单位', row: 3, column: '层级', rule: 'oneOf' },
    ]);
    expect(response.body.problems[0].message).toContain('#DIV/0!');
    expect(await counts()).toEqual(before);
  });

  it('8. names the rule of a constraint the database enforces after validation, and writes nothing', async () => {
    // Another transaction stores a secretary of 青山社区 and has not committed yet, so the import's
    // validation cannot see it; the import's write then waits for it, and fails once it commits.
    const racer = new Client({ connectionString: test.db.url });
    await racer.connect();
    try {
      await racer.query('BEGIN');
      await racer.query(
        `INSERT INTO org.post (person_id, unit_id, kind, title, start_date) VALUES ($1, $2, 'secretary', '社区党委书记', '2030-01-01')`,
        [await personIdByCode(test, 'P-X1'), await unitIdByCode(test, 'XC-V1')],
      );
      const before = await counts();
      const started = await test
        .http()
        .post('/imports')
        .set(test.admin)
        .send({
          ...emptyImportDocument(),
          people: [{ code: 'P-RACE', name: '赛跑者' }],
          posts: [{ personCode: 'P-RACE', unitCode: 'XC-V1', kind: 'secretary', startDate: '2030-06-01' }],
        });
      expect(started.status).toBe(202);
      await waitUntil(async () => {
        const { rows } = await racer.query<{ n: string }>(
          `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        return Number(rows[0]?.n) > 0;
      });
      await racer.query('COMMIT');
      let job: { status: string; problems: (Located & { message: string })[] } = started.body;
      await waitUntil(async () => {
        job = (
          await test
            .http()
            .get(`/imports/${started.body.id as string}`)
            .set(test.admin)
        ).body;
        return job.status === 'failed' || job.status === 'succeeded';
      });
      expect(job.status).toBe('failed');
      expect(located(job.problems)).toEqual([
        { sheet: 'posts', row: 0, column: 'startDate', rule: 'oneSecretaryAtATime' },
      ]);
      expect(job.problems[0]?.message).toContain('post_one_secretary_at_a_time');
      // All or nothing: the person written before the post is gone too; only the racer's post is new.
      expect(await counts()).toEqual({ ...before, post: (before.post ?? 0) + 1 });
      expect(await db().query(`SELECT 1 FROM org.person WHERE code = 'P-RACE'`)).toEqual([]);
    } finally {
      await racer.end();
    }
  });

  it('8. knows a rule for every constraint of the tables it writes', async () => {
    const constraints: { table: string; name: string; type: string }[] = await db().query(
      `SELECT conrelid::regclass::text AS "table", conname AS name, contype AS type
         FROM pg_constraint
        WHERE connamespace = 'org'::regnamespace AND contype IN ('u', 'x', 'c', 'f')
          AND conrelid::regclass::text IN ('org.org_unit', 'org.commission', 'org.person', 'org.post',
                                           'org.supervision', 'org.oversight_pair')`,
    );
    expect(constraints.length).toBeGreaterThanOrEqual(29);
    const code = { u: '23505', x: '23P01', c: '23514', f: '23503' } as Record<string, string>;
    for (const constraint of constraints) {
      const error = new QueryFailedError('INSERT …', [], {
        code: code[constraint.type],
        constraint: constraint.name,
        table: constraint.table.replace('org.', ''),
      } as unknown as Error);
      // A named field means the constraint is in the table of rules, not guessed from its name.
      expect({ name: constraint.name, field: constraintRuleOf(error)?.field }).toEqual({
        name: constraint.name,
        field: expect.stringMatching(/.+/),
      });
    }
    const named = (constraint: string, driverCode: string) =>
      constraintRuleOf(
        new QueryFailedError('INSERT …', [], { code: driverCode, constraint } as unknown as Error),
      )?.rule;
    expect(named('post_one_secretary_at_a_time', '23P01')).toBe('oneSecretaryAtATime');
    expect(named('post_one_commission_secretary_at_a_time', '23P01')).toBe('oneCommissionSecretaryAtATime');
    expect(named('post_one_seat_per_person_per_team', '23P01')).toBe('oneSeatPerPersonPerTeam');
    expect(named('org_unit_guiding_not_self', '23514')).toBe('notSelf');
    expect(named('person_code_key', '23505')).toBe('unique');
    // Anything else is not a row's fault and stays "internal".
    expect(named('post_one_secretary_at_a_time', '40001')).toBeUndefined();
  });

  it("9. applies the API's scope rules to the stored records rows point at", async () => {
    // Staff of 柳营镇 run 柳营镇 and 桃源村 and see nothing of 西城区.
    const townStaff = await tokenFor(test, 'P-M1', 'DC-T1', ['committeeStaff']);
    const problems = await refusedProblems(
      {
        commissions: [
          { code: 'T-JW', name: '越权纪委', kind: 'commission', hostUnitCode: 'XC' },
          { code: 'T-JW2', name: '柳营镇纪委', kind: 'commission', hostUnitCode: 'DC-T1' },
        ],
        people: [{ code: 'P-Z9', name: '新来的' }],
        posts: [{ personCode: 'P-Z9', unitCode: 'DC-T1', kind: 'member', startDate: '2025-01-01' }],
        supervisions: [
          { personCode: 'P-M1', unitCode: 'DC-T1', supervisedUnitCode: 'XC-V1', startDate: '2024-06-01' },
          { personCode: 'P-M1', unitCode: 'DC-T1', supervisedUnitCode: 'DC-V1', startDate: '2024-06-01' },
        ],
        oversightPairs: [
          // 郑文博 is 西城区's, 吴海峰 东城区教育局's: neither is the town's to pair.
          { overseerCode: 'P-X1', headCode: 'P-T1', startDate: '2025-01-01' },
          { overseerCode: 'P-M1', headCode: 'P-XT', startDate: '2025-01-01' },
          { overseerCode: 'P-M1', headCode: 'P-Z9', startDate: '2025-01-01' },
        ],
      },
      townStaff,
    );
    expect(problems).toEqual([
      { sheet: 'commissions', row: 1, column: 'hostUnitCode', rule: 'scope' },
      { sheet: 'supervisions', row: 1, column: 'supervisedUnitCode', rule: 'scope' },
      { sheet: 'oversightPairs', row: 1, column: 'overseerCode', rule: 'scope' },
      { sheet: 'oversightPairs', row: 1, column: 'headCode', rule: 'scope' },
      { sheet: 'oversightPairs', row: 2, column: 'headCode', rule: 'scope' },
    ]);
    // The single-record API refuses the first oversight pair too.
    const api = await test
      .http()
      .post('/oversight-pairs')
      .set(townStaff)
      .send({
        overseerId: await personIdByCode(test, 'P-X1'),
        headId: await personIdByCode(test, 'P-T1'),
        startDate: '2025-01-01',
      });
    expect(api.status).toBe(403);
  });
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
