import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller } from '@dutychain/auth';
import { assertRuns, assertSees, AuditLog, subtreePattern, visiblePathCondition } from '@dutychain/auth';
import { DomainError } from '@dutychain/http';
import type { ListTalksQueryDto, RecordTalkDto } from './talk.dto';
import { OrgDirectoryClient } from '@dutychain/service-kit';

export interface TalkRow {
  id: string;
  unitId: string;
  unitName: string;
  kind: string;
  heldById: string;
  heldByName: string;
  withPersonId: string;
  withPersonName: string;
  heldOn: string;
  subject: string;
  outcome: string;
  noticeId: string | null;
  caseId: string | null;
  recordedAt: Date;
}

const COLUMNS = `id, unit_id AS "unitId", unit_name AS "unitName", kind, held_by_id AS "heldById",
  held_by_name AS "heldByName", with_person_id AS "withPersonId", with_person_name AS "withPersonName",
  to_char(held_on, 'YYYY-MM-DD') AS "heldOn", subject, outcome, notice_id AS "noticeId", case_id AS "caseId",
  recorded_at AS "recordedAt"`;

/** Reminder talks and interviews (提醒谈话, 约谈): who, with whom, when, about what, with what outcome. */
@Injectable()
export class TalksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly org: OrgDirectoryClient,
    private readonly audit: AuditLog,
  ) {}

  async record(caller: Caller, dto: RecordTalkDto): Promise<TalkRow> {
    const unit = await this.org.unit(dto.unitId);
    assertRuns(caller, unit.path, unit.name);
    const withPerson = await this.org.personSeenBy(caller, dto.withPersonId, 'withPersonId');
    const heldBy =
      dto.heldById !== undefined
        ? await this.org.personSeenBy(caller, dto.heldById, 'heldById')
        : caller.kind === 'person'
          ? { id: caller.id, name: caller.name }
          : undefined;
    if (!heldBy)
      throw DomainError.invalid(
        'heldById',
        'required',
        'heldById is required when an API key records a talk',
      );
    for (const [field, table, id] of [
      ['noticeId', 'notice', dto.noticeId],
      ['caseId', 'accountability_case', dto.caseId],
    ] as const) {
      if (!id) continue;
      const rows: { unitPath: string }[] = await this.dataSource.query(
        `SELECT unit_path AS "unitPath" FROM accountability.${table} WHERE id = $1`,
        [id],
      );
      if (!rows[0] || !rows[0].unitPath.startsWith(unit.path))
        throw DomainError.invalid(
          field,
          'exists',
          `${field} must name a record of ${unit.name} or a unit under it`,
        );
    }
    const id = randomUUID();
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO accountability.talk (id, unit_id, unit_name, unit_path, kind, held_by_id, held_by_name,
           with_person_id, with_person_name, held_on, subject, outcome, notice_id, case_id, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
        [
          id,
          unit.id,
          unit.name,
          unit.path,
          dto.kind,
          heldBy.id,
          heldBy.name,
          withPerson.id,
          withPerson.name,
          dto.heldOn,
          dto.subject,
          dto.outcome,
          dto.noticeId ?? null,
          dto.caseId ?? null,
          caller.id,
        ],
      );
      await this.audit.record(manager, caller, {
        action: 'talk.record',
        entityType: 'talk',
        entityId: id,
        unitId: unit.id,
        payload: { ...dto, heldById: heldBy.id },
      });
    });
    const rows: TalkRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM accountability.talk WHERE id = $1`,
      [id],
    );
    return rows[0];
  }

  async list(caller: Caller, query: ListTalksQueryDto): Promise<TalkRow[]> {
    const params: unknown[] = [];
    const clauses = [visiblePathCondition(caller, 'unit_path', params)];
    if (query.subtreeOf) {
      const root = await this.org.unit(query.subtreeOf, 'subtreeOf');
      assertSees(caller, root.path);
      params.push(subtreePattern(root.path));
      clauses.push(`unit_path LIKE $${params.length}`);
    }
    if (query.personId) {
      params.push(query.personId);
      clauses.push(`with_person_id = $${params.length}`);
    }
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM accountability.talk WHERE ${clauses.join(' AND ')} ORDER BY held_on DESC, id LIMIT 500`,
      params,
    );
  }
}
