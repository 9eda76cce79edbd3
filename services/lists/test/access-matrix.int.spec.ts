import * as ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import type { ListsTestEnv } from './support/lists-test-env';
import { startListsTestEnv, waitFor } from './support/lists-test-env';

const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/**
 * Every endpoint, called by a 西城区 (XC) caller holding every role the endpoint asks for, against
 * 东城区 (DC)'s lists, records, findings and orders, must be refused (403 OUTSIDE_SCOPE or 404), or,
 * for list and search endpoints, show nothing of 东城区. Writes are read back as the insider: nothing
 * changed. The first test fails when an endpoint is added without a row here.
 */
describe('access matrix: a caller from another subtree is refused everywhere (lists)', () => {
  let t: ListsTestEnv;
  const year = new Date().getFullYear() + 1;
  let outsider: Record<string, string>;
  let staff: Record<string, string>;
  const leaders: Record<string, Record<string, string>> = {};
  const ids: Record<string, string> = {};
  // 东城区教育局 (DC-D1) is left out on purpose: 西城区's 白沙街道 guides it, so 西城区 reads it (see the last test).
  const dcUnits = (): string[] => ['DC', 'DC-T1', 'DC-V1'].map((code) => t.units[code] ?? '');

  const items = [
    {
      aspect: '落实主体责任',
      content: '每半年召开一次党委专题会议研究部署党风廉政建设',
      leadDepartment: '区委办',
    },
    { aspect: '强化监督', content: '开展政府采购和工程招投标领域专项监督检查', leadDepartment: '区纪委' },
  ];
  const pdf = Buffer.from('%PDF-1.4\n谈话记录\n%%EOF\n');

  beforeAll(async () => {
    t = await startListsTestEnv();
    const allRoles = ['committeeStaff', 'commissionStaff', 'leader'] as const;
    outsider = await t.token('P-X1', 'XC', [...allRoles]);
    staff = await t.token('P-NEW', 'DC', [...allRoles]);
    for (const code of ['P-JW', 'P-M2']) leaders[code] = await t.token(code, 'DC', ['leader']);
    leaders['P-NEW'] = staff;
    const ok = (response: Response, status: number): Response => {
      expect({ status: response.status, body: response.status === status ? null : response.body }).toEqual({
        status,
        body: null,
      });
      return response;
    };

    // Committee lists: 东城区's published, 柳营镇's and 教育局's drafts; the commission's supervision list.
    const dcList = ok(
      await t
        .http()
        .post('/task-lists')
        .set(staff)
        .send({ unitId: t.units.DC, year, title: '东城区委主体责任清单', items }),
      201,
    ).body;
    ids.taskList = dcList.id;
    ids.taskItem = dcList.items[0].id;
    ok(await t.http().post(`/task-lists/${dcList.id}/publication`).set(staff), 200);
    for (const code of ['DC-T1', 'DC-D1']) {
      const draft = await t
        .http()
        .post('/task-lists')
        .set(staff)
        .send({ unitId: t.units[code], year, title: `${code}主体责任清单`, items: items.slice(0, 1) });
      ids[`draft:${code}`] = ok(draft, 201).body.id;
    }
    const supervision = await t
      .http()
      .post('/supervision-lists')
      .set(staff)
      .send({
        unitId: t.units.DC,
        year,
        title: '区纪委监督清单',
        items: [{ content: '监督专题会议召开情况', taskItemId: ids.taskItem }],
      });
    ids.supervisionList = ok(supervision, 201).body.id;

    // Personal lists: 孙雅琴's approved (with progress), 陈正清's submitted, 林晓红's draft.
    const started = await t
      .http()
      .post('/risk-lists/workflows')
      .set(staff)
      .send({ unitId: t.units.DC, year, includeSubtree: true });
    expect(ok(started, 200).body).toMatchObject({ people: 5, started: 5 });
    for (const code of ['P-NEW', 'P-JW', 'P-M2', 'P-T1']) {
      ids[`list:${code}`] = await waitFor(`${code}'s list`, async () => {
        const response = await t.http().get(`/risk-lists/by-person/${t.people[code]}/${year}`).set(staff);
        return response.status === 200 ? (response.body.id as string) : undefined;
      });
    }
    const m2 = ok(
      await t
        .http()
        .post(`/risk-lists/${ids['list:P-M2']}/items`)
        .set(leaders['P-M2'])
        .send({
          content: '分管教育卫生领域的党风廉政建设',
          riskPoints: ['基建项目和大宗采购存在利益输送风险'],
          measures: ['每季度听取分管部门党风廉政建设情况汇报'],
        }),
      201,
    ).body;
    ids.m2Item = m2.items[0].id;
    ok(await t.http().post(`/risk-lists/${ids['list:P-M2']}/submission`).set(leaders['P-M2']).send({}), 200);
    ok(await t.http().post(`/risk-lists/${ids['list:P-M2']}/approval`).set(staff).send({}), 200);
    ok(
      await t
        .http()
        .put(`/risk-lists/${ids['list:P-M2']}/items/${ids.m2Item}/progress`)
        .set(leaders['P-M2'])
        .send({ content: '每季度听取分管部门党风廉政建设情况汇报。' }),
      200,
    );
    ok(
      await t
        .http()
        .post(`/risk-lists/${ids['list:P-JW']}/claims`)
        .set(leaders['P-JW'])
        .send({ taskItemId: dcList.items[1].id, riskPoints: ['围标串标'], measures: ['全程纪实'] }),
      201,
    );
    ok(await t.http().post(`/risk-lists/${ids['list:P-JW']}/submission`).set(leaders['P-JW']).send({}), 200);
    // 林晓红's own item has no risk point and no measure: the batch finds both.
    const own = ok(
      await t
        .http()
        .post(`/risk-lists/${ids['list:P-NEW']}/items`)
        .set(staff)
        .send({ content: '主持区委常委会专题研究巡察反馈问题整改', riskPoints: [], measures: [] }),
      201,
    ).body;
    ids.newItem = own.items[0].id;

    // Quality: two findings on 林晓红's list, one of them turned into an open order.
    const batch = ok(
      await t.http().post('/quality-checks').set(staff).send({ unitId: t.units.DC, year }),
      200,
    ).body;
    const onNew = batch.findings.filter((f: any) => f.riskListId === ids['list:P-NEW']);
    expect(onNew.length).toBeGreaterThanOrEqual(2);
    ids.orderedFinding = onNew[0].id;
    ids.openFinding = onNew[1].id;
    ids.order = ok(
      await t
        .http()
        .post('/supervision-orders')
        .set(staff)
        .send({ findingIds: [ids.orderedFinding] }),
      201,
    ).body.id;

    // Duty records: 孙雅琴's talk with a PDF of the minutes.
    const record = ok(
      await t.http().post('/duty-records').set(leaders['P-M2']).send({
        unitId: t.units.DC,
        kind: 'talk',
        occurredOn: '2025-03-15',
        title: '与区教育局党组书记开展廉政谈话',
        content: '提醒其在基建项目中严守纪律',
      }),
      201,
    ).body;
    ids.record = record.id;
    const evidence = await t
      .http()
      .post(`/duty-records/${record.id}/evidence`)
      .set(leaders['P-M2'])
      .attach('file', pdf, { filename: '谈话记录.pdf', contentType: 'application/pdf' });
    ids.evidence = ok(evidence, 201).body.evidence[0].id;
  }, 240_000);
  afterAll(async () => {
    await t?.close();
  });

  const refused = (response: Response): void => {
    const expected =
      response.status === 404 ? { status: 404, code: 'NOT_FOUND' } : { status: 403, code: 'OUTSIDE_SCOPE' };
    expect({ status: response.status, code: response.body?.code }).toEqual(expected);
  };
  const asInsider = async (path: string): Promise<any> => {
    const response = await t.http().get(path).set(staff);
    expect(response.status).toBe(200);
    return response.body;
  };
  const nothingOfDC = (response: Response, rows: { unitId: string }[]): void => {
    expect(response.status).toBe(200);
    expect(rows.filter((row) => dcUnits().includes(row.unitId))).toEqual([]);
  };
  const riskList = (code: string): Promise<any> => asInsider(`/risk-lists/${ids[`list:${code}`]}`);
  const dataRows = async (workbook: Parameters<ExcelJS.Xlsx['load']>[0]): Promise<number> => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(workbook);
    return (book.worksheets[0]?.rowCount ?? 1) - 1;
  };

  const matrix: Record<string, () => Promise<void>> = {
    'GET /health/live': async () => expect((await t.http().get('/health/live')).status).toBe(200), // public by design
    'GET /health/ready': async () => expect((await t.http().get('/health/ready')).status).toBe(200), // public by design

    // ---- committee task lists and supervision lists ----
    'POST /task-lists': async () => {
      refused(
        await t
          .http()
          .post('/task-lists')
          .set(outsider)
          .send({ unitId: t.units.DC, year: year + 1, title: '越权清单', items }),
      );
      const absent = await t
        .http()
        .get(`/units/${t.units.DC}/task-lists/${year + 1}`)
        .set(staff);
      expect(absent.status).toBe(404);
    },
    'GET /task-lists/template.xlsx': async () =>
      expect((await t.http().get('/task-lists/template.xlsx').set(outsider)).status).toBe(200), // same for everyone
    'POST /task-lists/import': async () => {
      const template = await t.http().get('/task-lists/template.xlsx').set(staff).buffer(true).parse(binary);
      refused(
        await t
          .http()
          .post('/task-lists/import')
          .set(outsider)
          .field('unitId', t.units['DC-V1'] ?? '')
          .field('year', String(year))
          .field('title', '越权导入')
          .attach('file', template.body as Buffer, '清单.xlsx'),
      );
      const absent = await t.http().get(`/units/${t.units['DC-V1']}/task-lists/${year}`).set(staff);
      expect(absent.status).toBe(404);
    },
    'GET /task-lists/{id}': async () =>
      refused(await t.http().get(`/task-lists/${ids.taskList}`).set(outsider)),
    'GET /units/{unitId}/task-lists/{year}': async () =>
      refused(await t.http().get(`/units/${t.units.DC}/task-lists/${year}`).set(outsider)),
    'PUT /task-lists/{id}/items': async () => {
      const id = ids['draft:DC-T1'];
      refused(
        await t
          .http()
          .put(`/task-lists/${id}/items`)
          .set(outsider)
          .send({ items: [{ aspect: '越权', content: '越权改写', leadDepartment: '西城区' }] }),
      );
      const list = await asInsider(`/task-lists/${id}`);
      expect(list.items.map((i: any) => i.content)).toEqual([items[0]?.content]);
    },
    'POST /task-lists/{id}/publication': async () => {
      refused(await t.http().post(`/task-lists/${ids['draft:DC-T1']}/publication`).set(outsider));
      expect((await asInsider(`/task-lists/${ids['draft:DC-T1']}`)).status).toBe('draft');
    },
    'POST /supervision-lists': async () => {
      refused(
        await t
          .http()
          .post('/supervision-lists')
          .set(outsider)
          .send({ unitId: t.units.DC, year: year + 1, title: '越权监督清单', items: [{ content: '越权' }] }),
      );
      // Nor may 西城区's own supervision list point at 东城区's committee items.
      const linked = await t
        .http()
        .post('/supervision-lists')
        .set(outsider)
        .send({
          unitId: t.units.XC,
          year,
          title: '西城区纪委监督清单',
          items: [{ content: '监督', taskItemId: ids.taskItem }],
        });
      expect(linked.status).toBe(422);
      expect(linked.body.errors[0].rule).toBe('supervisionItem.sameUnit');
    },
    'GET /supervision-lists/{id}': async () =>
      refused(await t.http().get(`/supervision-lists/${ids.supervisionList}`).set(outsider)),

    // ---- personal risk lists ----
    'POST /risk-lists/workflows': async () =>
      refused(
        await t
          .http()
          .post('/risk-lists/workflows')
          .set(outsider)
          .send({ unitId: t.units.DC, year: year + 1, includeSubtree: true }),
      ),
    'GET /risk-lists': async () => {
      refused(await t.http().get(`/risk-lists?year=${year}&unitId=${t.units.DC}`).set(outsider));
      for (const query of ['', '&mine=true', `&approverId=${t.people['P-NEW']}`, '&status=approved']) {
        const response = await t.http().get(`/risk-lists?year=${year}${query}`).set(outsider);
        nothingOfDC(response, response.body.items);
        expect(response.body.total).toBe(response.body.items.length);
      }
    },
    'GET /risk-lists/status.xlsx': async () => {
      refused(await t.http().get(`/risk-lists/status.xlsx?year=${year}&unitId=${t.units.DC}`).set(outsider));
      const own = await t
        .http()
        .get(`/risk-lists/status.xlsx?year=${year}`)
        .set(outsider)
        .buffer(true)
        .parse(binary);
      expect(own.status).toBe(200);
      expect(await dataRows(own.body)).toBe(0);
    },
    'GET /risk-lists/by-person/{personId}/{year}': async () =>
      refused(await t.http().get(`/risk-lists/by-person/${t.people['P-M2']}/${year}`).set(outsider)),
    'GET /risk-lists/{id}': async () =>
      refused(await t.http().get(`/risk-lists/${ids['list:P-M2']}`).set(outsider)),
    'GET /risk-lists/{id}/state': async () =>
      refused(await t.http().get(`/risk-lists/${ids['list:P-M2']}/state`).set(outsider)),
    'POST /risk-lists/{id}/claims': async () => {
      refused(
        await t
          .http()
          .post(`/risk-lists/${ids['list:P-NEW']}/claims`)
          .set(outsider)
          .send({ taskItemId: ids.taskItem, riskPoints: ['越权'], measures: ['越权'] }),
      );
      expect((await riskList('P-NEW')).items).toHaveLength(1);
    },
    'POST /risk-lists/{id}/items': async () => {
      refused(
        await t
          .http()
          .post(`/risk-lists/${ids['list:P-NEW']}/items`)
          .set(outsider)
          .send({ content: '代写', riskPoints: ['越权'], measures: ['越权'] }),
      );
      expect((await riskList('P-NEW')).items).toHaveLength(1);
    },
    'PATCH /risk-lists/{id}/items/{itemId}': async () => {
      refused(
        await t
          .http()
          .patch(`/risk-lists/${ids['list:P-NEW']}/items/${ids.newItem}`)
          .set(outsider)
          .send({ content: '改写', riskPoints: ['越权'] }),
      );
      expect((await riskList('P-NEW')).items[0]).toMatchObject({
        content: '主持区委常委会专题研究巡察反馈问题整改',
        riskPoints: [],
      });
    },
    'DELETE /risk-lists/{id}/items/{itemId}': async () => {
      refused(await t.http().delete(`/risk-lists/${ids['list:P-NEW']}/items/${ids.newItem}`).set(outsider));
      expect((await riskList('P-NEW')).items).toHaveLength(1);
    },
    'POST /risk-lists/{id}/submission': async () => {
      refused(await t.http().post(`/risk-lists/${ids['list:P-NEW']}/submission`).set(outsider).send({}));
      expect((await riskList('P-NEW')).status).toBe('draft');
    },
    'POST /risk-lists/{id}/approval': async () => {
      // A submitted list (waiting for 林晓红), an approved one and a draft: whatever it is, it is not the outsider's.
      for (const code of ['P-JW', 'P-M2', 'P-NEW']) {
        refused(
          await t
            .http()
            .post(`/risk-lists/${ids[`list:${code}`]}/approval`)
            .set(outsider)
            .send({ comment: '越权' }),
        );
      }
      expect((await riskList('P-JW')).status).toBe('submitted');
    },
    'POST /risk-lists/{id}/return': async () => {
      for (const code of ['P-JW', 'P-M2', 'P-NEW']) {
        refused(
          await t
            .http()
            .post(`/risk-lists/${ids[`list:${code}`]}/return`)
            .set(outsider)
            .send({ comment: '越权退回' }),
        );
      }
      expect((await riskList('P-JW')).status).toBe('submitted');
    },
    'GET /risk-lists/{id}/signatures/{round}': async () =>
      refused(await t.http().get(`/risk-lists/${ids['list:P-M2']}/signatures/1`).set(outsider)),
    'GET /risk-lists/{id}/signatures/{round}/copy.xlsx': async () =>
      refused(await t.http().get(`/risk-lists/${ids['list:P-M2']}/signatures/1/copy.xlsx`).set(outsider)),

    // ---- mid-year progress ----
    'PUT /risk-lists/{id}/items/{itemId}/progress': async () => {
      refused(
        await t
          .http()
          .put(`/risk-lists/${ids['list:P-M2']}/items/${ids.m2Item}/progress`)
          .set(outsider)
          .send({ content: '上半年开展专项检查3次，发现问题2个，均已整改。' }),
      );
      const reports = await asInsider(`/risk-lists/${ids['list:P-M2']}/progress`);
      expect(reports.map((r: any) => r.repeatsMeasures)).toEqual([true]);
    },
    'GET /risk-lists/{id}/progress': async () =>
      refused(await t.http().get(`/risk-lists/${ids['list:P-M2']}/progress`).set(outsider)),
    'GET /progress-reports/repeating': async () => {
      refused(
        await t.http().get(`/progress-reports/repeating?year=${year}&unitId=${t.units.DC}`).set(outsider),
      );
      const own = await t.http().get(`/progress-reports/repeating?year=${year}`).set(outsider);
      nothingOfDC(own, own.body);
      expect((await asInsider(`/progress-reports/repeating?year=${year}`)).length).toBe(1);
    },

    // ---- quality checks and supervision orders ----
    'POST /quality-checks': async () => {
      refused(
        await t
          .http()
          .post('/quality-checks')
          .set(outsider)
          .send({ unitId: t.units.DC, year, issueOrders: true }),
      );
      const findings = await asInsider(`/quality-findings?year=${year}&unitId=${t.units.DC}`);
      expect(findings.map((f: any) => f.id)).toEqual(expect.arrayContaining([ids.openFinding]));
      expect(await asInsider(`/supervision-orders?year=${year}`)).toHaveLength(1);
    },
    'GET /quality-findings': async () => {
      refused(await t.http().get(`/quality-findings?year=${year}&unitId=${t.units.DC}`).set(outsider));
      for (const query of ['', `&riskListId=${ids['list:P-NEW']}`]) {
        const response = await t.http().get(`/quality-findings?year=${year}${query}`).set(outsider);
        nothingOfDC(response, response.body);
      }
    },
    'POST /supervision-orders': async () => {
      refused(
        await t
          .http()
          .post('/supervision-orders')
          .set(outsider)
          .send({ findingIds: [ids.openFinding], reason: '越权督办' }),
      );
      const findings = await asInsider(`/quality-findings?year=${year}&riskListId=${ids['list:P-NEW']}`);
      expect(findings.find((f: any) => f.id === ids.openFinding)?.orderId).toBeNull();
    },
    'GET /supervision-orders': async () => {
      refused(await t.http().get(`/supervision-orders?year=${year}&unitId=${t.units.DC}`).set(outsider));
      for (const query of ['', '&status=open', '&overdue=false']) {
        const response = await t.http().get(`/supervision-orders?year=${year}${query}`).set(outsider);
        nothingOfDC(response, response.body);
      }
    },
    'POST /supervision-orders/{id}/closure': async () => {
      refused(
        await t
          .http()
          .post(`/supervision-orders/${ids.order}/closure`)
          .set(outsider)
          .send({ note: '越权关闭' }),
      );
      const orders = await asInsider(`/supervision-orders?year=${year}&unitId=${t.units.DC}`);
      expect(orders.find((o: any) => o.id === ids.order)?.status).toBe('open');
    },

    // ---- duty records and evidence ----
    'POST /duty-records': async () => {
      const today = new Date().toISOString().slice(0, 10);
      refused(
        await t.http().post('/duty-records').set(outsider).send({
          personId: t.people['P-JW'],
          unitId: t.units.DC,
          kind: 'check',
          occurredOn: today,
          title: '越权记录',
          content: '—',
        }),
      );
      // Nor at home for one of 东城区's leaders: that would clear him from 东城区's silent leaders.
      refused(
        await t.http().post('/duty-records').set(outsider).send({
          personId: t.people['P-JW'],
          unitId: t.units.XC,
          kind: 'check',
          occurredOn: today,
          title: '代记东城区领导履责',
          content: '—',
        }),
      );
      const silent = await asInsider(`/duty-records/silent-leaders?year=${year}&asOf=${today}`);
      expect(silent.leaders.map((l: any) => l.personId)).toContain(t.people['P-JW']);
      expect(await asInsider(`/duty-records?personId=${t.people['P-JW']}`)).toEqual([]);
      // 东城区's own staff still record for 东城区's leaders.
      const own = await t.http().post('/duty-records').set(staff).send({
        personId: t.people['P-JW'],
        unitId: t.units.DC,
        kind: 'check',
        occurredOn: '2025-03-01',
        title: '陈正清同志开展监督检查',
        content: '—',
      });
      expect(own.status).toBe(201);
    },
    'GET /duty-records': async () => {
      refused(await t.http().get(`/duty-records?unitId=${t.units.DC}`).set(outsider));
      for (const query of ['', `?personId=${t.people['P-M2']}`, '?from=2025-01-01&to=2025-12-31']) {
        const response = await t.http().get(`/duty-records${query}`).set(outsider);
        nothingOfDC(response, response.body);
      }
    },
    'GET /duty-records/silent-leaders': async () => {
      refused(
        await t.http().get(`/duty-records/silent-leaders?year=${year}&unitId=${t.units.DC}`).set(outsider),
      );
      const own = await t.http().get(`/duty-records/silent-leaders?year=${year}`).set(outsider);
      nothingOfDC(own, own.body.leaders);
    },
    'GET /duty-records/{id}': async () =>
      refused(await t.http().get(`/duty-records/${ids.record}`).set(outsider)),
    'POST /duty-records/{id}/evidence': async () => {
      refused(
        await t
          .http()
          .post(`/duty-records/${ids.record}/evidence`)
          .set(outsider)
          .attach('file', Buffer.from('%PDF-1.4\n越权\n%%EOF\n'), {
            filename: '越权.pdf',
            contentType: 'application/pdf',
          }),
      );
      expect((await asInsider(`/duty-records/${ids.record}`)).evidence).toHaveLength(1);
    },
    'GET /duty-records/{id}/evidence/{evidenceId}': async () =>
      refused(await t.http().get(`/duty-records/${ids.record}/evidence/${ids.evidence}`).set(outsider)),
  };
  /** Endpoints the OpenAPI document leaves out on purpose. */
  const undocumented: Record<string, () => Promise<void>> = {
    'GET /metrics': async () => expect((await t.http().get('/metrics')).status).toBe(200), // public by design
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

  it.each(Object.keys(undocumented))('%s (not in the OpenAPI document)', async (endpoint) => {
    await undocumented[endpoint]?.();
  });

  it('lets a guiding org see a unit it guides but not run it', async () => {
    // 白沙街道 (XC-T1) guides 东城区教育局 (DC-D1): it reads its lists, and changes none of them.
    const guide = await t.token('P-XT', 'XC-T1', ['committeeStaff', 'commissionStaff', 'leader']);
    const draft = ids['draft:DC-D1'];
    const seen = await t.http().get(`/task-lists/${draft}`).set(guide);
    expect(seen.status).toBe(200);
    expect(seen.body.unitId).toBe(t.units['DC-D1']);
    expect((await t.http().get(`/units/${t.units['DC-D1']}/task-lists/${year}`).set(guide)).body.id).toBe(
      draft,
    );
    const lists = await t.http().get(`/risk-lists?year=${year}`).set(guide);
    expect(lists.body.items.map((l: any) => l.personId)).toEqual([t.people['P-T1']]);
    expect((await t.http().get(`/risk-lists/${ids['list:P-T1']}`).set(guide)).status).toBe(200);

    const readOnly = (response: Response): void =>
      expect({ status: response.status, code: response.body?.code }).toEqual({
        status: 403,
        code: 'GUIDING_ORG_READ_ONLY',
      });
    readOnly(
      await t
        .http()
        .put(`/task-lists/${draft}/items`)
        .set(guide)
        .send({ items: [{ aspect: '指导', content: '改写', leadDepartment: '白沙街道' }] }),
    );
    readOnly(await t.http().post(`/task-lists/${draft}/publication`).set(guide));
    readOnly(
      await t
        .http()
        .post('/task-lists')
        .set(guide)
        .send({ unitId: t.units['DC-D1'], year: year + 1, title: '代拟清单', items }),
    );
    readOnly(
      await t
        .http()
        .post('/risk-lists/workflows')
        .set(guide)
        .send({ unitId: t.units['DC-D1'], year: year + 1 }),
    );
    readOnly(await t.http().post('/quality-checks').set(guide).send({ unitId: t.units['DC-D1'], year }));
    readOnly(
      await t.http().post('/duty-records').set(guide).send({
        personId: t.people['P-T1'],
        unitId: t.units['DC-D1'],
        kind: 'talk',
        occurredOn: '2025-03-01',
        title: '代记',
        content: '—',
      }),
    );
    const after = await asInsider(`/task-lists/${draft}`);
    expect(after).toMatchObject({ status: 'draft', items: [{ content: items[0]?.content }] });

    // The guide's reach ends at the unit it guides.
    refused(await t.http().get(`/task-lists/${ids.taskList}`).set(guide));
    refused(await t.http().get(`/risk-lists/${ids['list:P-M2']}`).set(guide));
  });
});
