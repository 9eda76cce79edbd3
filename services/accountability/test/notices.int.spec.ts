import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { verifyAuditLog } from '@dutychain/auth';
import type { CopyNoticeInput } from '@dutychain/temporal';
import { COPY_NOTICE_WORKFLOW_TYPE, copyNoticeStartOptions } from '@dutychain/temporal';
import { AccountabilityConfig } from '../src/accountability.config';
import { createAccountabilityApp } from '../src/create-accountability-app';
import type { AccountabilityTestApp } from './support/accountability-test-app';
import { BOOTSTRAP_KEY, eventually, startAccountabilityTestApp } from './support/accountability-test-app';

/**
 * Copy-notify and reply through the API on real Postgres and the real Temporal dev server: the
 * reply loop (reply, return, re-reply, accept), overdue escalation into a case, scope and bad input.
 */
describe('copy notices (real Postgres, Temporal dev server)', () => {
  let t: AccountabilityTestApp;
  let commission: Record<string, string>; // 陈正清, 东城区纪委书记
  let secretary: Record<string, string>; // 吴海峰, 东城区教育局党组书记
  let supervisor: Record<string, string>; // 孙雅琴, 区委常委 who supervises 教育
  let outsider: Record<string, string>; // 郑文博, 西城区委书记, as commission staff of 西城区
  let guiding: Record<string, string>; // 何丽萍, 白沙街道 which guides 东城区教育局
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startAccountabilityTestApp();
    commission = await t.token('P-JW', 'DC', ['commissionStaff', 'leader']);
    secretary = await t.token('P-T1', 'DC-D1', ['leader']);
    supervisor = await t.token('P-M2', 'DC', ['leader']);
    outsider = await t.token('P-X1', 'XC', ['commissionStaff', 'committeeStaff', 'leader']);
    guiding = await t.token('P-XT', 'XC-T1', ['commissionStaff']);
    for (const code of ['DC', 'DC-D1', 'DC-T1', 'XC', 'HZ']) ids[code] = await t.unitId(code);
    for (const code of ['P-T1', 'P-M2', 'P-M1', 'P-JW']) ids[code] = await t.personId(code);
  }, 180_000);
  afterAll(async () => t?.close());

  const issue = (headers: Record<string, string>, body: Record<string, unknown>) =>
    t
      .http()
      .post('/notices')
      .set(headers)
      .send({
        source: 'petition',
        sourceRef: 'XF-2026-118',
        title: '关于东城区教育局信访举报反映问题的抄告',
        body: '群众反映部分学校违规收取费用，请于规定时限内回告整改情况。',
        ...body,
      });
  const detail = async (id: string, headers = commission) =>
    (await t.http().get(`/notices/${id}`).set(headers)).body;

  it('issues a notice to the secretary and the supervising member, replies, returns, replies again and accepts', async () => {
    const issued = await issue(commission, { unitId: ids['DC-D1'] });
    expect(issued.status).toBe(201);
    expect(issued.body.addressees.map((a: any) => [a.name, a.role])).toEqual([
      ['吴海峰', 'secretary'],
      ['孙雅琴', 'supervisor'],
    ]);
    expect(issued.body).toMatchObject({
      status: 'open',
      issuingUnitName: '东城区',
      escalationUnitId: ids.HZ,
    });
    const id = issued.body.id as string;
    const opened = await eventually('deadlines stored', async () => {
      const d = await detail(id);
      return d.addressees.every((a: any) => a.dueDate) ? d : undefined;
    });
    expect(opened.steps.map((s: any) => s.kind)).toEqual(['issued', 'issued']);

    const receipt = await t
      .http()
      .post(`/notices/${id}/replies`)
      .set(secretary)
      .send({ content: '已组织自查。' });
    expect(receipt.status).toBe(200);
    expect(receipt.body).toMatchObject({ noticeId: id, round: 1, onTime: true, addresseeId: ids['P-T1'] });
    const again = await t.http().post(`/notices/${id}/replies`).set(secretary).send({ content: '补充。' });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/already replied in round 1/);

    const noReasons = await t
      .http()
      .post(`/notices/${id}/replies/${receipt.body.replyId}/return`)
      .set(commission)
      .send({});
    expect(noReasons.status).toBe(400);
    expect(noReasons.body.errors[0]).toMatchObject({ field: 'reasons' });
    const returned = await t
      .http()
      .post(`/notices/${id}/replies/${receipt.body.replyId}/return`)
      .set(commission)
      .send({ reasons: '回告过于简单，未说明退费情况和责任追究。' });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ decision: 'return', round: 2, noticeStatus: 'open' });

    const second = await t
      .http()
      .post(`/notices/${id}/replies`)
      .set(secretary)
      .send({ content: '已全额清退违规收费，对两名校长进行诫勉谈话。' });
    expect(second.body).toMatchObject({ round: 2, onTime: true });
    expect(
      (await t.http().post(`/notices/${id}/replies/${second.body.replyId}/accept`).set(commission).send({}))
        .status,
    ).toBe(200);
    const member = await t
      .http()
      .post(`/notices/${id}/replies`)
      .set(supervisor)
      .send({ content: '已约谈局党组书记。' });
    expect(member.status).toBe(200);
    const last = await t
      .http()
      .post(`/notices/${id}/replies/${member.body.replyId}/accept`)
      .set(commission)
      .send({});
    expect(last.body).toMatchObject({ decision: 'accept', noticeStatus: 'completed' });

    const done = await eventually('the notice to close', async () => {
      const d = await detail(id);
      return d.status === 'completed' ? d : undefined;
    });
    expect(done.steps.map((s: any) => s.kind)).toEqual([
      'issued',
      'issued',
      'replied',
      'returned',
      'replied',
      'accepted',
      'replied',
      'accepted',
      'completed',
    ]);
    expect(done.replies.map((r: any) => [r.round, r.decision])).toEqual([
      [1, 'returned'],
      [2, 'accepted'],
      [1, 'accepted'],
    ]);
    expect(done.replies[0].reasons).toBe('回告过于简单，未说明退费情况和责任追究。');
    // Both sides see every step: the addressee reads the same notice.
    const seenBySecretary = await detail(id, secretary);
    expect(seenBySecretary.steps).toHaveLength(9);
    // Closed: no more replies, nothing changes.
    const late = await t.http().post(`/notices/${id}/replies`).set(supervisor).send({ content: '再补充。' });
    expect(late.status).toBe(409);
    expect((await detail(id)).replies).toHaveLength(3);
    const audit = await verifyAuditLog(t.db.url, 'accountability');
    expect(audit.ok).toBe(true);
    // Every step is in the hash-chained audit log, with whoever took it.
    const client = new Client({ connectionString: t.db.url });
    await client.connect();
    try {
      const rows = await client.query<{ action: string; actor_name: string }>(
        `SELECT action, actor_name FROM accountability.audit_log WHERE entity_id = $1 ORDER BY seq`,
        [id],
      );
      expect(rows.rows.map((r) => r.action)).toEqual([
        'notice.issue',
        'notice.issued',
        'notice.issued',
        'notice.replied',
        'notice.returned',
        'notice.replied',
        'notice.accepted',
        'notice.replied',
        'notice.accepted',
        'notice.completed',
      ]);
      expect(rows.rows.filter((r) => r.action === 'notice.returned').map((r) => r.actor_name)).toEqual([
        '陈正清',
      ]);
      expect(rows.rows.filter((r) => r.action === 'notice.replied').map((r) => r.actor_name)).toEqual([
        '吴海峰',
        '吴海峰',
        '孙雅琴',
      ]);
    } finally {
      await client.end();
    }
  }, 120_000);

  it('refuses replies to someone else’s notice, acts outside the commission’s units and reads outside the subtree', async () => {
    const issued = await issue(commission, {
      unitId: ids['DC-T1'],
      title: '关于柳营镇专项检查发现问题的抄告',
      source: 'specialCheck',
    });
    expect(issued.status).toBe(201);
    const id = issued.body.id as string;
    // Not an addressee (the department's secretary replying to the town's notice).
    const stranger = await t
      .http()
      .post(`/notices/${id}/replies`)
      .set(secretary)
      .send({ content: '代为回告。' });
    expect(stranger.status).toBe(403);
    expect(stranger.body.message).toMatch(/not an addressee/);
    // 西城区's commission: cannot issue for 东城区's units, nor review, nor read them.
    expect((await issue(outsider, { unitId: ids['DC-T1'] })).status).toBe(403);
    expect((await t.http().get(`/notices/${id}`).set(outsider)).status).toBe(403);
    expect(
      (await t.http().post(`/notices/${id}/withdraw`).set(outsider).send({ reason: '越权' })).status,
    ).toBe(403);
    const listed = await t.http().get('/notices').set(outsider);
    expect(listed.body.map((n: any) => n.id)).not.toContain(id);
    expect((await t.http().get(`/notices?subtreeOf=${ids.DC}`).set(outsider)).status).toBe(403);
    // A guiding org sees the department's notices but does not act on them.
    const guided = await issue(guiding, { unitId: ids['DC-D1'] });
    expect(guided.status).toBe(403);
    expect(guided.body.code).toBe('GUIDING_ORG_READ_ONLY');
    // A town commission cannot issue about its district: the unit must lie under the issuing unit.
    const upward = await issue(commission, { unitId: ids['DC-T1'], issuingUnitId: ids['DC-T1'] });
    expect(upward.status).toBe(201);
    const wrongIssuer = await issue(t.admin, { unitId: ids.DC, issuingUnitId: ids['DC-T1'] });
    expect(wrongIssuer.status).toBe(400);
    expect(wrongIssuer.body.errors[0]).toMatchObject({ field: 'issuingUnitId', rule: 'covers' });
    // Bad input names field and rule; nothing is stored.
    const before = (await t.http().get('/notices').set(t.admin)).body.length;
    const bad = await t
      .http()
      .post('/notices')
      .set(commission)
      .send({ unitId: 'x', source: 'rumour', title: '', body: 'b' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field).sort()).toEqual(['source', 'title', 'unitId']);
    expect((await t.http().get('/notices').set(t.admin)).body.length).toBe(before);
    // Withdrawn by the commission: closed, with the reason among the steps.
    const withdrawn = await t
      .http()
      .post(`/notices/${id}/withdraw`)
      .set(commission)
      .send({ reason: '问题已另案处理' });
    expect(withdrawn.status).toBe(200);
    const closed = await eventually('withdrawal stored', async () => {
      const d = await detail(id);
      return d.status === 'withdrawn' ? d : undefined;
    });
    expect(closed.steps.at(-1)).toMatchObject({
      kind: 'withdrawn',
      reasons: '问题已另案处理',
      actorName: '陈正清',
    });
    const afterClose = await t
      .http()
      .post(`/notices/${upward.body.id}/withdraw`)
      .set(commission)
      .send({ reason: '测试结束' });
    expect(afterClose.status).toBe(200);
  }, 120_000);

  it('escalates an overdue reply, marks it for appraisal and opens a case with the chain of the due date', async () => {
    const issued = await issue(commission, {
      unitId: ids['DC-T1'],
      title: '关于柳营镇执纪审查发现问题的抄告',
      source: 'disciplineReview',
      replyWorkingDays: 1,
      dayLastsMs: 1_000,
    });
    expect(issued.status).toBe(201);
    expect(issued.body.addressees.map((a: any) => a.name)).toEqual(['赵立新']);
    const id = issued.body.id as string;
    const overdue = await eventually('escalation into a case', async () => {
      const d = await detail(id);
      return d.caseId && d.overdue ? d : undefined;
    });
    expect(overdue.steps.map((s: any) => s.kind)).toEqual(['issued', 'reminded', 'overdue', 'escalated']);
    const dueDate = overdue.addressees[0].dueDate as string;
    const marks = await t.http().get(`/overdue-marks?personId=${ids['P-M1']}`).set(commission);
    expect(marks.body).toEqual([expect.objectContaining({ noticeId: id, dueDate, personName: '赵立新' })]);
    const opened = (await t.http().get(`/cases/${overdue.caseId}`).set(commission)).body;
    expect(opened).toMatchObject({
      source: 'overdueNotice',
      sourceRef: id,
      violationDate: dueDate,
      status: 'intake',
    });
    expect(opened.chain.date).toBe(dueDate);
    expect(
      opened.investigations.map((i: any) => [i.role, i.link, i.personName ?? i.unitName ?? i.commissionName]),
    ).toEqual([
      ['violator', 'violator', '赵立新'],
      ['primary', 'committee', '柳营镇'],
      ['primary', 'first', '赵立新'],
      ['supervisory', 'commission', '陈正清'],
    ]);
    // A late reply is taken and marked late; the case stays.
    const late = await t
      .http()
      .post(`/notices/${id}/replies`)
      .set(await t.token('P-M1', 'DC-T1', ['leader']))
      .send({ content: '已整改。' });
    expect(late.body).toMatchObject({ onTime: false });
    const after = await eventually('late reply stored', async () => {
      const d = await detail(id);
      return d.replies.length === 1 ? d : undefined;
    });
    expect(after).toMatchObject({ overdue: false, caseId: overdue.caseId });
    expect(after.replies[0].onTime).toBe(false);
    await t.http().post(`/notices/${id}/withdraw`).set(commission).send({ reason: '转入问责' });
  }, 120_000);

  it('refuses a notice whose loop could not run before storing anything (null or out-of-bounds dayLastsMs)', async () => {
    const count = async () =>
      ((await t.http().get('/notices?limit=500').set(commission)).body as unknown[]).length;
    const before = await count();
    for (const [dayLastsMs, rule] of [
      [null, 'isInt'],
      [86_400_001, 'max'],
      [999, 'min'],
      [1500.5, 'isInt'],
    ] as const) {
      const refused = await issue(commission, { unitId: ids['DC-D1'], dayLastsMs });
      expect({ status: refused.status, errors: refused.body.errors }).toEqual({
        status: 400,
        errors: expect.arrayContaining([expect.objectContaining({ field: 'dayLastsMs', rule })]),
      });
    }
    expect((await issue(commission, { unitId: ids['DC-D1'], replyWorkingDays: null })).body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'replyWorkingDays', rule: 'isInt' })]),
    );
    expect(await count()).toBe(before);
  });

  it('restarts a loop that ended without completing, says so, and refuses (409) what it cannot restart', async () => {
    // A second instance of the service whose activities nobody runs: its loops start but record nothing.
    const quiet = AccountabilityConfig.fromEnv({
      NODE_ENV: 'test',
      DATABASE_URL: t.db.url,
      DATABASE_POOL_SIZE: '2',
      DUTYCHAIN_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY,
      ORG_URL: t.org.baseUrl,
      TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
      ACCOUNTABILITY_TASK_QUEUE: `${t.config.taskQueue}-nobody`,
      ACCOUNTABILITY_WORKFLOW_TASK_QUEUE: t.config.workflowTaskQueue,
      ACCOUNTABILITY_WORKER_ENABLED: 'false',
      ACCOUNTABILITY_SCHEDULES_ENABLED: 'false',
    });
    let other: INestApplication | undefined;
    try {
      other = await createAccountabilityApp(quiet);
      await other.init();
      const issued = await request(other.getHttpServer()).post('/notices').set(commission).send({
        unitId: ids['DC-D1'],
        source: 'specialCheck',
        title: '专项检查抄告',
        body: '请回告整改情况。',
      });
      expect(issued.status).toBe(201);
      const id = issued.body.id as string;
      const handle = t.temporal.workflow.getHandle(issued.body.workflowId as string);
      await handle.terminate('the loop broke before recording a step');
      // As before the fix: the same loop run again with a null day, which fails at once on its input.
      const history = await handle.fetchHistory();
      const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
      const recorded = t.temporal.options.loadedDataConverter.payloadConverter.fromPayload<CopyNoticeInput>(
        payload!,
      );
      const broken = await t.temporal.workflow.start(COPY_NOTICE_WORKFLOW_TYPE, {
        ...copyNoticeStartOptions(
          { ...recorded, compression: { dayLastsMs: null as unknown as number } },
          t.config.workflowTaskQueue,
        ),
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
      });
      await expect(broken.result()).rejects.toThrow();
      expect((await handle.describe()).status.name).toBe('FAILED');
      const firstRun = broken.firstExecutionRunId;

      const loop = () => t.http().post(`/notices/${id.toUpperCase()}/loop`).set(commission);
      const restarted = await loop();
      expect({ status: restarted.status, loop: restarted.body.loop }).toEqual({
        status: 200,
        loop: 'restarted',
      });
      const running = await t.temporal.workflow.getHandle(issued.body.workflowId as string).describe();
      expect(running.status.name).toBe('RUNNING');
      expect(running.runId).not.toBe(firstRun);
      // This instance runs the activities: the restarted loop really works.
      await eventually('the restarted loop to store its steps', async () => {
        const d = await detail(id);
        return d.steps.length === 2 && d.addressees.every((a: any) => a.dueDate);
      });
      expect((await loop()).body.loop).toBe('running');

      await handle.terminate('broken after steps');
      const hasSteps = await loop();
      expect({ status: hasSteps.status, rule: hasSteps.body.errors?.[0]?.rule }).toEqual({
        status: 409,
        rule: 'loop.hasSteps',
      });
    } finally {
      await other?.close();
    }
  }, 120_000);
});
