import {
  ANNUAL_CYCLE_WORKFLOW_TYPE,
  confirmPhaseClosedUpdate,
  cycleStartOptions,
  publishTaskListUpdate,
  RISK_LIST_WORKFLOW_TYPE,
  riskListWorkflowId,
  SEARCH_ATTRIBUTES,
} from '@dutychain/temporal';
import type { AnnualCycleInput, CycleSummary } from '@dutychain/temporal';
import { bundleCycleWorkflows } from '../src/worker';
import { InMemoryCycleActivities } from './support/in-memory-cycle-activities';
import { deadlineView, driveYear, stateOf } from './support/scenarios';
import {
  createTestWorker,
  createTimeSkippingEnvironment,
  eventually,
  WorkflowUpdateFailedError,
} from './support/test-environment';
import type {
  TestWorkflowEnvironment,
  Worker,
  WorkflowBundleWithSourceMap,
} from './support/test-environment';

/** Rethrows an update failure's cause: the validator's message. */
const causeOf = (e: WorkflowUpdateFailedError): Promise<never> => Promise.reject(e.cause ?? e);

describe('annual cycle (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    [env, bundle] = await Promise.all([createTimeSkippingEnvironment(), bundleCycleWorkflows()]);
  });
  afterAll(async () => {
    await env?.teardown();
  });

  async function withWorker<T>(
    fake: InMemoryCycleActivities,
    fn: (worker: Worker) => Promise<T>,
  ): Promise<T> {
    const worker = await createTestWorker(env, bundle, fake);
    return worker.runUntil(fn(worker));
  }

  it('runs a real-time year: every phase in order, yellow then red, reminders and escalation', async () => {
    const year = new Date(await env.currentTimeMs()).getUTCFullYear() + 1;
    const input: AnnualCycleInput = {
      unitId: 'district-1',
      year,
      level: 'district',
      leadingOrgId: 'city-1',
      ancestors: ['city-1'],
    };
    const fake = new InMemoryCycleActivities();
    await withWorker(fake, async () => {
      const handle = await env.client.workflow.start(ANNUAL_CYCLE_WORKFLOW_TYPE, cycleStartOptions(input));
      const first = await stateOf(handle);
      expect(first).toMatchObject({ phase: 'define', status: 'waiting', warning: 'blue', overdue: false });
      const define = deadlineView(first, 'define');
      expect(define.deadline).toBe(`${year}-01-31T16:00:00.000Z`); // end of January, Beijing time
      expect(define.workflowDeadline).toBe(Date.parse(define.deadline)); // real time: no compression

      await driveYear(env, [{ handle, confirmer: 'city-1' }], {
        lateDefine: true,
        after: async (step) => {
          if (step !== 'define') return;
          const state = await stateOf(handle);
          expect(state.warnings.define).toMatchObject({ level: 'red', reminders: 2, escalations: 1 });
        },
      });
      const summary = (await handle.result()) as CycleSummary;
      expect(summary.history.map((h) => h.to)).toEqual([
        'define',
        'perform',
        'midYear',
        'yearEnd',
        'appraisal',
        'closed',
      ]);
      expect(summary.history.map((h) => h.reason)).toEqual([
        'cycleStarted',
        'taskListPublished',
        'deadlineReached',
        'confirmedByLeadingOrg',
        'confirmedByLeadingOrg',
        'confirmedByLeadingOrg',
      ]);
      expect(fake.phasesOf('district-1')).toEqual([
        'define',
        'perform',
        'midYear',
        'yearEnd',
        'appraisal',
        'closed',
      ]);
      // define: yellow 10 days before the end of January, then red at the deadline with an escalation.
      const defineReminders = fake.reminders.filter((r) => r.phase === 'define');
      expect(defineReminders.map((r) => r.level)).toEqual(['yellow', 'red']);
      expect(fake.escalations).toEqual([
        expect.objectContaining({
          phase: 'define',
          leadingOrgId: 'city-1',
          occurrence: 1,
          deadline: define.deadline,
        }),
      ]);
      // perform's yellow reminder fired before it ended by itself; later phases were confirmed early.
      expect(fake.reminders.filter((r) => r.phase === 'perform').map((r) => r.level)).toEqual(['yellow']);
      const described = await handle.describe();
      expect(described.typedSearchAttributes.get(SEARCH_ATTRIBUTES.phase)).toBe('closed');
      expect(described.typedSearchAttributes.get(SEARCH_ATTRIBUTES.overdue)).toBe(false);
      expect(described.typedSearchAttributes.get(SEARCH_ATTRIBUTES.unitAncestors)).toEqual(['city-1']);
    });
  });

  it('refuses bad decisions with a clear message, and starting twice is the same run', async () => {
    const input: AnnualCycleInput = {
      unitId: 'town-7',
      year: 2026,
      level: 'town',
      leadingOrgId: 'district-2',
      ancestors: ['city-1', 'district-2'],
      compression: { yearLastsMs: 3_600_000 },
    };
    const fake = new InMemoryCycleActivities();
    await withWorker(fake, async () => {
      const handle = await env.client.workflow.start(ANNUAL_CYCLE_WORKFLOW_TYPE, cycleStartOptions(input));
      const again = await env.client.workflow.start(ANNUAL_CYCLE_WORKFLOW_TYPE, cycleStartOptions(input));
      expect(again.firstExecutionRunId).toBe(handle.firstExecutionRunId);
      await eventually(async () => (await stateOf(handle)).status === 'open', 'define open');

      const publishEmpty = handle.executeUpdate(publishTaskListUpdate, {
        args: [{ taskListId: 'tl-1', itemCount: 0, publishedBy: 'p-1' }],
      });
      await expect(publishEmpty).rejects.toThrow(WorkflowUpdateFailedError);
      await expect(publishEmpty.catch(causeOf)).rejects.toThrow(
        "itemCount must be a positive integer: a task list without items cannot close 'define' (got 0)",
      );
      const confirmDefine = handle.executeUpdate(confirmPhaseClosedUpdate, {
        args: [{ phase: 'define', confirmedBy: 'district-2' }],
      });
      await expect(confirmDefine.catch(causeOf)).rejects.toThrow(
        "'define' closes when the committee publishes its task list (update publishTaskList), not by confirmation",
      );
      await handle.executeUpdate(publishTaskListUpdate, {
        args: [{ taskListId: 'tl-1', itemCount: 6, publishedBy: 'p-1' }],
      });
      const stale = handle.executeUpdate(confirmPhaseClosedUpdate, {
        args: [{ phase: 'midYear', confirmedBy: 'district-2' }],
      });
      await expect(stale.catch(causeOf)).rejects.toThrow(
        "the cycle of unit 'town-7' for 2026 is in phase 'perform', not 'midYear': refresh and decide again",
      );
      const state = await stateOf(handle);
      expect(state.phase).toBe('perform');
      expect(state.taskList).toEqual({ taskListId: 'tl-1', itemCount: 6, publishedBy: 'p-1' });
      await handle.terminate('test done');
    });
  });

  it('refuses a confirmation from an org that does not lead the unit', async () => {
    const input: AnnualCycleInput = {
      unitId: 'town-8',
      year: 2026,
      level: 'town',
      leadingOrgId: 'district-2',
      ancestors: ['city-1', 'district-2'],
      compression: { yearLastsMs: 3_600_000 },
    };
    await withWorker(new InMemoryCycleActivities(), async () => {
      const handle = await env.client.workflow.start(ANNUAL_CYCLE_WORKFLOW_TYPE, cycleStartOptions(input));
      await eventually(async () => (await stateOf(handle)).status === 'open', 'define open');
      await handle.executeUpdate(publishTaskListUpdate, {
        args: [{ taskListId: 'tl', itemCount: 3, publishedBy: 'p' }],
      });
      const perform = deadlineView(await stateOf(handle), 'perform');
      await env.sleep(perform.workflowDeadline - (await env.currentTimeMs()) + 1_000);
      await eventually(async () => (await stateOf(handle)).phase === 'midYear', 'midYear');
      const wrongOrg = handle.executeUpdate(confirmPhaseClosedUpdate, {
        args: [{ phase: 'midYear', confirmedBy: 'district-9' }],
      });
      await expect(wrongOrg.catch(causeOf)).rejects.toThrow(
        "only the leading org 'district-2' may close a phase of unit 'town-8', not \"district-9\"",
      );
      await handle.terminate('test done');
    });
  });

  it('opens define by starting the personal risk list of every team member, once', async () => {
    const input: AnnualCycleInput = {
      unitId: 'town-rl',
      year: 2029,
      level: 'town',
      leadingOrgId: 'district-rl',
      ancestors: ['city-rl', 'district-rl'],
      compression: { yearLastsMs: 3_600_000 },
    };
    const fake = new InMemoryCycleActivities();
    fake.teams['town-rl'] = ['person-rl-1', 'person-rl-2'];
    await withWorker(fake, async () => {
      const handle = await env.client.workflow.start(ANNUAL_CYCLE_WORKFLOW_TYPE, cycleStartOptions(input));
      const state = await eventually(async () => {
        const s = await stateOf(handle);
        return s.riskLists !== null ? s : undefined;
      }, 'risk lists started');
      expect(state.riskLists).toBe(2);
      expect(fake.riskListStarts).toHaveLength(1);
      expect(fake.riskListStarts[0]).toMatchObject({
        unitId: 'town-rl',
        year: 2029,
        leadingOrgId: 'district-rl',
        ancestors: ['city-rl', 'district-rl'],
        onDate: '2029-01-01',
      });
      for (const personId of ['person-rl-1', 'person-rl-2']) {
        const list = env.client.workflow.getHandle(riskListWorkflowId(personId, 2029));
        const described = await list.describe();
        expect(described.type).toBe(RISK_LIST_WORKFLOW_TYPE);
        expect(described.typedSearchAttributes.get(SEARCH_ATTRIBUTES.unitId)).toBe('town-rl');
        await list.terminate('test done');
      }
      // Publishing the task list moves on; the lists are not started again.
      await handle.executeUpdate(publishTaskListUpdate, {
        args: [{ taskListId: 'tl-rl', itemCount: 3, publishedBy: 'secretary-rl' }],
      });
      expect((await stateOf(handle)).riskLists).toBe(2);
      expect(fake.riskListStarts).toHaveLength(1);
      await handle.terminate('test done');
    });
  });

  it('fails fast on an invalid input', async () => {
    const input = {
      unitId: 'u/1',
      year: 2026,
      level: '',
      leadingOrgId: null,
      ancestors: [],
    } as AnnualCycleInput;
    await withWorker(new InMemoryCycleActivities(), async () => {
      const handle = await env.client.workflow.start(ANNUAL_CYCLE_WORKFLOW_TYPE, {
        ...cycleStartOptions({ ...input, unitId: 'u-1' }),
        args: [input],
      });
      await expect(handle.result()).rejects.toThrow('Workflow execution failed');
      const described = await handle.describe();
      expect(described.status.name).toBe('FAILED');
    });
  });
});
