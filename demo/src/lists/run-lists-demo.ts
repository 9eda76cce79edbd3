/**
 * The define phase of the demo district through the lists API: every leader of the district gets
 * a risk-list workflow; the district committee publishes its task list; one member claims items,
 * adds their own, signs; the secretary returns the list with comments; the member revises and
 * resubmits; the secretary approves. Two more members then hand in planted copies and the batch
 * quality check flags them, issuing supervision orders (督办单).
 *
 * Usage: node -r @swc-node/register services/lists/src/demo/run-lists-demo.ts
 * Reads ORG_URL (http://127.0.0.1:3001), LISTS_URL (http://127.0.0.1:3003),
 * DUTYCHAIN_BOOTSTRAP_API_KEY, DEMO_DISTRICT_CODE (YX), DEMO_YEAR (this year) and
 * DEMO_LISTS_YEAR_LASTS_MS (3600000: the lists' own compressed year, so that January lasts long
 * enough to watch; lists started by a cycle share the cycle's clock instead).
 * The district's own team goes first (so the story plays at once), the rest of the subtree after.
 * Idempotent on workflows; running it twice finds the lists already decided and says so.
 */
const orgUrl = process.env.ORG_URL ?? 'http://127.0.0.1:3001';
const listsUrl = process.env.LISTS_URL ?? 'http://127.0.0.1:3003';
const apiKey = process.env.DUTYCHAIN_BOOTSTRAP_API_KEY ?? '';
const districtCode = process.env.DEMO_DISTRICT_CODE ?? 'YX';
const year = Number(process.env.DEMO_YEAR ?? new Date().getFullYear());
/** An hour-long year: define (January) lasts about 5 minutes, the lock comes about 5 minutes later. */
const yearLastsMs = Number(process.env.DEMO_LISTS_YEAR_LASTS_MS ?? 3_600_000);

type HeaderMap = Record<string, string>;
const admin: HeaderMap = { 'x-api-key': apiKey, 'content-type': 'application/json' };

async function call<T>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: HeaderMap = admin,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

async function ok<T>(what: string, result: Promise<{ status: number; body: T }>): Promise<T> {
  const { status, body } = await result;
  if (status >= 300) throw new Error(`${what}: ${status} ${JSON.stringify(body).slice(0, 500)}`);
  return body;
}

interface Post {
  personId: string;
  personName: string;
  kind: string;
  title: string;
}

async function tokenFor(personId: string, unitId: string, roles: string[]): Promise<HeaderMap> {
  const { token } = await ok<{ token: string }>(
    'token',
    call(orgUrl, 'POST', '/auth/tokens', { personId, unitId, roles }),
  );
  return { authorization: `Bearer ${token}` };
}

interface ListView {
  id: string;
  status: string;
  contentHash: string;
  items: { id: string }[];
}

const honestItems = [
  {
    content: '履行第一责任人职责，亲自部署年度全面从严治党工作，定期约谈班子成员',
    riskPoints: ['对班子成员日常监督失之于宽、失之于软'],
    measures: ['每年至少两次与班子成员开展廉政谈话并建立台账'],
  },
];
const memberItems = [
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
/** A planted copy: the member's list reworded a little and reordered. */
const copiedItems = [
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

async function listOf(personId: string, as: HeaderMap): Promise<ListView> {
  for (let attempt = 0; attempt < 120; attempt++) {
    const found = await call<ListView>(
      listsUrl,
      'GET',
      `/risk-lists/by-person/${personId}/${year}`,
      undefined,
      as,
    );
    if (found.status === 200) return found.body;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the list of ${personId} was not opened by its workflow`);
}

async function write(list: ListView, as: HeaderMap, items: typeof honestItems): Promise<ListView> {
  if (list.status !== 'draft' || list.items.length > 0) return list;
  let current = list;
  for (const item of items) {
    current = await ok(
      'add item',
      call<ListView>(listsUrl, 'POST', `/risk-lists/${list.id}/items`, item, as),
    );
  }
  return current;
}

async function main(): Promise<void> {
  if (!apiKey) throw new Error('DUTYCHAIN_BOOTSTRAP_API_KEY is required');
  const district = await ok<{ id: string; name: string }>(
    'district',
    call(orgUrl, 'GET', `/org-units/by-code/${districtCode}`),
  );
  const own = await ok<{ people: number; started: number }>(
    'start the district team lists',
    call(listsUrl, 'POST', '/risk-lists/workflows', { unitId: district.id, year, yearLastsMs }),
  );
  console.log(
    `lists: the ${own.people} leaders of ${district.name}'s own team have their risk-list workflows`,
  );

  const team = await ok<Post[]>('team', call(orgUrl, 'GET', `/org-units/${district.id}/team`));
  const secretary = team.find((p) => p.kind === 'secretary');
  // Members first (their lists are approved by the secretary), then the other seats.
  const order = ['member', 'deputySecretary', 'commissionSecretary'];
  const members = team
    .filter((p) => p.kind !== 'secretary')
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  if (!secretary || members.length < 2) throw new Error(`${district.name} needs a secretary and two members`);
  const [member, copier] = members as [Post, Post];
  const staff = await tokenFor(secretary.personId, district.id, ['committeeStaff']);

  let taskList = await call<{ id: string; status: string; items: { id: string }[] }>(
    listsUrl,
    'GET',
    `/units/${district.id}/task-lists/${year}`,
    undefined,
    staff,
  );
  if (taskList.status === 404) {
    taskList = await call(
      listsUrl,
      'POST',
      '/task-lists',
      {
        unitId: district.id,
        year,
        title: `${year}年度${district.name}委全面从严治党主体责任清单`,
        items: [
          {
            aspect: '落实主体责任',
            content: '每半年召开一次党委专题会议研究部署党风廉政建设',
            leadDepartment: '区委办',
          },
          {
            aspect: '强化监督',
            content: '开展政府采购和工程招投标领域专项监督检查',
            leadDepartment: '区纪委',
          },
          { aspect: '作风建设', content: '整治形式主义官僚主义，为基层减负', leadDepartment: '区委办' },
        ],
      },
      staff,
    );
  }
  if (taskList.body.status === 'draft') {
    const published = await ok<{ cycle: { accepted: boolean; reason: string | null } }>(
      'publish',
      call(listsUrl, 'POST', `/task-lists/${taskList.body.id}/publication`, {}, staff),
    );
    console.log(
      `lists: ${district.name}'s committee published its task list (${taskList.body.items.length} items); the cycle ${published.cycle.accepted ? 'moved on from define' : `said: ${published.cycle.reason ?? '—'}`}`,
    );
  }

  const asMember = await tokenFor(member.personId, district.id, ['leader']);
  const asSecretary = await tokenFor(secretary.personId, district.id, ['leader']);
  let list = await listOf(member.personId, asMember);
  if (list.status === 'approved') {
    console.log(`lists: ${member.personName}'s list is already approved (an earlier run)`);
  } else {
    if (list.items.length === 0) {
      await ok(
        'claim',
        call(
          listsUrl,
          'POST',
          `/risk-lists/${list.id}/claims`,
          {
            taskItemId: taskList.body.items[1]?.id,
            riskPoints: ['招投标环节可能存在围标串标、暗箱操作风险'],
            measures: ['全程纪实，关键环节集体决策并留痕'],
          },
          asMember,
        ),
      );
      list = await write({ ...list, items: [] }, asMember, memberItems);
    }
    const signed = await ok<{ round: number; signature: { contentHash: string } }>(
      'sign',
      call(
        listsUrl,
        'POST',
        `/risk-lists/${list.id}/submission`,
        { contentHash: list.contentHash },
        asMember,
      ),
    );
    console.log(
      `lists: ${member.personName} (${member.title}) claimed 1 committee item, added 2 own, signed round ${signed.round} (sha256 ${signed.signature.contentHash.slice(0, 12)}…)`,
    );
    await ok(
      'return',
      call(
        listsUrl,
        'POST',
        `/risk-lists/${list.id}/return`,
        { comment: '风险点请结合分管领域再细化' },
        asSecretary,
      ),
    );
    console.log(`lists: ${secretary.personName} returned it: 风险点请结合分管领域再细化`);
    const revised = await ok<ListView>(
      'revise',
      call(
        listsUrl,
        'PATCH',
        `/risk-lists/${list.id}/items/${list.items[1]?.id ?? ''}`,
        { riskPoints: [...memberItems[0].riskPoints, '干部选拔任用中的说情打招呼风险'] },
        asMember,
      ),
    );
    const again = await ok<{ round: number }>(
      'resubmit',
      call(
        listsUrl,
        'POST',
        `/risk-lists/${list.id}/submission`,
        { contentHash: revised.contentHash },
        asMember,
      ),
    );
    const approved = await ok<{ status: string; history: { kind: string }[] }>(
      'approve',
      call(listsUrl, 'POST', `/risk-lists/${list.id}/approval`, { comment: '同意' }, asSecretary),
    );
    console.log(
      `lists: resubmitted as round ${again.round}, ${approved.status} by ${secretary.personName}; history ${approved.history.map((e) => e.kind).join(' → ')}`,
    );
    const twice = await call<{ errors: { rule: string }[] }>(
      listsUrl,
      'POST',
      `/risk-lists/${list.id}/approval`,
      {},
      asSecretary,
    );
    console.log(`lists: approving it again is refused: ${twice.status} ${twice.body.errors[0]?.rule ?? ''}`);
  }

  // Planted copy and an honest list, then the batch check over the district.
  const asCopier = await tokenFor(copier.personId, district.id, ['leader']);
  await write(await listOf(copier.personId, asCopier), asCopier, copiedItems);
  await write(await listOf(secretary.personId, asSecretary), asSecretary, honestItems);
  const check = await ok<{
    lists: number;
    findings: { rule: string; label: string; riskListId: string | null; relatedRiskListId: string | null }[];
    orders: { id: string; reason: string; deadline: string }[];
  }>(
    'quality check',
    call(listsUrl, 'POST', '/quality-checks', { unitId: district.id, year, issueOrders: true }, staff),
  );
  const copies = check.findings.filter((f) => f.rule === 'NEAR_DUPLICATE_TEAMMATE');
  console.log(
    `lists: quality check over ${check.lists} lists with items: ${check.findings.length} findings, ${copies.length} near-identical team lists (the planted copy of ${member.personName}'s list by ${copier.personName}), ${check.orders.length} supervision orders issued`,
  );
  for (const order of check.orders.slice(0, 3))
    console.log(`lists:   督办单 ${order.reason}, due ${order.deadline}`);
  const started = Date.now();
  const lists = await ok<{ units: number; people: number; started: number; alreadyRunning: number }>(
    'start lists',
    call(listsUrl, 'POST', '/risk-lists/workflows', {
      unitId: district.id,
      year,
      includeSubtree: true,
      yearLastsMs,
    }),
  );
  console.log(
    `lists: ${lists.people} leaders of ${lists.units} units of ${district.name} have a risk-list workflow (${lists.started} started now, ${lists.alreadyRunning} already running) in ${Math.round((Date.now() - started) / 1000)} s`,
  );
  const overview = await ok<{ total: number }>(
    'lists',
    call(listsUrl, 'GET', `/risk-lists?year=${year}&unitId=${district.id}&limit=1`),
  );
  console.log(
    `lists: ${overview.total} lists opened so far in ${district.name} (their workflows open them one by one); status workbook at ${listsUrl}/risk-lists/status.xlsx?year=${year}&unitId=${district.id}`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
