/**
 * A small org made through the APIs with the bootstrap key (a district, a town, its commission, four
 * people with posts, 分管 and an oversight pair), and one of each thing the write routes act on (a
 * task list, risk lists, a duty record, a notice with a reply, a case), so that the fuzzer starts from
 * valid bodies and real path ids and reaches the checks behind the first field.
 */
import type { ApiResponse, FuzzStack, ServiceName } from './fuzz-stack';

export interface FuzzFixture {
  year: number;
  district: string;
  districtCode: string;
  town: string;
  commission: string;
  /** p1 district secretary, p2 district member (分管 the town), p3 commission secretary, p4 town secretary. */
  people: { p1: string; p2: string; p3: string; p4: string };
  post: string;
  supervision: string;
  oversightPair: string;
  apiKey?: string;
  taskList?: string;
  taskItem?: string;
  riskList?: string;
  riskItem?: string;
  dutyRecord?: string;
  notice?: string;
  reply?: string;
  case?: string;
  investigation?: string;
  /** What could not be made: the fuzz test stops there, since those routes would then test nothing deeper. */
  missing: string[];
}

export async function createFixture(stack: FuzzStack, year: number): Promise<FuzzFixture> {
  const suffix = Date.now().toString(36).toUpperCase();
  const missing: string[] = [];
  const must = async (
    service: ServiceName,
    method: string,
    path: string,
    body?: unknown,
    credentials?: Record<string, string>,
  ) => {
    const response = await stack.call(service, method, path, body, credentials);
    if (response.status >= 300)
      throw new Error(
        `fuzz fixture: ${method} ${path} answered ${response.status}: ${response.text.slice(0, 2000)}`,
      );
    return response;
  };
  /** A part of the fixture that some routes need; every failing part is collected, to be named at once. */
  const may = async (what: string, make: () => Promise<string | undefined>): Promise<string | undefined> => {
    try {
      const id = await make();
      if (id === undefined) missing.push(what);
      return id;
    } catch (error) {
      missing.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  };

  const districtCode = `FZ${suffix}`;
  const district = idOf(
    await must('org', 'POST', '/org-units', {
      code: districtCode,
      name: '模糊区',
      level: 'district',
      type: 'region',
      partyOrgType: 'committee',
    }),
  );
  const commission = idOf(
    await must('org', 'POST', '/commissions', {
      code: `${districtCode}-JW`,
      name: '模糊区纪委监委',
      kind: 'commission',
      hostUnitId: district,
    }),
  );
  await must('org', 'PATCH', `/org-units/${district}`, { commissionId: commission });
  const town = idOf(
    await must('org', 'POST', '/org-units', {
      code: `${districtCode}-T1`,
      name: '模糊镇',
      level: 'town',
      type: 'town',
      partyOrgType: 'committee',
      leadingOrgId: district,
      commissionId: commission,
    }),
  );
  const person = async (code: string, name: string) =>
    idOf(await must('org', 'POST', '/people', { code: `${districtCode}-${code}`, name, unitId: district }));
  const people = {
    p1: await person('P1', '甲书记'),
    p2: await person('P2', '乙委员'),
    p3: await person('P3', '丙纪委书记'),
    p4: await person('P4', '丁镇书记'),
  };
  const post = async (personId: string, unitId: string, kind: string, title: string) =>
    idOf(await must('org', 'POST', '/posts', { personId, unitId, kind, title, startDate: '2020-01-01' }));
  const secretaryPost = await post(people.p1, district, 'secretary', '区委书记');
  await post(people.p2, district, 'member', '区委常委');
  await post(people.p3, district, 'commissionSecretary', '区纪委书记');
  await post(people.p4, town, 'secretary', '镇党委书记');
  const supervision = idOf(
    await must('org', 'POST', '/supervisions', {
      personId: people.p2,
      unitId: district,
      supervisedUnitId: town,
      area: '党建',
      startDate: '2020-01-01',
    }),
  );
  const oversightPair = idOf(
    await must('org', 'POST', '/oversight-pairs', {
      overseerId: people.p1,
      headId: people.p4,
      startDate: '2020-01-01',
    }),
  );
  /** Bearer headers of a person acting for a unit (owners draft their own lists, addressees reply). */
  const as = async (personId: string, unitId: string) => {
    const issued = await must('org', 'POST', '/auth/tokens', { personId, unitId, roles: ['leader'] });
    return { authorization: `Bearer ${String(field(issued.body, 'token'))}` };
  };
  const apiKey = await may('api key', async () =>
    idOf(
      await must('org', 'POST', '/auth/api-keys', { name: '模糊测试', unitId: district, roles: ['leader'] }),
    ),
  );

  // The cycle in real time (its phases are years away), so that publishing a task list has a cycle to tell.
  await may('cycle', async () =>
    idOf(
      await must('cycles', 'POST', '/cycles', { unitId: district, year, includeSubtree: false }),
      'workflowId',
    ),
  );
  let taskItem: string | undefined;
  const taskList = await may('task list', async () => {
    const created = await must('lists', 'POST', '/task-lists', {
      unitId: district,
      year,
      title: `${year}年度模糊区主体责任清单`,
      items: [
        {
          aspect: '落实主体责任',
          content: '每半年召开一次专题会议',
          leadDepartment: '党政办',
          deadline: `${year}-06-30`,
        },
      ],
    });
    taskItem = firstId(created.body, 'items');
    return idOf(created);
  });
  if (taskList)
    await may('task list publication', async () => {
      await must('lists', 'POST', `/task-lists/${taskList}/publication`);
      return taskList;
    });
  let riskItem: string | undefined;
  const riskList = await may('risk list', async () => {
    await must('lists', 'POST', '/risk-lists/workflows', { unitId: district, year });
    // The workflow's first activity creates the list: wait for it.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const found = await stack.call('lists', 'GET', `/risk-lists/by-person/${people.p2}/${year}`);
      if (found.status === 200) {
        const id = idOf(found);
        const item = await must(
          'lists',
          'POST',
          `/risk-lists/${id}/items`,
          { content: '分管领域工程项目招投标监管', riskPoints: ['围标串标'], measures: ['全程留痕'] },
          await as(people.p2, district),
        );
        riskItem = idOf(item, 'id') ?? firstId(item.body, 'items');
        return id;
      }
      if (Date.now() > deadline)
        throw new Error(`no risk list after 30 s: ${found.status} ${found.text.slice(0, 500)}`);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  });
  const dutyRecord = await may('duty record', async () =>
    idOf(
      await must('lists', 'POST', '/duty-records', {
        personId: people.p2,
        unitId: district,
        kind: 'talk',
        occurredOn: '2026-03-15',
        title: '廉政谈话',
        content: '与分管部门负责人开展廉政谈话',
      }),
    ),
  );

  const notice = await may('notice', async () =>
    idOf(
      await must('accountability', 'POST', '/notices', {
        unitId: town,
        issuingUnitId: district,
        source: 'petition',
        title: '关于模糊镇信访问题的抄告',
        body: '请核查并回告',
      }),
    ),
  );
  const reply = !notice
    ? undefined
    : await may('reply', async () => {
        const replied = await must(
          'accountability',
          'POST',
          `/notices/${notice}/replies`,
          { content: '已核查整改' },
          await as(people.p4, town),
        );
        return idOf(replied, 'id') ?? idOf(replied, 'replyId') ?? firstId(replied.body, 'replies');
      });
  let investigation: string | undefined;
  const caseId = await may('case', async () => {
    const opened = await must('accountability', 'POST', '/cases', {
      unitId: town,
      source: 'manual',
      violationDate: '2024-06-15',
      summary: '模糊测试问责线索',
      violatorPersonIds: [people.p4],
    });
    investigation = firstId(opened.body, 'investigations');
    return idOf(opened);
  });

  return {
    year,
    district,
    districtCode,
    town,
    commission,
    people,
    post: secretaryPost,
    supervision,
    oversightPair,
    apiKey,
    taskList,
    taskItem,
    riskList,
    riskItem,
    dutyRecord,
    notice,
    reply,
    case: caseId,
    investigation,
    missing: [
      ...missing,
      ...(taskList && !taskItem ? ['task item'] : []),
      ...(riskList && !riskItem ? ['risk item'] : []),
      ...(caseId && !investigation ? ['investigation'] : []),
    ],
  };
}

function idOf(response: ApiResponse, key?: undefined): string;
function idOf(response: ApiResponse, key: string): string | undefined;
function idOf(response: ApiResponse, key?: string): string | undefined {
  const value = field(response.body, key ?? 'id');
  if (typeof value === 'string') return value;
  if (key !== undefined) return undefined;
  throw new Error(`no id in ${response.status} ${response.text.slice(0, 500)}`);
}

function firstId(body: unknown, key: string): string | undefined {
  const list = field(body, key);
  const id = Array.isArray(list) ? field(list[0], 'id') : undefined;
  return typeof id === 'string' ? id : undefined;
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}
