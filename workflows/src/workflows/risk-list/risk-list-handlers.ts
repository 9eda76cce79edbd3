/**
 * The risk list's updates and query. Validators refuse what the state does not allow (the refusal
 * never reaches the history); a handler marks the list busy, stores its step through the lists
 * service, and only then changes the state.
 */
import { setHandler } from '@temporalio/workflow';
import {
  approveRiskListUpdate,
  returnRiskListUpdate,
  riskListStateQuery,
  submitRiskListUpdate,
} from '@dutychain/temporal';
import type {
  ApproveRiskListInput,
  ReturnRiskListInput,
  RiskListActivities,
  RiskListReceipt,
  SubmitRiskListInput,
} from '@dutychain/temporal';
import type { RiskListLoopState } from './risk-list-state';
import {
  checkReturn,
  checkSubmission,
  receiptOf,
  recordEvent,
  refuseUnlessApprover,
  refuseUnlessOpen,
  riskListView,
  setOverdue,
} from './risk-list-state';

/** What the handlers need from the running workflow. */
export interface RiskListRuntime {
  s: RiskListLoopState;
  decisions: RiskListActivities;
  /** The calendar instant now (ISO), and the local date whose team decides the approver. */
  calendarNow(): string;
  localDate(): string;
  /** Sets the overdue search attribute (call only when the flag changed). */
  upsertOverdue(): void;
}

export function registerRiskListHandlers(rt: RiskListRuntime): void {
  const { s } = rt;
  const { personId, unitId } = s.input;

  setHandler(riskListStateQuery, () => riskListView(s, rt.calendarNow()));

  setHandler(
    submitRiskListUpdate,
    async (submission: SubmitRiskListInput): Promise<RiskListReceipt> => {
      s.busy = true;
      try {
        const approver = await rt.decisions.resolveApprover({ personId, unitId, on: rt.localDate() });
        const signature = await rt.decisions.recordSubmission({
          workflowId: s.workflowId,
          listId: s.listId ?? '',
          round: s.round,
          signerId: submission.signerId,
          contentHash: submission.contentHash,
          signedAt: rt.calendarNow(),
          approverId: approver?.personId ?? null,
        });
        s.approver = approver;
        s.status = 'submitted';
        recordEvent(s, 'submitted', submission.signerId, rt.calendarNow(), {
          contentHash: signature.contentHash,
        });
        return receiptOf(s, signature);
      } finally {
        s.busy = false;
        s.wake += 1;
      }
    },
    {
      description: 'The leader signs and submits the list (again after a return).',
      validator: (submission: SubmitRiskListInput): void => checkSubmission(s, submission, Date.now()),
    },
  );

  setHandler(
    approveRiskListUpdate,
    async (decision: ApproveRiskListInput): Promise<RiskListReceipt> => {
      s.busy = true;
      try {
        const comment = decision.comment ?? null;
        await rt.decisions.recordDecision({
          workflowId: s.workflowId,
          listId: s.listId ?? '',
          round: s.round,
          decision: 'approve',
          approverId: decision.approverId,
          comment,
          at: rt.calendarNow(),
        });
        s.status = 'approved';
        if (setOverdue(s, false)) rt.upsertOverdue();
        recordEvent(s, 'approved', decision.approverId, rt.calendarNow(), { comment });
        return receiptOf(s);
      } finally {
        s.busy = false;
        s.wake += 1;
      }
    },
    {
      description: 'The approver approves the submitted list (审核认定).',
      validator: (decision: ApproveRiskListInput): void => {
        if (typeof decision !== 'object' || decision === null) throw new Error('a decision is required');
        refuseUnlessOpen(s, Date.now());
        refuseUnlessApprover(s, decision.approverId);
      },
    },
  );

  setHandler(
    returnRiskListUpdate,
    async (decision: ReturnRiskListInput): Promise<RiskListReceipt> => {
      s.busy = true;
      try {
        await rt.decisions.recordDecision({
          workflowId: s.workflowId,
          listId: s.listId ?? '',
          round: s.round,
          decision: 'return',
          approverId: decision.approverId,
          comment: decision.comment,
          at: rt.calendarNow(),
        });
        s.status = 'returned';
        recordEvent(s, 'returned', decision.approverId, rt.calendarNow(), { comment: decision.comment });
        s.round += 1;
        return receiptOf(s);
      } finally {
        s.busy = false;
        s.wake += 1;
      }
    },
    {
      description: 'The approver returns the list with comments; the leader revises and resubmits.',
      validator: (decision: ReturnRiskListInput): void => {
        if (typeof decision !== 'object' || decision === null) throw new Error('a decision is required');
        refuseUnlessOpen(s, Date.now());
        refuseUnlessApprover(s, decision.approverId);
        checkReturn(s, decision.comment);
      },
    },
  );
}
