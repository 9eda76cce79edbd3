import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import type { Caller } from '@dutychain/auth';
import { AuditLog } from '@dutychain/auth';
import { DomainError } from '@dutychain/http';
import { OrgUnitsService, toView } from '../org-units/org-units.service';
import type {
  CommissionDetailView,
  CommissionView,
  CoveredUnitsQueryDto,
  CreateCommissionDto,
} from './commission.dto';
import type { Commission } from './commission.entity';
import type { NameKey } from './commission.repository';
import { CommissionRepository } from './commission.repository';

/**
 * Discipline commissions (纪委) and dispatched groups (派驻纪检监察组). A commission belongs to its
 * host unit's part of the tree: it is created by those who run the host and seen by those who see it.
 * Which units it covers is set on the unit (`PATCH /org-units/{id}` with `commissionId`).
 */
@Injectable()
export class CommissionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly commissions: CommissionRepository,
    private readonly orgUnits: OrgUnitsService,
    private readonly audit: AuditLog,
  ) {}

  async create(caller: Caller, dto: CreateCommissionDto): Promise<CommissionView> {
    const host = await this.orgUnits.getRunnable(caller, dto.hostUnitId);
    const commission: Commission = {
      id: randomUUID(),
      code: dto.code.trim(),
      name: dto.name.trim(),
      kind: dto.kind,
      hostUnitId: host.id,
    };
    // A duplicate code fails on commission_code_key: a 409 naming `code` and `unique`, and no audit row.
    await this.dataSource.transaction(async (manager) => {
      await this.commissions.insert(manager, commission);
      await this.audit.record(manager, caller, {
        action: 'commission.create',
        entityType: 'commission',
        entityId: commission.id,
        unitId: host.id,
        payload: commission,
      });
    });
    return { ...commission, hostUnitName: host.name };
  }

  async detail(caller: Caller, id: string, query: CoveredUnitsQueryDto): Promise<CommissionDetailView> {
    const commission = await this.commissions.findById(id);
    if (!commission) throw DomainError.notFound('commission', id);
    // The units a commission covers may read it too: a town's 纪委 is often the district's, one level up.
    const coversCaller =
      caller.unitPath !== '/' && (await this.commissions.coversUnit(commission.id, caller.unitId));
    const host = coversCaller
      ? await this.orgUnits.getUnchecked(commission.hostUnitId)
      : await this.orgUnits.getVisible(caller, commission.hostUnitId);
    const limit = query.limit ?? 100;
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const units = await this.commissions.coveredUnitsPage(
      commission.id,
      [caller.unitPath, ...caller.guidedUnitPaths],
      after,
      limit,
    );
    const last = units[units.length - 1];
    return {
      ...commission,
      hostUnitName: host.name,
      coveredUnits: {
        items: units.map(toView),
        nextCursor: units.length === limit && last ? encodeCursor({ name: last.name, id: last.id }) : null,
      },
    };
  }

  async hostedBy(caller: Caller, unitId: string): Promise<CommissionView[]> {
    const unit = await this.orgUnits.getVisible(caller, unitId);
    return (await this.commissions.hostedBy(unit.id)).map((commission) => ({
      ...commission,
      hostUnitName: unit.name,
    }));
  }
}

function encodeCursor(key: NameKey): string {
  return Buffer.from(JSON.stringify([key.name, key.id]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): NameKey {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (
    !Array.isArray(decoded) ||
    decoded.length !== 2 ||
    typeof decoded[0] !== 'string' ||
    typeof decoded[1] !== 'string' ||
    !isUUID(decoded[1])
  ) {
    throw DomainError.invalid('cursor', 'cursor', 'cursor is not one this list gave out');
  }
  return { name: decoded[0], id: decoded[1] };
}
