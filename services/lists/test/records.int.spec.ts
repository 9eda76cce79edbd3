import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as ExcelJS from 'exceljs';
import type { ListsTestEnv } from './support/lists-test-env';
import { startListsTestEnv, waitFor } from './support/lists-test-env';

const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** Excel in and out, duty records with evidence, silent leaders, mid-year progress. */
describe('workbooks, duty records, evidence and mid-year progress (real Postgres, org, Temporal)', () => {
  let t: ListsTestEnv;
  const year = new Date().getFullYear() + 1;
  let staff: Record<string, string>;
  let member: Record<string, string>;

  beforeAll(async () => {
    t = await startListsTestEnv({ LISTS_EVIDENCE_MAX_BYTES: '4096' });
    staff = await t.token('P-NEW', 'DC', ['committeeStaff']);
    member = await t.token('P-M2', 'DC', ['leader']);
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it('imports the committee list from the usual template, naming every bad cell', async () => {
    const template = await t.http().get('/task-lists/template.xlsx').set(staff).buffer(true).parse(binary);
    expect(template.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template.body);
    const sheet = workbook.getWorksheet('党委任务清单')!;
    sheet.addRow(['强化监督', '开展工程招投标专项监督检查', '区纪委', '2026-09-30']);
    sheet.addRow(['作风建设', '整治形式主义为基层减负', '区委办', '']);
    const good = Buffer.from(await workbook.xlsx.writeBuffer());

    const imported = await t
      .http()
      .post('/task-lists/import')
      .set(staff)
      .field('unitId', t.units.DC)
      .field('year', String(year))
      .field('title', '区委主体责任清单（导入）')
      .attach('file', good, '清单.xlsx');
    expect(imported.status).toBe(201);
    expect(imported.body.items.map((i: any) => [i.aspect, i.deadline])).toEqual([
      ['落实全面从严治党主体责任', '2026-06-30'],
      ['强化监督', '2026-09-30'],
      ['作风建设', null],
    ]);

    sheet.addRow(['', '没有方面的任务', '区委办', '明年']);
    const bad = Buffer.from(await workbook.xlsx.writeBuffer());
    const refused = await t
      .http()
      .post('/task-lists/import')
      .set(staff)
      .field('unitId', t.units['DC-T1'])
      .field('year', String(year))
      .field('title', '镇清单')
      .attach('file', bad, 'bad.xlsx');
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('IMPORT_INVALID');
    expect(refused.body.errors).toEqual([
      { field: '党委任务清单!5:方面', rule: 'required', message: '方面 must not be empty' },
      {
        field: '党委任务清单!5:完成时限',
        rule: 'isoDate',
        message: '完成时限 must be a date written YYYY-MM-DD',
      },
    ]);
    const notXlsx = await t
      .http()
      .post('/task-lists/import')
      .set(staff)
      .field('unitId', t.units['DC-T1'])
      .field('year', String(year))
      .field('title', '镇清单')
      .attach('file', Buffer.from('not a workbook'), 'x.xlsx');
    expect(notXlsx.status).toBe(400);
    expect(notXlsx.body.errors[0].rule).toBe('xlsx.readable');
    expect((await t.http().post(`/task-lists/${imported.body.id}/publication`).set(staff)).status).toBe(200);
  });

  it('keeps duty records with content-addressed evidence, refusing wrong types and sizes', async () => {
    const record = await t.http().post('/duty-records').set(member).send({
      unitId: t.units.DC,
      kind: 'talk',
      occurredOn: '2025-03-15',
      title: '与区教育局党组书记开展廉政谈话',
      content: '提醒其在基建项目中严守纪律',
    });
    expect(record.status).toBe(201);
    expect(record.body.personId).toBe(t.people['P-M2']);
    const future = await t.http().post('/duty-records').set(member).send({
      unitId: t.units.DC,
      kind: 'meeting',
      occurredOn: '2999-01-01',
      title: '未来的会',
      content: '—',
    });
    expect(future.status).toBe(422);
    expect(future.body.errors[0].rule).toBe('record.notFuture');
    const forOthers = await t.http().post('/duty-records').set(member).send({
      personId: t.people['P-JW'],
      unitId: t.units.DC,
      kind: 'check',
      occurredOn: '2025-03-01',
      title: '代记',
      content: '—',
    });
    expect(forOthers.status).toBe(403);
    expect(forOthers.body.errors[0].rule).toBe('record.ownOnly');

    const pdf = Buffer.from('%PDF-1.4\n谈话记录\n%%EOF\n');
    const sha = createHash('sha256').update(pdf).digest('hex');
    const added = await t
      .http()
      .post(`/duty-records/${record.body.id}/evidence`)
      .set(member)
      .attach('file', pdf, { filename: '谈话记录.pdf', contentType: 'application/pdf' });
    expect(added.status).toBe(201);
    expect(added.body.evidence).toEqual([
      expect.objectContaining({ sha256: sha, size: pdf.length, fileName: '谈话记录.pdf' }),
    ]);
    expect(existsSync(path.join(t.evidenceDir, sha.slice(0, 2), sha))).toBe(true);
    const again = await t
      .http()
      .post(`/duty-records/${record.body.id}/evidence`)
      .set(member)
      .attach('file', pdf, { filename: 'copy.pdf', contentType: 'application/pdf' });
    expect(again.body.evidence).toHaveLength(1);

    const fake = await t
      .http()
      .post(`/duty-records/${record.body.id}/evidence`)
      .set(member)
      .attach('file', Buffer.from('plain text'), { filename: 'x.png', contentType: 'image/png' });
    expect(fake.status).toBe(415);
    expect(fake.body.errors[0].rule).toBe('evidence.typeMismatch');
    const exe = await t
      .http()
      .post(`/duty-records/${record.body.id}/evidence`)
      .set(member)
      .attach('file', Buffer.from('MZ'), { filename: 'x.exe', contentType: 'application/x-msdownload' });
    expect(exe.status).toBe(415);
    expect(exe.body.errors[0].rule).toBe('evidence.type');
    const big = await t
      .http()
      .post(`/duty-records/${record.body.id}/evidence`)
      .set(member)
      .attach('file', Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(5000)]), {
        filename: 'big.pdf',
        contentType: 'application/pdf',
      });
    expect(big.status).toBe(413);
    expect(big.body.errors[0].rule).toBe('evidence.maxBytes');

    const download = await t
      .http()
      .get(`/duty-records/${record.body.id}/evidence/${added.body.evidence[0].id}`)
      .set(staff)
      .buffer(true)
      .parse(binary);
    expect(download.status).toBe(200);
    expect(download.headers['x-content-sha256']).toBe(sha);
    expect((download.body as Buffer).equals(pdf)).toBe(true);
    const outsider = await t.token('P-X1', 'XC', ['committeeStaff']);
    expect((await t.http().get(`/duty-records/${record.body.id}`).set(outsider)).status).toBe(403);
  });

  it('names the leaders who left no trace for the last months', async () => {
    const started = await t
      .http()
      .post('/risk-lists/workflows')
      .set(staff)
      .send({ unitId: t.units.DC, year });
    expect(started.body.people).toBe(3);
    await waitFor('three lists', async () =>
      (await t.http().get(`/risk-lists?year=${year}`).set(staff)).body.total === 3 ? true : undefined,
    );
    const silent = await t
      .http()
      .get(`/duty-records/silent-leaders?year=${year}&months=3&asOf=2025-05-31`)
      .set(staff);
    expect(silent.status).toBe(200);
    expect(silent.body.since).toBe('2025-02-28');
    expect(silent.body.leaders.map((l: any) => l.personName).sort()).toEqual(['林晓红', '陈正清'].sort());
    const later = await t
      .http()
      .get(`/duty-records/silent-leaders?year=${year}&months=3&asOf=2025-09-30`)
      .set(staff);
    expect(later.body.leaders).toHaveLength(3);
    expect(later.body.leaders.find((l: any) => l.personId === t.people['P-M2']).lastRecordOn).toBe(
      '2025-03-15',
    );
  });

  it('takes mid-year progress per item and detects reports that only repeat the measures; exports the status', async () => {
    const secretary = await t.token('P-NEW', 'DC', ['leader']);
    const list = (await t.http().get(`/risk-lists/by-person/${t.people['P-M2']}/${year}`).set(member)).body;
    const added = await t
      .http()
      .post(`/risk-lists/${list.id}/items`)
      .set(member)
      .send({
        content: '分管教育卫生领域的党风廉政建设',
        riskPoints: ['基建项目和大宗采购存在利益输送风险'],
        measures: ['每季度听取分管部门党风廉政建设情况汇报', '重大采购项目全程纪实，关键环节集体决策'],
      });
    const itemId = added.body.items[0].id as string;
    const draft = await t
      .http()
      .put(`/risk-lists/${list.id}/items/${itemId}/progress`)
      .set(member)
      .send({ content: '进展' });
    expect(draft.status).toBe(409);
    expect(draft.body.errors[0].rule).toBe('progress.approvedOnly');
    const submitted = await t.http().post(`/risk-lists/${list.id}/submission`).set(member).send({});
    expect({ status: submitted.status, body: submitted.status === 200 ? null : submitted.body }).toEqual({
      status: 200,
      body: null,
    });
    const approved = await t.http().post(`/risk-lists/${list.id}/approval`).set(secretary).send({});
    expect({ status: approved.status, body: approved.status === 200 ? null : approved.body }).toEqual({
      status: 200,
      body: null,
    });

    const parrot = await t.http().put(`/risk-lists/${list.id}/items/${itemId}/progress`).set(member).send({
      content: '一是每季度听取分管部门党风廉政建设情况汇报；二是重大采购项目全程纪实，关键环节集体决策。',
    });
    expect(parrot.status).toBe(200);
    expect(parrot.body.repeatsMeasures).toBe(true);
    expect(parrot.body.similarity).toBeGreaterThanOrEqual(0.7);
    const flagged = await t.http().get(`/progress-reports/repeating?year=${year}`).set(staff);
    expect(flagged.body.map((r: any) => r.personName)).toEqual(['孙雅琴']);

    const honest = await t.http().put(`/risk-lists/${list.id}/items/${itemId}/progress`).set(member).send({
      content:
        '上半年听取教育局、卫健委汇报2次，发现食堂采购台账不全问题1个，已督促整改到位；对3个百万元以上项目开展跟踪监督。',
    });
    expect(honest.body.repeatsMeasures).toBe(false);
    expect((await t.http().get(`/progress-reports/repeating?year=${year}`).set(staff)).body).toEqual([]);
    const someoneElse = await t
      .http()
      .put(`/risk-lists/${list.id}/items/${itemId}/progress`)
      .set(secretary)
      .send({ content: '代报' });
    expect(someoneElse.status).toBe(403);

    const status = await t
      .http()
      .get(`/risk-lists/status.xlsx?year=${year}&unitId=${t.units.DC}`)
      .set(staff)
      .buffer(true)
      .parse(binary);
    expect(status.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(status.body);
    const sheet = workbook.worksheets[0];
    const rows = sheet
      .getRows(2, sheet.rowCount - 1)!
      .map((r) => [r.getCell(2).text, r.getCell(3).text, r.getCell(5).text]);
    expect(rows).toEqual(
      expect.arrayContaining([
        ['孙雅琴', '已审核认定', '1'],
        ['林晓红', '起草中', '0'],
      ]),
    );
    expect(rows).toHaveLength(3);
  });

  it('takes ids in any case and keeps them in canonical lower case; dates within their bounds', async () => {
    // A leader recording her own duty with her id in upper case records it as her own (not "for someone else").
    const own = await t.http().post('/duty-records').set(member).send({
      personId: t.people['P-M2'].toUpperCase(),
      unitId: t.units.DC.toUpperCase(),
      kind: 'meeting',
      occurredOn: '2025-06-01',
      title: '专题会议',
      content: '研究部署党风廉政建设',
    });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ personId: t.people['P-M2'], unitId: t.units.DC });
    expect((await t.http().get(`/duty-records/${own.body.id.toUpperCase()}`).set(member)).status).toBe(200);

    const bad = (body: object) => t.http().post('/duty-records').set(member).send(body);
    const base = { unitId: t.units.DC, kind: 'meeting', title: '会', content: '—' };
    for (const [occurredOn, rule] of [
      ['0001-01-01', 'dateRange'],
      ['9999-12-31', 'dateRange'],
      ['2025-02-30', 'isoDate'],
    ])
      expect((await bad({ ...base, occurredOn })).body.errors).toEqual([
        expect.objectContaining({ field: 'occurredOn', rule }),
      ]);
    const deadline = (d: string) =>
      t
        .http()
        .post('/task-lists')
        .set(staff)
        .send({
          unitId: t.units.XC,
          year,
          title: '时限',
          items: [{ aspect: '方面', content: '内容', leadDepartment: '办', deadline: d }],
        });
    for (const [d, rule] of [
      ['0001-06-30', 'dateRange'],
      ['1999-12-31', 'deadlineWindow'],
      ['2999-06-30', 'deadlineWindow'],
    ]) {
      const refused = await deadline(d);
      expect({ status: refused.status, errors: refused.body.errors }).toEqual({
        status: 400,
        errors: [expect.objectContaining({ field: 'items[0].deadline', rule })],
      });
    }
    // Query booleans are exactly true or false; JSON booleans are JSON booleans.
    const mine = await t.http().get(`/risk-lists?year=${year}&mine=yes`).set(member);
    expect(mine.body.errors).toEqual([expect.objectContaining({ field: 'mine', rule: 'isBoolean' })]);
    const subtree = await t
      .http()
      .post('/risk-lists/workflows')
      .set(staff)
      .send({ unitId: t.units.DC, year, includeSubtree: 'true' });
    expect(subtree.body.errors).toEqual([
      expect.objectContaining({ field: 'includeSubtree', rule: 'isBoolean' }),
    ]);
    // The org directory's own boolean query parameter, through the same rule.
    const wait = await t.org('POST', '/imports?wait=yes', { units: [] });
    expect(wait.status).toBe(400);
    expect(wait.body.errors).toEqual([expect.objectContaining({ field: 'wait', rule: 'isBoolean' })]);
  });
});
