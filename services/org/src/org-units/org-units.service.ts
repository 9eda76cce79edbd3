import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Caller } from '@dutychain/auth';
import { AuditLog } from '@dutychain/auth';
import { DomainError } from '@dutychain/http';
import { Commission } from '../commissions/commission.entity';
import type {
  ChildOrgUnitView,
  CreateOrgUnitDto,
  OrgUnitView,
  Page,
  SubtreeQueryDto,
  UpdateOrgUnitDto,
} from './org-unit.dto';
import type { OrgUnit } from './org-unit.entity';
import { OrgUnitRepository } from './org-unit.repository';
import { OrgScope } from './org-scope.service';

@Injectable()
export class OrgUnitsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly units: OrgUnitRepository,
    private readonly scope: OrgScope,
    private readonly audit: AuditLog,
  ) {}

  /** Loads a unit whatever the caller's scope: only for callers that decided visibility another way. */
  async getUnchecked(id: string): Promise<OrgUnit> {
    const unit = await this.units.findById(id);
    if (!unit) throw DomainError.notFound('org unit', id);
    return unit;
  }

  /** Loads a unit the caller may see, or fails with 404/403. */
  async getVisible(caller: Caller, id: string): Promise<OrgUnit> {
    const unit = await this.units.findById(id);
    if (!unit) throw DomainError.notFound('org unit', id);
    this.scope.assertCanSee(caller, unit);
    return unit;
  }

  async getVisibleByCode(caller: Caller, code: string): Promise<OrgUnit> {
    const [unit] = await this.units.findByCodes([code]);
    if (!unit) throw DomainError.notFound('org unit with code', code);
    this.scope.assertCanSee(caller, unit);
    return unit;
  }

  async getRunnable(caller: Caller, id: string): Promise<OrgUnit> {
    const unit = await this.getVisible(caller, id);
    this.scope.assertCanRun(caller, unit);
    return unit;
  }

  async create(caller: Caller, dto: CreateOrgUnitDto): Promise<OrgUnitView> {
    let parent: OrgUnit | undefined;
    if (dto.leadingOrgId) {
      parent = await this.getRunnable(caller, dto.leadingOrgId);
    } else if (!this.scope.isGlobal(caller)) {
      throw DomainError.invalid(
        'leadingOrgId',
        'required',
        'leadingOrgId is required: only a global admin may create a root unit',
      );
    }
    await this.checkReferences(caller, dto.guidingOrgId, dto.commissionId);
    const id = randomUUID();
    const unit: Omit<OrgUnit, 'createdAt'> = {
      id,
      code: dto.code.trim(),
      name: dto.name.trim(),
      level: dto.level,
      type: dto.type,
      partyOrgType: dto.partyOrgType,
      leadingOrgId: parent?.id ?? null,
      guidingOrgId: dto.guidingOrgId ?? null,
      commissionId: dto.commissionId ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      depth: (parent?.depth ?? -1) + 1,
    };
    await this.dataSource.transaction(async (manager) => {
      await this.units.insert(manager, unit);
      await this.audit.record(manager, caller, {
        action: 'orgUnit.create',
        entityType: 'orgUnit',
        entityId: id,
        unitId: id,
        payload: unit,
      });
    });
    return toView(unit);
  }

  async update(caller: Caller, id: string, dto: UpdateOrgUnitDto): Promise<OrgUnitView> {
    const unit = await this.getRunnable(caller, id);
    if (dto.guidingOrgId === id)
      throw DomainError.invalid('guidingOrgId', 'notSelf', 'a unit cannot guide itself');
    const guide = await this.checkReferences(
      caller,
      dto.guidingOrgId ?? undefined,
      dto.commissionId ?? undefined,
    );
    // Dual management is guidance from beside or above, never from inside the unit's own subtree.
    if (guide?.path.startsWith(unit.path))
      throw DomainError.invalid(
        'guidingOrgId',
        'notDescendant',
        `${guide.name} is under ${unit.name} in the tree and cannot guide it`,
      );
    const changes: Partial<OrgUnit> = {
      ...(dto.name !== undefined && { name: dto.name.trim() }),
      ...(dto.type !== undefined && { type: dto.type }),
      ...(dto.partyOrgType !== undefined && { partyOrgType: dto.partyOrgType }),
      ...(dto.guidingOrgId !== undefined && { guidingOrgId: dto.guidingOrgId }),
      ...(dto.commissionId !== undefined && { commissionId: dto.commissionId }),
    };
    if (Object.keys(changes).length === 0)
      throw DomainError.invalid(
        'body',
        'atLeastOneField',
        'give at least one of name, type, partyOrgType, guidingOrgId, commissionId',
      );
    await this.dataSource.transaction(async (manager) => {
      await this.units.update(manager, id, changes);
      await this.audit.record(manager, caller, {
        action: 'orgUnit.update',
        entityType: 'orgUnit',
        entityId: id,
        unitId: id,
        payload: changes,
      });
    });
    return toView({ ...unit, ...changes });
  }

  async subtree(caller: Caller, id: string, query: SubtreeQueryDto): Promise<Page<OrgUnitView>> {
    const root = await this.getVisible(caller, id);
    const limit = query.limit ?? 100;
    const afterPath = query.cursor ? decodeCursor(query.cursor) : undefined;
    if (query.cursor && (!afterPath || !afterPath.startsWith(root.path))) {
      throw DomainError.invalid('cursor', 'cursor', 'cursor does not belong to this subtree');
    }
    const items = await this.units.findSubtreePage(root.path, {
      level: query.level,
      type: query.type,
      nameContains: query.q,
      afterPath,
      limit,
    });
    const last = items[items.length - 1];
    return {
      items: items.map(toView),
      nextCursor: items.length === limit && last ? encodeCursor(last.path) : null,
    };
  }

  async children(caller: Caller, id: string): Promise<ChildOrgUnitView[]> {
    await this.getVisible(caller, id);
    return (await this.units.findChildren(id)).map(({ unit, childCount }) => ({
      ...toView(unit),
      childCount,
    }));
  }

  /** Checks that the referenced guiding org and commission exist (and the commission is visible); returns the guide. */
  private async checkReferences(
    caller: Caller,
    guidingOrgId?: string,
    commissionId?: string,
  ): Promise<OrgUnit | undefined> {
    let guide: OrgUnit | undefined;
    if (guidingOrgId) {
      guide = (await this.units.findById(guidingOrgId)) ?? undefined;
      if (!guide)
        throw DomainError.invalid('guidingOrgId', 'exists', `guiding org ${guidingOrgId} does not exist`);
    }
    if (commissionId) {
      const commission = await this.dataSource.getRepository(Commission).findOneBy({ id: commissionId });
      if (!commission)
        throw DomainError.invalid('commissionId', 'exists', `commission ${commissionId} does not exist`);
      const host = await this.units.findById(commission.hostUnitId);
      if (host) this.scope.assertCanSee(caller, host);
    }
    return guide;
  }
}

export function toView(unit: Omit<OrgUnit, 'createdAt'>): OrgUnitView {
  return {
    id: unit.id,
    code: unit.code,
    name: unit.name,
    level: unit.level,
    type: unit.type,
    partyOrgType: unit.partyOrgType,
    leadingOrgId: unit.leadingOrgId,
    guidingOrgId: unit.guidingOrgId,
    commissionId: unit.commissionId,
    path: unit.path,
    depth: unit.depth,
  };
}

function encodeCursor(path: string): string {
  return Buffer.from(path, 'utf8').toString('base64url');
}

/** A materialised path: one or more unit ids, each between slashes. */
const UNIT_PATH = /^(\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})+\/$/;

function decodeCursor(cursor: string): string | undefined {
  const path = Buffer.from(cursor, 'base64url').toString('utf8');
  return UNIT_PATH.test(path) ? path : undefined;
}
