/**
 * The copy-notice loop's state and its transitions, without Temporal: what a reply, a review, a
 * withdrawal or the calendar changes, and which side effects that queues. The workflow gives the
 * clock and performs what is queued; everything here is unit-tested on its own
 * (workflows/test/copy-notice-state.spec.ts).
 */
import type {
  AddresseeProgress,
  CopyNoticeInput,
  CopyNoticeState,
  NoticeEscalation,
  NoticeReminder,
  NoticeStatus,
  NoticeStep,
  NoticeStepKind,
  NoticeStepRecord,
  ReviewReplyInput,
  SubmitReplyInput,
  WithdrawNoticeInput,
} from '@dutychain/temporal';

/** Longest reply or reason the loop carries (TEXT_LIMITS.longText). */
export const MAX_TEXT = 20_000;

/** Per-addressee bookkeeping the view does not show. */
export interface TrackedAddressee extends AddresseeProgress {
  workflowRemindAt: number;
  remindedRound: number;
  escalatedRound: number;
}

export type NoticeSideEffect =
  | { kind: 'record'; input: NoticeStepRecord }
  | { kind: 'remind'; input: NoticeReminder }
  | { kind: 'escalate'; input: NoticeEscalation };

/** A round's deadline: the calendar instant and its local date, and when to remind and escalate in workflow time. */
export interface RoundDeadline {
  deadline: string;
  dueDate: string;
  workflowDeadline: number;
  workflowRemindAt: number;
}

/** The moment a transition happens: workflow time, and the calendar instant it stands for. */
export interface Clock {
  now: number;
  calendarNow: number;
}

export interface NoticeLoopState {
  noticeId: string;
  workflowId: string;
  unitId: string;
  issuingUnitId: string;
  escalationUnitId: string | null;
  /** The issuing commission's unit and every unit above it: who may review and withdraw. */
  reviewers: Set<string>;
  status: NoticeStatus;
  overdue: boolean;
  steps: NoticeStep[];
  caseId: string | null;
  failedSideEffects: string[];
  pending: NoticeSideEffect[];
  seq: number;
  addressees: TrackedAddressee[];
  /** Addressees with a reply or review being stored: the calendar leaves them alone meanwhile. */
  busy: Set<string>;
}

export const iso = (instant: number): string => new Date(instant).toISOString();
const isBlank = (value: unknown): boolean => typeof value !== 'string' || value.trim() === '';

export function newNoticeLoop(
  input: CopyNoticeInput,
  workflowId: string,
  first: RoundDeadline,
): NoticeLoopState {
  return {
    noticeId: input.noticeId,
    workflowId,
    unitId: input.unitId,
    issuingUnitId: input.issuingUnitId,
    escalationUnitId: input.escalationUnitId,
    reviewers: new Set([input.issuingUnitId, ...input.issuerAncestors]),
    status: 'open',
    overdue: false,
    steps: [],
    caseId: null,
    failedSideEffects: [],
    pending: [],
    seq: 0,
    addressees: input.addressees.map((a) => ({
      personId: a.personId,
      name: a.name,
      role: a.role,
      title: a.title ?? null,
      status: 'awaitingReply',
      round: 1,
      ...first,
      overdue: false,
      everOverdue: false,
      currentReplyId: null,
      replies: 0,
      remindedRound: 0,
      escalatedRound: 0,
    })),
    busy: new Set(),
  };
}

export interface StepFields extends Partial<NoticeStepRecord> {
  addresseeId: string | null;
  round: number;
  by: string | null;
  byName?: string;
}

/** A step with its sequence number taken now: its view for the state, its record for the service. */
export function takeStep(
  s: NoticeLoopState,
  kind: NoticeStepKind,
  fields: StepFields,
  clock: Clock,
): { view: NoticeStep; record: NoticeStepRecord } {
  s.seq += 1;
  const at = iso(clock.calendarNow);
  const { by, byName, ...rest } = fields;
  const view: NoticeStep = {
    seq: s.seq,
    kind,
    addresseeId: fields.addresseeId,
    round: fields.round,
    at,
    workflowTime: clock.now,
    by,
    ...(fields.replyId !== undefined && { replyId: fields.replyId }),
    ...(fields.reasons !== undefined && { reasons: fields.reasons }),
    ...(fields.caseId !== undefined && { caseId: fields.caseId }),
  };
  const record: NoticeStepRecord = {
    ...rest,
    key: `${s.workflowId}/step/${s.seq}`,
    noticeId: s.noticeId,
    workflowId: s.workflowId,
    seq: s.seq,
    kind,
    at,
    actor: by
      ? { kind: 'person', id: by, name: byName ?? by }
      : { kind: 'system', id: s.workflowId, name: 'copy-notice workflow' },
  };
  return { view, record };
}

/** A step the loop takes by itself: in the state now, stored when the main loop drains. */
export function queueStep(s: NoticeLoopState, kind: NoticeStepKind, fields: StepFields, clock: Clock): void {
  const { view, record } = takeStep(s, kind, fields, clock);
  s.steps.push(view);
  s.pending.push({ kind: 'record', input: record });
}

/** Recomputes whether any addressee is overdue; true when that changed (the search attribute must follow). */
export function overdueChanged(s: NoticeLoopState): boolean {
  const overdue = s.addressees.some((a) => a.overdue);
  if (overdue === s.overdue) return false;
  s.overdue = overdue;
  return true;
}

export function finishIfAllAccepted(s: NoticeLoopState, clock: Clock): void {
  if (s.status !== 'open' || s.addressees.some((a) => a.status !== 'accepted')) return;
  s.status = 'completed';
  queueStep(s, 'completed', { addresseeId: null, round: 0, by: null }, clock);
}

/** The calendar: reminders before each deadline, and the escalation of a missed one. */
export function applyDue(s: NoticeLoopState, clock: Clock): void {
  if (s.status !== 'open') return;
  const { now } = clock;
  for (const a of s.addressees) {
    if (a.status !== 'awaitingReply' || s.busy.has(a.personId)) continue;
    if (a.remindedRound < a.round && now >= a.workflowRemindAt && now < a.workflowDeadline) {
      a.remindedRound = a.round;
      queueStep(
        s,
        'reminded',
        { addresseeId: a.personId, round: a.round, by: null, deadline: a.deadline },
        clock,
      );
      s.pending.push({
        kind: 'remind',
        input: {
          key: `${s.workflowId}/remind/${a.personId}/${a.round}`,
          noticeId: s.noticeId,
          addresseeId: a.personId,
          round: a.round,
          deadline: a.deadline,
          dueDate: a.dueDate,
        },
      });
    }
    if (a.escalatedRound < a.round && now >= a.workflowDeadline) {
      a.escalatedRound = a.round;
      a.overdue = true;
      a.everOverdue = true;
      queueStep(
        s,
        'overdue',
        { addresseeId: a.personId, round: a.round, by: null, deadline: a.deadline, dueDate: a.dueDate },
        clock,
      );
      s.pending.push({
        kind: 'escalate',
        input: {
          key: `${s.workflowId}/escalate/${a.personId}/${a.round}`,
          noticeId: s.noticeId,
          workflowId: s.workflowId,
          unitId: s.unitId,
          addresseeId: a.personId,
          round: a.round,
          deadline: a.deadline,
          dueDate: a.dueDate,
          escalationUnitId: s.escalationUnitId,
        },
      });
    }
  }
}

/** The next reminder or deadline in workflow time, if any addressee still owes a reply. */
export function nextDue(s: NoticeLoopState): number | undefined {
  let next: number | undefined;
  for (const a of s.addressees) {
    if (a.status !== 'awaitingReply') continue;
    const candidates = [
      a.remindedRound < a.round && a.workflowRemindAt < a.workflowDeadline ? a.workflowRemindAt : undefined,
      a.escalatedRound < a.round ? a.workflowDeadline : undefined,
    ];
    for (const c of candidates) if (c !== undefined && (next === undefined || c < next)) next = c;
  }
  return next;
}

/** After an escalation was stored: the case it opened, and the step that says so. */
export function applyEscalated(
  s: NoticeLoopState,
  escalation: NoticeEscalation,
  caseId: string,
  clock: Clock,
): void {
  s.caseId = caseId;
  queueStep(
    s,
    'escalated',
    {
      addresseeId: escalation.addresseeId,
      round: escalation.round,
      by: null,
      caseId,
      ...(s.escalationUnitId !== null && { reasons: `escalated to ${s.escalationUnitId}` }),
    },
    clock,
  );
}

// ---- decisions: validators (an update refused here never reaches the history) ----

export function addresseeOf(s: NoticeLoopState, personId: unknown): TrackedAddressee {
  const found = s.addressees.find((a) => a.personId === personId);
  if (!found) throw new Error(`${JSON.stringify(personId)} is not an addressee of notice ${s.noticeId}`);
  return found;
}

function requireOpen(s: NoticeLoopState): void {
  if (s.status !== 'open')
    throw new Error(`notice ${s.noticeId} is ${s.status}: it takes no more replies or decisions`);
}

function requireIdle(s: NoticeLoopState, a: TrackedAddressee): void {
  if (s.busy.has(a.personId)) throw new Error(`a decision on ${a.name}'s reply is being stored; try again`);
}

export function checkReply(s: NoticeLoopState, reply: SubmitReplyInput): void {
  if (typeof reply !== 'object' || reply === null) throw new Error('a reply is required');
  requireOpen(s);
  const a = addresseeOf(s, reply.addresseeId);
  requireIdle(s, a);
  if (isBlank(reply.replyId)) throw new Error('replyId is required');
  if (isBlank(reply.content)) throw new Error('the reply must say what was done');
  if (reply.content.length > MAX_TEXT) throw new Error(`the reply is longer than ${MAX_TEXT} characters`);
  if (a.status === 'replied')
    throw new Error(`${a.name} has already replied in round ${a.round}; the commission is reviewing it`);
  if (a.status === 'accepted') throw new Error(`${a.name}'s reply has already been accepted`);
}

export function checkReview(s: NoticeLoopState, review: ReviewReplyInput): void {
  if (typeof review !== 'object' || review === null) throw new Error('a decision is required');
  requireOpen(s);
  if (!s.reviewers.has(review.reviewerUnitId))
    throw new Error(
      `only the issuing commission (unit ${s.issuingUnitId}) or one above it reviews replies to notice ${s.noticeId}`,
    );
  if (isBlank(review.reviewerId) || isBlank(review.reviewerName))
    throw new Error('reviewerId and reviewerName are required');
  const a = addresseeOf(s, review.addresseeId);
  requireIdle(s, a);
  if (review.decision !== 'accept' && review.decision !== 'return')
    throw new Error(`decision must be 'accept' or 'return', got ${JSON.stringify(review.decision)}`);
  if (a.status !== 'replied' || a.currentReplyId !== review.replyId)
    throw new Error(
      `reply ${review.replyId} is not the one awaiting review for ${a.name} (round ${a.round}, ${a.status}): refresh and decide again`,
    );
  if (review.decision === 'return' && isBlank(review.reasons))
    throw new Error('a returned reply needs the reasons: what is missing or insufficient');
  if (typeof review.reasons === 'string' && review.reasons.length > MAX_TEXT)
    throw new Error(`the reasons are longer than ${MAX_TEXT} characters`);
}

export function checkWithdraw(s: NoticeLoopState, withdrawal: WithdrawNoticeInput): void {
  if (typeof withdrawal !== 'object' || withdrawal === null) throw new Error('a withdrawal is required');
  requireOpen(s);
  if (!s.reviewers.has(withdrawal.byUnitId))
    throw new Error(
      `only the issuing commission (unit ${s.issuingUnitId}) or one above it withdraws notice ${s.noticeId}`,
    );
  if (isBlank(withdrawal.reason)) throw new Error('a withdrawal needs its reason');
  if (isBlank(withdrawal.by) || isBlank(withdrawal.byName)) throw new Error('by and byName are required');
}

/** What the state query answers: the addressees without the loop's own bookkeeping, steps in order. */
export function noticeView(s: NoticeLoopState, calendarNow: number): CopyNoticeState {
  return {
    noticeId: s.noticeId,
    workflowId: s.workflowId,
    unitId: s.unitId,
    status: s.status,
    calendarNow: iso(calendarNow),
    addressees: s.addressees.map(
      ({ workflowRemindAt: _r, remindedRound: _m, escalatedRound: _e, ...view }) => view,
    ),
    steps: [...s.steps].sort((x, y) => x.seq - y.seq),
    caseId: s.caseId,
    failedSideEffects: s.failedSideEffects,
  };
}
