/** Workers, inputs and the schedule's clock for the monthly-report tests and the fixture recorder. */
import { MONTHLY_REPORT_WORKFLOW_TYPE, TASK_QUEUES } from '@dutychain/temporal';
import type { MonthlyReportInput, MonthlyReportSummary } from '@dutychain/temporal';
import type { InMemoryMonthlyReportActivities } from './monthly-report-activities';
import type {
  TestWorkflowEnvironment,
  WorkflowBundleWithSourceMap,
  WorkflowHandle,
} from './test-environment';
import { skipTo, Worker } from './test-environment';

export const REPORT_ACTIVITY_QUEUE = 'accountability-report-test';

/** The input the Temporal Schedule starts the workflow with: no period, Beijing time. */
export function scheduledReportInput(
  unitId: string,
  overrides: Partial<MonthlyReportInput> = {},
): MonthlyReportInput {
  return { unitId, activityTaskQueue: REPORT_ACTIVITY_QUEUE, utcOffsetMinutes: 480, ...overrides };
}

/** Runs `fn` with the workflow worker (test `cycles` queue) and the accountability activity worker. */
export async function withReportWorkers<T>(
  env: TestWorkflowEnvironment,
  bundle: WorkflowBundleWithSourceMap,
  fake: InMemoryMonthlyReportActivities,
  fn: () => Promise<T>,
): Promise<T> {
  const workflows = await Worker.create({
    connection: env.nativeConnection,
    namespace: 'default',
    taskQueue: TASK_QUEUES.cycles,
    workflowBundle: bundle,
  });
  const activities = await Worker.create({
    connection: env.nativeConnection,
    namespace: 'default',
    taskQueue: REPORT_ACTIVITY_QUEUE,
    activities: fake.activities(),
  });
  return workflows.runUntil(activities.runUntil(fn));
}

/** Starts a run as the schedule does: workflow id `monthly-report/<unitId>` plus the run's time. */
export function startReport(
  env: TestWorkflowEnvironment,
  input: MonthlyReportInput,
  at: number,
): Promise<WorkflowHandle<(input: MonthlyReportInput) => Promise<MonthlyReportSummary>>> {
  return env.client.workflow.start<(input: MonthlyReportInput) => Promise<MonthlyReportSummary>>(
    MONTHLY_REPORT_WORKFLOW_TYPE,
    {
      workflowId: `monthly-report/${input.unitId}-${new Date(at).toISOString()}`,
      taskQueue: TASK_QUEUES.cycles,
      args: [input],
    },
  );
}

/**
 * Skips the server's clock to the schedule's next firing, 08:00 Beijing time (00:00 UTC) on the
 * 1st of the coming month, plus `extraMs`; returns that instant and the month that just ended.
 */
export async function skipToNextFiring(
  env: TestWorkflowEnvironment,
  extraMs = 0,
): Promise<{ at: number; endedMonth: string }> {
  const now = new Date(await env.currentTimeMs());
  const at = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1) + extraMs;
  await skipTo(env, at, 0);
  const ended = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const endedMonth = `${ended.getUTCFullYear()}-${String(ended.getUTCMonth() + 1).padStart(2, '0')}`;
  return { at, endedMonth };
}
