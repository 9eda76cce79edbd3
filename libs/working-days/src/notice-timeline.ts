import { DAY_MS } from './working-days';

/**
 * Maps calendar instants to workflow time for a deadline loop, as libs/calendar does for the year:
 * workflow = workflowOrigin + (calendar - calendarOrigin) / factor. Real time is the identity.
 * A compressed timeline plays each calendar day in `dayLastsMs` and may start on a chosen calendar
 * day (a demo can issue a notice "on 2026-09-30" to cross the National Day holiday in seconds).
 */
export interface DeadlineTimeline {
  calendarOrigin: number;
  workflowOrigin: number;
  factor: number;
}

export interface DayCompression {
  /** How long one calendar day lasts in workflow time, in ms (at least 1000). */
  dayLastsMs: number;
  /** Calendar instant (ISO-8601) the loop starts at; the workflow's start time when absent. */
  calendarStart?: string | null;
}

/** The shortest compressed day (a second), and the longest: a day never lasts longer than a day. */
export const MIN_DAY_LASTS_MS = 1_000;
export const MAX_DAY_LASTS_MS = DAY_MS;

/**
 * The one rule for a compressed day, applied by the copy-notice workflow and, before it starts, by
 * the API and the configuration that make its input.
 */
export function dayCompressionProblem(compression: unknown): string | undefined {
  if (compression === null || compression === undefined) return undefined;
  const c = compression as Partial<DayCompression>;
  if (typeof c.dayLastsMs !== 'number' || !Number.isInteger(c.dayLastsMs) || c.dayLastsMs < MIN_DAY_LASTS_MS)
    return `compression.dayLastsMs must be an integer of at least ${MIN_DAY_LASTS_MS}, got ${JSON.stringify(c.dayLastsMs)}`;
  if (c.dayLastsMs > MAX_DAY_LASTS_MS)
    return `compression.dayLastsMs must not exceed a day (${MAX_DAY_LASTS_MS})`;
  if (
    c.calendarStart !== undefined &&
    c.calendarStart !== null &&
    (typeof c.calendarStart !== 'string' || Number.isNaN(Date.parse(c.calendarStart)))
  )
    return `compression.calendarStart must be an ISO-8601 instant, got ${JSON.stringify(c.calendarStart)}`;
  return undefined;
}

/** The timeline of a loop starting now (`startedAt`, workflow time). */
export function deadlineTimeline(startedAt: number, compression?: DayCompression | null): DeadlineTimeline {
  if (!compression) return { calendarOrigin: startedAt, workflowOrigin: startedAt, factor: 1 };
  const problem = dayCompressionProblem(compression);
  if (problem) throw new RangeError(problem);
  const calendarOrigin = compression.calendarStart ? Date.parse(compression.calendarStart) : startedAt;
  return { calendarOrigin, workflowOrigin: startedAt, factor: DAY_MS / compression.dayLastsMs };
}

/** Workflow time of a calendar instant, rounded up so a timer never fires before the instant. */
export function workflowTimeOf(timeline: DeadlineTimeline, calendarInstant: number): number {
  return Math.ceil(timeline.workflowOrigin + (calendarInstant - timeline.calendarOrigin) / timeline.factor);
}

/** Calendar instant at a workflow time. */
export function calendarTimeOf(timeline: DeadlineTimeline, workflowTime: number): number {
  return Math.floor(timeline.calendarOrigin + (workflowTime - timeline.workflowOrigin) * timeline.factor);
}
