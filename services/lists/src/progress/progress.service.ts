import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller } from '@dutychain/auth';
import { OrgDirectoryClient } from '@dutychain/service-kit';
import { assertSees, AuditLog, escapeLike } from '@dutychain/auth';
import { DomainError, ErrorCode } from '@dutychain/http';
import { containment, normalizeText, shingleSet } from '@dutychain/similarity';
import { RiskItem } from '../risk-lists/risk-item.entity';
import { RiskListStore } from '../risk-lists/risk-list.store';
import { ProgressReport } from './progress-report.entity';

/**
 * A report "only repeats the year-start measures" when at least this share of its character
 * trigrams (after normalisation: punctuation, numbering and stock phrases dropped) already occur
 * in the item's measures. Honest reports add what was done (dates, counts, cases) and stay well below.
 */
export const PROGRESS_REPEAT_THRESHOLD = 0.7;

export interface ProgressView {
  id: string;
  riskItemId: string;
  riskListId: string;
  content: string;
  repeatsMeasures: boolean;
  similarity: number | null;
  reportedAt: string;
}

/** Mid-year progress (年中推进情况): one report per list item, checked for merely repeating the measures. */
@Injectable()
export class ProgressService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly org: OrgDirectoryClient,
    private readonly store: RiskListStore,
    private readonly audit: AuditLog,
  ) {}

  async report(caller: Caller, listId: string, itemId: string, content: string): Promise<ProgressView> {
    const list = await this.store.get(listId);
    if (caller.id !== list.personId) {
      throw new DomainError(ErrorCode.OutsideScope, 'leaders report progress on their own lists', [
        {
          field: 'personId',
          rule: 'progress.ownListOnly',
          message: 'leaders report progress on their own lists',
        },
      ]);
    }
    if (list.status !== 'approved') {
      throw DomainError.conflict(
        'status',
        'progress.approvedOnly',
        `progress is reported on an approved list; this one is ${list.status}`,
      );
    }
    const item = await this.dataSource.getRepository(RiskItem).findOneBy({ id: itemId, riskListId: listId });
    if (!item) throw DomainError.notFound('item', `${itemId} of list ${listId}`);
    const similarity = repetition(content, item.measures);
    const id = await this.dataSource.transaction(async (manager) => {
      await manager
        .createQueryBuilder()
        .insert()
        .into(ProgressReport)
        .values({
          riskItemId: item.id,
          riskListId: listId,
          content,
          repeatsMeasures: similarity >= PROGRESS_REPEAT_THRESHOLD,
          similarity,
          reportedBy: caller.id,
        })
        .orUpdate(
          ['content', 'repeats_measures', 'similarity', 'reported_by', 'reported_at'],
          ['risk_item_id'],
        )
        .execute();
      const saved = await manager.getRepository(ProgressReport).findOneByOrFail({ riskItemId: item.id });
      await this.audit.record(manager, caller, {
        action: 'progress.reported',
        entityType: 'riskItem',
        entityId: item.id,
        unitId: list.unitId,
        payload: { listId, repeatsMeasures: saved.repeatsMeasures, similarity },
      });
      return saved.id;
    });
    return view(await this.dataSource.getRepository(ProgressReport).findOneByOrFail({ id }));
  }

  async forList(caller: Caller, listId: string): Promise<ProgressView[]> {
    const list = await this.store.get(listId);
    if (caller.id !== list.personId && caller.id !== list.approverId) assertSees(caller, list.unitPath);
    const rows = await this.dataSource.getRepository(ProgressReport).findBy({ riskListId: listId });
    return rows.map(view);
  }

  /** Reports of a subtree's lists that only repeat the measures. */
  async repeating(
    caller: Caller,
    year: number,
    unitId: string | undefined,
  ): Promise<(ProgressView & { personId: string; personName: string; unitId: string })[]> {
    const root = unitId ? (await this.org.visibleUnit(caller, unitId)).path : caller.unitPath;
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT p.*, l.person_id, l.person_name, l.unit_id FROM lists.progress_report p
         JOIN lists.risk_list l ON l.id = p.risk_list_id
        WHERE l.year = $1 AND l.unit_path LIKE $2 AND p.repeats_measures
        ORDER BY l.unit_path, l.person_name`,
      [year, `${escapeLike(root)}%`],
    );
    return rows.map((r) => ({
      id: r.id as string,
      riskItemId: r.risk_item_id as string,
      riskListId: r.risk_list_id as string,
      content: r.content as string,
      repeatsMeasures: true,
      similarity: r.similarity as number,
      reportedAt: (r.reported_at as Date).toISOString(),
      personId: r.person_id as string,
      personName: r.person_name as string,
      unitId: r.unit_id as string,
    }));
  }
}

/** Share of the report's trigrams already present in the measures (0–1). */
export function repetition(report: string, measures: readonly string[]): number {
  const reportSet = shingleSet([normalizeText(report)]);
  const measureSet = shingleSet(measures.map((m) => normalizeText(m)));
  return Math.round(containment(reportSet, measureSet) * 1000) / 1000;
}

function view(row: ProgressReport): ProgressView {
  return {
    id: row.id,
    riskItemId: row.riskItemId,
    riskListId: row.riskListId,
    content: row.content,
    repeatsMeasures: row.repeatsMeasures,
    similarity: row.similarity,
    reportedAt: row.reportedAt.toISOString(),
  };
}
