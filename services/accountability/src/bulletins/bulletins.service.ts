import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller } from '@dutychain/auth';
import { assertReferenceSeen, assertRuns, assertSees, AuditLog, visiblePathCondition } from '@dutychain/auth';
import { DomainError } from '@dutychain/http';
import { AccountabilityConfig } from '../accountability.config';
import { todayIn } from '../common/today';
import type { IssueBulletinDto } from './bulletin.dto';
import { OrgDirectoryClient } from '@dutychain/service-kit';

/** 抄报单: the bulletin's copy report to the supervising leader one level up. */
export interface CopyReport {
  personId: string;
  name: string;
  title: string;
  unitName: string;
  /** The member whose 分管 covers the issuing unit, or (when none) the leading org's secretary. */
  basis: 'supervisor' | 'leadingOrgSecretary';
}

export interface BulletinView {
  id: string;
  unitId: string;
  unitName: string;
  title: string;
  body: string;
  copyReportTo: CopyReport[];
  issuedBy: string;
  issuedByName: string;
  issuedAt: Date;
  negativeList: {
    position: number;
    unitId: string;
    unitName: string;
    personId: string | null;
    personName: string | null;
    problem: string;
  }[];
}

/** 点评通报: internal bulletins naming units and people, with a negative list and a copy report one level up. */
@Injectable()
export class BulletinsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly org: OrgDirectoryClient,
    private readonly audit: AuditLog,
    private readonly config: AccountabilityConfig,
  ) {}

  async issue(caller: Caller, dto: IssueBulletinDto): Promise<BulletinView> {
    const unit = await this.org.unit(dto.unitId);
    assertRuns(caller, unit.path, unit.name);
    const entries: BulletinView['negativeList'] = [];
    for (const [i, entry] of dto.negativeList.entries()) {
      const named = await this.org.unit(entry.unitId, `negativeList[${i}].unitId`);
      // Out of sight: a neutral 403 naming the field, before any message could name the unit.
      assertReferenceSeen(caller, `negativeList[${i}].unitId`, [named.path]);
      if (!named.path.startsWith(unit.path))
        throw DomainError.invalid(
          `negativeList[${i}].unitId`,
          'inSubtree',
          `${named.name} is not under ${unit.name}: a bulletin names units of its own subtree`,
        );
      const person = entry.personId
        ? await this.org.personSeenBy(caller, entry.personId, `negativeList[${i}].personId`)
        : null;
      entries.push({
        position: i + 1,
        unitId: named.id,
        unitName: named.name,
        personId: person?.id ?? null,
        personName: person?.name ?? null,
        problem: entry.problem,
      });
    }
    const chain = await this.org.chainOn(unit.id, todayIn(this.config.workingDays.utcOffsetMinutes));
    const copyReportTo: CopyReport[] = chain.dual.supervisors.length
      ? chain.dual.supervisors.map((s) => ({
          personId: s.personId,
          name: s.personName,
          title: s.title,
          unitName: s.unitName,
          basis: 'supervisor',
        }))
      : chain.leadingOrg?.secretary
        ? [
            {
              personId: chain.leadingOrg.secretary.personId,
              name: chain.leadingOrg.secretary.personName,
              title: chain.leadingOrg.secretary.title,
              unitName: chain.leadingOrg.unit.name,
              basis: 'leadingOrgSecretary',
            },
          ]
        : [];
    const id = randomUUID();
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO accountability.bulletin (id, unit_id, unit_name, unit_path, title, body, copy_report_to, issued_by, issued_by_name)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          id,
          unit.id,
          unit.name,
          unit.path,
          dto.title,
          dto.body,
          JSON.stringify(copyReportTo),
          caller.id,
          caller.name,
        ],
      );
      for (const e of entries)
        await manager.query(
          `INSERT INTO accountability.negative_list_entry (id, bulletin_id, position, unit_id, unit_name, person_id, person_name, problem)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [randomUUID(), id, e.position, e.unitId, e.unitName, e.personId, e.personName, e.problem],
        );
      await this.audit.record(manager, caller, {
        action: 'bulletin.issue',
        entityType: 'bulletin',
        entityId: id,
        unitId: unit.id,
        payload: { title: dto.title, negativeList: entries, copyReportTo },
      });
    });
    return this.get(caller, id);
  }

  async get(caller: Caller, id: string): Promise<BulletinView> {
    const rows: (Omit<BulletinView, 'negativeList'> & { unitPath: string })[] = await this.dataSource.query(
      `SELECT id, unit_id AS "unitId", unit_name AS "unitName", unit_path AS "unitPath", title, body,
              copy_report_to AS "copyReportTo", issued_by AS "issuedBy", issued_by_name AS "issuedByName", issued_at AS "issuedAt"
       FROM accountability.bulletin WHERE id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) throw DomainError.notFound('bulletin', id);
    assertSees(caller, row.unitPath);
    const negativeList: BulletinView['negativeList'] = await this.dataSource.query(
      `SELECT position, unit_id AS "unitId", unit_name AS "unitName", person_id AS "personId", person_name AS "personName", problem
       FROM accountability.negative_list_entry WHERE bulletin_id = $1 ORDER BY position`,
      [id],
    );
    const { unitPath: _path, ...view } = row;
    return { ...view, negativeList };
  }

  async list(caller: Caller): Promise<Omit<BulletinView, 'negativeList' | 'body'>[]> {
    const params: unknown[] = [];
    return this.dataSource.query(
      `SELECT id, unit_id AS "unitId", unit_name AS "unitName", title, copy_report_to AS "copyReportTo",
              issued_by AS "issuedBy", issued_by_name AS "issuedByName", issued_at AS "issuedAt"
       FROM accountability.bulletin WHERE ${visiblePathCondition(caller, 'unit_path', params)} ORDER BY issued_at DESC LIMIT 500`,
      params,
    );
  }
}
