import type { NoticeStepKind } from './copy-notice-contract';

/**
 * Activities the accountability service hosts on its own task queue (TASK_QUEUES.accountability),
 * called by the copy-notice and monthly-report workflows. Contracts only; every call is
 * idempotent on `key`, so a retried activity records once.
 */
export interface AccountabilityActivities {
  /** Persist one step of a copy-notice loop (with the reply or the reasons) and audit it. */
  recordNoticeStep(step: NoticeStepRecord): Promise<void>;
  /** Remind an addressee that a reply is due (the notification outbox). */
  remindAddressee(reminder: NoticeReminder): Promise<void>;
  /**
   * An addressee missed a deadline: escalate to the next level's commission, mark the overdue reply
   * for appraisal, and open (or join) the accountability case of the notice. Returns the case id.
   */
  escalateOverdueNotice(escalation: NoticeEscalation): Promise<{ caseId: string }>;
  /** Build (or rebuild) the monthly accountability report and dual bulletin of a subtree. */
  generateMonthlyReport(request: MonthlyReportRequest): Promise<MonthlyReportSummary>;
}

export interface NoticeActor {
  kind: 'person' | 'system';
  /** Person id, or the workflow id for steps the calendar takes. */
  id: string;
  /** The person's name as the workflow knows it (for the audit log). */
  name: string;
}

export interface NoticeStepRecord {
  /** `<workflowId>/step/<seq>`: stable across retries and replays. */
  key: string;
  noticeId: string;
  workflowId: string;
  seq: number;
  kind: NoticeStepKind;
  addresseeId: string | null;
  round: number;
  /** Calendar instant of the step (ISO-8601 UTC). */
  at: string;
  actor: NoticeActor;
  replyId?: string;
  /** The reply's text (kind `replied`). */
  content?: string;
  /** Why a reply was returned, or the notice withdrawn. */
  reasons?: string;
  onTime?: boolean;
  /** The round's deadline after this step (ISO-8601) and its local date. */
  deadline?: string;
  dueDate?: string;
  caseId?: string;
}

export interface NoticeReminder {
  key: string;
  noticeId: string;
  addresseeId: string;
  round: number;
  deadline: string;
  dueDate: string;
}

export interface NoticeEscalation {
  key: string;
  noticeId: string;
  workflowId: string;
  unitId: string;
  addresseeId: string;
  round: number;
  /** The missed deadline (ISO-8601) and its local date: the date of the violation. */
  deadline: string;
  dueDate: string;
  escalationUnitId: string | null;
}

export interface MonthlyReportRequest {
  /** Root of the subtree reported on. */
  unitId: string;
  /** 'YYYY-MM'. */
  period: string;
  /** Workflow id of the run, recorded with the report. */
  workflowId: string;
}

export interface MonthlyReportSummary {
  reportId: string;
  unitId: string;
  period: string;
  units: number;
  casesOpened: number;
  typicalCases: number;
}
