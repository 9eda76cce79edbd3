import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { DayCompression, WorkingDayCalendar } from '@dutychain/working-days';

/**
 * The copy-notify-and-reply loop's public contract (抄告/回告, docs/domain.md "压责 Press"): what the
 * accountability service (and tests) send to and read from the `copyNotice` workflow, one per
 * notice, id `copy-notice/<noticeId>`. Plain names, safe for Node and workflow code alike.
 */
export const COPY_NOTICE_WORKFLOW_TYPE = 'copyNotice';
/** Value of the DutyWorkflowKind search attribute for copy-notice loops. */
export const COPY_NOTICE_WORKFLOW_KIND = 'copyNotice';

/** Where a notice comes from: a special check, an important petition or report, a discipline review. */
export const NOTICE_SOURCES = ['specialCheck', 'petition', 'disciplineReview'] as const;
export type NoticeSource = (typeof NOTICE_SOURCES)[number];
export const NOTICE_SOURCE_LABELS: Record<NoticeSource, string> = {
  specialCheck: '专项检查',
  petition: '信访举报',
  disciplineReview: '执纪审查',
};

/** The committee secretary (第一责任人) and the members who supervise the area (一岗双责). */
export const ADDRESSEE_ROLES = ['secretary', 'supervisor'] as const;
export type AddresseeRole = (typeof ADDRESSEE_ROLES)[number];

export interface NoticeAddressee {
  personId: string;
  name: string;
  role: AddresseeRole;
  title?: string | null;
}

export const DEFAULT_REPLY_WORKING_DAYS = 10;
export const DEFAULT_REMIND_WORKING_DAYS_BEFORE = 2;
export const MAX_ADDRESSEES = 50;

export interface CopyNoticeInput {
  noticeId: string;
  /** The unit the notice is about. */
  unitId: string;
  unitName: string;
  /** Ancestor unit ids of that unit, root first (search attribute DutyUnitAncestors). */
  ancestors: string[];
  /** The unit whose commission issued the notice; it (or a unit above it) reviews the replies. */
  issuingUnitId: string;
  /** Ancestors of the issuing unit, root first: their commissions may review too. */
  issuerAncestors: string[];
  /** The next level's commission (its host unit), which overdue replies escalate to; null at the root. */
  escalationUnitId: string | null;
  source: NoticeSource;
  title: string;
  addressees: NoticeAddressee[];
  /** Reply within this many working days (also after a reply is returned). */
  replyWorkingDays: number;
  /** Remind this many working days before each deadline. */
  remindWorkingDaysBefore: number;
  /** The deployment's working-day calendar; the China default when absent. */
  workingDays?: WorkingDayCalendar;
  /** Play the days compressed (demos, end-to-end tests); real time when absent. */
  compression?: DayCompression | null;
  /** Task queue of the accountability service's activities. */
  activityTaskQueue: string;
}

export type NoticeStatus = 'open' | 'completed' | 'withdrawn';
/**
 * `awaitingReply`: a reply is due (first round, or after a return); `replied`: the commission
 * reviews it; `accepted`: done for this addressee.
 */
export type AddresseeStatus = 'awaitingReply' | 'replied' | 'accepted';

export const NOTICE_STEP_KINDS = [
  'issued',
  'reminded',
  'replied',
  'accepted',
  'returned',
  'overdue',
  'escalated',
  'withdrawn',
  'completed',
] as const;
export type NoticeStepKind = (typeof NOTICE_STEP_KINDS)[number];

export interface AddresseeProgress extends NoticeAddressee {
  status: AddresseeStatus;
  /** 1 for the first reply, +1 after every return. */
  round: number;
  /** Deadline of the current round: calendar instant (ISO-8601), its local date, and in workflow time. */
  deadline: string;
  dueDate: string;
  workflowDeadline: number;
  overdue: boolean;
  /** Overdue in any round so far (the mark appraisal reads). */
  everOverdue: boolean;
  currentReplyId: string | null;
  replies: number;
}

export interface NoticeStep {
  seq: number;
  kind: NoticeStepKind;
  addresseeId: string | null;
  round: number;
  /** Calendar instant (ISO-8601) and workflow time of the step. */
  at: string;
  workflowTime: number;
  /** Person id of whoever acted; null when the calendar moved the loop on. */
  by: string | null;
  replyId?: string;
  reasons?: string;
  caseId?: string;
}

export interface CopyNoticeState {
  noticeId: string;
  workflowId: string;
  unitId: string;
  status: NoticeStatus;
  calendarNow: string;
  addressees: AddresseeProgress[];
  steps: NoticeStep[];
  /** The accountability case opened from an overdue reply, if any. */
  caseId: string | null;
  failedSideEffects: string[];
}

export interface SubmitReplyInput {
  /** Chosen by the service (a UUID): the receipt and the stored reply carry it. */
  replyId: string;
  /** Person id of the addressee replying: must be the caller. */
  addresseeId: string;
  content: string;
}

export interface ReplyReceipt {
  noticeId: string;
  replyId: string;
  addresseeId: string;
  round: number;
  /** Calendar instant the reply was received (ISO-8601). */
  receivedAt: string;
  deadline: string;
  onTime: boolean;
}

export interface ReviewReplyInput {
  replyId: string;
  addresseeId: string;
  decision: 'accept' | 'return';
  /** Required when returning: what the reply lacks. */
  reasons?: string | null;
  reviewerId: string;
  reviewerName: string;
  /** The unit the reviewer acts for: the issuing unit or one above it. */
  reviewerUnitId: string;
}

export interface ReviewResult {
  noticeId: string;
  addresseeId: string;
  replyId: string;
  decision: 'accept' | 'return';
  /** The addressee's round after the decision (a return starts the next round). */
  round: number;
  /** The new deadline after a return, null after an acceptance. */
  deadline: string | null;
  noticeStatus: NoticeStatus;
}

export interface WithdrawNoticeInput {
  reason: string;
  by: string;
  byName: string;
  byUnitId: string;
}

export interface CopyNoticeSummary {
  noticeId: string;
  status: NoticeStatus;
  steps: number;
  caseId: string | null;
}

/** Update: an addressee replies (回告); the answer is the receipt. */
export const submitReplyUpdate = defineUpdate<ReplyReceipt, [SubmitReplyInput]>('submitReply');
/** Update: the commission accepts a reply or returns it with reasons. */
export const reviewReplyUpdate = defineUpdate<ReviewResult, [ReviewReplyInput]>('reviewReply');
/** Update: the commission withdraws the notice (closes it without every reply accepted). */
export const withdrawNoticeUpdate = defineUpdate<CopyNoticeState, [WithdrawNoticeInput]>('withdrawNotice');
/** Query: the loop's full state. */
export const copyNoticeStateQuery = defineQuery<CopyNoticeState>('copyNoticeState');
