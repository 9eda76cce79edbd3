import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { buildDemoDistrict } from '@dutychain/demo';
import { emptyImportDocument } from '@dutychain/org-contract';
import { writeImportWorkbook } from '../src/import/workbook-codec';
import type { OrgTestApp } from './org-test-app';
import { startOrgTestApp, tokenFor, unitIdByCode } from './org-test-app';

describe('bulk import (real Postgres)', () => {
  let test: OrgTestApp;
  const count = async (table: string): Promise<number> =>
    Number((await test.app.get(DataSource).query(`SELECT count(*) AS n FROM org.${table}`))[0].n);

  beforeAll(async () => {
    test = await startOrgTestApp();
  });
  afterAll(async () => test.close());

  it('refuses a broken JSON document, reporting every bad cell, and writes nothing', async () => {
    const demo = buildDemoDistrict();
    const broken = {
      ...demo,
      units: [
        ...demo.units,
        { code: 'YX', name: '重复区', level: 'district', type: 'region', partyOrgType: 'committee' },
      ],
      people: demo.people.map((person, index) => (index === 5 ? { ...person, name: '' } : person)),
      posts: [{ personCode: 'NOBODY', unitCode: 'YX', kind: '主任', startDate: '2024-13-01' }, ...demo.posts],
    };
    const response = await test.http().post('/imports?wait=true').set(test.admin).send(broken);
    expect(response.status).toBe(202);
    expect(response.body.status).toBe('failed');
    expect(response.body.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          sheet: 'units',
          row: demo.units.length + 1,
          column: 'code',
          rule: 'unique',
        }),
        expect.objectContaining({ sheet: 'people', row: 6, column: 'name', rule: 'required' }),
        expect.objectContaining({ sheet: 'posts', row: 1, column: 'personCode', rule: 'exists' }),
        expect.objectContaining({ sheet: 'posts', row: 1, column: 'kind', rule: 'oneOf' }),
        expect.objectContaining({ sheet: 'posts', row: 1, column: 'startDate', rule: 'isoDate' }),
      ]),
    );
    expect(await count('org_unit')).toBe(0);
    expect(await count('person')).toBe(0);
  });

  it('reports a deliberately broken workbook by sheet, row, column and rule', async () => {
    const demo = buildDemoDistrict();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await writeImportWorkbook(demo)) as unknown as ExcelJS.Buffer);
    const units = workbook.getWorksheet('单位');
    const posts = workbook.getWorksheet('职务');
    if (!units || !posts) throw new Error('template sheets missing');
    units.getCell('C3').value = '省'; // 层级 of the second unit
    units.getCell('F4').value = 'NO-SUCH-UNIT'; // 上级单位编码 of the third unit
    posts.getCell('E2').value = '2024/02/30'; // 任职日期
    posts.getCell('F2').value = '2020-01-01'; // 离任日期 before 任职日期 once fixed is irrelevant: the start is already bad
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const response = await test
      .http()
      .post('/imports/xlsx?wait=true')
      .set(test.admin)
      .attach('file', buffer, '云溪区.xlsx');
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({ status: 'failed', source: 'xlsx', fileName: '云溪区.xlsx' });
    const located = response.body.problems.map(
      (p: { sheet: string; row: number; column: string; rule: string }) =>
        `${p.sheet}!${p.row}:${p.column}:${p.rule}`,
    );
    expect(located).toEqual(
      expect.arrayContaining(['单位!3:层级:oneOf', '单位!4:上级单位编码:exists', '职务!2:任职日期:isoDate']),
    );
    expect(await count('org_unit')).toBe(0);
  });

  it('refuses a file that is not a workbook, and a request without a file', async () => {
    const garbage = await test
      .http()
      .post('/imports/xlsx?wait=true')
      .set(test.admin)
      .attach('file', Buffer.from('not a workbook'), 'x.xlsx');
    expect(garbage.body.status).toBe('failed');
    expect(garbage.body.problems[0].rule).toBe('workbook.unreadable');
    const missing = await test.http().post('/imports/xlsx').set(test.admin);
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0]).toMatchObject({ field: 'file', rule: 'required' });
  });

  it('imports the whole demo district from a workbook, all of it, with progress counted', async () => {
    const demo = buildDemoDistrict();
    const response = await test
      .http()
      .post('/imports/xlsx?wait=true')
      .set(test.admin)
      .attach('file', await writeImportWorkbook(demo), '云溪区.xlsx');
    expect(response.body.status).toBe('succeeded');
    const rows = Object.values(demo).reduce((sum, section: unknown[]) => sum + section.length, 0);
    expect(response.body).toMatchObject({ totalRows: rows, processedRows: rows });
    expect(response.body.summary).toEqual({
      units: demo.units.length,
      commissions: demo.commissions.length,
      people: demo.people.length,
      posts: demo.posts.length,
      supervisions: demo.supervisions.length,
      oversightPairs: demo.oversightPairs.length,
    });
    expect(await count('org_unit')).toBe(353);
    expect(await count('person')).toBe(2000);
    // Everyone is registered where their earliest post in the file is.
    const [first] = await test.app
      .get(DataSource)
      .query(
        `SELECT unit.code FROM org.person person JOIN org.org_unit unit ON unit.id = person.registered_unit_id WHERE person.code = 'P00001'`,
      );
    expect(first).toEqual({ code: 'YX' });
    expect(
      Number(
        (
          await test.app
            .get(DataSource)
            .query(`SELECT count(*) AS n FROM org.person WHERE registered_unit_id IS NULL`)
        )[0].n,
      ),
    ).toBe(0);
  });

  it("registers people at a unit in the caller's subtree, or at the caller's own unit", async () => {
    const townStaff = await tokenFor(test, 'P00002', 'YX-T01', ['committeeStaff']);
    const outside = await test
      .http()
      .post('/imports?wait=true')
      .set(townStaff)
      .send({ ...emptyImportDocument(), people: [{ code: 'P-R1', name: '司马光', unitCode: 'YX-T02' }] });
    expect(outside.body.status).toBe('failed');
    expect(outside.body.problems).toEqual([
      expect.objectContaining({ sheet: 'people', row: 1, column: 'unitCode', rule: 'scope' }),
    ]);
    const inside = await test
      .http()
      .post('/imports?wait=true')
      .set(townStaff)
      .send({ ...emptyImportDocument(), people: [{ code: 'P-R1', name: '司马光' }] });
    expect(inside.body.status).toBe('succeeded');
    const [row] = await test.app
      .get(DataSource)
      .query(`SELECT registered_unit_id AS "unitId" FROM org.person WHERE code = 'P-R1'`);
    expect(row).toEqual({ unitId: await unitIdByCode(test, 'YX-T01') });
  });

  it('refuses to import the same codes again and leaves what is stored untouched', async () => {
    const again = await test.http().post('/imports?wait=true').set(test.admin).send(buildDemoDistrict());
    expect(again.body.status).toBe('failed');
    expect(again.body.problems[0]).toMatchObject({ rule: 'unique' });
    expect(await count('org_unit')).toBe(353);
    expect(await count('person')).toBe(2001);
  });

  it('refuses a body that is not an import document with a 400 naming the section', async () => {
    const response = await test
      .http()
      .post('/imports')
      .set(test.admin)
      .send({ ...emptyImportDocument(), units: 'all of them' });
    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toMatchObject({ field: 'units', rule: 'arrayOfObjects' });
  });
});
