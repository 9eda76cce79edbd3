import { Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowUpdateFailedError } from '@temporalio/client';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdConflictPolicy,
  WorkflowNotFoundError,
} from '@temporalio/common';
import type { Caller } from '@dutychain/auth';
import { assertWorkflowInput, DomainError, ErrorCode, isTemporalUnavailable } from '@dutychain/http';
import type { DirectoryUnit } from '@dutychain/service-kit';
import { OrgDirectoryClient, ancestorsOf } from '@dutychain/service-kit';
import {
  approveRiskListUpdate,
  returnRiskListUpdate,
  RISK_LIST_WORKFLOW_TYPE,
  riskListInputProblems,
  riskListStartOptions,
  riskListStateQuery,
  riskListWorkflowId,
  submitRiskListUpdate,
} from '@dutychain/temporal';
import type { RiskListInput, RiskListReceipt, RiskListState } from '@dutychain/temporal';
import { teamMembersOf } from './approver-rule';
import { ListsConfig } from '../lists.config';
import type { StartRiskListsDto } from './risk-list.dto';

type Handle = ReturnType<Client['workflow']['getHandle']>;

export interface StartedRiskLists {
  units: number;
  people: number;
  started: number;
  alreadyRunning: number;
  failed: { personId: string; error: string }[];
}

const START_CONCURRENCY = 20;

/** The risk-list workflows: starting them, reading their state, sending people's decisions as updates. */
@Injectable()
export class RiskListProcess {
  private readonly logger = new Logger('RiskListProcess');

  constructor(
    private readonly client: Client,
    private readonly org: OrgDirectoryClient,
    private readonly config: ListsConfig,
  ) {}

  /** Starts the list workflow of every member of the unit's team (and of its subtree's teams); idempotent. */
  async start(caller: Caller, dto: StartRiskListsDto): Promise<StartedRiskLists> {
    const root = await this.org.runnableUnit(caller, dto.unitId);
    const units = dto.includeSubtree ? await this.org.subtree(root.id) : [root];
    const on = dto.on ?? new Date().toISOString().slice(0, 10);
    const result: StartedRiskLists = {
      units: units.length,
      people: 0,
      started: 0,
      alreadyRunning: 0,
      failed: [],
    };
    const compression = dto.yearLastsMs ?? this.config.defaultYearLastsMs;
    const inputs: RiskListInput[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < units.length; i += START_CONCURRENCY) {
      const teams = await Promise.all(
        units.slice(i, i + START_CONCURRENCY).map(async (unit) => ({
          unit,
          members: teamMembersOf(await this.org.team(unit.id, on, { on: 'on' })),
        })),
      );
      for (const { unit, members } of teams) {
        for (const member of members) {
          if (seen.has(member.personId)) continue; // one list per person and year, on their first team
          seen.add(member.personId);
          inputs.push(this.input(unit, member.personId, dto.year, compression));
        }
      }
    }
    result.people = inputs.length;
    // The workflow's own rule, before anything starts: no list starts only to fail on its input.
    for (const input of inputs)
      assertWorkflowInput(riskListInputProblems(input), { 'compression.yearLastsMs': 'yearLastsMs' });
    for (let i = 0; i < inputs.length; i += START_CONCURRENCY) {
      await Promise.all(
        inputs.slice(i, i + START_CONCURRENCY).map(async (input) => {
          try {
            await this.client.workflow.start(RISK_LIST_WORKFLOW_TYPE, {
              ...riskListStartOptions(input),
              taskQueue: this.config.workflowTaskQueue,
              // Counted apart: a running (or finished) list answers "already started".
              workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
            });
            result.started += 1;
          } catch (error) {
            // Temporal being away is no per-person failure: the whole request is a 503 to retry
            // (starting is idempotent, so lists started before the outage are not started twice).
            if (isTemporalUnavailable(error)) throw error;
            if (error instanceof WorkflowExecutionAlreadyStartedError) result.alreadyRunning += 1;
            else
              result.failed.push({
                personId: input.personId,
                error: error instanceof Error ? error.message : String(error),
              });
          }
        }),
      );
    }
    this.logger.log({
      msg: 'risk lists started',
      unitId: root.id,
      year: dto.year,
      ...result,
      failed: result.failed.length,
    });
    return result;
  }

  input(unit: DirectoryUnit, personId: string, year: number, yearLastsMs: number | undefined): RiskListInput {
    return {
      personId,
      year,
      unitId: unit.id,
      level: unit.level,
      leadingOrgId: unit.leadingOrgId,
      ancestors: ancestorsOf(unit),
      listsTaskQueue: this.config.taskQueue,
      compression: yearLastsMs === undefined ? null : { yearLastsMs },
      lockAfterDays: this.config.lockAfterDays,
    };
  }

  async state(personId: string, year: number): Promise<RiskListState> {
    return this.withWorkflow(personId, year, (handle) => handle.query(riskListStateQuery));
  }

  submit(personId: string, year: number, signerId: string, contentHash: string): Promise<RiskListReceipt> {
    return this.decide(personId, year, (handle) =>
      handle.executeUpdate(submitRiskListUpdate, { args: [{ signerId, contentHash }] }),
    );
  }

  approve(
    personId: string,
    year: number,
    approverId: string,
    comment: string | null,
  ): Promise<RiskListReceipt> {
    return this.decide(personId, year, (handle) =>
      handle.executeUpdate(approveRiskListUpdate, { args: [{ approverId, comment }] }),
    );
  }

  returnList(personId: string, year: number, approverId: string, comment: string): Promise<RiskListReceipt> {
    return this.decide(personId, year, (handle) =>
      handle.executeUpdate(returnRiskListUpdate, { args: [{ approverId, comment }] }),
    );
  }

  private async withWorkflow<T>(
    personId: string,
    year: number,
    action: (handle: Handle) => Promise<T>,
  ): Promise<T> {
    const workflowId = riskListWorkflowId(personId, year);
    try {
      return await action(this.client.workflow.getHandle(workflowId));
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) {
        throw new DomainError(ErrorCode.Conflict, `the list's workflow ${workflowId} is not running`, [
          {
            field: 'workflow',
            rule: 'workflow.running',
            message: `${workflowId} is not running (finished, or never started)`,
          },
        ]);
      }
      throw error;
    }
  }

  /** An update's refusal (validator, or the activity that persists) is a 409 naming the workflow's reason. */
  private async decide(
    personId: string,
    year: number,
    action: (handle: Handle) => Promise<RiskListReceipt>,
  ): Promise<RiskListReceipt> {
    try {
      return await this.withWorkflow(personId, year, action);
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError) {
        let cause: unknown = error.cause ?? error;
        while (cause instanceof Error && cause.cause instanceof Error) cause = cause.cause;
        const reason = cause instanceof Error ? cause.message : String(cause);
        throw DomainError.conflict('decision', 'refusedByWorkflow', reason);
      }
      throw error;
    }
  }
}
