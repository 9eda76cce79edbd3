import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { Caller } from '@dutychain/auth';
import { OrgDirectoryClient } from '@dutychain/service-kit';
import { assertSees, AuditLog, escapeLike, visiblePathCondition } from '@dutychain/auth';
import { assertAtLeastOneField, DomainError, ErrorCode } from '@dutychain/http';
import { postgresErrorOf, PG_UNIQUE_VIOLATION } from '@dutychain/persistence';
import type { RiskListReceipt, RiskListState } from '@dutychain/temporal';
import { LIST_LIMITS } from '../common/list-limits';
import type { FindingView } from '../quality/quality.service';
import { QualityService } from '../quality/quality.service';
import { TaskItem } from '../task-lists/task-item.entity';
import { TaskList } from '../task-lists/task-list.entity';
import { Approval } from './approval.entity';
import type { ClaimItemDto, ListRiskListsQueryDto, OwnItemDto, UpdateItemDto } from './risk-list.dto';
import { RiskItem } from './risk-item.entity';
import { RiskList } from './risk-list.entity';
import { contentHash } from './risk-list-content';
import type { StatusRow } from './risk-list-workbook';
import { RiskListProcess } from './risk-list-process.service';
import { RiskListStore } from './risk-list.store';
import { Signature } from './signature.entity';

export interface RiskListView {
  id: string;
  personId: string;
  personName: string;
  unitId: string;
  unitName: string;
  year: number;
  status: RiskList['status'];
  round: number;
  approverId: string | null;
  workflowId: string;
  /** sha256 of the list as it stands: pass it back when signing to sign exactly this. */
  contentHash: string;
  items: {
    id: string;
    seq: number;
    source: 'claimed' | 'own';
    taskItemId: string | null;
    content: string;
    riskPoints: string[];
    measures: string[];
  }[];
  signatures: { id: string; round: number; signedAt: string; contentHash: string }[];
  approvals: {
    round: number;
    decision: 'approve' | 'return';
    approverId: string;
    comment: string | null;
    decidedAt: string;
  }[];
}

export interface RiskListRow {
  id: string;
  personId: string;
  personName: string;
  unitId: string;
  unitName: string;
  year: number;
  status: RiskList['status'];
  round: number;
  approverId: string | null;
  submittedAt: string | null;
  approvedAt: string | null;
}

/** What PATCH /risk-lists/{id}/items/{itemId} may change. */
const UPDATABLE_ITEM_FIELDS = ['content', 'riskPoints', 'measures'] as const;

/**
 * Personal risk lists: drafting (claims and own items, straight to the database while the list
 * is a draft or returned), and the decisions that go through the list's workflow (sign and
 * submit, approve, return). Every refusal names its rule; nothing stored changes on a refusal.
 */
@Injectable()
export class RiskListsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly org: OrgDirectoryClient,
    private readonly store: RiskListStore,
    private readonly process: RiskListProcess,
    private readonly audit: AuditLog,
    private readonly quality: QualityService,
  ) {}

  /** Who may read a list: its owner, its approver, and whoever sees its unit. */
  assertReadable(caller: Caller, list: RiskList): void {
    if (caller.id === list.personId || caller.id === list.approverId) return;
    assertSees(caller, list.unitPath);
  }

  async list(caller: Caller, query: ListRiskListsQueryDto): Promise<{ items: RiskListRow[]; total: number }> {
    const params: unknown[] = [query.year];
    const where = ['l.year = $1'];
    if (query.mine) {
      params.push(caller.id);
      where.push(`(l.person_id::text = $${params.length} OR l.approver_id::text = $${params.length})`);
    } else {
      if (query.unitId) {
        const unit = await this.org.visibleUnit(caller, query.unitId);
        params.push(`${escapeLike(unit.path)}%`);
        where.push(`l.unit_path LIKE $${params.length}`);
      } else {
        where.push(visiblePathCondition(caller, 'l.unit_path', params));
      }
    }
    if (query.status) {
      params.push(query.status);
      where.push(`l.status = $${params.length}`);
    }
    if (query.approverId) {
      params.push(query.approverId);
      where.push(`l.approver_id = $${params.length}`);
    }
    const sql = `FROM lists.risk_list l WHERE ${where.join(' AND ')}`;
    const counted: { total: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total ${sql}`,
      params,
    );
    const total = counted[0]?.total ?? 0;
    params.push(query.limit ?? 100, query.offset ?? 0);
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT l.* ${sql} ORDER BY l.unit_path, l.person_name LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return {
      total,
      items: rows.map((r) => ({
        id: r.id as string,
        personId: r.person_id as string,
        personName: r.person_name as string,
        unitId: r.unit_id as string,
        unitName: r.unit_name as string,
        year: r.year as number,
        status: r.status as RiskList['status'],
        round: r.round as number,
        approverId: (r.approver_id as string | null) ?? null,
        submittedAt: r.submitted_at ? (r.submitted_at as Date).toISOString() : null,
        approvedAt: r.approved_at ? (r.approved_at as Date).toISOString() : null,
      })),
    };
  }

  /** Where every list of a subtree stands, for the status workbook. */
  async statusRows(caller: Caller, year: number, unitId: string | undefined): Promise<StatusRow[]> {
    const root = unitId ? (await this.org.visibleUnit(caller, unitId)).path : caller.unitPath;
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT l.unit_name, l.person_name, l.status, l.round, l.submitted_at, l.approved_at,
              (SELECT count(*)::int FROM lists.risk_item i WHERE i.risk_list_id = l.id) AS items,
              (SELECT count(*)::int FROM lists.quality_finding f WHERE f.risk_list_id = l.id) AS findings,
              (SELECT count(*)::int FROM lists.supervision_order o WHERE o.risk_list_id = l.id AND o.status = 'open') AS open_orders
         FROM lists.risk_list l
        WHERE l.year = $1 AND l.unit_path LIKE $2
        ORDER BY l.unit_path, l.person_name`,
      [year, `${escapeLike(root)}%`],
    );
    return rows.map((r) => ({
      unitName: r.unit_name as string,
      personName: r.person_name as string,
      status: r.status as RiskList['status'],
      round: r.round as number,
      items: r.items as number,
      submittedAt: (r.submitted_at as Date | null) ?? null,
      approvedAt: (r.approved_at as Date | null) ?? null,
      findings: r.findings as number,
      openOrders: r.open_orders as number,
    }));
  }

  async get(caller: Caller, id: string): Promise<RiskListView> {
    const list = await this.store.get(id);
    this.assertReadable(caller, list);
    return this.view(list);
  }

  async forPerson(caller: Caller, personId: string, year: number): Promise<RiskListView> {
    const list = await this.dataSource.getRepository(RiskList).findOneBy({ personId, year });
    if (!list) throw DomainError.notFound('risk list of person', `${personId} for ${year}`);
    this.assertReadable(caller, list);
    return this.view(list);
  }

  async state(caller: Caller, id: string): Promise<RiskListState> {
    const list = await this.store.get(id);
    this.assertReadable(caller, list);
    return this.process.state(list.personId, list.year);
  }

  // ---- drafting ----

  async claim(caller: Caller, id: string, dto: ClaimItemDto): Promise<RiskListView> {
    return this.editDraft(caller, id, 'riskList.claimed', async (manager, list) => {
      const task = await manager.getRepository(TaskItem).findOneBy({ id: dto.taskItemId });
      if (!task)
        throw DomainError.invalid('taskItemId', 'exists', `task item ${dto.taskItemId} does not exist`);
      const taskList = await manager.getRepository(TaskList).findOneByOrFail({ id: task.taskListId });
      if (taskList.unitId !== list.unitId) {
        throw DomainError.rule(
          'claim.sameUnit',
          `a leader claims items of their own unit's committee task list (${list.unitName}); this item belongs to another unit`,
          'taskItemId',
        );
      }
      if (taskList.year !== list.year) {
        throw DomainError.rule(
          'claim.sameYear',
          `this item is from the ${taskList.year} task list, the list is for ${list.year}`,
          'taskItemId',
        );
      }
      if (taskList.status !== 'published') {
        throw DomainError.rule(
          'claim.published',
          'items can be claimed once the committee has published its task list',
          'taskItemId',
        );
      }
      await this.insertItem(manager, list, {
        source: 'claimed',
        taskItemId: task.id,
        content: task.content,
        riskPoints: dto.riskPoints,
        measures: dto.measures,
      });
      return { taskItemId: task.id };
    });
  }

  async addOwn(caller: Caller, id: string, dto: OwnItemDto): Promise<RiskListView> {
    return this.editDraft(caller, id, 'riskList.itemAdded', async (manager, list) => {
      await this.insertItem(manager, list, {
        source: 'own',
        taskItemId: null,
        content: dto.content,
        riskPoints: dto.riskPoints,
        measures: dto.measures,
      });
      return { content: dto.content };
    });
  }

  async updateItem(caller: Caller, id: string, itemId: string, dto: UpdateItemDto): Promise<RiskListView> {
    // An edit that changes nothing is a mistake to name, not an empty UPDATE for the database to refuse.
    assertAtLeastOneField(dto, UPDATABLE_ITEM_FIELDS);
    return this.editDraft(caller, id, 'riskList.itemUpdated', async (manager, list) => {
      const item = await this.itemOf(manager, list, itemId);
      if (dto.content !== undefined && item.source === 'claimed' && dto.content !== item.content) {
        throw DomainError.rule(
          'claim.wording',
          "a claimed item keeps the committee's wording; add risk points and measures instead",
          'content',
        );
      }
      await manager.getRepository(RiskItem).update(item.id, {
        ...(dto.content !== undefined ? { content: dto.content } : {}),
        ...(dto.riskPoints !== undefined ? { riskPoints: dto.riskPoints } : {}),
        ...(dto.measures !== undefined ? { measures: dto.measures } : {}),
      });
      return { itemId, ...dto };
    });
  }

  async deleteItem(caller: Caller, id: string, itemId: string): Promise<RiskListView> {
    return this.editDraft(caller, id, 'riskList.itemRemoved', async (manager, list) => {
      const item = await this.itemOf(manager, list, itemId);
      const reported: unknown[] = await manager.query(
        `SELECT 1 FROM lists.progress_report WHERE risk_item_id = $1`,
        [item.id],
      );
      if (reported.length > 0) {
        throw DomainError.conflict(
          'itemId',
          'item.hasProgress',
          'this item has a progress report and stays on the list',
        );
      }
      await manager.getRepository(RiskItem).delete(item.id);
      return { itemId, content: item.content };
    });
  }

  // ---- decisions (through the workflow) ----

  async submit(
    caller: Caller,
    id: string,
    expectedHash: string | undefined,
  ): Promise<RiskListReceipt & { findings: FindingView[] }> {
    const list = await this.store.get(id);
    this.assertOwner(caller, list, 'sign.ownListOnly', "nobody signs someone else's list");
    this.assertNotLocked(list);
    if (list.status === 'submitted') {
      throw DomainError.conflict(
        'status',
        'submit.once',
        'the list is already submitted and waits for its approver',
      );
    }
    if (list.status === 'approved')
      throw DomainError.conflict('status', 'submit.approved', 'the list is already approved');
    const content = await this.store.content(list);
    if (content.items.length === 0) {
      throw DomainError.rule(
        'submit.notEmpty',
        'an empty list cannot be signed: claim committee items or add your own first',
        'items',
      );
    }
    const hash = contentHash(content);
    if (expectedHash !== undefined && expectedHash !== hash) {
      throw DomainError.conflict(
        'contentHash',
        'sign.contentChanged',
        'the list changed since you read it: read it again and sign what you see',
      );
    }
    const receipt = await this.process.submit(list.personId, list.year, caller.id, hash);
    // Quality checks at submission: findings are reported with the receipt, they do not block it.
    return { ...receipt, findings: await this.quality.checkAtSubmission(list.id) };
  }

  async approve(caller: Caller, id: string, comment: string | undefined): Promise<RiskListReceipt> {
    const list = await this.decidable(caller, id);
    return this.process.approve(list.personId, list.year, caller.id, comment ?? null);
  }

  async returnList(caller: Caller, id: string, comment: string): Promise<RiskListReceipt> {
    const list = await this.decidable(caller, id);
    return this.process.returnList(list.personId, list.year, caller.id, comment);
  }

  async signature(
    caller: Caller,
    id: string,
    round: number,
  ): Promise<{ list: RiskList; signature: Signature }> {
    const list = await this.store.get(id);
    this.assertReadable(caller, list);
    const signature = await this.dataSource.getRepository(Signature).findOneBy({ riskListId: id, round });
    if (!signature) throw DomainError.notFound('signature of round', `${round} of list ${id}`);
    return { list, signature };
  }

  // ---- helpers ----

  private async decidable(caller: Caller, id: string): Promise<RiskList> {
    const list = await this.store.get(id);
    if (caller.id === list.personId) {
      throw new DomainError(ErrorCode.OutsideScope, 'nobody approves their own list', [
        { field: 'approverId', rule: 'approve.notOwnList', message: 'nobody approves their own list' },
      ]);
    }
    // Scope before state: a caller who may not read the list learns nothing of where it stands.
    this.assertReadable(caller, list);
    this.assertNotLocked(list);
    if (list.status === 'approved') {
      throw DomainError.conflict(
        'status',
        'approve.once',
        `the list was already approved on ${list.approvedAt?.toISOString() ?? '?'}`,
      );
    }
    if (list.status !== 'submitted') {
      throw DomainError.conflict(
        'status',
        'decide.submittedOnly',
        `the list is ${list.status}: only a submitted list is approved or returned`,
      );
    }
    if (list.approverId !== caller.id) {
      throw new DomainError(ErrorCode.OutsideScope, 'only the list’s approver decides on it', [
        {
          field: 'approverId',
          rule: 'approve.approverOnly',
          message: `the org directory names ${list.approverId ?? 'nobody'} as this list's approver, not you`,
        },
      ]);
    }
    return list;
  }

  private assertOwner(caller: Caller, list: RiskList, rule: string, message: string): void {
    if (caller.id !== list.personId) {
      throw new DomainError(ErrorCode.OutsideScope, message, [{ field: 'personId', rule, message }]);
    }
  }

  private assertNotLocked(list: RiskList): void {
    if (list.status === 'locked') {
      throw DomainError.conflict(
        'status',
        'deadline.locked',
        `the list is locked since ${list.lockedAt?.toISOString() ?? 'its deadline lock'}: the define deadline has passed`,
      );
    }
  }

  /** Runs a draft edit in one transaction on the locked list row; refused unless the owner edits a draft or returned list. */
  private async editDraft(
    caller: Caller,
    id: string,
    action: string,
    edit: (manager: EntityManager, list: RiskList) => Promise<unknown>,
  ): Promise<RiskListView> {
    try {
      await this.dataSource.transaction(async (manager) => {
        const list = await this.store.lock(manager, id);
        this.assertOwner(caller, list, 'edit.ownListOnly', 'only the list’s owner drafts it');
        this.assertNotLocked(list);
        if (list.status !== 'draft' && list.status !== 'returned') {
          throw DomainError.conflict(
            'status',
            'edit.draftOnly',
            `the list is ${list.status}: it changes only while a draft or after a return`,
          );
        }
        const payload = await edit(manager, list);
        await manager.getRepository(RiskList).update(list.id, { updatedAt: new Date() });
        await this.audit.record(manager, caller, {
          action,
          entityType: 'riskList',
          entityId: list.id,
          unitId: list.unitId,
          payload,
        });
      });
    } catch (error) {
      const pg = postgresErrorOf(error);
      if (pg?.code === PG_UNIQUE_VIOLATION && pg.constraint === 'risk_item_claim_once') {
        throw DomainError.conflict('taskItemId', 'claim.once', 'this committee item is already on your list');
      }
      throw error;
    }
    return this.view(await this.store.get(id));
  }

  private async insertItem(
    manager: EntityManager,
    list: RiskList,
    item: Pick<RiskItem, 'source' | 'taskItemId' | 'content' | 'riskPoints' | 'measures'>,
  ): Promise<void> {
    const stats: { count: number; next: number }[] = await manager.query(
      `SELECT count(*)::int AS count, coalesce(max(seq), 0) + 1 AS next FROM lists.risk_item WHERE risk_list_id = $1`,
      [list.id],
    );
    const { count, next } = stats[0] ?? { count: 0, next: 1 };
    if (count >= LIST_LIMITS.riskItems) {
      throw DomainError.rule('items.max', `a list has at most ${LIST_LIMITS.riskItems} items`, 'items');
    }
    await manager.getRepository(RiskItem).insert({ ...item, riskListId: list.id, seq: next });
  }

  private async itemOf(manager: EntityManager, list: RiskList, itemId: string): Promise<RiskItem> {
    const item = await manager.getRepository(RiskItem).findOneBy({ id: itemId, riskListId: list.id });
    if (!item) throw DomainError.notFound('item', `${itemId} of list ${list.id}`);
    return item;
  }

  async view(list: RiskList): Promise<RiskListView> {
    const content = await this.store.content(list);
    const items = await this.store.items(list.id);
    const signatures = await this.dataSource
      .getRepository(Signature)
      .find({ where: { riskListId: list.id }, order: { round: 'ASC' } });
    const approvals = await this.dataSource
      .getRepository(Approval)
      .find({ where: { riskListId: list.id }, order: { round: 'ASC' } });
    return {
      id: list.id,
      personId: list.personId,
      personName: list.personName,
      unitId: list.unitId,
      unitName: list.unitName,
      year: list.year,
      status: list.status,
      round: list.round,
      approverId: list.approverId,
      workflowId: list.workflowId,
      contentHash: contentHash(content),
      items: items.map((i) => ({
        id: i.id,
        seq: i.seq,
        source: i.source,
        taskItemId: i.taskItemId,
        content: i.content,
        riskPoints: i.riskPoints,
        measures: i.measures,
      })),
      signatures: signatures.map((s) => ({
        id: s.id,
        round: s.round,
        signedAt: s.signedAt.toISOString(),
        contentHash: s.contentHash,
      })),
      approvals: approvals.map((a) => ({
        round: a.round,
        decision: a.decision,
        approverId: a.approverId,
        comment: a.comment,
        decidedAt: a.decidedAt.toISOString(),
      })),
    };
  }
}
