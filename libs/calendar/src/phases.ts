/** The phases of a unit's yearly cycle, in order (docs/domain.md "The yearly cycle", "Names in code"). */
export const PHASES = ['define', 'perform', 'midYear', 'yearEnd', 'appraisal', 'closed'] as const;
export type Phase = (typeof PHASES)[number];

/** Phases that have a window and a deadline; `closed` is the terminal state. */
export const ACTIVE_PHASES = ['define', 'perform', 'midYear', 'yearEnd', 'appraisal'] as const;
export type ActivePhase = (typeof ACTIVE_PHASES)[number];

export const PHASE_LABELS: Record<Phase, string> = {
  define: '明责',
  perform: '履责',
  midYear: '年中推进',
  yearEnd: '年终自查',
  appraisal: '述责述廉',
  closed: '已结束',
};

/** Deadline warning colours: blue while open, yellow shortly before the deadline, red when overdue. */
export const WARNING_LEVELS = ['blue', 'yellow', 'red'] as const;
export type WarningLevel = (typeof WARNING_LEVELS)[number];

export const WARNING_LEVEL_LABELS: Record<WarningLevel, string> = { blue: '蓝', yellow: '黄', red: '红' };

/**
 * How a phase ends:
 * - `taskListPublished`: the committee publishes its task list (only `define`);
 * - `leadingOrg`: the leading org confirms the phase is closed;
 * - `deadline`: the phase ends by itself at its deadline (e.g. `perform`, the first half).
 */
export const PHASE_CLOSERS = ['taskListPublished', 'leadingOrg', 'deadline'] as const;
export type PhaseCloser = (typeof PHASE_CLOSERS)[number];

export function isPhase(value: unknown): value is Phase {
  return typeof value === 'string' && (PHASES as readonly string[]).includes(value);
}

export function phaseIndex(phase: Phase): number {
  return PHASES.indexOf(phase);
}
