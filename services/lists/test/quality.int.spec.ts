import type { ListsTestEnv } from './support/lists-test-env';
import { startListsTestEnv, waitFor } from './support/lists-test-env';

/**
 * Quality checks through the service on lists written to be copies, near-copies and honest lists:
 * what is found, and what is not; a finding becomes a supervision order tracked to closure.
 */
describe('quality checks and supervision orders (real Postgres, org service, Temporal dev server)', () => {
  let t: ListsTestEnv;
  const year = new Date().getFullYear() + 1;
  let staff: Record<string, string>;
  const lists: Record<string, string> = {};
  const leaders: Record<string, Record<string, string>> = {};

  // 孙雅琴's honest list; 陈正清's is a near-copy of it (reworded a little, reordered); 林晓红's is her own.
  const original = [
    {
      content: '分管教育卫生领域的党风廉政建设，督促教育局卫健委落实主体责任',
      riskPoints: ['学校基建工程和大宗设备采购中可能存在利益输送', '医疗机构药品耗材采购中可能收受回扣'],
      measures: ['每季度听取分管部门党风廉政建设情况汇报', '重大采购项目全程纪实，关键环节集体决策'],
    },
    {
      content: '推动分管领域干部作风建设，整治群众身边的不正之风',
      riskPoints: ['招生入学、职称评审中可能出现说情打招呼'],
      measures: ['建立干预插手登记报告制度，每半年通报一次'],
    },
  ];
  const nearCopy = [
    {
      content: '推动分管领域干部作风建设，坚决整治群众身边的不正之风',
      riskPoints: ['招生入学、职称评审中可能出现说情打招呼问题'],
      measures: ['建立干预插手登记报告制度，每半年通报一次'],
    },
    {
      content: '分管教育卫生领域党风廉政建设，督促教育局和卫健委落实主体责任',
      riskPoints: ['学校基建工程和大宗设备采购中可能存在利益输送', '医疗机构药品耗材采购中可能收受回扣'],
      measures: ['每季度听取分管部门党风廉政建设情况汇报', '重大采购项目全程纪实，关键环节集体决策'],
    },
  ];
  const honest = [
    {
      content: '履行第一责任人职责，亲自部署年度全面从严治党工作，定期约谈班子成员',
      riskPoints: ['对班子成员日常监督失之于宽、失之于软'],
      measures: ['每年至少两次与班子成员开展廉政谈话并建立台账'],
    },
    {
      content: '主持区委常委会专题研究巡察反馈问题整改，压实整改责任',
      riskPoints: ['整改流于形式，问题反弹回潮'],
      measures: ['建立整改销号制度，逐项对账验收'],
    },
  ];

  beforeAll(async () => {
    t = await startListsTestEnv();
    staff = await t.token('P-NEW', 'DC', ['committeeStaff']);
    const started = await t
      .http()
      .post('/risk-lists/workflows')
      .set(staff)
      .send({ unitId: t.units.DC, year });
    expect(started.body).toMatchObject({ people: 3, started: 3 });
    for (const code of ['P-NEW', 'P-JW', 'P-M2']) {
      leaders[code] = await t.token(code, 'DC', ['leader']);
      lists[code] = await waitFor(`${code}'s list`, async () => {
        const response = await t
          .http()
          .get(`/risk-lists/by-person/${t.people[code]}/${year}`)
          .set(leaders[code]);
        return response.status === 200 ? (response.body.id as string) : undefined;
      });
    }
    const write = async (code: string, items: typeof original) => {
      for (const item of items) {
        const response = await t
          .http()
          .post(`/risk-lists/${lists[code]}/items`)
          .set(leaders[code])
          .send(item);
        expect(response.status).toBe(201);
      }
    };
    await write('P-M2', original);
    await write('P-JW', nearCopy);
    await write('P-NEW', honest);
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it('flags a near-copy at submission, and leaves honest lists alone', async () => {
    const first = await t
      .http()
      .post(`/risk-lists/${lists['P-M2']}/submission`)
      .set(leaders['P-M2'])
      .send({});
    expect(first.status).toBe(200);
    // Compared with its teammates' drafts: 陈正清's near-copy is already there.
    const copy = await t.http().post(`/risk-lists/${lists['P-JW']}/submission`).set(leaders['P-JW']).send({});
    expect(copy.status).toBe(200);
    expect(copy.body.findings.map((f: any) => f.rule)).toEqual(['NEAR_DUPLICATE_TEAMMATE']);
    expect(copy.body.findings[0]).toMatchObject({ relatedRiskListId: lists['P-M2'], severity: 'major' });
    expect(copy.body.findings[0].score).toBeGreaterThan(0.6);
    const own = await t
      .http()
      .post(`/risk-lists/${lists['P-NEW']}/submission`)
      .set(leaders['P-NEW'])
      .send({});
    expect(own.status).toBe(200);
    expect(own.body.findings).toEqual([]);
  });

  it('screens a subtree in a batch, issues supervision orders and tracks them to closure', async () => {
    const template = {
      title: '清单模板',
      items: [{ content: '认真落实一岗双责', riskPoints: ['风险'], measures: ['措施'] }],
    };
    const batch = await t
      .http()
      .post('/quality-checks')
      .set(staff)
      .send({
        unitId: t.units.DC,
        year,
        issueOrders: true,
        orderDeadline: '2000-01-31',
        templates: [template],
      });
    expect(batch.status).toBe(200);
    expect(batch.body.lists).toBe(3);
    // One finding per near-identical pair, on one list, naming the other; nothing on the honest list.
    const pairs = batch.body.findings.filter((f: any) => f.rule === 'NEAR_DUPLICATE_TEAMMATE');
    expect(pairs).toHaveLength(1);
    expect([pairs[0].riskListId, pairs[0].relatedRiskListId].sort()).toEqual(
      [lists['P-JW'], lists['P-M2']].sort(),
    );
    expect(batch.body.findings.filter((f: any) => f.riskListId === lists['P-NEW'])).toEqual([]);
    expect(batch.body.findings.some((f: any) => f.rule === 'COPIED_FROM_TEMPLATE')).toBe(false);
    expect(batch.body.findings.some((f: any) => f.rule === 'ITEM_WITHOUT_RISK_POINT')).toBe(false);
    expect(batch.body.nearDuplicates).toEqual([expect.objectContaining({ teammates: true })]);
    expect(batch.body.orders).toHaveLength(1);
    const order = batch.body.orders[0];
    expect(order).toMatchObject({
      riskListId: pairs[0].riskListId,
      status: 'open',
      reason: '班子成员清单雷同',
      deadline: '2000-01-31',
      overdue: true,
      findingIds: [pairs[0].id],
    });

    const overdue = await t.http().get(`/supervision-orders?year=${year}&overdue=true`).set(staff);
    expect(overdue.body.map((o: any) => o.id).sort()).toEqual(batch.body.orders.map((o: any) => o.id).sort());
    const again = await t
      .http()
      .post('/supervision-orders')
      .set(staff)
      .send({ findingIds: order.findingIds });
    expect(again.status).toBe(409);
    expect(again.body.errors[0].rule).toBe('order.once');

    const outsider = await t.token('P-X1', 'XC', ['committeeStaff']);
    expect(
      (await t.http().post(`/supervision-orders/${order.id}/closure`).set(outsider).send({ note: '越权' }))
        .status,
    ).toBe(403);
    const closed = await t
      .http()
      .post(`/supervision-orders/${order.id}/closure`)
      .set(staff)
      .send({ note: '已重新制定清单' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', overdue: false, closingNote: '已重新制定清单' });
    const twice = await t
      .http()
      .post(`/supervision-orders/${order.id}/closure`)
      .set(staff)
      .send({ note: '再次' });
    expect(twice.status).toBe(409);
    expect(twice.body.errors[0].rule).toBe('order.closeOnce');
    const open = await t.http().get(`/supervision-orders?year=${year}&status=open`).set(staff);
    expect(open.body).toHaveLength(0);
    // The finding carries its order.
    const findings = await t
      .http()
      .get(`/quality-findings?year=${year}&riskListId=${pairs[0].riskListId as string}`)
      .set(staff);
    expect(findings.body.map((f: any) => f.orderId)).toEqual([order.id]);
  });
});
