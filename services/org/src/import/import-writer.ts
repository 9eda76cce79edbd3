import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager, ObjectLiteral } from 'typeorm';
import { DataSource } from 'typeorm';
import type { Caller } from '@dutychain/auth';
import { AuditLog } from '@dutychain/auth';
import { Commission } from '../commissions/commission.entity';
import { OrgUnit } from '../org-units/org-unit.entity';
import { OversightPair } from '../oversight/oversight-pair.entity';
import { Person } from '../people/person.entity';
import { Post } from '../posts/post.entity';
import { Supervision } from '../supervisions/supervision.entity';
import type { ExistingDirectory, ImportPlan } from './import-validator';
import { DomainError } from '@dutychain/http';

const BATCH_SIZE = 500;

export type ImportSummary = Record<keyof ImportPlan, number>;

/** Writes a validated plan in one transaction: all of it lands, or none of it. */
@Injectable()
export class ImportWriter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  async write(
    plan: ImportPlan,
    existing: ExistingDirectory,
    caller: Caller,
    jobId: string,
    onProgress: (rowsWritten: number) => Promise<void>,
  ): Promise<ImportSummary> {
    const unitIds = new Map<string, { id: string; path: string; depth: number }>(existing.units);
    const commissionIds = new Map(existing.commissions);
    for (const commission of plan.commissions) commissionIds.set(commission.code, randomUUID());
    const personIds = new Map(existing.people);
    for (const person of plan.people) personIds.set(person.code, randomUUID());
    const callerUnitId = caller.unitPath === '/' ? null : caller.unitId;

    const units: OrgUnit[] = plan.units.map((unit) => {
      const id = randomUUID();
      const parent = unit.parentCode ? unitIds.get(unit.parentCode) : undefined;
      const placed = { id, path: `${parent?.path ?? '/'}${id}/`, depth: (parent?.depth ?? -1) + 1 };
      unitIds.set(unit.code, placed);
      return {
        ...placed,
        code: unit.code,
        name: unit.name,
        level: unit.level,
        type: unit.type,
        partyOrgType: unit.partyOrgType,
        leadingOrgId: parent?.id ?? null,
        guidingOrgId: null,
        commissionId: unit.commissionCode ? (commissionIds.get(unit.commissionCode) ?? null) : null,
        createdAt: new Date(),
      };
    });
    // Guiding orgs may come later in the file than the units they guide.
    plan.units.forEach((unit, index) => {
      const row = units[index];
      if (row && unit.guidingOrgCode) row.guidingOrgId = unitIds.get(unit.guidingOrgCode)?.id ?? null;
    });
    const id = (map: Map<string, string | { id: string }>, code: string): string => {
      const found = map.get(code);
      if (found === undefined) throw DomainError.internal(`validated plan references unknown code ${code}`);
      return typeof found === 'string' ? found : found.id;
    };

    let written = 0;
    const insert = async <T extends ObjectLiteral>(
      manager: EntityManager,
      entity: new () => T,
      rows: T[],
    ): Promise<void> => {
      for (let start = 0; start < rows.length; start += BATCH_SIZE) {
        const batch = rows.slice(start, start + BATCH_SIZE);
        await manager.createQueryBuilder().insert().into(entity).values(batch).execute();
        written += batch.length;
        await onProgress(written);
      }
    };

    await this.dataSource.transaction(async (manager) => {
      await insert(manager, OrgUnit, units);
      await insert(
        manager,
        Commission,
        plan.commissions.map((row) => ({
          id: id(commissionIds, row.code),
          code: row.code,
          name: row.name,
          kind: row.kind,
          hostUnitId: id(unitIds, row.hostUnitCode),
        })),
      );
      await insert(
        manager,
        Person,
        plan.people.map((row) => ({
          id: id(personIds, row.code),
          code: row.code,
          name: row.name,
          gender: row.gender,
          registeredUnitId: row.unitCode ? id(unitIds, row.unitCode) : callerUnitId,
        })),
      );
      await insert(
        manager,
        Post,
        plan.posts.map((row) => ({
          id: randomUUID(),
          personId: id(personIds, row.personCode),
          unitId: id(unitIds, row.unitCode),
          kind: row.kind,
          title: row.title,
          startDate: row.startDate,
          endDate: row.endDate,
        })),
      );
      await insert(
        manager,
        Supervision,
        plan.supervisions.map((row) => ({
          id: randomUUID(),
          personId: id(personIds, row.personCode),
          unitId: id(unitIds, row.unitCode),
          supervisedUnitId: id(unitIds, row.supervisedUnitCode),
          area: row.area,
          startDate: row.startDate,
          endDate: row.endDate,
        })),
      );
      await insert(
        manager,
        OversightPair,
        plan.oversightPairs.map((row) => ({
          id: randomUUID(),
          overseerId: id(personIds, row.overseerCode),
          headId: id(personIds, row.headCode),
          startDate: row.startDate,
          endDate: row.endDate,
        })),
      );
      await this.audit.record(manager, caller, {
        action: 'import.apply',
        entityType: 'importJob',
        entityId: jobId,
        unitId: caller.unitId === '*' ? null : caller.unitId,
        payload: summarise(plan),
      });
    });
    return summarise(plan);
  }
}

function summarise(plan: ImportPlan): ImportSummary {
  return {
    units: plan.units.length,
    commissions: plan.commissions.length,
    people: plan.people.length,
    posts: plan.posts.length,
    supervisions: plan.supervisions.length,
    oversightPairs: plan.oversightPairs.length,
  };
}
