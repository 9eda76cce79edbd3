import { DataSource } from 'typeorm';
import type { ListsTestEnv } from './support/lists-test-env';
import { startListsTestEnv, waitFor } from './support/lists-test-env';

/**
 * Committee lists and personal risk lists through the API: real Postgres, the real org service,
 * the real Temporal dev server running the risk-list workflow. Every refusal names its rule and
 * leaves what is stored as it was.
 */
describe('committee and personal lists (real Postgres, org service, Temporal dev server)', () => {
  let t: ListsTestEnv;
  // Next year, in real time: define (January) has not begun, so nothing is late or locked yet.
  const year = new Date().getFullYear() + 1;
  let staffDC: Record<string, string>;
  let staffT1: Record<string, string>;
  let dcList: any;
  let t1List: any;

  beforeAll(async () => {
    t = await startListsTestEnv();
    staffDC = await t.token('P-NEW', 'DC', ['committeeStaff']);
    staffT1 = await t.token('P-M1', 'DC-T1', ['committeeStaff']);
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  const items = [
    {
      aspect: '落实主体责任',
      content: '每半年召开一次党委专题会议研究部署党风廉政建设',
      leadDepartment: '区委办',
      deadline: '2026-06-30',
    },
    {
      aspect: '强化监督',
      content: '开展政府采购和工程招投标领域专项监督检查',
      leadDepartment: '区纪委',
      deadline: '2026-09-30',
    },
    { aspect: '作风建设', content: '整治形式主义官僚主义，为基层减负', leadDepartment: '区委办' },
  ];

  it('drafts and publishes the committee task list, refusing bad input by field and rule', async () => {
    const created = await t
      .http()
      .post('/task-lists')
      .set(staffDC)
      .send({ unitId: t.units.DC, year, title: '2026年度东城区委主体责任清单', items });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'draft',
      items: [{ seq: 1, aspect: '落实主体责任' }, {}, {}],
    });
    dcList = created.body;

    const blank = await t
      .http()
      .post('/task-lists')
      .set(staffDC)
      .send({
        unitId: t.units.XC,
        year,
        title: 'x',
        items: [{ aspect: ' ', content: 'a'.repeat(501), leadDepartment: '办' }],
      });
    expect(blank.status).toBe(400);
    expect(blank.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'items[0].aspect',
          rule: 'text',
          message: 'items[0].aspect must not be blank',
        }),
        expect.objectContaining({
          field: 'items[0].content',
          rule: 'text',
          message: 'items[0].content must be at most 500 characters',
        }),
      ]),
    );
    const twice = await t
      .http()
      .post('/task-lists')
      .set(staffDC)
      .send({ unitId: t.units.DC, year, title: '重复', items });
    expect(twice.status).toBe(409);
    expect(twice.body.errors[0]).toMatchObject({ rule: 'taskList.onePerUnitYear' });
    const otherDistrict = await t
      .http()
      .post('/task-lists')
      .set(staffT1)
      .send({ unitId: t.units.XC, year, title: '越权', items });
    expect(otherDistrict.status).toBe(403);

    const published = await t.http().post(`/task-lists/${dcList.id}/publication`).set(staffDC);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({
      status: 'published',
      cycle: { notified: false, accepted: false },
    });
    const again = await t.http().post(`/task-lists/${dcList.id}/publication`).set(staffDC);
    expect(again.status).toBe(409);
    expect(again.body.errors[0].rule).toBe('taskList.publishOnce');
    const edit = await t.http().put(`/task-lists/${dcList.id}/items`).set(staffDC).send({ items });
    expect(edit.status).toBe(409);
    expect(edit.body.errors[0].rule).toBe('taskList.published');

    const t1 = await t
      .http()
      .post('/task-lists')
      .set(staffT1)
      .send({ unitId: t.units['DC-T1'], year, title: '柳营镇党委主体责任清单', items: items.slice(0, 1) });
    expect(t1.status).toBe(201);
    t1List = (await t.http().post(`/task-lists/${t1.body.id}/publication`).set(staffT1)).body;

    const supervision = await t
      .http()
      .post('/supervision-lists')
      .set(staffDC)
      .send({
        unitId: t.units.DC,
        year,
        title: '区纪委监督清单',
        items: [{ content: '监督专题会议召开情况', taskItemId: dcList.items[0].id }],
      });
    expect(supervision.status).toBe(201);
    expect(supervision.body.items[0].taskItemId).toBe(dcList.items[0].id);
    const foreignLink = await t
      .http()
      .post('/supervision-lists')
      .set(staffT1)
      .send({
        unitId: t.units['DC-T1'],
        year,
        title: '镇纪委监督清单',
        items: [{ content: '监督', taskItemId: dcList.items[0].id }],
      });
    expect(foreignLink.status).toBe(422);
    expect(foreignLink.body.errors[0]).toMatchObject({
      rule: 'supervisionItem.sameUnit',
      field: 'items[0].taskItemId',
    });
  });

  it('starts a list workflow for every team member of the subtree, once', async () => {
    const first = await t
      .http()
      .post('/risk-lists/workflows')
      .set(staffDC)
      .send({ unitId: t.units.DC, year, includeSubtree: true });
    expect(first.status).toBe(200);
    // 东城区: 林晓红, 陈正清, 孙雅琴; 柳营镇: 赵立新; 教育局: 吴海峰 (the village has no team).
    expect(first.body).toMatchObject({ units: 4, people: 5, started: 5, alreadyRunning: 0, failed: [] });
    const second = await t
      .http()
      .post('/risk-lists/workflows')
      .set(staffDC)
      .send({ unitId: t.units.DC, year, includeSubtree: true });
    expect(second.body).toMatchObject({ started: 0, alreadyRunning: 5 });
    const lists = await waitFor('five lists opened by their workflows', async () => {
      const response = await t.http().get(`/risk-lists?year=${year}`).set(staffDC);
      return response.body.total === 5 ? response.body.items : undefined;
    });
    expect(lists.map((l: any) => l.personName).sort()).toEqual(
      ['吴海峰', '孙雅琴', '林晓红', '赵立新', '陈正清'].sort(),
    );
  });

  it('claims, signs, is returned with comments, resubmits and is approved through the workflow', async () => {
    const member = await t.token('P-M2', 'DC', ['leader']);
    const secretary = await t.token('P-NEW', 'DC', ['leader']);
    const commission = await t.token('P-JW', 'DC', ['leader']);
    const mine = await t.http().get(`/risk-lists/by-person/${t.people['P-M2']}/${year}`).set(member);
    expect(mine.status).toBe(200);
    const id = mine.body.id as string;

    const claim = await t
      .http()
      .post(`/risk-lists/${id}/claims`)
      .set(member)
      .send({
        taskItemId: dcList.items[1].id,
        riskPoints: ['招投标环节可能存在围标串标、暗箱操作风险'],
        measures: ['全程纪实，关键环节集体决策并留痕'],
      });
    expect(claim.status).toBe(201);
    expect(claim.body.items[0]).toMatchObject({ source: 'claimed', content: items[1].content });
    const foreign = await t
      .http()
      .post(`/risk-lists/${id}/claims`)
      .set(member)
      .send({ taskItemId: t1List.items[0].id, riskPoints: [], measures: [] });
    expect(foreign.status).toBe(422);
    expect(foreign.body.errors[0]).toMatchObject({ rule: 'claim.sameUnit', field: 'taskItemId' });
    const twice = await t
      .http()
      .post(`/risk-lists/${id}/claims`)
      .set(member)
      .send({ taskItemId: dcList.items[1].id, riskPoints: [], measures: [] });
    expect(twice.status).toBe(409);
    expect(twice.body.errors[0].rule).toBe('claim.once');
    const empty = await t
      .http()
      .post(`/risk-lists/${id}/items`)
      .set(member)
      .send({ content: '   ', riskPoints: [''], measures: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.errors.map((e: any) => e.field)).toEqual(
      expect.arrayContaining(['content', 'riskPoints']),
    );
    const someoneElse = await t
      .http()
      .post(`/risk-lists/${id}/items`)
      .set(secretary)
      .send({ content: '代写', riskPoints: [], measures: [] });
    expect(someoneElse.status).toBe(403);
    expect(someoneElse.body.errors[0].rule).toBe('edit.ownListOnly');
    const own = await t
      .http()
      .post(`/risk-lists/${id}/items`)
      .set(member)
      .send({
        content: '分管教育卫生领域的党风廉政建设',
        riskPoints: ['基建项目和大宗采购存在利益输送风险'],
        measures: ['每季度听取分管部门廉政情况汇报'],
      });
    expect(own.status).toBe(201);
    expect(own.body.items).toHaveLength(2);
    const hash = own.body.contentHash as string;

    const forged = await t
      .http()
      .post(`/risk-lists/${id}/submission`)
      .set(secretary)
      .send({ contentHash: hash });
    expect(forged.status).toBe(403);
    expect(forged.body.errors[0].rule).toBe('sign.ownListOnly');
    const stale = await t
      .http()
      .post(`/risk-lists/${id}/submission`)
      .set(member)
      .send({ contentHash: 'a'.repeat(64) });
    expect(stale.status).toBe(409);
    expect(stale.body.errors[0].rule).toBe('sign.contentChanged');

    const signed = await t
      .http()
      .post(`/risk-lists/${id}/submission`)
      .set(member)
      .send({ contentHash: hash });
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({
      status: 'submitted',
      round: 1,
      approver: { personId: t.people['P-NEW'], rule: 'unitSecretary' },
      signature: { contentHash: hash, itemCount: 2 },
    });
    const lateEdit = await t
      .http()
      .post(`/risk-lists/${id}/items`)
      .set(member)
      .send({ content: '补充', riskPoints: [], measures: [] });
    expect(lateEdit.status).toBe(409);
    expect(lateEdit.body.errors[0].rule).toBe('edit.draftOnly');

    const ownApproval = await t.http().post(`/risk-lists/${id}/approval`).set(member).send({});
    expect(ownApproval.status).toBe(403);
    expect(ownApproval.body.errors[0].rule).toBe('approve.notOwnList');
    const notApprover = await t.http().post(`/risk-lists/${id}/approval`).set(commission).send({});
    expect(notApprover.status).toBe(403);
    expect(notApprover.body.errors[0].rule).toBe('approve.approverOnly');
    const noComment = await t.http().post(`/risk-lists/${id}/return`).set(secretary).send({});
    expect(noComment.status).toBe(400);
    expect(noComment.body.errors[0].field).toBe('comment');

    const returned = await t
      .http()
      .post(`/risk-lists/${id}/return`)
      .set(secretary)
      .send({ comment: '风险点请结合分管领域细化' });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ status: 'returned', round: 2 });
    const revised = await t
      .http()
      .patch(`/risk-lists/${id}/items/${own.body.items[1].id}`)
      .set(member)
      .send({
        riskPoints: ['基建项目和大宗采购存在利益输送风险', '干部选拔任用中的说情打招呼风险'],
      });
    expect(revised.status).toBe(200);
    const resubmitted = await t
      .http()
      .post(`/risk-lists/${id}/submission`)
      .set(member)
      .send({ contentHash: revised.body.contentHash });
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body).toMatchObject({ status: 'submitted', round: 2 });
    const approved = await t
      .http()
      .post(`/risk-lists/${id}/approval`)
      .set(secretary)
      .send({ comment: '同意' });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    expect(approved.body.history.map((e: any) => e.kind)).toEqual([
      'opened',
      'submitted',
      'returned',
      'submitted',
      'approved',
    ]);
    const again = await t.http().post(`/risk-lists/${id}/approval`).set(secretary).send({});
    expect(again.status).toBe(409);
    expect(again.body.errors[0].rule).toBe('approve.once');

    const view = await t.http().get(`/risk-lists/${id}`).set(member);
    expect(view.body).toMatchObject({ status: 'approved', round: 2, approverId: t.people['P-NEW'] });
    expect(view.body.signatures.map((s: any) => s.contentHash)).toEqual([hash, revised.body.contentHash]);
    expect(view.body.approvals.map((a: any) => [a.round, a.decision, a.comment])).toEqual([
      [1, 'return', '风险点请结合分管领域细化'],
      [2, 'approve', '同意'],
    ]);

    // The signer keeps a copy of exactly what was signed in round 1.
    const copy = await t.http().get(`/risk-lists/${id}/signatures/1`).set(member);
    expect(copy.body).toMatchObject({ signerId: t.people['P-M2'], contentHash: hash });
    expect(copy.body.content.items[1].riskPoints).toEqual(['基建项目和大宗采购存在利益输送风险']);
    const xlsx = await t
      .http()
      .get(`/risk-lists/${id}/signatures/2/copy.xlsx`)
      .set(member)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['x-content-sha256']).toBe(revised.body.contentHash);
    expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');

    const outsider = await t.token('P-X1', 'XC', ['committeeStaff']);
    expect((await t.http().get(`/risk-lists/${id}`).set(outsider)).status).toBe(403);
  });

  it('names the approver one level up for a secretary: the supervising member, else the leading org secretary', async () => {
    const head = await t.token('P-T1', 'DC-D1', ['leader']);
    const list = (await t.http().get(`/risk-lists/by-person/${t.people['P-T1']}/${year}`).set(head)).body;
    const added = await t
      .http()
      .post(`/risk-lists/${list.id}/items`)
      .set(head)
      .send({ content: '教育系统党风廉政建设', riskPoints: ['招生入学'], measures: ['公开公示'] });
    const signed = await t
      .http()
      .post(`/risk-lists/${list.id}/submission`)
      .set(head)
      .send({ contentHash: added.body.contentHash });
    expect(signed.body.approver).toMatchObject({ personId: t.people['P-M2'], rule: 'supervisingMember' });

    const townHead = await t.token('P-M1', 'DC-T1', ['leader']);
    const townList = (await t.http().get(`/risk-lists/by-person/${t.people['P-M1']}/${year}`).set(townHead))
      .body;
    const claimed = await t
      .http()
      .post(`/risk-lists/${townList.id}/claims`)
      .set(townHead)
      .send({ taskItemId: t1List.items[0].id, riskPoints: ['会议走过场'], measures: ['会前调研'] });
    const townSigned = await t.http().post(`/risk-lists/${townList.id}/submission`).set(townHead).send({});
    expect(claimed.status).toBe(201);
    expect(townSigned.body.approver).toMatchObject({
      personId: t.people['P-NEW'],
      rule: 'leadingOrgSecretary',
    });
  });

  /** The refusal names `field` and `rule` among its problems (400, VALIDATION_FAILED). */
  function expectRefused(response: { status: number; body: any }, field: string, rule: string): void {
    expect({ status: response.status, code: response.body.code }).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
  }

  it('refuses a PATCH of an item that changes nothing or sets a field to null, by field and rule (never 500)', async () => {
    const commission = await t.token('P-JW', 'DC', ['leader']);
    const list = (await t.http().get(`/risk-lists/by-person/${t.people['P-JW']}/${year}`).set(commission))
      .body;
    const added = await t
      .http()
      .post(`/risk-lists/${list.id}/items`)
      .set(commission)
      .send({ content: '纪检监察干部队伍建设', riskPoints: ['跑风漏气'], measures: ['保密教育'] });
    expect(added.status).toBe(201);
    const item = added.body.items[0];
    const patch = () => t.http().patch(`/risk-lists/${list.id}/items/${item.id}`).set(commission);

    expectRefused(await patch().send({}), 'body', 'atLeastOneField');
    expectRefused(await patch(), 'body', 'atLeastOneField');
    expectRefused(
      await patch().set('Content-Type', 'text/plain').send('not json'),
      'body',
      'atLeastOneField',
    );
    expectRefused(await patch().send({ content: null }), 'content', 'text');
    expectRefused(await patch().send({ riskPoints: null }), 'riskPoints', 'isArray');
    expectRefused(await patch().send({ measures: null }), 'measures', 'isArray');
    expectRefused(await patch().send({ measures: ['定期谈心'], riskPoints: null }), 'riskPoints', 'isArray');
    // Keys that are object machinery are refused like any unknown field, wherever they are.
    for (const [raw, field] of [
      ['{"__proto__":{"content":"x"}}', '__proto__'],
      ['{"measures":["y"],"constructor":{"name":"x"}}', 'constructor'],
    ])
      expectRefused(
        await patch().set('Content-Type', 'application/json').send(raw),
        field,
        'whitelistValidation',
      );

    const unchanged = (await t.http().get(`/risk-lists/${list.id}`).set(commission)).body;
    expect(unchanged.items).toEqual([
      expect.objectContaining({ id: item.id, riskPoints: ['跑风漏气'], measures: ['保密教育'] }),
    ]);
    expect(unchanged.contentHash).toBe(added.body.contentHash);

    // The same edit with the ids in upper case reaches the same item.
    const upper = await t
      .http()
      .patch(`/risk-lists/${list.id.toUpperCase()}/items/${item.id.toUpperCase()}`)
      .set(commission)
      .send({ measures: ['保密教育', '定期谈心'] });
    expect(upper.status).toBe(200);
    expect(upper.body.items[0]).toMatchObject({ id: item.id, measures: ['保密教育', '定期谈心'] });
  });

  it('refuses to start list workflows whose year would last longer than a year, starting none', async () => {
    const ownLists = `WorkflowType = 'riskList' AND DutyUnitId = '${t.units.DC}' AND DutyYear = ${year + 1}`;
    const before = (await t.temporal.workflow.count(ownLists)).count;
    for (const [yearLastsMs, rule] of [
      [1e308, 'max'],
      [365 * 86_400_000 + 1, 'max'],
      [59_999, 'min'],
      [null, 'isInt'],
    ] as const)
      expectRefused(
        await t
          .http()
          .post('/risk-lists/workflows')
          .set(staffDC)
          .send({ unitId: t.units.DC, year: year + 1, yearLastsMs }),
        'yearLastsMs',
        rule,
      );
    expectRefused(
      await t
        .http()
        .post('/risk-lists/workflows')
        .set(staffDC)
        .send({ unitId: t.units.DC, year: year + 1, on: '0001-01-01' }),
      'on',
      'dateRange',
    );
    expect((await t.temporal.workflow.count(ownLists)).count).toBe(before);
    expect(before).toBe(0);
  });
});

describe('deadlines: colours, reminders, escalation and the lock (compressed year on the dev server)', () => {
  let t: ListsTestEnv;

  beforeAll(async () => {
    t = await startListsTestEnv({ LISTS_LOCK_AFTER_DAYS: '20' });
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it('reminds at yellow and red, escalates to the leading org, then locks the list against every change', async () => {
    const staff = await t.token('P-T1', 'DC-D1', ['committeeStaff']);
    // A year in 90 s: define's deadline (end of January) comes after ~7.6 s, the lock 20 days later (~12.6 s).
    const started = await t
      .http()
      .post('/risk-lists/workflows')
      .set(staff)
      .send({ unitId: t.units['DC-D1'], year: 2026, yearLastsMs: 90_000, on: '2026-01-05' });
    expect(started.body).toMatchObject({ people: 1, started: 1 });
    const head = await t.token('P-T1', 'DC-D1', ['leader']);
    const list = await waitFor('the list to open', async () => {
      const response = await t.http().get(`/risk-lists/by-person/${t.people['P-T1']}/2026`).set(head);
      return response.status === 200 ? response.body : undefined;
    });
    const locked = await waitFor(
      'the lock',
      async () => {
        const response = await t.http().get(`/risk-lists/${list.id}`).set(head);
        return response.body.status === 'locked' ? response.body : undefined;
      },
      40_000,
    );
    expect(locked.status).toBe('locked');
    const notifications = await t.app
      .get(DataSource)
      .query(
        `SELECT kind, level, recipient_person_id, recipient_unit_id, occurrence FROM lists.notification ORDER BY created_at, key`,
      );
    expect(notifications).toEqual([
      {
        kind: 'reminder',
        level: 'yellow',
        recipient_person_id: t.people['P-T1'],
        recipient_unit_id: null,
        occurrence: 1,
      },
      {
        kind: 'reminder',
        level: 'red',
        recipient_person_id: t.people['P-T1'],
        recipient_unit_id: null,
        occurrence: 1,
      },
      {
        kind: 'escalation',
        level: 'red',
        recipient_person_id: null,
        recipient_unit_id: t.units.DC,
        occurrence: 1,
      },
      {
        kind: 'escalation',
        level: 'red',
        recipient_person_id: null,
        recipient_unit_id: t.units.DC,
        occurrence: 2,
      },
      {
        kind: 'escalation',
        level: 'red',
        recipient_person_id: null,
        recipient_unit_id: t.units.DC,
        occurrence: 3,
      },
    ]);
    const add = await t
      .http()
      .post(`/risk-lists/${list.id}/items`)
      .set(head)
      .send({ content: '迟到的事项', riskPoints: ['x'], measures: ['y'] });
    expect(add.status).toBe(409);
    expect(add.body.errors[0].rule).toBe('deadline.locked');
    const submit = await t.http().post(`/risk-lists/${list.id}/submission`).set(head).send({});
    expect(submit.status).toBe(409);
    expect(submit.body.errors[0].rule).toBe('deadline.locked');
  }, 90_000);
});
