import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CalendarConfig, Compression, Timeline, WarningLevel } from '@dutychain/calendar';
import type { ApproverRef, RiskListStatus, SubmissionReceipt } from './risk-list-activities';

/**
 * The personal risk list's public contract: what the lists service (and the yearly cycle, and
 * tests) send to and read from the `riskList` workflow, id `risk-list/<personId>/<year>`.
 */
export const RISK_LIST_WORKFLOW_TYPE = 'riskList';
/** Value of the DutyWorkflowKind search attribute on risk-list workflows. */
export const RISK_LIST_WORKFLOW_KIND = 'riskList';
/** An unapproved list locks this many days after the define deadline unless the input says otherwise. */
export const DEFAULT_LOCK_AFTER_DAYS = 30;
/** Rounds of return and resubmission a list may go through. */
export const MAX_RISK_LIST_ROUNDS = 50;

export interface RiskListInput {
  personId: string;
  year: number;
  /** The unit on whose team the person sits (the list belongs to it). */
  unitId: string;
  /** Level code of the unit (search attribute DutyLevel). */
  level: string;
  /** The unit's leading org: overdue lists are escalated to it; null at the root of the tree. */
  leadingOrgId: string | null;
  /** Ancestor unit ids, root first (search attribute DutyUnitAncestors). */
  ancestors: string[];
  /** Task queue of the lists service's activities (default `lists`; tests use their own). */
  listsTaskQueue?: string;
  /** Deployment calendar (the define phase's window and colours); the default calendar when absent. */
  calendar?: CalendarConfig;
  /** Play the year compressed; real time when absent. Ignored when `timeline` is given. */
  compression?: Compression | null;
  /** The cycle's timeline, so that a list shares its cycle's clock. */
  timeline?: Timeline | null;
  /** Days after the define deadline at which an unapproved list locks (default 30; 0 locks at the deadline). */
  lockAfterDays?: number;
}

export interface RiskListEvent {
  kind: 'opened' | 'submitted' | 'approved' | 'returned' | 'locked';
  round: number;
  /** Person id, or null when the calendar decided. */
  by: string | null;
  /** Calendar instant (ISO-8601 UTC). */
  at: string;
  comment: string | null;
  contentHash: string | null;
}

export interface RiskListState {
  workflowId: string;
  personId: string;
  year: number;
  unitId: string;
  leadingOrgId: string | null;
  listId: string | null;
  status: RiskListStatus;
  /** Current round: 1 until the first return, then 2, 3… */
  round: number;
  approver: ApproverRef | null;
  warning: WarningLevel;
  overdue: boolean;
  reminders: number;
  escalations: number;
  /** Calendar "now" (ISO-8601), and the instants that matter to the list. */
  calendarNow: string;
  opensAt: string;
  yellowAt: string;
  deadline: string;
  lockAt: string;
  /** The same instants in workflow time (epoch ms). */
  workflowYellowAt: number;
  workflowDeadline: number;
  workflowLockAt: number;
  history: RiskListEvent[];
  failedSideEffects: string[];
}

export interface SubmitRiskListInput {
  /** Must be the list's owner: nobody signs someone else's list. */
  signerId: string;
  /** sha256 of the canonical content the signer read and signs. */
  contentHash: string;
}

export interface ApproveRiskListInput {
  approverId: string;
  comment?: string | null;
}

export interface ReturnRiskListInput {
  approverId: string;
  /** Why the list goes back (required). */
  comment: string;
}

/** What an update answers: where the list now stands, plus the signature for a submission. */
export interface RiskListReceipt {
  listId: string;
  status: RiskListStatus;
  round: number;
  approver: ApproverRef | null;
  signature: SubmissionReceipt | null;
  history: RiskListEvent[];
}

export interface RiskListSummary {
  personId: string;
  year: number;
  status: RiskListStatus;
  rounds: number;
  history: RiskListEvent[];
}

/** Update: the leader signs and submits the list (or resubmits it after a return). */
export const submitRiskListUpdate = defineUpdate<RiskListReceipt, [SubmitRiskListInput]>('submitRiskList');
/** Update: the approver approves the submitted list. */
export const approveRiskListUpdate = defineUpdate<RiskListReceipt, [ApproveRiskListInput]>('approveRiskList');
/** Update: the approver returns the submitted list with comments, for another round. */
export const returnRiskListUpdate = defineUpdate<RiskListReceipt, [ReturnRiskListInput]>('returnRiskList');
/** Query: the list's process state. */
export const riskListStateQuery = defineQuery<RiskListState>('riskListState');
