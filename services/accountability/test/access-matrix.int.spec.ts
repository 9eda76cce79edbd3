import type { Response, Test } from 'supertest';
import { monthlyReportScheduleId } from '@dutychain/temporal';
import type { AccountabilityTestApp } from './support/accountability-test-app';
import { eventually, startAccountabilityTestApp } from './support/accountability-test-app';

/**
 * Every endpoint, called by 西城区 (XC) with every working role against 东城区 (DC)'s notices, cases,
 * talks, bulletins and reports, must be refused (403 OUTSIDE_SCOPE or 404), and a list shows none of
 * them. The objects aimed at lie in 柳营镇 (DC-T1) or 东城区 itself: 东城区教育局 (DC-D1) is guided by
 * 西城区's street 白沙街道 (dual management), so 西城区 reads what concerns DC-D1 by design but does
 * not act on it; the rows that list say exactly which of DC-D1's objects 西城区 sees, and the last
 * tests check the guide's side. The first test fails when an endpoint is added without a row here.
 */
describe('access matrix: a caller from another subtree is refused everywhere', () => {
  let t: AccountabilityTestApp;
  let commission: Record<string, string>; // 陈正清, 东城区纪委书记
  let approver: Record<string, string>; // 林晓红, 东城区委书记
  let townSecretary: Record<string, string>; // 赵立新, 柳营镇党委书记: addressee of 柳营镇's notices
  let outsider: Record<string, string>; // 郑文博, 西城区委书记, with every working role
  const ids: Record<string, string> = {};

  const issueNotice = async (unitId: string, extra: Record<string, unknown> = {}): Promise<string> => {
    const issued = await t
      .http()
      .post('/notices')
      .set(commission)
      .send({
        unitId,
        source: 'specialCheck',
        title: '关于专项检查发现问题的抄告',
        body: '请于规定时限内回告整改情况。',
        ...extra,
      });
    if (issued.status !== 201) throw new Error(`notice: ${issued.status} ${JSON.stringify(issued.body)}`);
    return issued.body.id as string;
  };
  const openCase = async (unitId: string, violatorPersonIds: string[]): Promise<any> => {
    const opened = await t.http().post('/cases').set(commission).send({
      unitId,
      source: 'petition',
      summary: '违规发放津贴补贴',
      violationDate: '2025-03-10',
      violatorPersonIds,
    });
    if (opened.status !== 201) throw new Error(`case: ${opened.status} ${JSON.stringify(opened.body)}`);
    return opened.body;
  };
  const ok = (response: Response, status = 200): Response => {
    if (response.status !== status)
      throw new Error(`${response.status} instead of ${status}: ${JSON.stringify(response.body)}`);
    return response;
  };

  beforeAll(async () => {
    t = await startAccountabilityTestApp();
    commission = await t.token('P-JW', 'DC', ['commissionStaff', 'committeeStaff', 'leader']);
    approver = await t.token('P-NEW', 'DC', ['leader']);
    townSecretary = await t.token('P-M1', 'DC-T1', ['leader']);
    outsider = await t.token('P-X1', 'XC', ['commissionStaff', 'committeeStaff', 'leader', 'ops']);
    for (const code of ['DC', 'DC-T1', 'DC-D1', 'XC']) ids[code] = await t.unitId(code);
    for (const code of ['P-M1', 'P-M2', 'P-T1', 'P-X1']) ids[code] = await t.personId(code);

    // Notices: one in 柳营镇 with a reply awaiting review, one that goes overdue (mark and case), one guided.
    ids.notice = await issueNotice(ids['DC-T1']);
    await eventually('the loop to store deadlines', async () => {
      const d = (await t.http().get(`/notices/${ids.notice}`).set(commission)).body;
      return d.addressees?.every((a: any) => a.dueDate) ? d : undefined;
    });
    const receipt = ok(
      await t
        .http()
        .post(`/notices/${ids.notice}/replies`)
        .set(townSecretary)
        .send({ content: '已组织自查。' }),
    );
    ids.reply = receipt.body.replyId;
    ids.overdueNotice = await issueNotice(ids['DC-T1'], {
      source: 'disciplineReview',
      replyWorkingDays: 1,
      dayLastsMs: 1_000,
    });
    ids.guidedNotice = await issueNotice(ids['DC-D1']);

    // Cases: one under investigation, one under review, one of the guided bureau.
    const investigating = await openCase(ids['DC-T1'], [ids['P-M1']]);
    ids.case = investigating.id;
    ids.investigation = investigating.investigations.find((i: any) => i.link === 'first').id;
    ok(await t.http().post(`/cases/${ids.case}/transitions`).set(commission).send({ to: 'investigating' }));
    const reviewing = await openCase(ids['DC-T1'], []);
    ids.reviewingCase = reviewing.id;
    ok(
      await t
        .http()
        .post(`/cases/${ids.reviewingCase}/transitions`)
        .set(commission)
        .send({ to: 'investigating' }),
    );
    for (const inv of reviewing.investigations)
      ok(
        await t
          .http()
          .post(`/cases/${ids.reviewingCase}/investigations/${inv.id}/outcome`)
          .set(commission)
          .send({ outcome: 'notResponsible', finding: '经查不负有责任' }),
      );
    ok(
      await t
        .http()
        .post(`/cases/${ids.reviewingCase}/transitions`)
        .set(commission)
        .send({ to: 'reviewing' }),
    );
    ids.guidedCase = (await openCase(ids['DC-D1'], [ids['P-T1']])).id;

    // Talks, bulletins: one in 柳营镇, one of the guided bureau each.
    const talk = (unitId: string, withPersonId: string) =>
      t.http().post('/talks').set(commission).send({
        unitId,
        kind: 'reminder',
        withPersonId,
        heldOn: '2026-03-02',
        subject: '落实“一岗双责”',
        outcome: '当场表态，限期整改',
      });
    ids.talk = ok(await talk(ids['DC-T1'], ids['P-M1']), 201).body.id;
    ids.guidedTalk = ok(await talk(ids['DC-D1'], ids['P-T1']), 201).body.id;
    const bulletin = (unitId: string, personId: string) =>
      t
        .http()
        .post('/bulletins')
        .set(commission)
        .send({
          unitId,
          title: '关于履行“一岗双责”情况的点评通报',
          body: '现将检查发现的问题通报如下。',
          negativeList: [{ unitId, personId, problem: '整改不力' }],
        });
    ids.bulletin = ok(await bulletin(ids['DC-T1'], ids['P-M1']), 201).body.id;
    ids.guidedBulletin = ok(await bulletin(ids['DC-D1'], ids['P-T1']), 201).body.id;

    // The district's monthly report and its schedule.
    const period = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    ids.report = ok(
      await t.http().post('/monthly-reports/runs').set(commission).send({ unitId: ids.DC, period }),
    ).body.reportId;
    ok(await t.http().post('/monthly-reports/schedules').set(commission).send({ unitId: ids.DC }));
  }, 240_000);

  afterAll(async () => {
    if (!t) return;
    for (const unit of [ids.DC, ids['DC-T1']])
      if (unit)
        await t.temporal.schedule
          .getHandle(monthlyReportScheduleId(unit))
          .delete()
          .catch(() => undefined);
    for (const notice of [ids.notice, ids.overdueNotice, ids.guidedNotice])
      if (notice)
        await t.http().post(`/notices/${notice}/withdraw`).set(commission).send({ reason: '测试结束' });
    await t.close();
  });

  /** Refused by scope: 404, or 403 OUTSIDE_SCOPE (never a missing role, never a 2xx or a 500). */
  const refused = (response: Response): void => {
    if (response.status === 404) return;
    expect({
      status: response.status,
      code: response.body?.code,
      message: response.body?.message,
    }).toMatchObject({ status: 403, code: 'OUTSIDE_SCOPE' });
  };
  const idsOf = (response: Response): string[] => {
    expect(response.status).toBe(200);
    return (response.body as { id: string }[]).map((row) => row.id).sort();
  };
  const noticeAsStored = async (id: string) => {
    const d = (await t.http().get(`/notices/${id}`).set(commission)).body;
    return { status: d.status, replies: d.replies.map((r: any) => [r.id, r.decision]) };
  };
  const caseAsStored = async (id: string) => {
    const c = (await t.http().get(`/cases/${id}`).set(commission)).body;
    return {
      status: c.status,
      version: c.version,
      investigations: c.investigations.map((i: any) => [i.id, i.outcome]),
      measures: c.measures.length,
      exemptions: c.exemptions.length,
    };
  };
  /** Runs a refused write and checks the stored object is as it was. */
  const refusedAndUnchanged = async <T>(
    snapshot: () => Promise<T>,
    write: () => PromiseLike<Response>,
  ): Promise<void> => {
    const before = await snapshot();
    refused(await write());
    expect(await snapshot()).toEqual(before);
  };
  const pdfOf = (request: Test) =>
    request.buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });

  const matrix: Record<string, () => Promise<void>> = {
    'GET /health/live': async () => expect((await t.http().get('/health/live')).status).toBe(200), // public by design
    'GET /health/ready': async () => expect((await t.http().get('/health/ready')).status).toBe(200), // public by design

    // Copy-notify and reply.
    'POST /notices': async () => {
      const before = idsOf(await t.http().get('/notices').set(commission));
      refused(
        await t.http().post('/notices').set(outsider).send({
          unitId: ids['DC-T1'],
          source: 'petition',
          title: '越权抄告',
          body: '越权',
        }),
      );
      // Nor by naming its own district as the issuer of a notice about 东城区's town.
      refused(
        await t.http().post('/notices').set(outsider).send({
          unitId: ids['DC-T1'],
          issuingUnitId: ids.XC,
          source: 'petition',
          title: '越权抄告',
          body: '越权',
        }),
      );
      expect(idsOf(await t.http().get('/notices').set(commission))).toEqual(before);
    },
    // Lists the notices of what 西城区 sees: only the guided bureau's, none of 柳营镇's.
    'GET /notices': async () => {
      expect(idsOf(await t.http().get('/notices').set(outsider))).toEqual([ids.guidedNotice]);
      expect(idsOf(await t.http().get('/notices?mine=true').set(outsider))).toEqual([]);
      expect(idsOf(await t.http().get('/notices?overdue=true').set(outsider))).toEqual([]);
      refused(await t.http().get(`/notices?subtreeOf=${ids['DC-T1']}`).set(outsider));
      refused(await t.http().get(`/notices?subtreeOf=${ids.DC}`).set(outsider));
    },
    'GET /notices/{id}': async () => {
      refused(await t.http().get(`/notices/${ids.notice}`).set(outsider));
      refused(await t.http().get(`/notices/${ids.overdueNotice}`).set(outsider));
    },
    'POST /notices/{id}/replies': async () =>
      refusedAndUnchanged(
        () => noticeAsStored(ids.notice),
        () => t.http().post(`/notices/${ids.notice}/replies`).set(outsider).send({ content: '代为回告。' }),
      ),
    'POST /notices/{id}/replies/{replyId}/accept': async () =>
      refusedAndUnchanged(
        () => noticeAsStored(ids.notice),
        () => t.http().post(`/notices/${ids.notice}/replies/${ids.reply}/accept`).set(outsider).send({}),
      ),
    'POST /notices/{id}/replies/{replyId}/return': async () =>
      refusedAndUnchanged(
        () => noticeAsStored(ids.notice),
        () =>
          t
            .http()
            .post(`/notices/${ids.notice}/replies/${ids.reply}/return`)
            .set(outsider)
            .send({ reasons: '越权退回' }),
      ),
    'POST /notices/{id}/withdraw': async () =>
      refusedAndUnchanged(
        () => noticeAsStored(ids.notice),
        () => t.http().post(`/notices/${ids.notice}/withdraw`).set(outsider).send({ reason: '越权' }),
      ),
    'POST /notices/{id}/loop': async () =>
      refused(await t.http().post(`/notices/${ids.notice}/loop`).set(outsider)),
    // Marks of what 西城区 sees: 柳营镇's secretary's overdue mark stays out of sight.
    'GET /overdue-marks': async () => {
      await eventually('the overdue mark', async () => {
        const marks = (await t.http().get(`/overdue-marks?personId=${ids['P-M1']}`).set(commission)).body;
        return marks.length > 0 ? marks : undefined;
      });
      for (const query of ['', `?personId=${ids['P-M1']}`, `?year=${new Date().getFullYear()}`]) {
        const marks = await t.http().get(`/overdue-marks${query}`).set(outsider);
        expect(marks.status).toBe(200);
        expect(marks.body).toEqual([]);
      }
      refused(await t.http().get(`/overdue-marks?subtreeOf=${ids['DC-T1']}`).set(outsider));
    },

    // Cases.
    'POST /cases': async () => {
      const before = idsOf(await t.http().get('/cases').set(commission));
      refused(
        await t.http().post('/cases').set(outsider).send({
          unitId: ids['DC-T1'],
          source: 'manual',
          summary: '越权立案',
          violationDate: '2025-03-10',
        }),
      );
      // Nor a case of its own naming a person of 东城区 the directory does not show it.
      refused(
        await t
          .http()
          .post('/cases')
          .set(outsider)
          .send({
            unitId: ids.XC,
            source: 'manual',
            summary: '越权立案',
            violationDate: '2025-03-10',
            violatorPersonIds: [ids['P-M1']],
          }),
      );
      expect(idsOf(await t.http().get('/cases').set(commission))).toEqual(before);
      expect(idsOf(await t.http().get(`/cases?subtreeOf=${ids.XC}`).set(outsider))).toEqual([]);
    },
    // Only the guided bureau's case; none of 柳营镇's (nor the one the overdue notice opened).
    'GET /cases': async () => {
      const overdueCase = await eventually('the overdue notice’s case', async () => {
        const d = (await t.http().get(`/notices/${ids.overdueNotice}`).set(commission)).body;
        return (d.caseId as string | null) ?? undefined;
      });
      expect(idsOf(await t.http().get('/cases').set(commission))).toContain(overdueCase);
      refused(await t.http().get(`/cases/${overdueCase}`).set(outsider));
      expect(idsOf(await t.http().get('/cases').set(outsider))).toEqual([ids.guidedCase]);
      expect(idsOf(await t.http().get('/cases?status=reviewing').set(outsider))).toEqual([]);
      refused(await t.http().get(`/cases?subtreeOf=${ids['DC-T1']}`).set(outsider));
    },
    'GET /cases/{id}': async () => {
      refused(await t.http().get(`/cases/${ids.case}`).set(outsider));
      refused(await t.http().get(`/cases/${ids.reviewingCase}`).set(outsider));
    },
    // A person's cases follow the person wherever they moved, but only cases of units the caller sees:
    // 赵立新's are all 柳营镇's; 吴海峰 (the guided bureau's secretary) shows his bureau's case only.
    'GET /people/{personId}/cases': async () => {
      expect(
        idsOf(await t.http().get(`/people/${ids['P-M1']}/cases`).set(commission)).length,
      ).toBeGreaterThan(0);
      expect(idsOf(await t.http().get(`/people/${ids['P-M1']}/cases`).set(outsider))).toEqual([]);
      expect(idsOf(await t.http().get(`/people/${ids['P-T1']}/cases`).set(outsider))).toEqual([
        ids.guidedCase,
      ]);
    },
    'POST /cases/{id}/investigations': async () =>
      refusedAndUnchanged(
        () => caseAsStored(ids.case),
        () =>
          t
            .http()
            .post(`/cases/${ids.case}/investigations`)
            .set(outsider)
            .send({ personId: ids['P-X1'], role: 'primary' }),
      ),
    'POST /cases/{id}/investigations/{investigationId}/outcome': async () =>
      refusedAndUnchanged(
        () => caseAsStored(ids.case),
        () =>
          t
            .http()
            .post(`/cases/${ids.case}/investigations/${ids.investigation}/outcome`)
            .set(outsider)
            .send({ outcome: 'notResponsible', finding: '越权认定' }),
      ),
    'POST /cases/{id}/measures': async () =>
      refusedAndUnchanged(
        () => caseAsStored(ids.case),
        () =>
          t
            .http()
            .post(`/cases/${ids.case}/measures`)
            .set(outsider)
            .send({ targetKind: 'organisation', unitId: ids['DC-T1'], form: 'selfExamination' }),
      ),
    'POST /cases/{id}/exemptions': async () =>
      refusedAndUnchanged(
        () => caseAsStored(ids.case),
        () =>
          t.http().post(`/cases/${ids.case}/exemptions`).set(outsider).send({
            investigationId: ids.investigation,
            kind: 'exemption',
            basis: 'developmentLapse',
            reasons: '越权免责',
          }),
      ),
    'POST /cases/{id}/transitions': async () =>
      refusedAndUnchanged(
        () => caseAsStored(ids.case),
        () => t.http().post(`/cases/${ids.case}/transitions`).set(outsider).send({ to: 'dismissed' }),
      ),
    'POST /cases/{id}/approvals': async () =>
      refusedAndUnchanged(
        () => caseAsStored(ids.reviewingCase),
        () =>
          t.http().post(`/cases/${ids.reviewingCase}/approvals`).set(outsider).send({ decision: 'approve' }),
      ),

    // Talks.
    'POST /talks': async () => {
      const before = idsOf(await t.http().get('/talks').set(commission));
      const talk = { kind: 'interview', heldOn: '2026-03-02', subject: '越权约谈', outcome: '越权' };
      refused(
        await t
          .http()
          .post('/talks')
          .set(outsider)
          .send({ ...talk, unitId: ids['DC-T1'], withPersonId: ids['P-M1'] }),
      );
      // Nor a talk of its own "with" (or "held by") a person of 东城区 the directory does not show it.
      refused(
        await t
          .http()
          .post('/talks')
          .set(outsider)
          .send({ ...talk, unitId: ids.XC, withPersonId: ids['P-M1'] }),
      );
      refused(
        await t
          .http()
          .post('/talks')
          .set(outsider)
          .send({ ...talk, unitId: ids.XC, withPersonId: ids['P-X1'], heldById: ids['P-M2'] }),
      );
      expect(idsOf(await t.http().get('/talks').set(commission))).toEqual(before);
      expect(idsOf(await t.http().get('/talks').set(outsider))).toEqual([ids.guidedTalk]);
    },
    // Only the guided bureau's talk; none with 柳营镇's secretary.
    'GET /talks': async () => {
      expect(idsOf(await t.http().get('/talks').set(outsider))).toEqual([ids.guidedTalk]);
      expect(idsOf(await t.http().get(`/talks?personId=${ids['P-M1']}`).set(outsider))).toEqual([]);
      refused(await t.http().get(`/talks?subtreeOf=${ids.DC}`).set(outsider));
    },

    // Bulletins.
    'POST /bulletins': async () => {
      const before = idsOf(await t.http().get('/bulletins').set(commission));
      refused(
        await t
          .http()
          .post('/bulletins')
          .set(outsider)
          .send({
            unitId: ids['DC-T1'],
            title: '越权通报',
            body: '越权',
            negativeList: [{ unitId: ids['DC-T1'], problem: '越权' }],
          }),
      );
      // Nor a bulletin of its own naming a person of 东城区 the directory does not show it.
      refused(
        await t
          .http()
          .post('/bulletins')
          .set(outsider)
          .send({
            unitId: ids.XC,
            title: '越权通报',
            body: '越权',
            negativeList: [{ unitId: ids.XC, personId: ids['P-M1'], problem: '越权' }],
          }),
      );
      expect(idsOf(await t.http().get('/bulletins').set(commission))).toEqual(before);
    },
    // Only the guided bureau's bulletin.
    'GET /bulletins': async () =>
      expect(idsOf(await t.http().get('/bulletins').set(outsider))).toEqual([ids.guidedBulletin]),
    'GET /bulletins/{id}': async () =>
      refused(await t.http().get(`/bulletins/${ids.bulletin}`).set(outsider)),
    // 柳营镇's bulletin is refused. The guided bureau's bulletin PDF is readable by 西城区 by design, and so is
    // its JSON (GET /bulletins/{id}): 东城区教育局 is guided by 西城区's street 白沙街道 (dual management), and a
    // guiding org reads what concerns the units it guides (canSee), not because of the copy report one level
    // up, which goes to 东城区's own member. A village below the street is not the guide and is refused.
    'GET /bulletins/{id}/pdf': async () => {
      refused(await t.http().get(`/bulletins/${ids.bulletin}/pdf`).set(outsider));
      const guided = await pdfOf(t.http().get(`/bulletins/${ids.guidedBulletin}/pdf`).set(outsider));
      expect(guided.status).toBe(200);
      expect((guided.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
      const village = await t.token('P-X1', 'XC-V1', ['commissionStaff', 'committeeStaff', 'leader']);
      refused(await t.http().get(`/bulletins/${ids.guidedBulletin}/pdf`).set(village));
    },

    // Monthly reports and their schedules.
    'GET /monthly-reports': async () => {
      expect(idsOf(await t.http().get('/monthly-reports').set(outsider))).toEqual([]);
      expect(idsOf(await t.http().get(`/monthly-reports?unitId=${ids.DC}`).set(outsider))).toEqual([]);
    },
    'POST /monthly-reports/schedules': async () => {
      refused(await t.http().post('/monthly-reports/schedules').set(outsider).send({ unitId: ids['DC-T1'] }));
      expect((await t.http().get(`/monthly-reports/schedules/${ids['DC-T1']}`).set(commission)).status).toBe(
        404,
      );
    },
    'GET /monthly-reports/schedules/{unitId}': async () =>
      refused(await t.http().get(`/monthly-reports/schedules/${ids.DC}`).set(outsider)),
    'POST /monthly-reports/schedules/{unitId}/trigger': async () =>
      refusedAndUnchanged(
        async () =>
          (await t.http().get(`/monthly-reports/schedules/${ids.DC}`).set(commission)).body.recentActions,
        () => t.http().post(`/monthly-reports/schedules/${ids.DC}/trigger`).set(outsider).send({}),
      ),
    'POST /monthly-reports/runs': async () =>
      refusedAndUnchanged(
        async () => idsOf(await t.http().get('/monthly-reports').set(commission)),
        () =>
          t
            .http()
            .post('/monthly-reports/runs')
            .set(outsider)
            .send({ unitId: ids['DC-T1'], period: '2026-01' }),
      ),
    'GET /monthly-reports/{id}': async () =>
      refused(await t.http().get(`/monthly-reports/${ids.report}`).set(outsider)),
    'GET /monthly-reports/{id}/export': async () => {
      for (const format of ['json', 'csv', 'pdf'])
        refused(await t.http().get(`/monthly-reports/${ids.report}/export?format=${format}`).set(outsider));
    },
  };

  it('has a row for every endpoint in the OpenAPI document', async () => {
    const docs = await t.http().get('/api/docs/openapi.json');
    const endpoints = Object.entries(docs.body.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(endpoints.sort()).toEqual(Object.keys(matrix).sort());
  });

  it.each(Object.keys(matrix))('%s', async (endpoint) => {
    await matrix[endpoint]?.();
  });

  it('lets a guiding org read what concerns the unit it guides, but not act on it', async () => {
    const guide = await t.token('P-XT', 'XC-T1', ['commissionStaff', 'committeeStaff', 'leader']);
    const readOnly = (response: Response): void =>
      expect({ status: response.status, code: response.body?.code }).toEqual({
        status: 403,
        code: 'GUIDING_ORG_READ_ONLY',
      });
    const notice = await t.http().get(`/notices/${ids.guidedNotice}`).set(guide);
    expect(notice.status).toBe(200);
    expect(notice.body.unitName).toBe('东城区教育局');
    readOnly(
      await t.http().post(`/notices/${ids.guidedNotice}/withdraw`).set(guide).send({ reason: '越权' }),
    );
    readOnly(
      await t.http().post('/notices').set(guide).send({
        unitId: ids['DC-D1'],
        source: 'petition',
        title: '越权抄告',
        body: '越权',
      }),
    );
    const guidedCase = await t.http().get(`/cases/${ids.guidedCase}`).set(guide);
    expect(guidedCase.status).toBe(200);
    expect(guidedCase.body.investigations.map((i: any) => i.personName ?? i.unitName)).toContain('吴海峰');
    const before = await caseAsStored(ids.guidedCase);
    readOnly(
      await t.http().post(`/cases/${ids.guidedCase}/transitions`).set(guide).send({ to: 'dismissed' }),
    );
    expect(await caseAsStored(ids.guidedCase)).toEqual(before);
    expect((await t.http().get(`/bulletins/${ids.guidedBulletin}`).set(guide)).body.negativeList).toEqual([
      expect.objectContaining({ unitName: '东城区教育局', personName: '吴海峰' }),
    ]);
    readOnly(
      await t
        .http()
        .post('/bulletins')
        .set(guide)
        .send({
          unitId: ids['DC-D1'],
          title: '越权通报',
          body: '越权',
          negativeList: [{ unitId: ids['DC-D1'], problem: '越权' }],
        }),
    );
    readOnly(
      await t.http().post('/talks').set(guide).send({
        unitId: ids['DC-D1'],
        kind: 'interview',
        withPersonId: ids['P-T1'],
        heldOn: '2026-03-02',
        subject: '越权约谈',
        outcome: '越权',
      }),
    );
    // What the guide reads stops at the guided bureau: nothing of 东城区 itself.
    refused(await t.http().get(`/cases?subtreeOf=${ids.DC}`).set(guide));
    expect(idsOf(await t.http().get('/cases').set(guide))).toEqual([ids.guidedCase]);
  });

  it('checks roles, and that the refusals were about scope: the same writes from 东城区 go through', async () => {
    const leader = await t.token('P-NEW', 'DC', ['leader']);
    expect((await t.http().get(`/cases/${ids.case}`).set(leader)).status).toBe(200);
    const before = await caseAsStored(ids.case);
    const write = await t.http().post(`/cases/${ids.case}/transitions`).set(leader).send({ to: 'dismissed' });
    expect({ status: write.status, code: write.body.code }).toEqual({ status: 403, code: 'FORBIDDEN_ROLE' });
    expect(await caseAsStored(ids.case)).toEqual(before);
    // 林晓红 approves the case the outsider could not (someone other than whoever sent it to review).
    const approved = await t
      .http()
      .post(`/cases/${ids.reviewingCase}/approvals`)
      .set(approver)
      .send({ decision: 'approve' });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    // The commission accepts the reply the outsider could neither accept nor return.
    const accepted = await t
      .http()
      .post(`/notices/${ids.notice}/replies/${ids.reply}/accept`)
      .set(commission)
      .send({});
    expect(accepted.status).toBe(200);
    expect(accepted.body.decision).toBe('accept');
  });
});
