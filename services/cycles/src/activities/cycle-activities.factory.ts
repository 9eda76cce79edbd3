import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  ChildUnitPage,
  CycleActivities,
  DeadlineEscalation,
  DeadlineReminder,
  ListChildUnitsInput,
  PhaseChangeRecord,
} from '@dutychain/temporal';
import { OrgDirectoryClient } from '@dutychain/service-kit';
import { CycleNotification } from './cycle-notification.entity';
import { CyclePhaseChange } from './cycle-phase-change.entity';

/**
 * The cycle's activities over this service's schema and the org directory. Every write is keyed by
 * the workflow's stable key, so a retried activity records once.
 */
@Injectable()
export class CycleActivitiesFactory {
  constructor(
    private readonly dataSource: DataSource,
    private readonly org: OrgDirectoryClient,
  ) {}

  create(): CycleActivities {
    return {
      notifyConcerned: (input) => this.notify('reminder', input.unitId, input),
      escalateToLeadingOrg: (input) => this.notify('escalation', input.leadingOrgId ?? input.unitId, input),
      recordPhaseChange: (input) => this.recordPhaseChange(input),
      listChildUnits: (input) => this.listChildUnits(input),
    };
  }

  private async notify(
    kind: 'reminder' | 'escalation',
    recipientUnitId: string,
    input: DeadlineReminder | DeadlineEscalation,
  ): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(CycleNotification)
      .values({
        key: input.key,
        kind,
        workflowId: input.workflowId,
        unitId: input.unitId,
        year: input.year,
        phase: input.phase,
        recipientUnitId,
        deadline: new Date(input.deadline),
        level: 'level' in input ? input.level : 'red',
      })
      .orIgnore()
      .execute();
  }

  private async recordPhaseChange(input: PhaseChangeRecord): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(CyclePhaseChange)
      .values({
        key: input.key,
        workflowId: input.workflowId,
        unitId: input.unitId,
        year: input.year,
        fromPhase: input.from,
        toPhase: input.to,
        at: new Date(input.at),
        by: input.by,
        reason: input.reason,
      })
      .orIgnore()
      .execute();
  }

  /** The level below, in the directory's order, paged by offset (children of one unit are hundreds at most). */
  private async listChildUnits(input: ListChildUnitsInput): Promise<ChildUnitPage> {
    const children = await this.org.children(input.unitId);
    const offset = input.cursor ? Number(input.cursor) : 0;
    const page = children.slice(offset, offset + input.limit);
    const next = offset + page.length;
    return {
      units: page.map((unit) => ({ unitId: unit.id, level: unit.level })),
      nextCursor: next < children.length ? String(next) : null,
    };
  }
}
