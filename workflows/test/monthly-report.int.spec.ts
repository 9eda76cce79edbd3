import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { bundleCycleWorkflows } from '../src/worker';
import { InMemoryMonthlyReportActivities } from './support/monthly-report-activities';
import {
  scheduledReportInput,
  skipToNextFiring,
  startReport,
  withReportWorkers,
} from './support/monthly-report-scenarios';
import { createTimeSkippingEnvironment } from './support/test-environment';
import type { TestWorkflowEnvironment, WorkflowBundleWithSourceMap } from './support/test-environment';

/** The next month after 'YYYY-MM'. */
const monthAfter = (month: string): string => {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year, m, 1)).toISOString().slice(0, 7);
};

/** The workflow's failure (type and message) of a run that must fail. */
async function failureOf(result: Promise<unknown>): Promise<{ type?: string; message: string }> {
  try {
    await result;
  } catch (err) {
    if (err instanceof WorkflowFailedError && err.cause instanceof ApplicationFailure)
      return { type: err.cause.type ?? undefined, message: err.cause.message };
    throw err;
  }
  throw new Error('the run succeeded');
}

describe('monthly accountability report (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    [env, bundle] = await Promise.all([createTimeSkippingEnvironment(), bundleCycleWorkflows()]);
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('builds the report of the month just ended when the schedule fires on the 1st, 08:00 Beijing time', async () => {
    const fake = new InMemoryMonthlyReportActivities();
    await withReportWorkers(env, bundle, fake, async () => {
      const { at, endedMonth } = await skipToNextFiring(env);
      const handle = await startReport(env, scheduledReportInput('district-1'), at);
      expect(await handle.result()).toEqual({
        reportId: `report-district-1-${endedMonth}`,
        unitId: 'district-1',
        period: endedMonth,
        units: 3,
        casesOpened: 2,
        typicalCases: 1,
      });
      expect(fake.attempts).toEqual([
        { unitId: 'district-1', period: endedMonth, workflowId: handle.workflowId },
      ]);
    });
  });

  it('takes the month boundary in local time: Beijing by default, or the given UTC offset', async () => {
    const fake = new InMemoryMonthlyReportActivities();
    await withReportWorkers(env, bundle, fake, async () => {
      // 18:00 UTC on the 1st is 02:00 on the 2nd in Beijing: the previous local day is already the new month.
      const { at, endedMonth } = await skipToNextFiring(env, 18 * 3_600_000);
      const beijing = await startReport(
        env,
        { ...scheduledReportInput('town-1'), utcOffsetMinutes: undefined },
        at,
      );
      const utc = await startReport(env, scheduledReportInput('town-2', { utcOffsetMinutes: 0 }), at);
      expect((await beijing.result()).period).toBe(monthAfter(endedMonth));
      expect((await utc.result()).period).toBe(endedMonth);
    });
  });

  it('reports the period it is given (a run by hand) whatever the date', async () => {
    const fake = new InMemoryMonthlyReportActivities();
    await withReportWorkers(env, bundle, fake, async () => {
      const { at } = await skipToNextFiring(env, 10 * 86_400_000);
      const handle = await startReport(env, scheduledReportInput('district-1', { period: '2026-03' }), at);
      expect((await handle.result()).reportId).toBe('report-district-1-2026-03');
      expect(fake.attempts).toEqual([
        { unitId: 'district-1', period: '2026-03', workflowId: handle.workflowId },
      ]);
    });
  });

  it('retries while the accountability service is down and stores the report once it is back', async () => {
    const fake = new InMemoryMonthlyReportActivities();
    fake.failNext = 3;
    await withReportWorkers(env, bundle, fake, async () => {
      const { at, endedMonth } = await skipToNextFiring(env);
      const handle = await startReport(env, scheduledReportInput('district-1'), at);
      expect((await handle.result()).period).toBe(endedMonth);
      expect(fake.attempts).toHaveLength(4);
      expect(new Set(fake.attempts.map((a) => JSON.stringify(a))).size).toBe(1);
      expect([...fake.reports.keys()]).toEqual([`district-1/${endedMonth}`]);
    });
  });

  it('refuses a bad period or a missing unit without calling the service', async () => {
    const fake = new InMemoryMonthlyReportActivities();
    await withReportWorkers(env, bundle, fake, async () => {
      const at = await env.currentTimeMs();
      const badPeriod = await startReport(env, scheduledReportInput('district-1', { period: '2026-13' }), at);
      expect((await failureOf(badPeriod.result())).message).toBe('period must be YYYY-MM, got "2026-13"');
      const noUnit = await startReport(env, scheduledReportInput(''), at);
      expect(await failureOf(noUnit.result())).toEqual({
        type: 'InvalidReportInput',
        message: 'unitId and activityTaskQueue are required',
      });
      expect(fake.attempts).toEqual([]);
    });
  });
});
