/** In-memory risk-list activities for workflow tests: lists in a map, approvers by person, a log of every call. */
import { ApplicationFailure } from '@temporalio/common';
import type {
  ApproverRef,
  DecisionRecord,
  ListStatusRecord,
  OpenedRiskList,
  RiskListActivities,
  RiskListNotification,
  RiskListStatus,
  SubmissionRecord,
  TeamMemberRef,
} from '@dutychain/temporal';

export interface StoredList {
  listId: string;
  personId: string;
  status: RiskListStatus;
  round: number;
  /** What the list's content hashes to now (tests change it to play an edit). */
  contentHash: string;
  itemCount: number;
}

export const hashOf = (n: number): string => n.toString(16).padStart(64, '0');

export class InMemoryRiskListActivities {
  readonly lists = new Map<string, StoredList>();
  readonly submissions: SubmissionRecord[] = [];
  readonly decisions: DecisionRecord[] = [];
  readonly statuses: ListStatusRecord[] = [];
  readonly notifications: RiskListNotification[] = [];
  private readonly seen = new Set<string>();

  /** `approvers` maps a person to who approves their list; `teams` maps a unit to its team. */
  constructor(
    private readonly approvers: Record<string, ApproverRef> = {},
    private readonly teams: Record<string, TeamMemberRef[]> = {},
  ) {}

  listOf(personId: string): StoredList {
    const list = [...this.lists.values()].find((l) => l.personId === personId);
    if (!list) throw new Error(`no list for ${personId}`);
    return list;
  }

  activities(): RiskListActivities {
    return {
      openRiskList: (input): Promise<OpenedRiskList> => {
        let list = [...this.lists.values()].find((l) => l.personId === input.personId);
        if (!list) {
          list = {
            listId: `list-${input.personId}`,
            personId: input.personId,
            status: 'draft',
            round: 1,
            contentHash: hashOf(1),
            itemCount: 3,
          };
          this.lists.set(list.listId, list);
        }
        return Promise.resolve({ listId: list.listId, status: list.status, round: list.round });
      },
      resolveApprover: (input) => Promise.resolve(this.approvers[input.personId] ?? null),
      recordSubmission: (input) => {
        const list = this.lists.get(input.listId);
        if (!list) throw ApplicationFailure.nonRetryable(`no list ${input.listId}`);
        if (list.itemCount === 0) throw ApplicationFailure.nonRetryable('an empty list cannot be signed');
        if (list.contentHash !== input.contentHash) {
          throw ApplicationFailure.nonRetryable(
            'the list changed since you read it: read it again and sign what you see',
            'ContentChanged',
          );
        }
        list.status = 'submitted';
        this.submissions.push(input);
        return Promise.resolve({
          signatureId: `sig-${input.listId}-${input.round}`,
          contentHash: input.contentHash,
          signedAt: input.signedAt,
          itemCount: list.itemCount,
        });
      },
      recordDecision: (input) => {
        const list = this.lists.get(input.listId);
        if (list) {
          list.status = input.decision === 'approve' ? 'approved' : 'returned';
          if (input.decision === 'return') list.round = input.round + 1;
        }
        this.decisions.push(input);
        return Promise.resolve();
      },
      recordListStatus: (input) => {
        const list = this.lists.get(input.listId);
        if (list) list.status = input.status;
        this.statuses.push(input);
        return Promise.resolve();
      },
      notifyRiskList: (input) => {
        if (!this.seen.has(input.key)) {
          this.seen.add(input.key);
          this.notifications.push(input);
        }
        return Promise.resolve();
      },
      listTeamMembers: (input) => Promise.resolve(this.teams[input.unitId] ?? []),
    };
  }
}
