import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '@dutychain/http';
import { RiskItem } from './risk-item.entity';
import { RiskList } from './risk-list.entity';
import type { RiskListContent } from './risk-list-content';

/** Reads of risk lists and their items that the drafting API and the activities share. */
@Injectable()
export class RiskListStore {
  constructor(private readonly dataSource: DataSource) {}

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<RiskList> {
    const list = await manager.getRepository(RiskList).findOneBy({ id });
    if (!list) throw DomainError.notFound('risk list', id);
    return list;
  }

  /** The list row locked for the rest of the transaction: edits, signatures and decisions queue on it. */
  async lock(manager: EntityManager, id: string): Promise<RiskList> {
    const list = await manager
      .getRepository(RiskList)
      .createQueryBuilder('list')
      .setLock('pessimistic_write')
      .where('list.id = :id', { id })
      .getOne();
    if (!list) throw DomainError.notFound('risk list', id);
    return list;
  }

  items(listId: string, manager: EntityManager = this.dataSource.manager): Promise<RiskItem[]> {
    return manager.getRepository(RiskItem).find({ where: { riskListId: listId }, order: { seq: 'ASC' } });
  }

  async content(list: RiskList, manager: EntityManager = this.dataSource.manager): Promise<RiskListContent> {
    const items = await this.items(list.id, manager);
    return {
      listId: list.id,
      personId: list.personId,
      personName: list.personName,
      unitId: list.unitId,
      unitName: list.unitName,
      year: list.year,
      items: items.map((item) => ({
        seq: item.seq,
        source: item.source,
        taskItemId: item.taskItemId,
        content: item.content,
        riskPoints: item.riskPoints,
        measures: item.measures,
      })),
    };
  }
}
