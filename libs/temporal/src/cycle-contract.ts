import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  ActivePhase,
  CalendarConfig,
  Compression,
  Phase,
  PhaseCloser,
  Timeline,
  WarningLevel,
} from '@dutychain/calendar';
import type {
  DeadlineEscalation,
  DeadlineReminder,
  PhaseChangeReason,
  PhaseChangeRecord,
} from './cycle-activities';

/**
 * The yearly cycle's public contract: what the cycles service (and tests) send to and read from
 * the `annualCycle` workflow. Definitions from @temporalio/workflow are plain names and are safe to
 * import from Node code as well as from workflow code.
 */
export const ANNUAL_CYCLE_WORKFLOW_TYPE = 'annualCycle';

export interface AnnualCycleInput {
  unitId: string;
  year: number;
  /** Level code of the unit (search attribute DutyLevel). */
  level: string;
  /** The org that runs this unit's cycle and confirms its phases; null for the root of the tree. */
  leadingOrgId: string | null;
  /** Ancestor unit ids, root first (search attribute DutyUnitAncestors). */
  ancestors: string[];
  /** The parent unit's cycle, which children report their phase changes to. */
  parentWorkflowId?: string | null;
  /**
   * Set by a parent on the fast start path: it records this cycle's start (in one write for the
   * batch) and counts it as in 'define', so the child neither records nor reports its start.
   */
  startRecordedByParent?: boolean;
  /** Deployment calendar; the default calendar when absent. */
  calendar?: CalendarConfig;
  /** Play the year compressed (demos, end-to-end tests); real time when absent. */
  compression?: Compression | null;
  cascade?: CascadeOptions;
  /** Continue-as-new once the run's history has this many events (the server's suggestion also counts). */
  maxHistoryEvents?: number;
  /** Set by the workflow itself when it continues as new, and for children: the parent's timeline. */
  carried?: CarriedCycleState | null;
  timeline?: Timeline | null;
}

export interface CascadeOptions {
  /** Start the cycles of the level below (default true). */
  enabled?: boolean;
  /** Children started per batch (default 100, at most 500). */
  batchSize?: number;
}

/**
 * `waiting`: the phase is current but its window has not opened yet (e.g. yearEnd after midYear
 * was confirmed in July, until 1 December); `open`: its deadline runs; `done`: the cycle is closed.
 */
export type PhaseStatus = 'waiting' | 'open' | 'done';

export interface PhaseChange {
  from: Phase | null;
  to: Phase;
  /** Calendar instant (ISO-8601 UTC) and the workflow time (ms) it happened at. */
  at: string;
  workflowTime: number;
  by: string | null;
  reason: PhaseChangeReason;
}

export interface PhaseWarning {
  level: WarningLevel;
  /** Calendar instant the current colour began (ISO-8601), null while blue. */
  since: string | null;
  reminders: number;
  escalations: number;
  acknowledgedBy: string[];
}

export interface PhaseDeadlineView {
  phase: ActivePhase;
  opensAt: string;
  yellowAt: string;
  deadline: string;
  closedBy: PhaseCloser;
  /** The same instants in workflow time, epoch ms (they differ from calendar instants when compressed). */
  workflowOpensAt: number;
  workflowYellowAt: number;
  workflowDeadline: number;
}

export interface ChildProgress {
  /** Null until the child's cycle has reported for the first time. */
  phase: Phase | null;
  overdue: boolean;
  seq: number;
}

export interface ChildrenSummary {
  /** Children the cascade has started (or found already running). */
  started: number;
  /** Children that have reported at least once. */
  reporting: number;
  byPhase: Record<Phase, number>;
  overdue: number;
  cascadeDone: boolean;
}

export interface TaskListPublication {
  taskListId: string;
  itemCount: number;
  publishedBy: string;
}

/** Everything carried across continue-as-new. */
export interface CarriedCycleState {
  timeline: Timeline;
  phase: Phase;
  status: PhaseStatus;
  overdue: boolean;
  history: PhaseChange[];
  warnings: Partial<Record<ActivePhase, PhaseWarning>>;
  lastEscalationAt: number | null;
  taskList: TaskListPublication | null;
  cascade: { cursor: string | null; done: boolean; started: number; alreadyRunning: number };
  /** Risk lists started for the unit's team in define (absent before `cycle-risk-lists`, or not yet). */
  riskLists?: { personIds: number; failed: boolean };
  children: Record<string, ChildProgress>;
  seq: number;
  runs: number;
  failedSideEffects: string[];
  /** Side effects decided but not yet carried out (activities, reports to the parent). */
  pending: CycleSideEffect[];
}

export type CycleSideEffect =
  | { kind: 'remind'; input: DeadlineReminder }
  | { kind: 'escalate'; input: DeadlineEscalation }
  | { kind: 'record'; input: PhaseChangeRecord }
  | { kind: 'reportToParent'; input: ChildPhaseChangedInput };

export interface CycleState {
  workflowId: string;
  unitId: string;
  year: number;
  level: string;
  leadingOrgId: string | null;
  phase: Phase;
  status: PhaseStatus;
  overdue: boolean;
  /** Colour of the current phase's deadline. */
  warning: WarningLevel;
  /** Calendar "now" of the cycle (ISO-8601): differs from the wall clock when compressed. */
  calendarNow: string;
  deadlines: PhaseDeadlineView[];
  warnings: Partial<Record<ActivePhase, PhaseWarning>>;
  history: PhaseChange[];
  taskList: TaskListPublication | null;
  /** How many team members' risk lists the define phase started; null until it has. */
  riskLists: number | null;
  children: ChildrenSummary;
  /** Runs of this cycle so far (1 + continue-as-new count). */
  runs: number;
  failedSideEffects: string[];
}

export interface PublishTaskListInput {
  taskListId: string;
  itemCount: number;
  /** Person id of the committee member publishing. */
  publishedBy: string;
}

export interface ConfirmPhaseClosedInput {
  /** The phase the caller believes is current: a stale decision is refused. */
  phase: Phase;
  /** Unit id of the confirming org: must be the unit's leading org. */
  confirmedBy: string;
  note?: string;
}

export interface DecisionResult {
  phase: Phase;
  status: PhaseStatus;
  history: PhaseChange[];
}

export interface AcknowledgeWarningInput {
  phase: ActivePhase;
  by: string;
}

export interface ChildPhaseChangedInput {
  unitId: string;
  phase: Phase;
  overdue: boolean;
  /** Increases with every report of the child: late arrivals of older reports are ignored. */
  seq: number;
}

export interface CycleSummary {
  unitId: string;
  year: number;
  history: PhaseChange[];
  runs: number;
  children: ChildrenSummary;
}

/** Update: the committee publishes its task list, which closes `define`. */
export const publishTaskListUpdate = defineUpdate<DecisionResult, [PublishTaskListInput]>('publishTaskList');
/** Update: the leading org confirms the current phase is closed. */
export const confirmPhaseClosedUpdate = defineUpdate<DecisionResult, [ConfirmPhaseClosedInput]>(
  'confirmPhaseClosed',
);
/** Signal: someone concerned acknowledges the current warning (no answer needed). */
export const acknowledgeWarningSignal = defineSignal<[AcknowledgeWarningInput]>('acknowledgeWarning');
/** Signal: a child unit's cycle reports its phase and overdue flag to the parent's cycle. */
export const childPhaseChangedSignal = defineSignal<[ChildPhaseChangedInput]>('childPhaseChanged');
/** Query: the cycle's full state. */
export const cycleStateQuery = defineQuery<CycleState>('cycleState');
