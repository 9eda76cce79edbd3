import type { ActivePhase, Phase, WarningLevel } from '@dutychain/calendar';
import type { AnnualCycleInput } from './cycle-contract';

/**
 * Activities the yearly cycle calls. Contracts only: the cycles service implements them (persisting
 * in its own schema, calling the org directory and the notification channel), tests use an
 * in-memory version. Every input carries ids and codes; every call is idempotent on `key`.
 */
export interface CycleActivities {
  /** Remind the people concerned with a deadline (committee, secretary, supervising members). */
  notifyConcerned(input: DeadlineReminder): Promise<void>;
  /** Tell the leading org that a unit's deadline is overdue. */
  escalateToLeadingOrg(input: DeadlineEscalation): Promise<void>;
  /** Record a phase change of a unit's cycle (the service's own table, for lists and dashboards). */
  recordPhaseChange(input: PhaseChangeRecord): Promise<void>;
  /** Several at once: a parent records the start of a batch of children in one write. */
  recordPhaseChanges(input: PhaseChangeRecord[]): Promise<void>;
  /** One page of the units whose leading org is `unitId` (the level below), for the cascade. */
  listChildUnits(input: ListChildUnitsInput): Promise<ChildUnitPage>;
  /**
   * The cascade since `cycle-fast-start`: one page of the level below, each unit's cycle started
   * through the Temporal client (as a client start costs the server, not as a child workflow) and
   * its start recorded. Idempotent: a cycle already there is left alone and reported as such.
   */
  startChildCycles(input: StartChildCyclesInput): Promise<StartChildCyclesResult>;
  /**
   * The define phase (since `cycle-risk-lists`): start the personal risk-list workflow of every
   * member of the unit's team, as the directory has the team on `onDate`. Idempotent: a list already
   * running is left alone.
   */
  startRiskLists(input: StartRiskListsInput): Promise<StartRiskListsResult>;
}

export interface StartRiskListsInput {
  unitId: string;
  year: number;
  level: string;
  leadingOrgId: string | null;
  ancestors: string[];
  /** Calendar date (YYYY-MM-DD) on which the team is read. */
  onDate: string;
  /** Task queue of the cycle's workflow: the lists run where it runs. */
  taskQueue: string;
  calendar?: AnnualCycleInput['calendar'];
  /** The cycle's timeline: a list shares its cycle's clock. */
  timeline: NonNullable<AnnualCycleInput['timeline']>;
}

export interface StartRiskListsResult {
  /** Person ids of the team, each with a risk-list workflow running. */
  personIds: string[];
}

/** What the children's inputs share: the parent's calendar, clock and options. */
export type ChildCycleTemplate = Pick<
  AnnualCycleInput,
  | 'year'
  | 'leadingOrgId'
  | 'ancestors'
  | 'parentWorkflowId'
  | 'calendar'
  | 'compression'
  | 'timeline'
  | 'cascade'
  | 'maxHistoryEvents'
>;

export interface StartChildCyclesInput {
  /** The parent unit; its children in the directory are the page. */
  unitId: string;
  year: number;
  cursor: string | null;
  limit: number;
  /** Task queue of the parent's workflow: children run where it runs. */
  taskQueue: string;
  /** Calendar instant recorded as the children's start (ISO-8601 UTC), chosen by the workflow. */
  startedAt: string;
  template: ChildCycleTemplate;
}

export interface StartChildCyclesResult {
  /** Units whose cycle this parent started (now, or in an earlier attempt of this activity). */
  started: string[];
  /** Units whose cycle was already there, started by someone else. */
  alreadyRunning: string[];
  nextCursor: string | null;
}

export interface CycleRef {
  unitId: string;
  year: number;
  workflowId: string;
}

export interface DeadlineReminder extends CycleRef {
  /** Stable id of this reminder (workflow id + phase + level + occurrence): activities dedupe on it. */
  key: string;
  phase: ActivePhase;
  level: WarningLevel;
  /** Deadline as ISO-8601 UTC (calendar time, not compressed workflow time). */
  deadline: string;
}

export interface DeadlineEscalation extends CycleRef {
  key: string;
  phase: ActivePhase;
  leadingOrgId: string | null;
  deadline: string;
  /** 1 for the first escalation, then 2, 3… while the deadline stays overdue. */
  occurrence: number;
}

export interface PhaseChangeRecord extends CycleRef {
  key: string;
  from: Phase | null;
  to: Phase;
  /** Calendar instant of the change (ISO-8601 UTC). */
  at: string;
  /** Who made the decision, or null when the calendar moved the cycle on. */
  by: string | null;
  reason: PhaseChangeReason;
}

export type PhaseChangeReason =
  'cycleStarted' | 'taskListPublished' | 'confirmedByLeadingOrg' | 'deadlineReached';

export interface ListChildUnitsInput {
  unitId: string;
  year: number;
  /** Opaque cursor from the previous page; null for the first page. */
  cursor: string | null;
  limit: number;
}

export interface ChildUnitRef {
  unitId: string;
  /** Level code (see @dutychain/domain ORG_LEVELS). */
  level: string;
  /**
   * Units it leads in turn. 0 lets its cycle skip the cascade (no directory call); absent (older
   * activity workers) means unknown, so the child asks.
   */
  childCount?: number;
}

export interface ChildUnitPage {
  units: ChildUnitRef[];
  /** Null when this was the last page. */
  nextCursor: string | null;
}
