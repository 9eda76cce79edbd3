import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { OrgUnit } from '../org-units/org-unit.entity';
import { escapeLike } from '@dutychain/auth';
import { Commission } from './commission.entity';

/** Keyset position in a list ordered by name (pinyin), then id. */
export interface NameKey {
  name: string;
  id: string;
}

/** SQL about commissions and the units they cover. */
@Injectable()
export class CommissionRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string): Promise<Commission | null> {
    return this.dataSource.getRepository(Commission).findOneBy({ id });
  }

  /** Whether the commission covers the unit (a unit's own 纪委 may sit one level up). */
  async coversUnit(commissionId: string, unitId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM org.org_unit WHERE id = $1 AND commission_id = $2`,
      [unitId, commissionId],
    );
    return rows.length > 0;
  }

  async insert(manager: EntityManager, commission: Commission): Promise<void> {
    await manager.getRepository(Commission).insert(commission);
  }

  /** The commissions a unit hosts (its own 纪委, the groups it dispatches), in pinyin order. */
  hostedBy(unitId: string): Promise<Commission[]> {
    return this.dataSource
      .getRepository(Commission)
      .createQueryBuilder('commission')
      .where('commission.host_unit_id = :unitId', { unitId })
      .orderBy('commission.name COLLATE "zh-x-icu"', 'ASC')
      .addOrderBy('commission.id', 'ASC')
      .getMany();
  }

  /**
   * Units covered by the commission whose path starts with one of `visibleRoots` (the caller's own
   * subtree and the subtrees it guides), in pinyin order, one page after `after`.
   */
  coveredUnitsPage(
    commissionId: string,
    visibleRoots: string[],
    after: NameKey | undefined,
    limit: number,
  ): Promise<OrgUnit[]> {
    const query = this.dataSource
      .getRepository(OrgUnit)
      .createQueryBuilder('unit')
      .where('unit.commission_id = :commissionId', { commissionId })
      .andWhere('unit.path LIKE ANY(:prefixes)', {
        prefixes: visibleRoots.map((root) => `${escapeLike(root)}%`),
      })
      .orderBy('unit.name COLLATE "zh-x-icu"', 'ASC')
      .addOrderBy('unit.id', 'ASC')
      .limit(limit);
    if (after) {
      query.andWhere(
        '(unit.name COLLATE "zh-x-icu", unit.id) > (CAST(:afterName AS text) COLLATE "zh-x-icu", CAST(:afterId AS uuid))',
        { afterName: after.name, afterId: after.id },
      );
    }
    return query.getMany();
  }
}
