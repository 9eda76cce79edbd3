import * as path from 'node:path';
import {
  approveRiskListUpdate,
  returnRiskListUpdate,
  RISK_LIST_WORKFLOW_TYPE,
  riskListStartOptions,
  riskListStateQuery,
  SEARCH_ATTRIBUTES,
  submitRiskListUpdate,
} from '@dutychain/temporal';
import type { ApproverRef, RiskListInput, RiskListState, RiskListSummary } from '@dutychain/temporal';
import { bundleCycleWorkflows } from '../src/worker';
import { hashOf, InMemoryRiskListActivities } from './support/risk-list-activities';
import {
  createTimeSkippingEnvironment,
  eventually,
  skipTo,
  Worker,
  WorkflowUpdateFailedError,
} from './support/test-environment';
import type {
  TestWorkflowEnvironment,
  WorkflowBundleWithSourceMap,
  WorkflowHandle,
} from './support/test-environment';

/** The validator's (or the failed activity's) message behind an update failure. */
async function refusal(update: Promise<unknown>): Promise<string> {
  try {
    await update;
  } catch (err) {
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    let cause: unknown = (err as Error).cause ?? err;
    while (cause instanceof Error && cause.cause instanceof Error) cause = cause.cause;
    return (cause as Error).message;
  }
  throw new Error('the update was accepted');
}

const SECRETARY: ApproverRef = { personId: 'sec-1', name: '林书记', unitId: 'town-1', rule: 'unitSecretary' };

describe('risk list (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  let n = 0;

  beforeAll(async () => {
    [env, bundle] = await Promise.all([createTimeSkippingEnvironment(), bundleCycleWorkflows()]);
  });
  afterAll(async () => {
    await env?.teardown();
  });

  /** A workflow worker on the cycles queue and an activity-only worker on the lists queue, like production. */
  async function withWorkers<T>(
    fake: InMemoryRiskListActivities,
    fn: (queues: { cycles: string; lists: string }) => Promise<T>,
  ): Promise<T> {
    n += 1;
    const queues = { cycles: `rl-cycles-${n}`, lists: `rl-lists-${n}` };
    const workflows = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: queues.cycles,
      workflowBundle: bundle,
    });
    const activities = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: queues.lists,
      activities: fake.activities(),
    });
    return workflows.runUntil(activities.runUntil(fn(queues)));
  }

  const start = (input: RiskListInput, queues: { cycles: string; lists: string }) =>
    env.client.workflow.start(RISK_LIST_WORKFLOW_TYPE, {
      ...riskListStartOptions({ ...input, listsTaskQueue: queues.lists }),
      taskQueue: queues.cycles,
    });
  const stateOf = (handle: WorkflowHandle): Promise<RiskListState> => handle.query(riskListStateQuery);

  it('signs, refuses wrong decisions by name, returns with comments, resubmits and approves', async () => {
    const fake = new InMemoryRiskListActivities({ 'member-1': SECRETARY });
    const input: RiskListInput = {
      personId: 'member-1',
      year: 2026,
      unitId: 'town-1',
      level: 'town',
      leadingOrgId: 'district-1',
      ancestors: ['district-1'],
      compression: { yearLastsMs: 3_600_000 },
    };
    await withWorkers(fake, async (queues) => {
      const handle = await start(input, queues);
      expect(handle.workflowId).toBe('risk-list/member-1/2026');
      await eventually(async () => (await stateOf(handle)).listId !== null, 'the list to open');

      const other = handle.executeUpdate(submitRiskListUpdate, {
        args: [{ signerId: 'sec-1', contentHash: hashOf(1) }],
      });
      expect(await refusal(other)).toBe(
        "nobody signs someone else's list: the risk list of 'member-1' for 2026 is signed by member-1 only",
      );
      const early = handle.executeUpdate(approveRiskListUpdate, { args: [{ approverId: 'sec-1' }] });
      expect(await refusal(early)).toBe(
        "the risk list of 'member-1' for 2026 is draft, not submitted: nothing to decide",
      );
      // The content changed after the leader read it: the signature is refused, nothing recorded.
      const stale = handle.executeUpdate(submitRiskListUpdate, {
        args: [{ signerId: 'member-1', contentHash: hashOf(99) }],
      });
      expect(await refusal(stale)).toBe(
        'the list changed since you read it: read it again and sign what you see',
      );
      expect(fake.submissions).toHaveLength(0);
      expect((await stateOf(handle)).status).toBe('draft');

      const signed = await handle.executeUpdate(submitRiskListUpdate, {
        args: [{ signerId: 'member-1', contentHash: hashOf(1) }],
      });
      expect(signed).toMatchObject({
        status: 'submitted',
        round: 1,
        approver: SECRETARY,
        signature: { signatureId: 'sig-list-member-1-1', contentHash: hashOf(1), itemCount: 3 },
      });
      const twice = handle.executeUpdate(submitRiskListUpdate, {
        args: [{ signerId: 'member-1', contentHash: hashOf(1) }],
      });
      expect(await refusal(twice)).toBe(
        "the risk list of 'member-1' for 2026 is already submitted and waits for its approver",
      );
      const own = handle.executeUpdate(approveRiskListUpdate, { args: [{ approverId: 'member-1' }] });
      expect(await refusal(own)).toBe(
        "nobody approves their own list: the risk list of 'member-1' for 2026 is yours",
      );
      const wrong = handle.executeUpdate(approveRiskListUpdate, { args: [{ approverId: 'sec-9' }] });
      expect(await refusal(wrong)).toBe(
        "only 林书记 (sec-1, unitSecretary) approves the risk list of 'member-1' for 2026, not sec-9",
      );
      const bare = handle.executeUpdate(returnRiskListUpdate, {
        args: [{ approverId: 'sec-1', comment: ' ' }],
      });
      expect(await refusal(bare)).toBe('a returned list needs comments: say what to change');

      const returned = await handle.executeUpdate(returnRiskListUpdate, {
        args: [{ approverId: 'sec-1', comment: '风险点过于笼统，请结合分管领域细化' }],
      });
      expect(returned).toMatchObject({ status: 'returned', round: 2 });
      fake.listOf('member-1').contentHash = hashOf(2); // the leader revises the list
      const resubmitted = await handle.executeUpdate(submitRiskListUpdate, {
        args: [{ signerId: 'member-1', contentHash: hashOf(2) }],
      });
      expect(resubmitted).toMatchObject({ status: 'submitted', round: 2 });
      const approved = await handle.executeUpdate(approveRiskListUpdate, {
        args: [{ approverId: 'sec-1', comment: '同意' }],
      });
      expect(approved.status).toBe('approved');
      const again = handle.executeUpdate(approveRiskListUpdate, { args: [{ approverId: 'sec-1' }] });
      expect(await refusal(again)).toMatch(
        /^the risk list of 'member-1' for 2026 is already approved \(by sec-1 on \d{4}-/,
      );

      expect(fake.submissions.map((s) => [s.round, s.contentHash, s.approverId])).toEqual([
        [1, hashOf(1), 'sec-1'],
        [2, hashOf(2), 'sec-1'],
      ]);
      expect(fake.decisions.map((d) => [d.round, d.decision, d.comment])).toEqual([
        [1, 'return', '风险点过于笼统，请结合分管领域细化'],
        [2, 'approve', '同意'],
      ]);
      const state = await stateOf(handle);
      expect(state.history.map((e) => `${e.kind}/${e.round}`)).toEqual([
        'opened/1',
        'submitted/1',
        'returned/1',
        'submitted/2',
        'approved/2',
      ]);
      // Approved lists stay reachable until the lock, then complete.
      const summary = (await handle.result()) as RiskListSummary;
      expect(summary).toMatchObject({ status: 'approved', rounds: 2 });
      expect(fake.notifications).toEqual([]); // approved early: no reminders
    });
  });

  it('warns yellow, then red with escalation to the leading org (repeated), reminds the approver while it waits, and locks', async () => {
    const year = new Date(await env.currentTimeMs()).getUTCFullYear() + 1;
    const fake = new InMemoryRiskListActivities({ 'late-1': SECRETARY });
    const input: RiskListInput = {
      personId: 'late-1',
      year,
      unitId: 'town-1',
      level: 'town',
      leadingOrgId: 'district-1',
      ancestors: ['district-1'],
      lockAfterDays: 10,
    };
    await withWorkers(fake, async (queues) => {
      const handle = await start(input, queues);
      const first = await eventually(async () => {
        const s = await stateOf(handle);
        return s.listId !== null ? s : undefined;
      }, 'the list to open');
      expect(first).toMatchObject({
        warning: 'blue',
        overdue: false,
        deadline: `${year}-01-31T16:00:00.000Z`,
      });
      expect(first.lockAt).toBe(`${year}-02-10T16:00:00.000Z`);

      await skipTo(env, first.workflowYellowAt);
      await eventually(async () => (await stateOf(handle)).warning === 'yellow', 'yellow');
      expect(fake.notifications.map((x) => [x.kind, x.level, x.recipientPersonId])).toEqual([
        ['reminder', 'yellow', 'late-1'],
      ]);

      // Signed but not yet approved at the deadline: the red reminder goes to the approver.
      await handle.executeUpdate(submitRiskListUpdate, {
        args: [{ signerId: 'late-1', contentHash: hashOf(1) }],
      });
      await skipTo(env, first.workflowDeadline);
      await eventually(async () => (await stateOf(handle)).overdue, 'red');
      expect((await handle.describe()).typedSearchAttributes.get(SEARCH_ATTRIBUTES.overdue)).toBe(true);
      await eventually(() => Promise.resolve(fake.notifications.length === 3), 'red reminder and escalation');
      expect(
        fake.notifications.slice(1).map((x) => [x.kind, x.level, x.recipientPersonId, x.recipientUnitId]),
      ).toEqual([
        ['reminder', 'red', 'sec-1', null],
        ['escalation', 'red', null, 'district-1'],
      ]);

      // Still overdue seven days later: a second escalation.
      await skipTo(env, first.workflowDeadline + 7 * 86_400_000);
      await eventually(async () => (await stateOf(handle)).escalations === 2, 'second escalation');
      expect(fake.notifications.at(-1)).toMatchObject({
        kind: 'escalation',
        occurrence: 2,
        key: `risk-list/late-1/${year}/escalation/2`,
      });

      // The approver returns it; nobody resubmits before the lock.
      await handle.executeUpdate(returnRiskListUpdate, {
        args: [{ approverId: 'sec-1', comment: '请补充防控措施' }],
      });
      await skipTo(env, first.workflowLockAt);
      const summary = (await handle.result()) as RiskListSummary;
      expect(summary.status).toBe('locked');
      expect(fake.statuses).toEqual([
        expect.objectContaining({
          status: 'locked',
          listId: 'list-late-1',
          at: `${year}-02-10T16:00:00.000Z`,
        }),
      ]);
      expect(fake.listOf('late-1').status).toBe('locked');
    });
  });

  it("starts every team member's list from a parent workflow, once", async () => {
    const fake = new InMemoryRiskListActivities(
      {},
      {
        'town-2': [
          { personId: 'sec-2', kind: 'secretary' },
          { personId: 'mem-2', kind: 'member' },
        ],
      },
    );
    const starterBundle = await bundleCycleWorkflows(
      path.join(__dirname, './support/risk-list-starter.workflow.ts'),
    );
    n += 1;
    const queues = { cycles: `rl-cycles-${n}`, lists: `rl-lists-${n}` };
    const workflows = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: queues.cycles,
      workflowBundle: starterBundle,
    });
    const activities = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: queues.lists,
      activities: fake.activities(),
    });
    await workflows.runUntil(
      activities.runUntil(async () => {
        const counts = await env.client.workflow.execute('riskListStarterForTest', {
          taskQueue: queues.cycles,
          workflowId: `starter-${n}`,
          args: [
            {
              unitId: 'town-2',
              year: 2026,
              level: 'town',
              leadingOrgId: 'district-1',
              ancestors: ['district-1'],
              on: '2026-01-01',
              listsTaskQueue: queues.lists,
              compression: { yearLastsMs: 3_600_000 },
            },
          ],
        });
        expect(counts).toEqual([
          { started: 2, alreadyRunning: 0 },
          { started: 0, alreadyRunning: 2 },
        ]);
        for (const personId of ['sec-2', 'mem-2']) {
          const handle = env.client.workflow.getHandle(`risk-list/${personId}/2026`);
          const state = await eventually(async () => {
            const s = await stateOf(handle);
            return s.listId !== null ? s : undefined;
          }, `the list of ${personId}`);
          expect(state).toMatchObject({ unitId: 'town-2', leadingOrgId: 'district-1', status: 'draft' });
          const described = await handle.describe();
          expect(described.typedSearchAttributes.get(SEARCH_ATTRIBUTES.workflowKind)).toBe('riskList');
          await handle.terminate('test done');
        }
      }),
    );
  });
});
