import type { WarningLevel } from '@dutychain/calendar';

/**
 * Activities of the personal responsibility-risk list (个人责任风险清单), hosted by the lists service on
 * its own task queue (`TASK_QUEUES.lists`). Contracts only: the lists service implements them over
 * its schema and the org directory; workflow tests use an in-memory version. Every write is
 * idempotent (on `key`, or on list id + round), because activities may run more than once.
 */
export interface RiskListActivities {
  /** Makes sure the person's list for the year exists (a draft) and returns its id and status. */
  openRiskList(input: OpenRiskListInput): Promise<OpenedRiskList>;
  /**
   * Who approves the person's list on a date (审核认定, "whoever is in charge answers for it, one level
   * manages the next"); null when the directory names nobody.
   */
  resolveApprover(input: ResolveApproverInput): Promise<ApproverRef | null>;
  /**
   * Signs the list as it stands (签字承诺): checks that its content still hashes to `contentHash`,
   * keeps the signed copy and marks the list submitted. Fails (non-retryable) when the content
   * changed since the signer read it, or when the list has no items.
   */
  recordSubmission(input: SubmissionRecord): Promise<SubmissionReceipt>;
  /** Records the approver's decision (approve, or return with comments) on a round. */
  recordDecision(input: DecisionRecord): Promise<void>;
  /** Records a status the workflow decided by itself: `locked` after the deadline lock. */
  recordListStatus(input: ListStatusRecord): Promise<void>;
  /** A reminder (to the leader, or to the approver while it waits for them) or an escalation (to the leading org). */
  notifyRiskList(input: RiskListNotification): Promise<void>;
  /** Everyone on a unit's team on a date (secretary first), for starting their lists. */
  listTeamMembers(input: ListTeamMembersInput): Promise<TeamMemberRef[]>;
}

export interface OpenRiskListInput {
  workflowId: string;
  personId: string;
  unitId: string;
  year: number;
}

export interface OpenedRiskList {
  listId: string;
  status: RiskListStatus;
  round: number;
}

/** draft → submitted → (returned → submitted)* → approved; locked when the deadline lock passes first. */
export const RISK_LIST_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'locked'] as const;
export type RiskListStatus = (typeof RISK_LIST_STATUSES)[number];

export interface ResolveApproverInput {
  personId: string;
  unitId: string;
  /** Calendar date (YYYY-MM-DD, deployment local time) whose posts decide. */
  on: string;
}

export interface ApproverRef {
  personId: string;
  name: string;
  /** The unit on whose team the approver sits. */
  unitId: string;
  /** Which rule named them: `unitSecretary`, `supervisingMember` or `leadingOrgSecretary`. */
  rule: ApproverRule;
}

export type ApproverRule = 'unitSecretary' | 'supervisingMember' | 'leadingOrgSecretary';

export interface SubmissionRecord {
  workflowId: string;
  listId: string;
  /** Round of submission, from 1; a returned list is resubmitted in the next round. */
  round: number;
  signerId: string;
  /** sha256 (hex) of the list's canonical content as the signer saw it. */
  contentHash: string;
  /** Calendar instant of the signature (ISO-8601 UTC). */
  signedAt: string;
  approverId: string | null;
}

export interface SubmissionReceipt {
  signatureId: string;
  contentHash: string;
  signedAt: string;
  itemCount: number;
}

export interface DecisionRecord {
  workflowId: string;
  listId: string;
  round: number;
  decision: 'approve' | 'return';
  approverId: string;
  comment: string | null;
  /** Calendar instant (ISO-8601 UTC). */
  at: string;
}

export interface ListStatusRecord {
  workflowId: string;
  listId: string;
  status: Extract<RiskListStatus, 'locked'>;
  at: string;
}

export interface RiskListNotification {
  /** Stable id (workflow id + what + occurrence): recorded once. */
  key: string;
  kind: 'reminder' | 'escalation';
  level: WarningLevel;
  workflowId: string;
  listId: string;
  personId: string;
  year: number;
  unitId: string;
  /** A person (the leader, or the approver) for reminders; null for escalations. */
  recipientPersonId: string | null;
  /** The leading org for escalations; null for reminders. */
  recipientUnitId: string | null;
  /** The define-phase deadline (calendar time, ISO-8601 UTC). */
  deadline: string;
  /** 1 for the first escalation, then 2, 3… while the list stays overdue. */
  occurrence: number;
}

export interface ListTeamMembersInput {
  unitId: string;
  /** YYYY-MM-DD */
  on: string;
}

export interface TeamMemberRef {
  personId: string;
  /** Post kind (secretary, deputySecretary, commissionSecretary, member). */
  kind: string;
}
