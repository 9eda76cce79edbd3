/**
 * The accountability story of issue #5, played against running org, cycles (workflow worker) and
 * accountability services through their public APIs:
 *  1. the district commission copies a notice to a unit's secretary and supervising members; the
 *     secretary replies, the reply is returned with reasons, she replies again and it is accepted;
 *  2. another notice is left unanswered on a compressed calendar: it goes overdue, escalates, and
 *     becomes an accountability case whose proposed chain is the one of the due date;
 *  3. a case on a unit whose secretary changed shows the chain on either side of the handover;
 *  4. the monthly report schedule is created and triggered, and the report appears.
 * Used by run-accountability-demo.ts (the demo district 云溪区) and by the end-to-end test (a small city).
 */

export interface DemoOptions {
  orgUrl: string;
  accountabilityUrl: string;
  apiKey: string;
  /** Code of the district whose commission runs the story. */
  districtCode: string;
  /** One calendar day of the overdue notice, in ms (it has 1 working day to reply). */
  overdueDayLastsMs: number;
  log?: (line: string) => void;
}

export interface DemoResult {
  districtId: string;
  repliedNotice: { id: string; unitName: string; status: string; steps: string[] };
  overdueNotice: { id: string; unitName: string; dueDate: string; steps: string[] };
  overdueCase: {
    id: string;
    violationDate: string;
    chainDate: string;
    investigations: [string, string, string][];
    /** The secretary the org directory names for the unit on the due date. */
    directorySecretaryOnDueDate: string | null;
  };
  handover: { unitName: string; before: string | null; after: string | null } | null;
  report: { id: string; period: string; units: number; csvLines: number };
}

interface Unit {
  id: string;
  name: string;
  leadingOrgId: string | null;
}
interface Post {
  personId: string;
  personName: string;
  kind: string;
  title: string;
}
interface Chain {
  first: Post | null;
  dual: { supervisors: Post[] };
}

class DemoError extends Error {}

export async function runAccountabilityDemo(options: DemoOptions): Promise<DemoResult> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const call = async <T>(
    base: string,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = { 'x-api-key': options.apiKey },
    expect: number[] = [200, 201],
  ): Promise<T> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { ...headers, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!expect.includes(response.status))
      throw new DemoError(`${method} ${path}: ${response.status} ${text.slice(0, 1000)}`);
    return (text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text) as T;
  };
  const org = <T>(method: string, path: string, body?: unknown) =>
    call<T>(options.orgUrl, method, path, body);
  const acc = <T>(method: string, path: string, headers: Record<string, string>, body?: unknown) =>
    call<T>(options.accountabilityUrl, method, path, body, headers);
  const tokenFor = async (personId: string, unitId: string, roles: string[]) => {
    const issued = await org<{ token: string }>('POST', '/auth/tokens', { personId, unitId, roles });
    return { authorization: `Bearer ${issued.token}` };
  };
  const waitFor = async <T>(
    what: string,
    probe: () => Promise<T | undefined>,
    timeoutMs = 120_000,
  ): Promise<T> => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > until) throw new DemoError(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  };
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const chainOf = (unitId: string, date = today) =>
    org<Chain>('GET', `/org-units/${unitId}/responsibility-chain?date=${date}`);

  // ---- who acts ----
  const district = await org<Unit>('GET', `/org-units/by-code/${encodeURIComponent(options.districtCode)}`);
  const team = await org<Post[]>('GET', `/org-units/${district.id}/team?date=${today}`);
  const commissioner = team.find((p) => p.kind === 'commissionSecretary');
  const districtSecretary = team.find((p) => p.kind === 'secretary');
  if (!commissioner || !districtSecretary)
    throw new DemoError(`${district.name} needs a secretary and a commission secretary in post today`);
  const commission = await tokenFor(commissioner.personId, district.id, ['commissionStaff', 'leader']);
  const approver = await tokenFor(districtSecretary.personId, district.id, ['leader']);
  log(`demo: ${district.name}: commission ${commissioner.personName} (${commissioner.title})`);
  const children = await org<Unit[]>('GET', `/org-units/${district.id}/children`);
  const withSecretary: { unit: Unit; chain: Chain }[] = [];
  for (const unit of children) {
    const chain = await chainOf(unit.id);
    if (chain.first) withSecretary.push({ unit, chain });
    if (withSecretary.length >= 2) break;
  }
  const [first, second] = withSecretary;
  if (!first || !second) throw new DemoError(`${district.name} needs two units with a secretary in post`);

  // ---- 1. reply, return, reply again, accept ----
  const notice = await acc<{ id: string; addressees: { personId: string; name: string; role: string }[] }>(
    'POST',
    '/notices',
    commission,
    {
      unitId: first.unit.id,
      source: 'petition',
      sourceRef: 'XF-DEMO-001',
      title: `关于${first.unit.name}信访举报反映问题的抄告`,
      body: '群众反映惠民资金发放不规范，请核查处理并按时回告。',
    },
  );
  log(
    `demo: notice to ${first.unit.name}: ${notice.addressees.map((a) => `${a.name}（${a.role === 'secretary' ? '书记' : '分管领导'}）`).join('、')}`,
  );
  for (const addressee of notice.addressees) {
    const as = await tokenFor(addressee.personId, first.unit.id, ['leader']);
    const receipt = await acc<{ replyId: string; round: number; onTime: boolean }>(
      'POST',
      `/notices/${notice.id}/replies`,
      as,
      { content: `${addressee.name}：已召开专题会议，安排核查。` },
    );
    log(`demo: ${addressee.name} replied (round ${receipt.round}, on time: ${receipt.onTime})`);
    let replyId = receipt.replyId;
    if (addressee.role === 'secretary') {
      const returned = await acc<{ round: number; deadline: string }>(
        'POST',
        `/notices/${notice.id}/replies/${replyId}/return`,
        commission,
        { reasons: '回告未说明核查结果、整改措施和责任追究情况。' },
      );
      log(`demo: returned with reasons; round ${returned.round} due ${returned.deadline}`);
      const again = await acc<{ replyId: string; round: number }>(
        'POST',
        `/notices/${notice.id}/replies`,
        as,
        {
          content: '经核查，问题属实，已追回资金，对经办人员批评教育，并建立发放公示制度。',
        },
      );
      log(`demo: ${addressee.name} replied again (round ${again.round})`);
      replyId = again.replyId;
    }
    await acc('POST', `/notices/${notice.id}/replies/${replyId}/accept`, commission, {});
    log(`demo: ${addressee.name}'s reply accepted`);
  }
  const replied = await waitFor('the first notice to complete', async () => {
    const detail = await acc<{ status: string; steps: { kind: string }[] }>(
      'GET',
      `/notices/${notice.id}`,
      commission,
    );
    return detail.status === 'completed' ? detail : undefined;
  });
  log(`demo: notice ${notice.id} completed: ${replied.steps.map((s) => s.kind).join(' → ')}`);

  // ---- 2. overdue → escalation → case ----
  const late = await acc<{ id: string }>('POST', '/notices', commission, {
    unitId: second.unit.id,
    source: 'specialCheck',
    title: `关于${second.unit.name}专项检查发现问题的抄告`,
    body: '专项检查发现“三重一大”事项未经集体研究，请限期回告。',
    replyWorkingDays: 1,
    dayLastsMs: options.overdueDayLastsMs,
  });
  log(
    `demo: notice to ${second.unit.name} with 1 working day to reply, a day lasting ${options.overdueDayLastsMs} ms`,
  );
  const overdue = await waitFor('the second notice to escalate', async () => {
    const detail = await acc<{
      caseId: string | null;
      steps: { kind: string }[];
      addressees: { dueDate: string }[];
    }>('GET', `/notices/${late.id}`, commission);
    return detail.caseId ? detail : undefined;
  });
  const dueDate = overdue.addressees[0]?.dueDate ?? '';
  log(`demo: overdue on ${dueDate}: ${overdue.steps.map((s) => s.kind).join(' → ')}`);
  const opened = await acc<{
    id: string;
    violationDate: string;
    chain: { date: string };
    investigations: {
      role: string;
      link: string;
      personName: string | null;
      commissionName: string | null;
      unitName: string | null;
    }[];
  }>('GET', `/cases/${overdue.caseId}`, commission);
  const investigations = opened.investigations.map(
    (i) => [i.role, i.link, i.personName ?? i.commissionName ?? i.unitName ?? ''] as [string, string, string],
  );
  const directory = await chainOf(second.unit.id, dueDate);
  log(`demo: case ${opened.id} (violation ${opened.violationDate}), one case two investigations:`);
  for (const [role, link, name] of investigations) log(`demo:   ${role}/${link}: ${name}`);
  log(
    `demo: the directory's secretary of ${second.unit.name} on ${dueDate}: ${directory.first?.personName ?? '—'}`,
  );

  // ---- 3. the chain on either side of a handover ----
  let handover: DemoResult['handover'] = null;
  for (const unit of [district, ...children]) {
    const [before, after] = await Promise.all([
      chainOf(unit.id, '2024-06-30'),
      chainOf(unit.id, '2024-07-01'),
    ]);
    if (before.first && after.first && before.first.personId !== after.first.personId) {
      const cases = await Promise.all(
        ['2024-06-30', '2024-07-01'].map((violationDate) =>
          acc<{ investigations: { link: string; personName: string | null }[] }>(
            'POST',
            '/cases',
            commission,
            {
              unitId: unit.id,
              source: 'petition',
              violationDate,
              summary: `${unit.name}违规发放津贴补贴（${violationDate}）`,
            },
          ),
        ),
      );
      const firstOf = (c: (typeof cases)[number] | undefined) =>
        c?.investigations.find((i) => i.link === 'first')?.personName ?? null;
      handover = { unitName: unit.name, before: firstOf(cases[0]), after: firstOf(cases[1]) };
      log(
        `demo: ${unit.name}: a violation on 2024-06-30 proposes ${handover.before}, one on 2024-07-01 ${handover.after}`,
      );
      break;
    }
  }

  // A case runs its course: outcomes, a measure, a second person's approval.
  const caseId = opened.id;
  await acc('POST', `/cases/${caseId}/transitions`, commission, { to: 'investigating' });
  for (const inv of (
    await acc<{ investigations: { id: string; link: string }[] }>('GET', `/cases/${caseId}`, commission)
  ).investigations)
    await acc('POST', `/cases/${caseId}/investigations/${inv.id}/outcome`, commission, {
      outcome: inv.link === 'violator' ? 'responsible' : 'notResponsible',
      finding: inv.link === 'violator' ? '逾期未回告，敷衍塞责' : '已履行督促职责',
    });
  const violator = (
    await acc<{ investigations: { id: string; link: string }[] }>('GET', `/cases/${caseId}`, commission)
  ).investigations.find((i) => i.link === 'violator');
  if (violator)
    await acc('POST', `/cases/${caseId}/measures`, commission, {
      targetKind: 'person',
      investigationId: violator.id,
      form: 'admonishment',
    });
  await acc('POST', `/cases/${caseId}/transitions`, commission, { to: 'reviewing' });
  await acc('POST', `/cases/${caseId}/approvals`, approver, { decision: 'approve', note: '同意' });
  await acc('POST', `/cases/${caseId}/transitions`, commission, { to: 'closed' });
  log(`demo: case ${caseId} closed with an admonishment (诫勉), approved by ${districtSecretary.personName}`);

  // ---- 4. the monthly report from its schedule ----
  await acc('POST', '/monthly-reports/schedules', commission, { unitId: district.id });
  const before = await acc<{ id: string }[]>('GET', `/monthly-reports?unitId=${district.id}`, commission);
  const triggered = await acc<{ scheduleId: string }>(
    'POST',
    `/monthly-reports/schedules/${district.id}/trigger`,
    commission,
    {},
  );
  log(`demo: schedule ${triggered.scheduleId} triggered`);
  const scheduledRun = await waitFor('the schedule to start its run', async () => {
    const schedule = await acc<{ recentActions: { workflowId: string }[] }>(
      'GET',
      `/monthly-reports/schedules/${district.id}`,
      commission,
    );
    return schedule.recentActions.at(-1)?.workflowId;
  });
  const report = await waitFor('the monthly report', async () => {
    const list = await acc<{ id: string; workflowId: string; period: string; totals: { units: number } }[]>(
      'GET',
      `/monthly-reports?unitId=${district.id}`,
      commission,
    );
    return (
      list.find((r) => r.workflowId === scheduledRun && !before.some((b) => b.id === r.id)) ??
      list.find((r) => r.workflowId === scheduledRun)
    );
  });
  const csv = await call<string>(
    options.accountabilityUrl,
    'GET',
    `/monthly-reports/${report.id}/export?format=csv`,
    undefined,
    commission,
  );
  const csvLines = csv.trim().split(/\r?\n/).length;
  log(
    `demo: monthly report ${report.period} of ${district.name}: ${report.totals.units} units, CSV ${csvLines} lines`,
  );

  return {
    districtId: district.id,
    repliedNotice: {
      id: notice.id,
      unitName: first.unit.name,
      status: replied.status,
      steps: replied.steps.map((s) => s.kind),
    },
    overdueNotice: {
      id: late.id,
      unitName: second.unit.name,
      dueDate,
      steps: overdue.steps.map((s) => s.kind),
    },
    overdueCase: {
      id: opened.id,
      violationDate: opened.violationDate,
      chainDate: opened.chain.date,
      investigations,
      directorySecretaryOnDueDate: directory.first?.personName ?? null,
    },
    handover,
    report: { id: report.id, period: report.period, units: report.totals.units, csvLines },
  };
}
