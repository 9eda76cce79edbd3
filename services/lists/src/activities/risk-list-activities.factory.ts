import { Injectable } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource } from 'typeorm';
import type { Caller } from '@dutychain/auth';
import { OrgDirectoryClient } from '@dutychain/service-kit';
import { AuditLog } from '@dutychain/auth';
import type {
  DecisionRecord,
  ListStatusRecord,
  OpenedRiskList,
  OpenRiskListInput,
  RiskListActivities,
  RiskListNotification,
  SubmissionReceipt,
  SubmissionRecord,
} from '@dutychain/temporal';
import { approverFrom, teamMembersOf } from '../risk-lists/approver-rule';
import { Approval } from '../risk-lists/approval.entity';
import { RiskList } from '../risk-lists/risk-list.entity';
import { contentHash } from '../risk-lists/risk-list-content';
import { RiskListStore } from '../risk-lists/risk-list.store';
import { Signature } from '../risk-lists/signature.entity';
import { RiskListNotificationRow } from './risk-list-notification.entity';

/** The person a workflow acts for, as the audit log records them. */
function actor(personId: string, name = personId): Caller {
  return {
    kind: 'person',
    id: personId,
    name,
    roles: ['leader'],
    unitId: '',
    unitPath: '',
    guidedUnitPaths: [],
  };
}

/**
 * The risk-list workflow's activities over this service's schema and the org directory. Every
 * write is idempotent (list id + round, or the notification key), so a retried activity records once.
 */
@Injectable()
export class RiskListActivitiesFactory {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: RiskListStore,
    private readonly audit: AuditLog,
    private readonly org: OrgDirectoryClient,
  ) {}

  create(): RiskListActivities {
    return {
      openRiskList: (input) => this.open(input),
      resolveApprover: async (input) =>
        approverFrom(await this.org.chainOn(input.unitId, input.on), input.personId, input.unitId),
      recordSubmission: (input) => this.recordSubmission(input),
      recordDecision: (input) => this.recordDecision(input),
      recordListStatus: (input) => this.recordListStatus(input),
      notifyRiskList: (input) => this.notify(input),
      listTeamMembers: async (input) => teamMembersOf(await this.org.team(input.unitId, input.on)),
    };
  }

  private async open(input: OpenRiskListInput): Promise<OpenedRiskList> {
    const repo = this.dataSource.getRepository(RiskList);
    const existing = await repo.findOneBy({ personId: input.personId, year: input.year });
    if (existing) return { listId: existing.id, status: existing.status, round: existing.round };
    const [unit, personName] = await Promise.all([
      this.org.unit(input.unitId),
      this.org.person(input.personId).then((person) => person.name),
    ]);
    await repo
      .createQueryBuilder()
      .insert()
      .values({
        personId: input.personId,
        personName,
        unitId: unit.id,
        unitName: unit.name,
        unitPath: unit.path,
        year: input.year,
        workflowId: input.workflowId,
        status: 'draft',
        round: 1,
      })
      .orIgnore()
      .execute();
    const list = await repo.findOneByOrFail({ personId: input.personId, year: input.year });
    return { listId: list.id, status: list.status, round: list.round };
  }

  private recordSubmission(input: SubmissionRecord): Promise<SubmissionReceipt> {
    return this.dataSource.transaction(async (manager) => {
      const list = await this.store.lock(manager, input.listId);
      const signatures = manager.getRepository(Signature);
      const earlier = await signatures.findOneBy({ riskListId: list.id, round: input.round });
      if (earlier) {
        // A retry of a submission already recorded: answer the same receipt.
        if (earlier.contentHash !== input.contentHash) {
          throw ApplicationFailure.nonRetryable(
            `round ${input.round} of this list is already signed`,
            'AlreadySigned',
          );
        }
        return receiptOf(earlier);
      }
      if (list.status !== 'draft' && list.status !== 'returned') {
        throw ApplicationFailure.nonRetryable(
          `the list is ${list.status}: only a draft or returned list is signed`,
          'WrongState',
        );
      }
      if (input.signerId !== list.personId) {
        throw ApplicationFailure.nonRetryable("nobody signs someone else's list", 'NotOwner');
      }
      const content = await this.store.content(list, manager);
      if (content.items.length === 0) {
        throw ApplicationFailure.nonRetryable(
          'an empty list cannot be signed: claim or add items first',
          'EmptyList',
        );
      }
      const hash = contentHash(content);
      if (hash !== input.contentHash) {
        throw ApplicationFailure.nonRetryable(
          'the list changed since you read it: read it again and sign what you see',
          'ContentChanged',
        );
      }
      const signature = await signatures.save(
        signatures.create({
          riskListId: list.id,
          round: input.round,
          signerId: list.personId,
          signerName: list.personName,
          signedAt: new Date(),
          contentHash: hash,
          content,
        }),
      );
      await manager.getRepository(RiskList).update(list.id, {
        status: 'submitted',
        round: input.round,
        approverId: input.approverId,
        submittedAt: signature.signedAt,
        updatedAt: new Date(),
      });
      await this.audit.record(manager, actor(list.personId, list.personName), {
        action: 'riskList.signed',
        entityType: 'riskList',
        entityId: list.id,
        unitId: list.unitId,
        payload: {
          round: input.round,
          contentHash: hash,
          calendarAt: input.signedAt,
          approverId: input.approverId,
        },
      });
      return receiptOf(signature);
    });
  }

  private recordDecision(input: DecisionRecord): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const list = await this.store.lock(manager, input.listId);
      const approvals = manager.getRepository(Approval);
      if (await approvals.findOneBy({ riskListId: list.id, round: input.round })) return; // a retry
      if (list.status !== 'submitted') {
        throw ApplicationFailure.nonRetryable(`the list is ${list.status}, not submitted`, 'WrongState');
      }
      await approvals.insert({
        riskListId: list.id,
        round: input.round,
        decision: input.decision,
        approverId: input.approverId,
        comment: input.comment,
        decidedAt: new Date(),
      });
      await manager
        .getRepository(RiskList)
        .update(
          list.id,
          input.decision === 'approve'
            ? { status: 'approved', approvedAt: new Date(), updatedAt: new Date() }
            : { status: 'returned', round: input.round + 1, updatedAt: new Date() },
        );
      await this.audit.record(manager, actor(input.approverId), {
        action: input.decision === 'approve' ? 'riskList.approved' : 'riskList.returned',
        entityType: 'riskList',
        entityId: list.id,
        unitId: list.unitId,
        payload: { round: input.round, comment: input.comment, calendarAt: input.at },
      });
    });
  }

  private async recordListStatus(input: ListStatusRecord): Promise<void> {
    await this.dataSource
      .getRepository(RiskList)
      .createQueryBuilder()
      .update()
      .set({ status: input.status, lockedAt: new Date(), updatedAt: new Date() })
      .where('id = :id AND status <> :approved AND status <> :locked', {
        id: input.listId,
        approved: 'approved',
        locked: 'locked',
      })
      .execute();
  }

  private async notify(input: RiskListNotification): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(RiskListNotificationRow)
      .values({
        key: input.key,
        kind: input.kind,
        level: input.level,
        workflowId: input.workflowId,
        riskListId: input.listId || null,
        personId: input.personId,
        unitId: input.unitId,
        year: input.year,
        recipientPersonId: input.recipientPersonId,
        recipientUnitId: input.recipientUnitId,
        deadline: new Date(input.deadline),
        occurrence: input.occurrence,
      })
      .orIgnore()
      .execute();
  }
}

function receiptOf(signature: Signature): SubmissionReceipt {
  return {
    signatureId: signature.id,
    contentHash: signature.contentHash,
    signedAt: signature.signedAt.toISOString(),
    itemCount: signature.content.items.length,
  };
}
