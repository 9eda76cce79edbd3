import { ACTIVE_PHASES, PHASE_CLOSERS } from './phases';
import type { ActivePhase, PhaseCloser } from './phases';

/**
 * A day of the cycle's calendar. `yearOffset` 1 means the year after the cycle's year (appraisal
 * runs to the end of February of the next year). `day: 'last'` is the last day of the month.
 */
export interface CalendarDay {
  month: number;
  day: number | 'last';
  yearOffset?: 0 | 1;
}

export interface PhaseWindow {
  /** First day the phase may begin (a phase also waits for the previous one to close). */
  opens: CalendarDay;
  /** Last day of the phase: the deadline instant is the end of this day, local time. */
  due: CalendarDay;
  closedBy: PhaseCloser;
}

/** A deployment's calendar: pure data, valid for every year. */
export interface CalendarConfig {
  /** Offset of the deployment's local time from UTC, in minutes (China: 480). */
  utcOffsetMinutes: number;
  /** Days before a deadline at which its warning turns yellow and a reminder goes out. */
  yellowDaysBefore: number;
  /** While a deadline is overdue, escalate again every this many days (0: escalate once). */
  escalationRepeatDays: number;
  phases: Record<ActivePhase, PhaseWindow>;
}

export interface CalendarOverrides {
  utcOffsetMinutes?: number;
  yellowDaysBefore?: number;
  escalationRepeatDays?: number;
  /** Day by which lists must be approved, closing `define` (end of January by default; some deployments: end of March). */
  approvalsBy?: CalendarDay;
  phases?: Partial<Record<ActivePhase, Partial<PhaseWindow>>>;
}

/** docs/domain.md "The calendar". */
export const DEFAULT_CALENDAR: CalendarConfig = {
  utcOffsetMinutes: 480,
  yellowDaysBefore: 10,
  escalationRepeatDays: 7,
  phases: {
    // January: lists published, claimed, signed; approvals by end of January.
    define: { opens: { month: 1, day: 1 }, due: { month: 1, day: 'last' }, closedBy: 'taskListPublished' },
    // First half: special meeting, talks, copy-notify loops; ends when mid-year reporting opens.
    perform: { opens: { month: 1, day: 1 }, due: { month: 5, day: 'last' }, closedBy: 'deadline' },
    // June–July: mid-year progress reports, dual-duty meeting, commission mid-year check.
    midYear: { opens: { month: 6, day: 1 }, due: { month: 7, day: 'last' }, closedBy: 'leadingOrg' },
    // December: self-inspection, year-end inspections and spot checks.
    yearEnd: { opens: { month: 12, day: 1 }, due: { month: 12, day: 'last' }, closedBy: 'leadingOrg' },
    // Duty-and-integrity reports and ballots by the end of February of the next year.
    appraisal: {
      opens: { month: 1, day: 1, yearOffset: 1 },
      due: { month: 2, day: 'last', yearOffset: 1 },
      closedBy: 'leadingOrg',
    },
  },
};

export class CalendarConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid calendar: ${problems.join('; ')}`);
    this.name = 'CalendarConfigError';
  }
}

/** The default calendar with a deployment's overrides applied (not yet validated). */
export function createCalendarConfig(overrides: CalendarOverrides = {}): CalendarConfig {
  const phases = {} as Record<ActivePhase, PhaseWindow>;
  for (const phase of ACTIVE_PHASES) {
    phases[phase] = { ...DEFAULT_CALENDAR.phases[phase], ...overrides.phases?.[phase] };
  }
  if (overrides.approvalsBy) phases.define = { ...phases.define, due: overrides.approvalsBy };
  return {
    utcOffsetMinutes: overrides.utcOffsetMinutes ?? DEFAULT_CALENDAR.utcOffsetMinutes,
    yellowDaysBefore: overrides.yellowDaysBefore ?? DEFAULT_CALENDAR.yellowDaysBefore,
    escalationRepeatDays: overrides.escalationRepeatDays ?? DEFAULT_CALENDAR.escalationRepeatDays,
    phases,
  };
}

const MAX_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Day of the cycle as a comparable number: (yearOffset, month, day) with 'last' as 31. */
function ordinal(day: CalendarDay): number {
  return (day.yearOffset ?? 0) * 10_000 + day.month * 100 + (day.day === 'last' ? 31 : day.day);
}

function dayProblems(where: string, value: unknown): string[] {
  if (typeof value !== 'object' || value === null)
    return [`${where} must be an object { month, day, yearOffset? }`];
  const { month, day, yearOffset } = value as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof month !== 'number' || !Number.isInteger(month) || month < 1 || month > 12) {
    problems.push(`${where}.month must be an integer from 1 to 12, got ${JSON.stringify(month)}`);
  }
  if (yearOffset !== undefined && yearOffset !== 0 && yearOffset !== 1) {
    problems.push(
      `${where}.yearOffset must be 0 (the cycle's year) or 1 (the next year), got ${JSON.stringify(yearOffset)}`,
    );
  }
  if (day !== 'last') {
    const max = typeof month === 'number' ? (MAX_DAYS[month - 1] ?? 31) : 31;
    if (typeof day !== 'number' || !Number.isInteger(day) || day < 1 || day > max) {
      const hint = month === 2 ? " (use 'last' for the end of February)" : '';
      problems.push(
        `${where}.day must be an integer from 1 to ${max} or 'last', got ${JSON.stringify(day)}${hint}`,
      );
    }
  }
  return problems;
}

function integerProblem(where: string, value: unknown, min: number, max: number): string[] {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
    ? []
    : [`${where} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`];
}

/** Every problem with a calendar, in words an administrator can act on; empty when it is valid. */
export function calendarConfigProblems(config: unknown): string[] {
  if (typeof config !== 'object' || config === null) return ['calendar must be an object'];
  const c = config as Partial<Record<keyof CalendarConfig, unknown>>;
  const problems = [
    ...integerProblem('utcOffsetMinutes', c.utcOffsetMinutes, -720, 840),
    ...integerProblem('yellowDaysBefore', c.yellowDaysBefore, 0, 60),
    ...integerProblem('escalationRepeatDays', c.escalationRepeatDays, 0, 365),
  ];
  if (typeof c.phases !== 'object' || c.phases === null) return [...problems, 'phases must be an object'];
  const phases = c.phases as Partial<Record<string, unknown>>;
  for (const key of Object.keys(phases)) {
    if (!(ACTIVE_PHASES as readonly string[]).includes(key)) {
      problems.push(`phases.${key} is not a phase with a deadline (expected ${ACTIVE_PHASES.join(', ')})`);
    }
  }
  let previous: { phase: ActivePhase; window: PhaseWindow } | undefined;
  for (const phase of ACTIVE_PHASES) {
    const window = phases[phase];
    if (typeof window !== 'object' || window === null) {
      problems.push(`phases.${phase} is missing`);
      previous = undefined;
      continue;
    }
    const w = window as Partial<Record<keyof PhaseWindow, unknown>>;
    const own = [
      ...dayProblems(`phases.${phase}.opens`, w.opens),
      ...dayProblems(`phases.${phase}.due`, w.due),
    ];
    if (!(PHASE_CLOSERS as readonly unknown[]).includes(w.closedBy)) {
      own.push(
        `phases.${phase}.closedBy must be one of ${PHASE_CLOSERS.join(', ')}, got ${JSON.stringify(w.closedBy)}`,
      );
    } else if ((phase === 'define') !== (w.closedBy === 'taskListPublished')) {
      own.push(
        phase === 'define'
          ? `phases.define.closedBy must be 'taskListPublished': define closes when the committee publishes its task list`
          : `phases.${phase}.closedBy cannot be 'taskListPublished': only define closes by publishing the task list`,
      );
    }
    problems.push(...own);
    if (own.length > 0) {
      previous = undefined;
      continue;
    }
    const valid = window as PhaseWindow;
    if (ordinal(valid.opens) > ordinal(valid.due)) {
      problems.push(`phases.${phase} opens after its deadline`);
    }
    if (previous) {
      if (ordinal(valid.due) <= ordinal(previous.window.due)) {
        problems.push(
          `phases.${phase}.due must come after phases.${previous.phase}.due: deadlines follow the phase order`,
        );
      }
      if (ordinal(valid.opens) < ordinal(previous.window.opens)) {
        problems.push(`phases.${phase}.opens must not come before phases.${previous.phase}.opens`);
      }
    }
    previous = { phase, window: valid };
  }
  return problems;
}

/** The calendar itself when valid; otherwise a CalendarConfigError listing every problem. */
export function assertValidCalendarConfig(config: unknown): CalendarConfig {
  const problems = calendarConfigProblems(config);
  if (problems.length > 0) throw new CalendarConfigError(problems);
  return config as CalendarConfig;
}
