/**
 * The monthly accountability report (问责月报告) and dual bulletin (双通报) of one subtree: started by
 * the Temporal Schedule `accountability-monthly-report/<unitId>` (or by hand), it asks the
 * accountability service to build the report for the month that just ended.
 */
import { ApplicationFailure, proxyActivities, workflowInfo } from '@temporalio/workflow';
import { describeInputProblems, monthlyReportInputProblems, reportPeriodAt } from '@dutychain/temporal';
import type { AccountabilityActivities, MonthlyReportInput, MonthlyReportSummary } from '@dutychain/temporal';

export async function monthlyAccountabilityReport(input: MonthlyReportInput): Promise<MonthlyReportSummary> {
  const problems = monthlyReportInputProblems(input);
  if (problems.length > 0)
    throw ApplicationFailure.nonRetryable(describeInputProblems(problems), 'InvalidReportInput');
  const { generateMonthlyReport } = proxyActivities<AccountabilityActivities>({
    taskQueue: input.activityTaskQueue,
    startToCloseTimeout: '5 minutes',
    retry: {
      initialInterval: '1 second',
      backoffCoefficient: 2,
      maximumInterval: '5 minutes',
      maximumAttempts: 20,
    },
  });
  const period = input.period ?? reportPeriodAt(Date.now(), input.utcOffsetMinutes ?? 480);
  return generateMonthlyReport({ unitId: input.unitId, period, workflowId: workflowInfo().workflowId });
}
