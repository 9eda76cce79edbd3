import type { CycleCalendar } from './cycle-calendar';

/**
 * Maps calendar instants to workflow time. Real time is the identity (factor 1, both origins the
 * year's start). A compressed timeline plays the calendar `factor` times faster, starting when the
 * cycle started: workflow = workflowOrigin + (calendar - calendarOrigin) / factor.
 * Plain data, so it travels in workflow inputs, across continue-as-new and down to child cycles.
 */
export interface Timeline {
  calendarOrigin: number;
  workflowOrigin: number;
  factor: number;
}

/** How long one calendar year lasts on a compressed timeline, e.g. 60 minutes for a demo. */
export interface Compression {
  yearLastsMs: number;
}

/** The shortest compressed year (a minute), and the longest: a year never lasts longer than a year. */
export const MIN_YEAR_LASTS_MS = 60_000;
export const MAX_YEAR_LASTS_MS = 365 * 86_400_000;

export function realTimeline(calendar: CycleCalendar): Timeline {
  return { calendarOrigin: calendar.yearStart, workflowOrigin: calendar.yearStart, factor: 1 };
}

/** 1 January of the cycle's year happens at `startedAt` (workflow time); the year lasts `yearLastsMs`. */
export function compressedTimeline(
  calendar: CycleCalendar,
  startedAt: number,
  compression: Compression,
): Timeline {
  const problem = compressionProblem(compression);
  if (problem) throw new RangeError(problem);
  return {
    calendarOrigin: calendar.yearStart,
    workflowOrigin: startedAt,
    factor: calendar.yearLength / compression.yearLastsMs,
  };
}

/**
 * The one rule for a compressed year, applied by the workflows and, before they start, by the APIs
 * and configurations that make their inputs: an integer number of ms from MIN_YEAR_LASTS_MS to
 * MAX_YEAR_LASTS_MS.
 */
export function compressionProblem(compression: unknown): string | undefined {
  const yearLastsMs = (compression as Partial<Compression> | null | undefined)?.yearLastsMs;
  if (
    typeof yearLastsMs !== 'number' ||
    !Number.isInteger(yearLastsMs) ||
    yearLastsMs < MIN_YEAR_LASTS_MS ||
    yearLastsMs > MAX_YEAR_LASTS_MS
  ) {
    return `compression.yearLastsMs must be an integer number of milliseconds from ${MIN_YEAR_LASTS_MS} to ${MAX_YEAR_LASTS_MS} (a year), got ${JSON.stringify(yearLastsMs)}`;
  }
  return undefined;
}

/** Workflow time of a calendar instant, rounded up so a timer never fires before the instant. */
export function toWorkflowTime(timeline: Timeline, calendarInstant: number): number {
  return Math.ceil(timeline.workflowOrigin + (calendarInstant - timeline.calendarOrigin) / timeline.factor);
}

/** Calendar instant at a workflow time (for display: what day it is in the cycle). */
export function toCalendarTime(timeline: Timeline, workflowTime: number): number {
  return Math.floor(timeline.calendarOrigin + (workflowTime - timeline.workflowOrigin) * timeline.factor);
}

/** Workflow-timer duration from `now` (workflow time) until a calendar instant; 0 if it has passed. */
export function workflowDelay(timeline: Timeline, calendarInstant: number, now: number): number {
  return Math.max(0, toWorkflowTime(timeline, calendarInstant) - now);
}

/** A calendar duration (e.g. 7 days between escalations) in workflow time. */
export function toWorkflowDuration(timeline: Timeline, calendarDuration: number): number {
  return Math.ceil(calendarDuration / timeline.factor);
}
