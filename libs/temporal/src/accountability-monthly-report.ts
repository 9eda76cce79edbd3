/**
 * The monthly accountability report (问责月报告) and dual bulletin (双通报): a workflow started by a
 * Temporal Schedule per subtree root, which asks the accountability service to build the report.
 */
export const MONTHLY_REPORT_WORKFLOW_TYPE = 'monthlyAccountabilityReport';
export const MONTHLY_REPORT_WORKFLOW_KIND = 'monthlyAccountabilityReport';

export interface MonthlyReportInput {
  unitId: string;
  /** Task queue of the accountability service's activities. */
  activityTaskQueue: string;
  /** 'YYYY-MM'; when absent, the month of the day before the run (a run on the 1st reports the month just ended). */
  period?: string | null;
  /** Offset of local time from UTC in minutes, for the month boundary (default 480, Beijing). */
  utcOffsetMinutes?: number;
}

/** `accountability-monthly-report/<unitId>`: one schedule per subtree root. */
export function monthlyReportScheduleId(unitId: string): string {
  if (!/^[^/\s]{1,128}$/.test(unitId))
    throw new RangeError(
      `unitId must be 1–128 characters without '/' or spaces, got ${JSON.stringify(unitId)}`,
    );
  return `accountability-monthly-report/${unitId}`;
}

/** The report's period for a run at `instant`: the month of the previous local day, 'YYYY-MM'. */
export function reportPeriodAt(instant: number, utcOffsetMinutes = 480): string {
  return new Date(instant + utcOffsetMinutes * 60_000 - 86_400_000).toISOString().slice(0, 7);
}
