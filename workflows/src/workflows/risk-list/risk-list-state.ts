/**
 * The personal risk list's state and its transitions, without Temporal: the define deadline's
 * colours, reminders and escalations, the lock, and the refusals every decision shares. The workflow
 * gives the clock and performs what is queued (workflows/test/risk-list-state.spec.ts tests this
 * on its own).
 */
import type { WarningLevel } from '@dutychain/calendar';
import { MAX_RISK_LIST_ROUNDS } from '@dutychain/temporal';
import type {
  ApproverRef,
  RiskListEvent,
  RiskListInput,
  RiskListNotification,
  RiskListReceipt,
  RiskListState,
  RiskListStatus,
  SubmissionReceipt,
  SubmitRiskListInput,
} from '@dutychain/temporal';

const SHA256_HEX = /^[0-9a-f]{64}$/;
export const iso = (instant: number): string => new Date(instant).toISOString();

/** The define phase's instants: calendar time for people, workflow time for timers. */
export interface RiskListDeadlines {
  calendarOpensAt: number;
  calendarYellowAt: number;
  calendarDeadline: number;
  calendarLockAt: number;
  yellow: number;
  deadline: number;
  lock: number;
  /** Workflow time between two escalations of a red list (0: once). */
  escalationRepeat: number;
}

export interface RiskListLoopState {
  input: RiskListInput;
  workflowId: string;
  at: RiskListDeadlines;
  listId: string | null;
  status: RiskListStatus;
  round: number;
  approver: ApproverRef | null;
  warning: WarningLevel;
  overdue: boolean;
  reminders: number;
  escalations: number;
  lastEscalationAt: number | null;
  history: RiskListEvent[];
  failedSideEffects: string[];
  pending: RiskListNotification[];
  /** A handler is between its validator and its last activity: other decisions wait their turn. */
  busy: boolean;
  /** Bumped by every event and decision: the main loop looks at the calendar again. */
  wake: number;
}

export function newRiskListState(
  input: RiskListInput,
  workflowId: string,
  at: RiskListDeadlines,
): RiskListLoopState {
  return {
    input,
    workflowId,
    at,
    listId: null,
    status: 'draft',
    round: 1,
    approver: null,
    warning: 'blue',
    overdue: false,
    reminders: 0,
    escalations: 0,
    lastEscalationAt: null,
    history: [],
    failedSideEffects: [],
    pending: [],
    busy: false,
    wake: 0,
  };
}

/** Appends to the history at the calendar instant `calendarNow` (ISO). */
export function recordEvent(
  s: RiskListLoopState,
  kind: RiskListEvent['kind'],
  by: string | null,
  calendarNow: string,
  extra: Partial<RiskListEvent> = {},
): void {
  s.history.push({ kind, round: s.round, by, at: calendarNow, comment: null, contentHash: null, ...extra });
  s.wake += 1;
}

/** Sets the overdue flag; true when it changed (the search attribute must follow). */
export function setOverdue(s: RiskListLoopState, overdue: boolean): boolean {
  if (s.overdue === overdue) return false;
  s.overdue = overdue;
  return true;
}

export const isFinished = (s: RiskListLoopState): boolean => s.status === 'approved' || s.status === 'locked';

function notification(
  s: RiskListLoopState,
  kind: RiskListNotification['kind'],
  level: WarningLevel,
  suffix: string,
  occurrence: number,
): RiskListNotification {
  const { personId, year, unitId } = s.input;
  // While the list waits for its approver, reminders go to the approver; otherwise to the leader.
  const waitingForApprover = s.status === 'submitted' && s.approver !== null;
  return {
    key: `${s.workflowId}/${suffix}`,
    kind,
    level,
    workflowId: s.workflowId,
    listId: s.listId ?? '',
    personId,
    year,
    unitId,
    recipientPersonId:
      kind === 'reminder' ? (waitingForApprover ? (s.approver?.personId ?? personId) : personId) : null,
    recipientUnitId: kind === 'escalation' ? (s.input.leadingOrgId ?? unitId) : null,
    deadline: iso(s.at.calendarDeadline),
    occurrence,
  };
}

/**
 * The calendar at workflow time `now`: yellow with a reminder, red with a reminder and an
 * escalation (repeated while it stays red), then the lock. Returns true when the overdue flag
 * changed (the caller sets the search attribute at once, before anything queued is performed).
 */
export function applyDue(s: RiskListLoopState, now: number, calendarNow: string): boolean {
  if (isFinished(s)) return false;
  const { at } = s;
  if (now >= at.lock) {
    if (s.busy) return false; // lock once the decision in flight has been taken
    s.status = 'locked';
    recordEvent(s, 'locked', null, calendarNow);
    return setOverdue(s, true);
  }
  let changed = false;
  if (s.warning === 'blue' && now >= at.yellow && now < at.deadline) {
    s.warning = 'yellow';
    s.reminders += 1;
    s.pending.push(notification(s, 'reminder', 'yellow', 'yellow', 1));
  }
  if (s.warning !== 'red' && now >= at.deadline) {
    s.warning = 'red';
    s.reminders += 1;
    s.escalations += 1;
    s.lastEscalationAt = now;
    changed = setOverdue(s, true);
    s.pending.push(notification(s, 'reminder', 'red', 'red', 1));
    s.pending.push(notification(s, 'escalation', 'red', 'escalation/1', 1));
  } else if (
    s.warning === 'red' &&
    at.escalationRepeat > 0 &&
    s.lastEscalationAt !== null &&
    now >= s.lastEscalationAt + at.escalationRepeat
  ) {
    s.escalations += 1;
    s.lastEscalationAt = now;
    s.pending.push(notification(s, 'escalation', 'red', `escalation/${s.escalations}`, s.escalations));
  }
  return changed;
}

/** When the calendar next changes something, in workflow time. */
export function nextDue(s: RiskListLoopState): number {
  const { at } = s;
  if (isFinished(s)) return at.lock;
  if (s.warning === 'blue') return Math.min(at.yellow < at.deadline ? at.yellow : at.deadline, at.lock);
  if (s.warning === 'yellow') return Math.min(at.deadline, at.lock);
  const repeat =
    at.escalationRepeat > 0 && s.lastEscalationAt !== null
      ? s.lastEscalationAt + at.escalationRepeat
      : at.lock;
  return Math.min(repeat, at.lock);
}

// ---- refusals (an update refused here never reaches the history) ----

const where = (s: RiskListLoopState): string => `the risk list of '${s.input.personId}' for ${s.input.year}`;

/** Refusals every decision shares: the list must be open, not locked, not mid-decision. */
export function refuseUnlessOpen(s: RiskListLoopState, now: number): void {
  if (s.listId === null) throw new Error(`${where(s)} is still opening; try again in a moment`);
  if (s.status === 'locked' || now >= s.at.lock) {
    throw new Error(
      `${where(s)} is locked since ${iso(s.at.calendarLockAt)} (the deadline lock): no more changes`,
    );
  }
  if (s.busy) throw new Error(`${where(s)} is taking another decision; try again in a moment`);
}

export function refuseUnlessApprover(s: RiskListLoopState, approverId: unknown): void {
  if (typeof approverId !== 'string' || approverId === '') throw new Error('approverId is required');
  if (approverId === s.input.personId)
    throw new Error(`nobody approves their own list: ${where(s)} is yours`);
  if (s.status === 'approved') {
    const approved = [...s.history].reverse().find((e) => e.kind === 'approved');
    throw new Error(`${where(s)} is already approved (by ${approved?.by ?? '?'} on ${approved?.at ?? '?'})`);
  }
  if (s.status !== 'submitted')
    throw new Error(`${where(s)} is ${s.status}, not submitted: nothing to decide`);
  if (s.approver === null) {
    throw new Error(
      `the org directory names no approver for ${where(s)}; the committee must fill the post first`,
    );
  }
  if (approverId !== s.approver.personId) {
    throw new Error(
      `only ${s.approver.name} (${s.approver.personId}, ${s.approver.rule}) approves ${where(s)}, not ${approverId}`,
    );
  }
}

export function checkSubmission(s: RiskListLoopState, submission: SubmitRiskListInput, now: number): void {
  if (typeof submission !== 'object' || submission === null) throw new Error('a submission is required');
  refuseUnlessOpen(s, now);
  if (submission.signerId !== s.input.personId) {
    throw new Error(`nobody signs someone else's list: ${where(s)} is signed by ${s.input.personId} only`);
  }
  if (s.status === 'submitted')
    throw new Error(`${where(s)} is already submitted and waits for its approver`);
  if (s.status === 'approved') throw new Error(`${where(s)} is already approved`);
  if (typeof submission.contentHash !== 'string' || !SHA256_HEX.test(submission.contentHash)) {
    throw new Error('contentHash must be the sha256 (64 hex digits) of the list as signed');
  }
}

export function checkReturn(s: RiskListLoopState, comment: unknown): void {
  if (typeof comment !== 'string' || comment.trim() === '') {
    throw new Error('a returned list needs comments: say what to change');
  }
  if (s.round >= MAX_RISK_LIST_ROUNDS) {
    throw new Error(`${where(s)} has been returned ${s.round} times; approve it or settle it in person`);
  }
}

// ---- views ----

export function receiptOf(s: RiskListLoopState, signature: SubmissionReceipt | null = null): RiskListReceipt {
  return {
    listId: s.listId ?? '',
    status: s.status,
    round: s.round,
    approver: s.approver,
    signature,
    history: s.history,
  };
}

export function riskListView(s: RiskListLoopState, calendarNow: string): RiskListState {
  const { at, input } = s;
  return {
    workflowId: s.workflowId,
    personId: input.personId,
    year: input.year,
    unitId: input.unitId,
    leadingOrgId: input.leadingOrgId,
    listId: s.listId,
    status: s.status,
    round: s.round,
    approver: s.approver,
    warning: s.warning,
    overdue: s.overdue,
    reminders: s.reminders,
    escalations: s.escalations,
    calendarNow,
    opensAt: iso(at.calendarOpensAt),
    yellowAt: iso(at.calendarYellowAt),
    deadline: iso(at.calendarDeadline),
    lockAt: iso(at.calendarLockAt),
    workflowYellowAt: at.yellow,
    workflowDeadline: at.deadline,
    workflowLockAt: at.lock,
    history: s.history,
    failedSideEffects: s.failedSideEffects,
  };
}
