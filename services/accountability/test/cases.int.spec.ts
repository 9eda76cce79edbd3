import type { AccountabilityTestApp } from './support/accountability-test-app';
import { eventually, startAccountabilityTestApp } from './support/accountability-test-app';
import { monthlyReportScheduleId } from '@dutychain/temporal';

/**
 * Accountability cases on real Postgres against the real org directory: the chain proposed as it
 * stood on the violation's date across post changes, investigations and outcomes, measures, the
 * three distinctions, the status flow with a second person's approval, lifelong accountability.
 */
describe('accountability cases (real Postgres, real org directory)', () => {
  let t: AccountabilityTestApp;
  let commission: Record<string, string>; // 陈正清 (东城区纪委书记)
  let approver: Record<string, string>; // 林晓红 (东城区委书记), a leader
  let outsider: Record<string, string>; // 郑文博 (西城区)
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startAccountabilityTestApp();
    commission = await t.token('P-JW', 'DC', ['commissionStaff', 'leader']);
    approver = await t.token('P-NEW', 'DC', ['leader']);
    outsider = await t.token('P-X1', 'XC', ['commissionStaff', 'committeeStaff', 'leader']);
    for (const code of ['DC', 'DC-D1', 'DC-T1', 'XC']) ids[code] = await t.unitId(code);
    for (const code of ['P-NEW', 'P-M1', 'P-M2', 'P-T1', 'P-JW']) ids[code] = await t.personId(code);
  }, 180_000);
  afterAll(async () => {
    if (ids.DC)
      await t.temporal.schedule
        .getHandle(monthlyReportScheduleId(ids.DC))
        .delete()
        .catch(() => undefined);
    await t?.close();
  });

  const open = (body: Record<string, unknown>, headers = commission) =>
    t
      .http()
      .post('/cases')
      .set(headers)
      .send({ source: 'petition', summary: '违规发放津贴补贴', ...body });
  const chainOf = (c: any) =>
    c.investigations.map((i: any) => [i.role, i.link, i.personName ?? i.commissionName ?? i.unitName]);

  it('proposes the chain as it stood on the violation date, across a secretary handover', async () => {
    const before = await open({ unitId: ids.DC, violationDate: '2024-06-30' });
    expect(before.status).toBe(201);
    expect(chainOf(before.body)).toEqual([
      ['primary', 'committee', '东城区'],
      ['primary', 'first', '周明远'],
      ['supervisory', 'commission', '陈正清'],
    ]);
    const after = await open({ unitId: ids.DC, violationDate: '2024-07-01' });
    expect(chainOf(after.body)).toContainEqual(['primary', 'first', '林晓红']);
    expect(after.body.chain.date).toBe('2024-07-01');
  });

  it('names the supervising member of the date, and follows a person who has moved (lifelong)', async () => {
    const in2023 = await open({
      unitId: ids['DC-D1'],
      violationDate: '2023-06-01',
      violatorPersonIds: [ids['P-T1']],
      summary: '违规收取择校费',
    });
    expect(in2023.status).toBe(201);
    expect(chainOf(in2023.body)).toEqual([
      ['violator', 'violator', '吴海峰'],
      ['primary', 'committee', '东城区教育局'],
      ['primary', 'first', '吴海峰'],
      ['primary', 'dual', '赵立新'],
      ['supervisory', 'commission', '东城区派驻第一纪检监察组'],
    ]);
    const dual = in2023.body.investigations.find((i: any) => i.link === 'dual');
    expect(dual).toMatchObject({ postTitle: '区委常委、副区长', personId: ids['P-M1'] });
    const in2024 = await open({ unitId: ids['DC-D1'], violationDate: '2024-08-01' });
    expect(chainOf(in2024.body)).toContainEqual(['primary', 'dual', '孙雅琴']);
    // 赵立新 has since become the town's secretary: the 2023 case still follows him by personId.
    const his = await t.http().get(`/people/${ids['P-M1']}/cases`).set(commission);
    expect(his.status).toBe(200);
    expect(his.body.map((c: any) => [c.id, c.violationDate, c.roles])).toEqual([
      [in2023.body.id, '2023-06-01', ['primary:dual']],
    ]);
    // 西城区 guides the department through its street (dual management): it sees the case, does not act on it.
    expect((await t.http().get(`/people/${ids['P-M1']}/cases`).set(outsider)).body).toHaveLength(1);
    const guided = await t
      .http()
      .post(`/cases/${in2023.body.id}/transitions`)
      .set(outsider)
      .send({ to: 'investigating' });
    expect(guided.status).toBe(403);
    expect(guided.body.code).toBe('GUIDING_ORG_READ_ONLY');
    // A case of 东城区 itself is outside 西城区's view altogether.
    const district = (await t.http().get(`/cases?subtreeOf=${ids.DC}`).set(commission)).body.find(
      (c: any) => c.unitId === ids.DC,
    );
    expect((await t.http().get(`/cases/${district.id}`).set(outsider)).status).toBe(403);
    expect((await t.http().get('/cases').set(outsider)).body.map((c: any) => c.unitId)).not.toContain(ids.DC);
  });

  it('runs the status flow with outcomes, measures, an exemption, and a second person’s approval', async () => {
    const opened = (
      await open({ unitId: ids['DC-D1'], violationDate: '2025-03-10', violatorPersonIds: [ids['P-T1']] })
    ).body;
    const id = opened.id as string;
    const move = (to: string, headers = commission, extra: Record<string, unknown> = {}) =>
      t
        .http()
        .post(`/cases/${id}/transitions`)
        .set(headers)
        .send({ to, ...extra });
    expect((await move('approved')).status).toBe(409);
    expect((await move('investigating', commission, { version: 7 })).body.errors[0].rule).toBe('stale');
    expect((await move('investigating')).body.status).toBe('investigating');
    const notYet = await move('reviewing');
    expect(notYet.status).toBe(422);
    expect(notYet.body.message).toMatch(/record the outcome of every investigation/);
    const inv = (link: string) => opened.investigations.find((i: any) => i.link === link);
    for (const [link, outcome] of [
      ['violator', 'responsible'],
      ['committee', 'responsible'],
      ['first', 'responsible'],
      ['dual', 'notResponsible'],
      ['commission', 'notResponsible'],
    ] as const) {
      const recorded = await t
        .http()
        .post(`/cases/${id}/investigations/${inv(link).id}/outcome`)
        .set(commission)
        .send({ outcome, finding: `${link}: 调查结论` });
      expect(recorded.status).toBe(200);
    }
    const wrongForm = await t
      .http()
      .post(`/cases/${id}/measures`)
      .set(commission)
      .send({ targetKind: 'organisation', unitId: ids['DC-D1'], form: 'admonishment' });
    expect(wrongForm.status).toBe(400);
    expect(wrongForm.body.errors[0]).toMatchObject({ field: 'form', rule: 'organisationForm' });
    const notResponsible = await t
      .http()
      .post(`/cases/${id}/measures`)
      .set(commission)
      .send({ targetKind: 'person', investigationId: inv('dual').id, form: 'admonishment' });
    expect(notResponsible.status).toBe(422);
    for (const measure of [
      { targetKind: 'person', investigationId: inv('violator').id, form: 'disciplinaryAction' },
      { targetKind: 'person', investigationId: inv('first').id, form: 'admonishment' },
      { targetKind: 'organisation', unitId: ids['DC-D1'], form: 'selfExamination' },
    ])
      expect((await t.http().post(`/cases/${id}/measures`).set(commission).send(measure)).status).toBe(201);
    const exemption = await t
      .http()
      .post(`/cases/${id}/exemptions`)
      .set(commission)
      .send({
        investigationId: inv('first').id,
        kind: 'mitigation',
        basis: 'experimentalMistake',
        reasons: '推行课后服务改革中缺乏经验，主动发现并纠正，从轻处理。',
      });
    expect(exemption.status).toBe(201);
    expect(exemption.body.exemptions[0]).toMatchObject({ kind: 'mitigation', basis: 'experimentalMistake' });
    expect((await move('reviewing')).body.status).toBe('reviewing');
    const selfApproval = await t
      .http()
      .post(`/cases/${id}/approvals`)
      .set(commission)
      .send({ decision: 'approve' });
    expect(selfApproval.status).toBe(422);
    expect(selfApproval.body.errors[0].rule).toBe('case.fourEyes');
    expect(
      (await t.http().post(`/cases/${id}/approvals`).set(outsider).send({ decision: 'approve' })).status,
    ).toBe(403);
    const approved = await t
      .http()
      .post(`/cases/${id}/approvals`)
      .set(approver)
      .send({ decision: 'approve', note: '同意' });
    expect(approved.body.status).toBe('approved');
    const closed = await move('closed');
    expect(closed.body).toMatchObject({ status: 'closed' });
    expect(closed.body.events.map((e: any) => [e.kind, e.to])).toEqual(
      expect.arrayContaining([
        ['opened', 'intake'],
        ['status', 'investigating'],
        ['status', 'reviewing'],
        ['approval', 'approved'],
        ['status', 'closed'],
      ]),
    );
    expect(closed.body.measures.map((m: any) => [m.targetName, m.form])).toEqual([
      ['吴海峰', 'disciplinaryAction'],
      ['吴海峰', 'admonishment'],
      ['东城区教育局', 'selfExamination'],
    ]);
    // Closed: nothing more is added.
    const tooLate = await t
      .http()
      .post(`/cases/${id}/investigations`)
      .set(commission)
      .send({ personId: ids['P-M2'], role: 'primary' });
    expect(tooLate.status).toBe(409);

    // The monthly report of the district counts it and shows it as a typical case.
    const period = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const run = await t.http().post('/monthly-reports/runs').set(commission).send({ unitId: ids.DC, period });
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ unitId: ids.DC, period, typicalCases: 1 });
    const report = (await t.http().get(`/monthly-reports/${run.body.reportId}`).set(commission)).body;
    expect(report.figures.find((f: any) => f.unitName === '东城区教育局')).toMatchObject({
      casesOpened: 3,
      casesClosed: 1,
      peopleHeldAccountable: 1,
      organisationsHeldAccountable: 1,
    });
    expect(report.typicalCases[0]).toMatchObject({ caseId: id, unitName: '东城区教育局' });
    const csv = await t.http().get(`/monthly-reports/${run.body.reportId}/export?format=csv`).set(commission);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text).toContain('东城区教育局');
    expect(csv.text).toContain('吴海峰：纪律处分');
    const pdf = await t
      .http()
      .get(`/monthly-reports/${run.body.reportId}/export?format=pdf`)
      .set(commission)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await t.http().get(`/monthly-reports/${run.body.reportId}`).set(outsider)).status).toBe(403);
  }, 60_000);

  it('records talks and issues bulletins with a negative list and a copy report one level up', async () => {
    const talk = await t.http().post('/talks').set(commission).send({
      unitId: ids['DC-D1'],
      kind: 'reminder',
      withPersonId: ids['P-T1'],
      heldOn: '2026-11-20',
      subject: '落实“一岗双责”、规范学校收费',
      outcome: '当场表态，限期整改',
    });
    expect(talk.status).toBe(201);
    expect(talk.body).toMatchObject({ heldByName: '陈正清', withPersonName: '吴海峰', kind: 'reminder' });
    const talks = await t.http().get(`/talks?personId=${ids['P-T1']}`).set(commission);
    expect(talks.body).toHaveLength(1);
    expect(
      (
        await t.http().post('/talks').set(outsider).send({
          unitId: ids['DC-D1'],
          kind: 'interview',
          withPersonId: ids['P-T1'],
          heldOn: '2026-11-20',
          subject: 's',
          outcome: 'o',
        })
      ).status,
    ).toBe(403);

    const bulletin = await t
      .http()
      .post('/bulletins')
      .set(commission)
      .send({
        unitId: ids['DC-D1'],
        title: '关于2026年第三季度履行“一岗双责”情况的点评通报',
        body: '现将检查发现的问题通报如下。',
        negativeList: [{ unitId: ids['DC-D1'], personId: ids['P-T1'], problem: '学校违规收费问题整改不力' }],
      });
    expect(bulletin.status).toBe(201);
    expect(bulletin.body.negativeList).toEqual([
      expect.objectContaining({ position: 1, unitName: '东城区教育局', personName: '吴海峰' }),
    ]);
    const pdf = await t
      .http()
      .get(`/bulletins/${bulletin.body.id}/pdf`)
      .set(commission)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(pdf.status).toBe(200);
    expect((pdf.body as Buffer).toString('latin1')).toMatch(/^%PDF-[\s\S]*NotoSansHans-Regular/);
    // 西城区 sees it through its street's guidance; a village of 西城区 does not.
    expect((await t.http().get(`/bulletins/${bulletin.body.id}/pdf`).set(outsider)).status).toBe(200);
    const village = await t.token('P-X1', 'XC-V1', ['leader']);
    expect((await t.http().get(`/bulletins/${bulletin.body.id}/pdf`).set(village)).status).toBe(403);
    expect(bulletin.body.copyReportTo).toEqual([
      expect.objectContaining({ name: '孙雅琴', basis: 'supervisor', unitName: '东城区' }),
    ]);
    const outside = await t
      .http()
      .post('/bulletins')
      .set(commission)
      .send({
        unitId: ids['DC-T1'],
        title: '通报',
        body: '正文',
        negativeList: [{ unitId: ids['DC-D1'], problem: '不在本单位范围' }],
      });
    expect(outside.status).toBe(400);
    expect(outside.body.errors[0]).toMatchObject({ field: 'negativeList[0].unitId', rule: 'inSubtree' });
  });

  it('creates the monthly report schedule once, and a triggered run stores the report', async () => {
    const first = await t.http().post('/monthly-reports/schedules').set(commission).send({ unitId: ids.DC });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ scheduleId: monthlyReportScheduleId(ids.DC), created: true });
    // 08:00 Beijing time on the 1st of the next month.
    expect(first.body.nextActionTimes[0]).toMatch(/^\d{4}-\d{2}-01T00:00:00\.000Z$/);
    const again = await t.http().post('/monthly-reports/schedules').set(commission).send({ unitId: ids.DC });
    expect(again.body.created).toBe(false);
    expect(
      (await t.http().post('/monthly-reports/schedules').set(outsider).send({ unitId: ids.DC })).status,
    ).toBe(403);
    const before = (await t.http().get(`/monthly-reports?unitId=${ids.DC}`).set(commission)).body;
    const triggered = await t
      .http()
      .post(`/monthly-reports/schedules/${ids.DC}/trigger`)
      .set(commission)
      .send({});
    expect(triggered.status).toBe(200);
    const fired = await eventually('the schedule to fire', async () => {
      const d = (await t.http().get(`/monthly-reports/schedules/${ids.DC}`).set(commission)).body;
      return d.recentActions?.length > 0 ? d : undefined;
    });
    expect(fired.recentActions[0].workflowId).toMatch(new RegExp(`^monthly-report/${ids.DC}`));
    const scheduledRun = fired.recentActions[0].workflowId as string;
    const report = await eventually('the scheduled report', async () => {
      const list = (await t.http().get(`/monthly-reports?unitId=${ids.DC}`).set(commission)).body;
      return list.find((r: any) => r.workflowId === scheduledRun);
    });
    expect(report).toMatchObject({ unitName: '东城区', unitId: ids.DC });
    expect(before.some((r: any) => r.workflowId === scheduledRun)).toBe(false);
  }, 60_000);

  /** A 400 naming `field` and `rule` among its problems. */
  const expectRefused = (response: { status: number; body: any }, field: string, rule: string): void => {
    expect({ status: response.status, code: response.body.code }).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
  };

  it('refuses null or malformed person and unit references by field before asking the org directory (400, never 502)', async () => {
    const talk = (body: Record<string, unknown>) =>
      t
        .http()
        .post('/talks')
        .set(commission)
        .send({
          unitId: ids['DC-D1'],
          kind: 'reminder',
          withPersonId: ids['P-T1'],
          heldOn: '2026-11-02',
          subject: '提醒谈话',
          outcome: '表态整改',
          ...body,
        });
    expectRefused(await talk({ heldById: null }), 'heldById', 'isUuid');
    expectRefused(await talk({ withPersonId: null }), 'withPersonId', 'isUuid');
    expectRefused(await talk({ unitId: null }), 'unitId', 'isUuid');
    expectRefused(await talk({ noticeId: null }), 'noticeId', 'isUuid');
    expectRefused(
      await open({ unitId: ids.DC, violationDate: '2025-01-01', violatorPersonIds: [null] }),
      'violatorPersonIds',
      'isUuid',
    );
    // A UUID that names nobody is the caller's mistake too, named by the caller's field.
    const nobody = await talk({ heldById: '00000000-0000-4000-8000-000000000000' });
    expect({ status: nobody.status, first: nobody.body.errors?.[0] }).toEqual({
      status: 400,
      first: expect.objectContaining({ field: 'heldById', rule: 'exists' }),
    });
    // Ids in upper case are the same ids, kept in lower case.
    const upper = await talk({
      withPersonId: ids['P-T1'].toUpperCase(),
      heldById: ids['P-JW'].toUpperCase(),
    });
    expect(upper.status).toBe(201);
    expect(upper.body).toMatchObject({
      withPersonId: ids['P-T1'],
      heldById: ids['P-JW'],
      withPersonName: '吴海峰',
    });
  });

  it('takes dates only within their bounds: no violation or talk in the future, nothing in year 1 or 9999', async () => {
    for (const [violationDate, rule] of [
      ['9999-12-31', 'dateRange'],
      ['0001-01-01', 'dateRange'],
      ['2999-12-31', 'notFuture'],
      ['2025-02-29', 'isoDate'],
    ])
      expectRefused(await open({ unitId: ids.DC, violationDate }), 'violationDate', rule);
    const heldLater = await t.http().post('/talks').set(commission).send({
      unitId: ids['DC-D1'],
      kind: 'reminder',
      withPersonId: ids['P-T1'],
      heldOn: '2999-01-01',
      subject: 's',
      outcome: 'o',
    });
    expectRefused(heldLater, 'heldOn', 'notFuture');
    const before = (await t.http().get('/cases').set(commission)).body.length as number;
    expect((await open({ unitId: ids.DC, violationDate: '2025-01-01' })).status).toBe(201);
    expect((await t.http().get('/cases').set(commission)).body).toHaveLength(before + 1);
    const futureMonth = await t
      .http()
      .post('/monthly-reports/runs')
      .set(commission)
      .send({ unitId: ids.DC, period: '2999-01' });
    expectRefused(futureMonth, 'period', 'notFuture');
    const yearOne = await t
      .http()
      .post('/monthly-reports/runs')
      .set(commission)
      .send({ unitId: ids.DC, period: '0001-01' });
    expectRefused(yearOne, 'period', 'workflowInput');
  });

  it('refuses __proto__, constructor and prototype keys by name, anywhere in a body', async () => {
    for (const [raw, field] of [
      [
        `{"unitId":"${ids.DC}","source":"manual","summary":"s","violationDate":"2025-01-01","__proto__":{"status":"closed"}}`,
        '__proto__',
      ],
      [
        `{"unitId":"${ids.DC}","source":"manual","summary":"s","violationDate":"2025-01-01","constructor":{"prototype":{}}}`,
        'constructor',
      ],
      [
        `{"unitId":"${ids.DC}","title":"t","body":"b","negativeList":[{"unitId":"${ids.DC}","problem":"p","prototype":1}]}`,
        'negativeList[0].prototype',
      ],
    ]) {
      const path = field.startsWith('negativeList') ? '/bulletins' : '/cases';
      expectRefused(
        await t.http().post(path).set(commission).set('Content-Type', 'application/json').send(raw),
        field,
        'whitelistValidation',
      );
    }
  });

  it('reads a record by its id written in upper case, where the id is part of a workflow or schedule id', async () => {
    const cases = (await t.http().get('/cases').set(commission)).body;
    expect((await t.http().get(`/cases/${cases[0].id.toUpperCase()}`).set(commission)).status).toBe(200);
    const schedule = await t.http().get(`/monthly-reports/schedules/${ids.DC.toUpperCase()}`).set(commission);
    expect(schedule.status).toBe(200);
    expect(schedule.body.scheduleId).toBe(monthlyReportScheduleId(ids.DC));
  });
});
