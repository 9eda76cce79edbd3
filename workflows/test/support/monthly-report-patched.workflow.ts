/** The same change as monthly-report-altered, behind patched(): old histories replay cleanly. */
import { patched, sleep } from '@temporalio/workflow';
import type { MonthlyReportInput, MonthlyReportSummary } from '@dutychain/temporal';
import { monthlyAccountabilityReport as current } from '../../src/workflows/monthly-accountability-report.workflow';

export async function monthlyAccountabilityReport(input: MonthlyReportInput): Promise<MonthlyReportSummary> {
  if (patched('monthly-report-settle-before-building')) await sleep('1 minute');
  return current(input);
}
