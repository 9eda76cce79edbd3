/** The monthly report with a change made without patched(): replaying old histories must fail. */
import { sleep } from '@temporalio/workflow';
import type { MonthlyReportInput, MonthlyReportSummary } from '@dutychain/temporal';
import { monthlyAccountabilityReport as current } from '../../src/workflows/monthly-accountability-report.workflow';

export async function monthlyAccountabilityReport(input: MonthlyReportInput): Promise<MonthlyReportSummary> {
  await sleep('1 minute'); // a new timer before the report: different commands on replay
  return current(input);
}
