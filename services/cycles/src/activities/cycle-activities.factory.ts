import { Injectable } from '@nestjs/common';
import { Context } from '@temporalio/activity';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { startChildCycles, startRiskListWorkflows } from '@dutychain/workflow-starters';
import type {
  ChildUnitPage,
  ChildUnitRef,
  CycleActivities,
  DeadlineEscalation,
  DeadlineReminder,
  ListChildUnitsInput,
  PhaseChangeRecord,
  StartChildCyclesInput,
  StartChildCyclesResult,
  StartRiskListsInput,
  StartRiskListsResult,
} from '@dutychain/temporal';
import { OrgDirectoryClient } from '@dutychain/service-kit';
import { CyclesConfig } from '../cycles.config';
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
    private readonly temporal: Client,
    private readonly config: CyclesConfig,
  ) {}

  create(): CycleActivities {
    return {
      notifyConcerned: (input) => this.notify('reminder', input.unitId, input),
      escalateToLeadingOrg: (input) => this.notify('escalation', input.leadingOrgId ?? input.unitId, input),
      recordPhaseChange: (input) => this.recordPhaseChanges([input]),
      recordPhaseChanges: (input) => this.recordPhaseChanges(input),
      listChildUnits: (input) => this.listChildUnits(input),
      startChildCycles: (input) => this.startChildCycles(input),
      startRiskLists: (input) => this.startRiskLists(input),
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

  private async recordPhaseChanges(records: PhaseChangeRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(CyclePhaseChange)
      .values(
        records.map((input) => ({
          key: input.key,
          workflowId: input.workflowId,
          unitId: input.unitId,
          year: input.year,
          fromPhase: input.from,
          toPhase: input.to,
          at: new Date(input.at),
          by: input.by,
          reason: input.reason,
        })),
      )
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
      units: page.map((unit): ChildUnitRef => ({
        unitId: unit.id,
        level: unit.level,
        childCount: unit.childCount,
      })),
      nextCursor: next < children.length ? String(next) : null,
    };
  }

  private async startChildCycles(input: StartChildCyclesInput): Promise<StartChildCyclesResult> {
    const page = await this.listChildUnits(input);
    const result = await startChildCycles(this.temporal, page.units, input, () =>
      Context.current().heartbeat(),
    );
    await this.recordPhaseChanges(result.records);
    return { started: result.started, alreadyRunning: result.alreadyRunning, nextCursor: page.nextCursor };
  }

  /** Every member of the unit's team on the date, once each (a person may hold two posts). */
  private async startRiskLists(input: StartRiskListsInput): Promise<StartRiskListsResult> {
    const team = await this.org.team(input.unitId, input.onDate, { on: 'onDate' });
    const personIds = [...new Set(team.map((post) => post.personId))];
    await startRiskListWorkflows(this.temporal, personIds, input, this.config.listsTaskQueue);
    return { personIds };
  }
}
