import { isValidCycleYear } from '@dutychain/calendar';

/** Ids used inside workflow ids must be non-empty and free of '/', the separator. */
const ID_PART = /^[^/\s]{1,128}$/;

function checkIdPart(what: string, value: string): void {
  if (!ID_PART.test(value)) {
    throw new RangeError(
      `${what} must be 1–128 characters without '/' or spaces, got ${JSON.stringify(value)}`,
    );
  }
}

/** `cycle/<unitId>/<year>`: one yearly cycle per unit per year; starting it twice is harmless. */
export function cycleWorkflowId(unitId: string, year: number): string {
  checkIdPart('unitId', unitId);
  if (!isValidCycleYear(year))
    throw new RangeError(`year must be an integer from 2000 to 2999, got ${JSON.stringify(year)}`);
  return `cycle/${unitId}/${year}`;
}

export function parseCycleWorkflowId(workflowId: string): { unitId: string; year: number } | undefined {
  const match = /^cycle\/([^/\s]{1,128})\/(\d{4})$/.exec(workflowId);
  if (!match) return undefined;
  const year = Number(match[2]);
  return isValidCycleYear(year) ? { unitId: match[1] ?? '', year } : undefined;
}

/** `risk-list/<personId>/<year>`: one personal responsibility-risk list per leader per year. */
export function riskListWorkflowId(personId: string, year: number): string {
  checkIdPart('personId', personId);
  if (!isValidCycleYear(year))
    throw new RangeError(`year must be an integer from 2000 to 2999, got ${JSON.stringify(year)}`);
  return `risk-list/${personId}/${year}`;
}

/** `copy-notice/<noticeId>`: one copy-notify-and-reply loop per notice. */
export function copyNoticeWorkflowId(noticeId: string): string {
  checkIdPart('noticeId', noticeId);
  return `copy-notice/${noticeId}`;
}
