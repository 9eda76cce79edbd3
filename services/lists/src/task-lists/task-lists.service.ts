import { Injectable } from '@nestjs/common';
import { Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import { DataSource } from 'typeorm';
import type { Repository } from 'typeorm';
import type { Caller } from '@dutychain/auth';
import { OrgDirectoryClient } from '@dutychain/service-kit';
import { assertRuns, assertSees, AuditLog } from '@dutychain/auth';
import { DomainError } from '@dutychain/http';
import { cycleWorkflowId, publishTaskListUpdate } from '@dutychain/temporal';
import { SupervisionItem } from './supervision-item.entity';
import { SupervisionList } from './supervision-list.entity';
import type { CreateSupervisionListDto, CreateTaskListDto, TaskItemDto, TaskListView } from './task-list.dto';
import { TaskItem } from './task-item.entity';
import { TaskList } from './task-list.entity';

export interface PublishedTaskList extends TaskListView {
  /** What the unit's yearly cycle said to the publication (define closes on it), if a cycle runs. */
  cycle: { notified: boolean; accepted: boolean; reason: string | null };
}

/** Committee task lists (drafted, then published by the committee) and commission supervision lists. */
@Injectable()
export class TaskListsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly org: OrgDirectoryClient,
    private readonly audit: AuditLog,
    private readonly temporal: Client,
  ) {}

  async create(caller: Caller, dto: CreateTaskListDto): Promise<TaskListView> {
    const unit = await this.org.runnableUnit(caller, dto.unitId);
    const id = await this.dataSource.transaction(async (manager) => {
      const list = await manager.getRepository(TaskList).save(
        manager.getRepository(TaskList).create({
          unitId: unit.id,
          unitPath: unit.path,
          year: dto.year,
          title: dto.title,
          status: 'draft',
          createdBy: caller.id,
        }),
      );
      await this.insertItems(manager.getRepository(TaskItem), list.id, dto.items);
      await this.audit.record(manager, caller, {
        action: 'taskList.created',
        entityType: 'taskList',
        entityId: list.id,
        unitId: unit.id,
        payload: { year: dto.year, title: dto.title, items: dto.items.length },
      });
      return list.id;
    });
    return this.view(id);
  }

  async get(caller: Caller, id: string): Promise<TaskListView> {
    const list = await this.find(id);
    assertSees(caller, list.unitPath);
    return this.view(id);
  }

  async forUnit(caller: Caller, unitId: string, year: number): Promise<TaskListView> {
    await this.org.visibleUnit(caller, unitId);
    const list = await this.dataSource.getRepository(TaskList).findOneBy({ unitId, year });
    if (!list) throw DomainError.notFound('task list of unit', `${unitId} for ${year}`);
    return this.view(list.id);
  }

  async replaceItems(caller: Caller, id: string, items: TaskItemDto[]): Promise<TaskListView> {
    await this.dataSource.transaction(async (manager) => {
      const list = await manager
        .getRepository(TaskList)
        .createQueryBuilder('l')
        .setLock('pessimistic_write')
        .where('l.id = :id', { id })
        .getOne();
      if (!list) throw DomainError.notFound('task list', id);
      assertRuns(caller, list.unitPath, `task list ${id}`);
      if (list.status === 'published') {
        throw DomainError.conflict(
          'items',
          'taskList.published',
          'a published task list is final: its items no longer change',
        );
      }
      await manager.getRepository(TaskItem).delete({ taskListId: id });
      await this.insertItems(manager.getRepository(TaskItem), id, items);
      await this.audit.record(manager, caller, {
        action: 'taskList.itemsReplaced',
        entityType: 'taskList',
        entityId: id,
        unitId: list.unitId,
        payload: { items: items.length },
      });
    });
    return this.view(id);
  }

  /** The committee publishes (approves) its list; then the unit's cycle hears of it, closing define. */
  async publish(caller: Caller, id: string): Promise<PublishedTaskList> {
    const list = await this.dataSource.transaction(async (manager) => {
      const found = await manager
        .getRepository(TaskList)
        .createQueryBuilder('l')
        .setLock('pessimistic_write')
        .where('l.id = :id', { id })
        .getOne();
      if (!found) throw DomainError.notFound('task list', id);
      assertRuns(caller, found.unitPath, `task list ${id}`);
      if (found.status === 'published') {
        throw DomainError.conflict('status', 'taskList.publishOnce', `task list ${id} is already published`);
      }
      const count = await manager.getRepository(TaskItem).countBy({ taskListId: id });
      if (count === 0) {
        throw DomainError.rule('taskList.notEmpty', 'a task list without items cannot be published', 'items');
      }
      await manager
        .getRepository(TaskList)
        .update(id, { status: 'published', publishedBy: caller.id, publishedAt: new Date() });
      await this.audit.record(manager, caller, {
        action: 'taskList.published',
        entityType: 'taskList',
        entityId: id,
        unitId: found.unitId,
        payload: { items: count },
      });
      return { ...found, count };
    });
    const cycle = await this.tellCycle(list.unitId, list.year, id, list.count, caller.id);
    return { ...(await this.view(id)), cycle };
  }

  async createSupervisionList(caller: Caller, dto: CreateSupervisionListDto): Promise<unknown> {
    const unit = await this.org.runnableUnit(caller, dto.unitId);
    const linked = dto.items.map((i) => i.taskItemId).filter((x): x is string => !!x);
    if (linked.length > 0) {
      const rows: { id: string; unit_id: string; year: number }[] = await this.dataSource.query(
        `SELECT i.id, l.unit_id, l.year FROM lists.task_item i JOIN lists.task_list l ON l.id = i.task_list_id
         WHERE i.id = ANY($1::uuid[])`,
        [linked],
      );
      dto.items.forEach((item, index) => {
        if (!item.taskItemId) return;
        const row = rows.find((r) => r.id === item.taskItemId);
        if (!row || row.unit_id !== unit.id || row.year !== dto.year) {
          throw DomainError.rule(
            'supervisionItem.sameUnit',
            `items[${index}].taskItemId must be an item of ${unit.name}'s own task list for ${dto.year}`,
            `items[${index}].taskItemId`,
          );
        }
      });
    }
    const id = await this.dataSource.transaction(async (manager) => {
      const list = await manager.getRepository(SupervisionList).save(
        manager.getRepository(SupervisionList).create({
          unitId: unit.id,
          unitPath: unit.path,
          year: dto.year,
          title: dto.title,
          createdBy: caller.id,
        }),
      );
      await manager.getRepository(SupervisionItem).insert(
        dto.items.map((item, index) => ({
          supervisionListId: list.id,
          seq: index + 1,
          content: item.content,
          method: item.method ?? null,
          taskItemId: item.taskItemId ?? null,
        })),
      );
      await this.audit.record(manager, caller, {
        action: 'supervisionList.created',
        entityType: 'supervisionList',
        entityId: list.id,
        unitId: unit.id,
        payload: { year: dto.year, items: dto.items.length },
      });
      return list.id;
    });
    return this.supervisionView(id);
  }

  async getSupervisionList(caller: Caller, id: string): Promise<unknown> {
    const list = await this.dataSource.getRepository(SupervisionList).findOneBy({ id });
    if (!list) throw DomainError.notFound('supervision list', id);
    assertSees(caller, list.unitPath);
    return this.supervisionView(id);
  }

  private async supervisionView(id: string): Promise<unknown> {
    const list = await this.dataSource.getRepository(SupervisionList).findOneByOrFail({ id });
    const items = await this.dataSource
      .getRepository(SupervisionItem)
      .find({ where: { supervisionListId: id }, order: { seq: 'ASC' } });
    return {
      id: list.id,
      unitId: list.unitId,
      year: list.year,
      title: list.title,
      items: items.map((i) => ({
        id: i.id,
        seq: i.seq,
        content: i.content,
        method: i.method,
        taskItemId: i.taskItemId,
      })),
    };
  }

  private async tellCycle(
    unitId: string,
    year: number,
    taskListId: string,
    itemCount: number,
    publishedBy: string,
  ): Promise<PublishedTaskList['cycle']> {
    try {
      await this.temporal.workflow
        .getHandle(cycleWorkflowId(unitId, year))
        .executeUpdate(publishTaskListUpdate, { args: [{ taskListId, itemCount, publishedBy }] });
      return { notified: true, accepted: true, reason: null };
    } catch (error) {
      if (error instanceof WorkflowNotFoundError)
        return { notified: false, accepted: false, reason: 'no cycle runs for this unit and year' };
      if (error instanceof WorkflowUpdateFailedError) {
        const reason = error.cause instanceof Error ? error.cause.message : error.message;
        return { notified: true, accepted: false, reason };
      }
      return {
        notified: false,
        accepted: false,
        reason: error instanceof Error ? error.message : String(error),
      };
    }
  }

  private async insertItems(
    repo: Repository<TaskItem>,
    taskListId: string,
    items: TaskItemDto[],
  ): Promise<void> {
    if (items.length === 0) return;
    await repo.insert(
      items.map((item, index) => ({
        taskListId,
        seq: index + 1,
        aspect: item.aspect,
        content: item.content,
        leadDepartment: item.leadDepartment,
        deadline: item.deadline ?? null,
      })),
    );
  }

  private async find(id: string): Promise<TaskList> {
    const list = await this.dataSource.getRepository(TaskList).findOneBy({ id });
    if (!list) throw DomainError.notFound('task list', id);
    return list;
  }

  async view(id: string): Promise<TaskListView> {
    const list = await this.find(id);
    const items = await this.dataSource
      .getRepository(TaskItem)
      .find({ where: { taskListId: id }, order: { seq: 'ASC' } });
    return {
      id: list.id,
      unitId: list.unitId,
      year: list.year,
      title: list.title,
      status: list.status,
      publishedBy: list.publishedBy,
      publishedAt: list.publishedAt?.toISOString() ?? null,
      items: items.map((i) => ({
        id: i.id,
        seq: i.seq,
        aspect: i.aspect,
        content: i.content,
        leadDepartment: i.leadDepartment,
        deadline: i.deadline,
      })),
    };
  }
}
