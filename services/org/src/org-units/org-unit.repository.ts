import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { escapeLike } from '@dutychain/auth';
import type { OrgLevel, OrgUnitType } from '@dutychain/domain';
import { OrgUnit } from './org-unit.entity';

export interface SubtreeFilter {
  level?: OrgLevel;
  type?: OrgUnitType;
  /** Substring of the name (Chinese works as is: no segmenter needed for a contains-search). */
  nameContains?: string;
  /** Keyset cursor: the path of the last unit of the previous page. */
  afterPath?: string;
  limit: number;
}

/** SQL over the org tree. Subtrees are path-prefix scans on an index, at any depth. */
@Injectable()
export class OrgUnitRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get units() {
    return this.dataSource.getRepository(OrgUnit);
  }

  findById(id: string, manager?: EntityManager): Promise<OrgUnit | null> {
    return (manager ?? this.dataSource).getRepository(OrgUnit).findOneBy({ id });
  }

  findByCodes(codes: string[], manager?: EntityManager): Promise<OrgUnit[]> {
    if (codes.length === 0) return Promise.resolve([]);
    return (manager ?? this.dataSource)
      .getRepository(OrgUnit)
      .createQueryBuilder('unit')
      .where('unit.code = ANY(:codes)', { codes })
      .getMany();
  }

  findSubtreePage(rootPath: string, filter: SubtreeFilter): Promise<OrgUnit[]> {
    const query = this.units
      .createQueryBuilder('unit')
      .where('unit.path LIKE :prefix', { prefix: `${escapeLike(rootPath)}%` })
      .orderBy('unit.path', 'ASC')
      .limit(filter.limit);
    if (filter.level) query.andWhere('unit.level = :level', { level: filter.level });
    if (filter.type) query.andWhere('unit.type = :type', { type: filter.type });
    if (filter.nameContains)
      query.andWhere('unit.name ILIKE :name', { name: `%${escapeLike(filter.nameContains)}%` });
    if (filter.afterPath) query.andWhere('unit.path > :after', { after: filter.afterPath });
    return query.getMany();
  }

  countSubtree(rootPath: string): Promise<number> {
    return this.units
      .createQueryBuilder('unit')
      .where('unit.path LIKE :prefix', { prefix: `${escapeLike(rootPath)}%` })
      .getCount();
  }

  /**
   * Children in Chinese (pinyin) order, the order people expect in a list of units, each with the
   * number of units it leads (a cascade skips asking again for the bottom level).
   */
  async findChildren(parentId: string): Promise<{ unit: OrgUnit; childCount: number }[]> {
    const { entities, raw } = await this.units
      .createQueryBuilder('unit')
      .addSelect(
        (sub) =>
          sub
            .select('count(*)::int')
            .from(OrgUnit, 'grandchild')
            .where('grandchild.leading_org_id = unit.id'),
        'child_count',
      )
      .where('unit.leading_org_id = :parentId', { parentId })
      .orderBy('unit.name COLLATE "zh-x-icu"', 'ASC')
      .getRawAndEntities<{ unit_id: string; child_count: number }>();
    const counts = new Map(raw.map((row) => [row.unit_id, Number(row.child_count)]));
    return entities.map((unit) => ({ unit, childCount: counts.get(unit.id) ?? 0 }));
  }

  /** Paths of units guided from inside `rootPath` but led from outside it (dual management). */
  async guidedPathsOutside(rootPath: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ path: string }[]>(
      `SELECT guided.path FROM org.org_unit guided
         JOIN org.org_unit guide ON guide.id = guided.guiding_org_id
        WHERE guide.path LIKE $1 AND guided.path NOT LIKE $1`,
      [`${escapeLike(rootPath)}%`],
    );
    return rows.map((row) => row.path);
  }

  async insert(manager: EntityManager, unit: Omit<OrgUnit, 'createdAt'>): Promise<void> {
    await manager.getRepository(OrgUnit).insert(unit);
  }

  async update(manager: EntityManager, id: string, changes: Partial<OrgUnit>): Promise<void> {
    await manager.getRepository(OrgUnit).update({ id }, changes);
  }
}
