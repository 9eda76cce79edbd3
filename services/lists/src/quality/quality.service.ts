import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DataSource, In } from 'typeorm';
import type { Caller } from '@dutychain/auth';
import { OrgDirectoryClient } from '@dutychain/service-kit';
import { assertRuns, AuditLog, escapeLike } from '@dutychain/auth';
import { DomainError } from '@dutychain/http';
import type { CommitteeItem, Finding, ResponsibilityList, TemplateList } from '@dutychain/similarity';
import { checkList, FINDING_LABELS, screenLists } from '@dutychain/similarity';
import { ListsConfig } from '../lists.config';
import { RiskItem } from '../risk-lists/risk-item.entity';
import { RiskList } from '../risk-lists/risk-list.entity';
import type {
  BatchCheckDto,
  FindingQueryDto,
  IssueOrderDto,
  OrderQueryDto,
  TemplateDto,
} from './quality.dto';
import { QualityFinding } from './quality-finding.entity';
import { SupervisionOrder } from './supervision-order.entity';

/** Similarity rules are serious (a copied list is no list); completeness rules ask for more work. */
const MAJOR_RULES = new Set([
  'COPIED_FROM_TEMPLATE',
  'SAME_AS_LAST_YEAR',
  'NEAR_DUPLICATE_TEAMMATE',
  'NO_GOVERNANCE_CONTENT',
]);

export interface FindingView {
  id: string;
  unitId: string;
  year: number;
  riskListId: string | null;
  personId: string | null;
  rule: string;
  label: string;
  severity: string;
  message: string;
  relatedRiskListId: string | null;
  score: number | null;
  orderId: string | null;
}

export interface OrderView {
  id: string;
  unitId: string;
  year: number;
  riskListId: string | null;
  personId: string | null;
  reason: string;
  deadline: string;
  status: 'open' | 'closed';
  overdue: boolean;
  issuedBy: string;
  closedBy: string | null;
  closedAt: string | null;
  closingNote: string | null;
  findingIds: string[];
}

/**
 * Quality checks of personal lists (libs/similarity: copies of templates, of last year's list, of
 * teammates' lists; items without risk points or measures; "big basket" lists; unclaimed committee
 * items), at submission and in batches over a subtree. A finding becomes a supervision order
 * (督办单) with a deadline, tracked to closure.
 */
@Injectable()
export class QualityService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly org: OrgDirectoryClient,
    private readonly audit: AuditLog,
    private readonly config: ListsConfig,
  ) {}

  /** At submission: the list against its teammates, last year's list and the unit's committee items. */
  async checkAtSubmission(listId: string): Promise<FindingView[]> {
    const list = await this.dataSource.getRepository(RiskList).findOneByOrFail({ id: listId });
    const team = await this.dataSource
      .getRepository(RiskList)
      .findBy({ unitId: list.unitId, year: list.year });
    const previous = await this.dataSource
      .getRepository(RiskList)
      .findBy({ personId: list.personId, year: list.year - 1 });
    const shapes = await this.shapes([...team, ...previous]);
    const own = shapes.get(list.id);
    if (!own) return [];
    const findings = checkList(own, {
      teamLists: team
        .filter((l) => l.id !== list.id)
        .map((l) => shapes.get(l.id))
        .filter(nonEmpty),
      previousLists: previous.map((l) => shapes.get(l.id)).filter(nonEmpty),
      committeeItems: await this.committeeItems([list.unitId], list.year),
    }).filter((f) => f.listId === list.id); // unit-level findings wait for the batch over the whole team
    return this.dataSource.transaction((manager) =>
      this.store(manager, findings, [list], 'submission', list.year, false),
    );
  }

  /** A batch over a subtree's lists of a year; optionally issues supervision orders for what it finds. */
  async batch(
    caller: Caller,
    dto: BatchCheckDto,
  ): Promise<{ lists: number; findings: FindingView[]; orders: OrderView[]; nearDuplicates: unknown[] }> {
    const root = await this.org.runnableUnit(caller, dto.unitId);
    const lists = await this.dataSource
      .getRepository(RiskList)
      .createQueryBuilder('l')
      .where('l.year = :year AND l.unit_path LIKE :path', {
        year: dto.year,
        path: `${escapeLike(root.path)}%`,
      })
      .getMany();
    const previous = lists.length
      ? await this.dataSource
          .getRepository(RiskList)
          .findBy({ personId: In(lists.map((l) => l.personId)), year: dto.year - 1 })
      : [];
    const shapes = await this.shapes([...lists, ...previous]);
    const batch = lists.map((l) => shapes.get(l.id)).filter(nonEmpty);
    const result = screenLists(batch, {
      previousLists: previous.map((l) => shapes.get(l.id)).filter(nonEmpty),
      committeeItems: await this.committeeItems([...new Set(lists.map((l) => l.unitId))], dto.year),
      templates: (dto.templates ?? []).map(templateOf),
    });
    return this.dataSource.transaction(async (manager) => {
      const findings = await this.store(manager, [...result.findings], lists, caller.id, dto.year, true);
      const orders: OrderView[] = [];
      if (dto.issueOrders) {
        const groups = new Map<string, FindingView[]>();
        for (const finding of findings) {
          const key = finding.riskListId ?? `unit:${finding.unitId}`;
          groups.set(key, [...(groups.get(key) ?? []), finding]);
        }
        for (const group of groups.values()) {
          orders.push(await this.issue(manager, caller, group, dto.orderDeadline, undefined));
        }
      }
      await this.audit.record(manager, caller, {
        action: 'quality.batchChecked',
        entityType: 'unit',
        entityId: root.id,
        unitId: root.id,
        payload: { year: dto.year, lists: batch.length, findings: findings.length, orders: orders.length },
      });
      return { lists: batch.length, findings, orders, nearDuplicates: [...result.nearDuplicates] };
    });
  }

  async findings(caller: Caller, query: FindingQueryDto): Promise<FindingView[]> {
    const qb = this.dataSource
      .getRepository(QualityFinding)
      .createQueryBuilder('f')
      .where('f.year = :year', { year: query.year });
    this.scopeQuery(qb, caller, await this.rootPath(caller, query.unitId), 'f');
    if (query.riskListId) qb.andWhere('f.risk_list_id = :listId', { listId: query.riskListId });
    const rows = await qb.orderBy('f.found_at', 'ASC').getMany();
    return rows.map(findingView);
  }

  async issueOrder(caller: Caller, dto: IssueOrderDto): Promise<OrderView> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager.getRepository(QualityFinding).findBy({ id: In(dto.findingIds) });
      if (rows.length !== new Set(dto.findingIds).size) {
        throw DomainError.invalid('findingIds', 'exists', 'every finding must exist');
      }
      for (const row of rows) assertRuns(caller, row.unitPath, `finding ${row.id}`);
      if (new Set(rows.map((r) => r.unitId)).size > 1) {
        throw DomainError.rule(
          'order.sameUnit',
          'one supervision order is about one unit; issue one per unit',
          'findingIds',
        );
      }
      const ordered = rows.find((r) => r.orderId !== null);
      if (ordered)
        throw DomainError.conflict(
          'findingIds',
          'order.once',
          `finding ${ordered.id} already has order ${ordered.orderId}`,
        );
      return this.issue(manager, caller, rows.map(findingView), dto.deadline, dto.reason);
    });
  }

  async orders(caller: Caller, query: OrderQueryDto): Promise<OrderView[]> {
    const qb = this.dataSource
      .getRepository(SupervisionOrder)
      .createQueryBuilder('o')
      .where('o.year = :year', { year: query.year });
    this.scopeQuery(qb, caller, await this.rootPath(caller, query.unitId), 'o');
    if (query.status) qb.andWhere('o.status = :status', { status: query.status });
    if (query.overdue !== undefined) {
      qb.andWhere(
        query.overdue
          ? `o.status = 'open' AND o.deadline < current_date`
          : `NOT (o.status = 'open' AND o.deadline < current_date)`,
      );
    }
    const orders = await qb.orderBy('o.issued_at', 'ASC').getMany();
    return Promise.all(orders.map((o) => this.orderView(o)));
  }

  async closeOrder(caller: Caller, id: string, note: string): Promise<OrderView> {
    return this.dataSource.transaction(async (manager) => {
      const order = await manager
        .getRepository(SupervisionOrder)
        .createQueryBuilder('o')
        .setLock('pessimistic_write')
        .where('o.id = :id', { id })
        .getOne();
      if (!order) throw DomainError.notFound('supervision order', id);
      assertRuns(caller, order.unitPath, `supervision order ${id}`);
      if (order.status === 'closed') {
        throw DomainError.conflict(
          'status',
          'order.closeOnce',
          `the order was closed on ${order.closedAt?.toISOString() ?? '?'}`,
        );
      }
      await manager
        .getRepository(SupervisionOrder)
        .update(id, { status: 'closed', closedBy: caller.id, closedAt: new Date(), closingNote: note });
      await this.audit.record(manager, caller, {
        action: 'order.closed',
        entityType: 'supervisionOrder',
        entityId: id,
        unitId: order.unitId,
        payload: { note },
      });
      return this.orderView(await manager.getRepository(SupervisionOrder).findOneByOrFail({ id }), manager);
    });
  }

  // ---- helpers ----

  private async issue(
    manager: EntityManager,
    caller: Caller,
    findings: FindingView[],
    deadline: string | undefined,
    reason: string | undefined,
  ): Promise<OrderView> {
    const first = findings[0];
    if (!first) throw DomainError.invalid('findingIds', 'required', 'an order needs findings');
    const row = await manager.getRepository(QualityFinding).findOneByOrFail({ id: first.id });
    const due =
      deadline ?? new Date(Date.now() + this.config.orderDays * 86_400_000).toISOString().slice(0, 10);
    const order = await manager.getRepository(SupervisionOrder).save(
      manager.getRepository(SupervisionOrder).create({
        unitId: row.unitId,
        unitPath: row.unitPath,
        year: row.year,
        riskListId: row.riskListId,
        personId: row.personId,
        reason: reason ?? [...new Set(findings.map((f) => f.label))].join('；'),
        deadline: due,
        status: 'open',
        issuedBy: caller.id,
      }),
    );
    await manager
      .getRepository(QualityFinding)
      .update({ id: In(findings.map((f) => f.id)) }, { orderId: order.id });
    await this.audit.record(manager, caller, {
      action: 'order.issued',
      entityType: 'supervisionOrder',
      entityId: order.id,
      unitId: order.unitId,
      payload: { findings: findings.map((f) => f.id), deadline: due, reason: order.reason },
    });
    return this.orderView(order, manager);
  }

  /** Replaces the open (not yet ordered) findings of the checked lists with the new ones. */
  private async store(
    manager: EntityManager,
    findings: Finding[],
    lists: RiskList[],
    foundBy: string,
    year: number,
    unitLevel: boolean,
  ): Promise<FindingView[]> {
    const byId = new Map(lists.map((l) => [l.id, l]));
    const checkedIds = lists.map((l) => l.id);
    if (checkedIds.length > 0) {
      await manager
        .createQueryBuilder()
        .delete()
        .from(QualityFinding)
        .where(
          unitLevel
            ? 'order_id IS NULL AND (risk_list_id IN (:...ids) OR (risk_list_id IS NULL AND unit_id IN (:...units) AND year = :year))'
            : 'order_id IS NULL AND risk_list_id IN (:...ids)',
          {
            ids: checkedIds,
            units: [...new Set(lists.map((l) => l.unitId))],
            year,
          },
        )
        .execute();
    }
    const rows = findings.map((f) => {
      const list = f.listId ? byId.get(f.listId) : lists.find((l) => l.unitId === f.unitId);
      return manager.getRepository(QualityFinding).create({
        unitId: f.unitId,
        unitPath: list?.unitPath ?? '/',
        year,
        riskListId: f.listId ?? null,
        personId: f.personId ?? null,
        rule: f.code,
        severity: MAJOR_RULES.has(f.code) ? 'major' : 'minor',
        message: f.message,
        relatedRiskListId: f.counterpart?.kind === 'list' ? f.counterpart.id : null,
        score: f.score,
        foundBy,
        orderId: null,
      });
    });
    const saved = rows.length ? await manager.getRepository(QualityFinding).save(rows) : [];
    return saved.map(findingView);
  }

  /** Lists as libs/similarity reads them (lists without items are left out: nothing to compare). */
  private async shapes(lists: RiskList[]): Promise<Map<string, ResponsibilityList>> {
    const ids = [...new Set(lists.map((l) => l.id))];
    const items = ids.length
      ? await this.dataSource
          .getRepository(RiskItem)
          .find({ where: { riskListId: In(ids) }, order: { seq: 'ASC' } })
      : [];
    const map = new Map<string, ResponsibilityList>();
    for (const list of lists) {
      const own = items.filter((i) => i.riskListId === list.id);
      if (own.length === 0) continue;
      map.set(list.id, {
        listId: list.id,
        personId: list.personId,
        personName: list.personName,
        unitId: list.unitId,
        year: list.year,
        items: own.map((i) => ({
          itemId: i.id,
          content: i.content,
          riskPoints: i.riskPoints,
          measures: i.measures,
          ...(i.taskItemId ? { committeeItemId: i.taskItemId } : {}),
        })),
      });
    }
    return map;
  }

  private async committeeItems(unitIds: string[], year: number): Promise<CommitteeItem[]> {
    if (unitIds.length === 0) return [];
    const rows: { id: string; unit_id: string; content: string }[] = await this.dataSource.query(
      `SELECT i.id, l.unit_id, i.content FROM lists.task_item i JOIN lists.task_list l ON l.id = i.task_list_id
       WHERE l.status = 'published' AND l.year = $1 AND l.unit_id = ANY($2::uuid[])`,
      [year, unitIds],
    );
    return rows.map((r) => ({ itemId: r.id, unitId: r.unit_id, content: r.content }));
  }

  private async rootPath(caller: Caller, unitId: string | undefined): Promise<string | null> {
    if (!unitId) return null;
    return (await this.org.visibleUnit(caller, unitId)).path;
  }

  private scopeQuery(
    qb: { andWhere: (sql: string, params?: Record<string, unknown>) => unknown },
    caller: Caller,
    rootPath: string | null,
    alias: string,
  ): void {
    if (rootPath) {
      qb.andWhere(`${alias}.unit_path LIKE :root`, { root: `${escapeLike(rootPath)}%` });
      return;
    }
    const roots = [caller.unitPath, ...caller.guidedUnitPaths];
    const params = Object.fromEntries(roots.map((r, i) => [`root${i}`, `${escapeLike(r)}%`]));
    qb.andWhere(`(${roots.map((_, i) => `${alias}.unit_path LIKE :root${i}`).join(' OR ')})`, params);
  }

  private async orderView(
    order: SupervisionOrder,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<OrderView> {
    const findings = await manager
      .getRepository(QualityFinding)
      .find({ where: { orderId: order.id }, select: { id: true } });
    const today = new Date().toISOString().slice(0, 10);
    return {
      id: order.id,
      unitId: order.unitId,
      year: order.year,
      riskListId: order.riskListId,
      personId: order.personId,
      reason: order.reason,
      deadline: order.deadline,
      status: order.status,
      overdue: order.status === 'open' && order.deadline < today,
      issuedBy: order.issuedBy,
      closedBy: order.closedBy,
      closedAt: order.closedAt?.toISOString() ?? null,
      closingNote: order.closingNote,
      findingIds: findings.map((f) => f.id),
    };
  }
}

function nonEmpty<T>(value: T | undefined): value is T {
  return value !== undefined;
}

function templateOf(dto: TemplateDto, index: number): TemplateList {
  return {
    templateId: `template-${index + 1}`,
    title: dto.title,
    items: dto.items.map((item, i) => ({ itemId: `template-${index + 1}-${i + 1}`, ...item })),
  };
}

function findingView(row: QualityFinding): FindingView {
  return {
    id: row.id,
    unitId: row.unitId,
    year: row.year,
    riskListId: row.riskListId,
    personId: row.personId,
    rule: row.rule,
    label: FINDING_LABELS[row.rule as keyof typeof FINDING_LABELS] ?? row.rule,
    severity: row.severity,
    message: row.message,
    relatedRiskListId: row.relatedRiskListId,
    score: row.score,
    orderId: row.orderId,
  };
}
