import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Caller } from '@dutychain/auth';
import {
  assertMaySetGuidance,
  assertReferenceRun,
  assertReferenceSeen,
  assertRuns,
  assertSees,
  AuditLog,
  isGlobal,
} from '@dutychain/auth';
import { DomainError } from '@dutychain/http';
import { Commission } from '../commissions/commission.entity';
import type { CreateOrgUnitDto, Page, SubtreeQueryDto, UpdateOrgUnitDto } from './org-unit.dto';
import type { OrgUnit } from './org-unit.entity';
import { OrgUnitRepository } from './org-unit.repository';
import type { ChildOrgUnitView, OrgUnitView } from '@dutychain/org-contract';

@Injectable()
export class OrgUnitsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly units: OrgUnitRepository,
    private readonly audit: AuditLog,
  ) {}

  /** Loads a unit whatever the caller's scope: only for callers that decided visibility another way. */
  async getUnchecked(id: string): Promise<OrgUnit> {
    const unit = await this.units.findById(id);
    if (!unit) throw DomainError.notFound('org unit', id);
    return unit;
  }

  /** Loads a unit the caller may see (a neutral 403 for one out of sight). */
  async getVisible(caller: Caller, id: string): Promise<OrgUnit> {
    const unit = await this.units.findById(id);
    if (!unit) throw DomainError.notFound('org unit', id);
    assertSees(caller, unit.path);
    return unit;
  }

  async getVisibleByCode(caller: Caller, code: string): Promise<OrgUnit> {
    const [unit] = await this.units.findByCodes([code]);
    if (!unit) throw DomainError.notFound('org unit with code', code);
    assertSees(caller, unit.path);
    return unit;
  }

  /** Loads a unit the caller runs: 403 out of sight, GUIDING_ORG_READ_ONLY when only guided. */
  async getRunnable(caller: Caller, id: string): Promise<OrgUnit> {
    const unit = await this.units.findById(id);
    if (!unit) throw DomainError.notFound('org unit', id);
    assertRuns(caller, unit.path, unit.name);
    return unit;
  }

  /**
   * A unit named by a field of the request: 400 when it does not exist, a neutral 403 naming the
   * field when it lies outside what the caller must see (or run) for that field.
   */
  async getReferenced(caller: Caller, field: string, id: string, needs: 'see' | 'run'): Promise<OrgUnit> {
    const unit = await this.units.findById(id);
    if (!unit) throw DomainError.invalid(field, 'exists', `org unit ${id} does not exist`);
    if (needs === 'run') assertReferenceRun(caller, field, [unit.path], unit.name);
    else assertReferenceSeen(caller, field, [unit.path]);
    return unit;
  }

  async create(caller: Caller, dto: CreateOrgUnitDto): Promise<OrgUnitView> {
    let parent: OrgUnit | undefined;
    if (dto.leadingOrgId) {
      parent = await this.getRunnable(caller, dto.leadingOrgId);
    } else if (!isGlobal(caller)) {
      throw DomainError.invalid(
        'leadingOrgId',
        'required',
        'leadingOrgId is required: only a global admin may create a root unit',
      );
    }
    const id = randomUUID();
    const path = `${parent?.path ?? '/'}${id}/`;
    await this.checkReferences(caller, path, dto.guidingOrgId, dto.commissionId);
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
      path,
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
      unit.path,
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

  /**
   * Checks the guiding org and commission a unit at `unitPath` is linked to: both exist, the caller
   * runs the unit and the guide (guidance opens the unit to its guide), and sees the commission's
   * host. Returns the guide.
   */
  private async checkReferences(
    caller: Caller,
    unitPath: string,
    guidingOrgId?: string,
    commissionId?: string,
  ): Promise<OrgUnit | undefined> {
    let guide: OrgUnit | undefined;
    if (guidingOrgId) {
      guide = (await this.units.findById(guidingOrgId)) ?? undefined;
      if (!guide)
        throw DomainError.invalid('guidingOrgId', 'exists', `guiding org ${guidingOrgId} does not exist`);
      assertMaySetGuidance(caller, unitPath, guide.path);
    }
    if (commissionId) {
      const commission = await this.dataSource.getRepository(Commission).findOneBy({ id: commissionId });
      if (!commission)
        throw DomainError.invalid('commissionId', 'exists', `commission ${commissionId} does not exist`);
      const host = await this.units.findById(commission.hostUnitId);
      assertReferenceSeen(caller, 'commissionId', host ? [host.path] : []);
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
