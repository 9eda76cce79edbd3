import { Injectable } from '@nestjs/common';
import { Client, isGrpcServiceError, WorkflowUpdateFailedError } from '@temporalio/client';
import { executionInfoFromRaw } from '@temporalio/client/lib/helpers';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdReusePolicy,
  WorkflowNotFoundError,
} from '@temporalio/common';
import type { Caller } from '@dutychain/auth';
import type { PhaseChange } from '@dutychain/temporal';
import {
  acknowledgeWarningSignal,
  ANNUAL_CYCLE_WORKFLOW_TYPE,
  confirmPhaseClosedUpdate,
  cycleStartOptions,
  cycleInputProblems,
  cycleStateQuery,
  cycleWorkflowId,
  describeInputProblems,
  publishTaskListUpdate,
  SEARCH_ATTRIBUTES,
} from '@dutychain/temporal';
import type { AnnualCycleInput, CycleState, DecisionResult } from '@dutychain/temporal';
import { assertWorkflowInput, DomainError, ErrorCode } from '@dutychain/http';
import { CyclesConfig } from '../cycles.config';
import type { DirectoryUnit } from '@dutychain/service-kit';
import { ancestorsOf, OrgDirectoryClient } from '@dutychain/service-kit';
import type {
  BulkActionDto,
  CycleFilter,
  CycleListItem,
  ListCyclesQueryDto,
  StartCycleDto,
} from './cycle.dto';
import { PageTokens } from './page-token';
import { assertBulkTargetsChosen } from './bulk-targets';

/** gRPC status codes with which Temporal answers a list whose page token it cannot use. */
const GRPC_UNKNOWN = 2; // the SQL visibility store when it cannot read the token
const GRPC_INVALID_ARGUMENT = 3;

type ListRequest = Parameters<Client['workflowService']['listWorkflowExecutions']>[0];

export interface StartedCycle {
  workflowId: string;
  runId: string;
  unitId: string;
  year: number;
  status: string;
}

/** Starting, finding, reading and steering yearly cycles, always within the caller's part of the tree. */
@Injectable()
export class CyclesService {
  private readonly pageTokens: PageTokens;

  constructor(
    private readonly client: Client,
    private readonly org: OrgDirectoryClient,
    private readonly config: CyclesConfig,
  ) {
    this.pageTokens = new PageTokens(config.authSecret);
  }

  async start(caller: Caller, dto: StartCycleDto): Promise<StartedCycle> {
    const unit = await this.org.runnableUnit(caller, dto.unitId);
    const input = this.cycleInput(unit, dto.year, dto.includeSubtree ?? true, dto.yearLastsMs);
    // The workflow's own rule, before it starts: a cycle never starts only to fail on its input.
    assertWorkflowInput(cycleInputProblems(input), { 'compression.yearLastsMs': 'yearLastsMs' });
    const workflowId = cycleWorkflowId(unit.id, dto.year);
    try {
      // With USE_EXISTING a second start while it runs returns the running workflow.
      await this.client.workflow.start(ANNUAL_CYCLE_WORKFLOW_TYPE, this.startOptions(input));
    } catch (error) {
      // A cycle that already finished is never run twice for the same unit and year: return it.
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    const description = await this.client.workflow.getHandle(workflowId).describe();
    return {
      workflowId,
      runId: description.runId,
      unitId: unit.id,
      year: dto.year,
      status: description.status.name,
    };
  }

  async list(
    caller: Caller,
    query: ListCyclesQueryDto,
  ): Promise<{ items: CycleListItem[]; nextPageToken: string | null }> {
    const visibility = await this.visibilityQuery(caller, query);
    const position =
      query.pageToken === undefined ? undefined : this.pageTokens.decode(query.pageToken, visibility);
    if (query.pageToken !== undefined && position === undefined) throw invalidPageToken();
    const response = await this.listPage({
      namespace: this.client.options.namespace,
      query: visibility,
      pageSize: query.limit ?? 100,
      nextPageToken: position,
    });
    const items = await Promise.all(
      response.executions.map(async (raw) => {
        const info = await executionInfoFromRaw(
          raw,
          this.client.options.loadedDataConverter,
          raw,
          this.client.options.namespace,
        );
        const attributes = info.typedSearchAttributes;
        return {
          workflowId: info.workflowId,
          runId: info.runId,
          unitId: attributes.get(SEARCH_ATTRIBUTES.unitId),
          year: attributes.get(SEARCH_ATTRIBUTES.year),
          level: attributes.get(SEARCH_ATTRIBUTES.level),
          phase: attributes.get(SEARCH_ATTRIBUTES.phase),
          overdue: attributes.get(SEARCH_ATTRIBUTES.overdue),
          status: info.status.name,
          startedAt: info.startTime?.toISOString() ?? null,
        };
      }),
    );
    return { items, nextPageToken: this.pageTokens.encode(response.nextPageToken, visibility) };
  }

  /**
   * One page of visibility. A token this service signed can still be refused by the server (its
   * visibility store was reset): when the same query without it answers, the token was the problem.
   */
  private async listPage(
    request: ListRequest,
  ): ReturnType<Client['workflowService']['listWorkflowExecutions']> {
    try {
      return await this.client.workflowService.listWorkflowExecutions(request);
    } catch (error) {
      const code: number | undefined = isGrpcServiceError(error) ? error.code : undefined;
      const byToken =
        request.nextPageToken !== undefined && (code === GRPC_INVALID_ARGUMENT || code === GRPC_UNKNOWN);
      if (!byToken) throw error;
      try {
        await this.client.workflowService.listWorkflowExecutions({
          ...request,
          nextPageToken: undefined,
          pageSize: 1,
        });
      } catch {
        throw error;
      }
      throw invalidPageToken();
    }
  }

  async count(caller: Caller, filter: CycleFilter): Promise<number> {
    return (await this.client.workflow.count(await this.visibilityQuery(caller, filter))).count;
  }

  async state(caller: Caller, unitId: string, year: number): Promise<CycleState> {
    await this.org.visibleUnit(caller, unitId);
    return this.withCycle(unitId, year, (handle) => handle.query(cycleStateQuery));
  }

  async history(caller: Caller, unitId: string, year: number): Promise<PhaseChange[]> {
    return (await this.state(caller, unitId, year)).history;
  }

  async publishTaskList(
    caller: Caller,
    unitId: string,
    year: number,
    taskListId: string,
    itemCount: number,
  ): Promise<DecisionResult> {
    await this.org.runnableUnit(caller, unitId);
    return this.decide(unitId, year, (handle) =>
      handle.executeUpdate(publishTaskListUpdate, {
        args: [{ taskListId, itemCount, publishedBy: caller.id }],
      }),
    );
  }

  /** The leading org confirms a phase is closed: the caller acts for the unit's leading org. */
  async confirmPhase(
    caller: Caller,
    unitId: string,
    year: number,
    phase: CycleState['phase'],
    note?: string,
  ): Promise<DecisionResult> {
    const unit = await this.org.visibleUnit(caller, unitId);
    if (!unit.leadingOrgId || caller.unitId !== unit.leadingOrgId) {
      throw new DomainError(ErrorCode.OutsideScope, `only ${unit.name}'s leading org confirms its phases`);
    }
    return this.decide(unitId, year, (handle) =>
      handle.executeUpdate(confirmPhaseClosedUpdate, { args: [{ phase, confirmedBy: caller.unitId, note }] }),
    );
  }

  /** Ops: one action over every cycle matching a filter (bounded by CYCLES_BULK_ACTION_LIMIT). */
  async bulk(
    caller: Caller,
    dto: BulkActionDto,
  ): Promise<{ matched: number; succeeded: number; failed: { workflowId: string; error: string }[] }> {
    assertBulkTargetsChosen(dto);
    const query = await this.visibilityQuery(caller, dto.filter, dto.action === 'retry', true);
    const matched = (await this.client.workflow.count(query)).count;
    if (matched > this.config.bulkActionLimit) {
      throw DomainError.rule(
        'bulk.limit',
        `${matched} cycles match; narrow the filter to at most ${this.config.bulkActionLimit}`,
        'filter',
      );
    }
    let succeeded = 0;
    const failed: { workflowId: string; error: string }[] = [];
    for await (const info of this.client.workflow.list({ query })) {
      try {
        await this.applyBulkAction(
          caller,
          dto.action,
          info.workflowId,
          info.typedSearchAttributes.get(SEARCH_ATTRIBUTES.phase),
        );
        succeeded++;
      } catch (error) {
        failed.push({
          workflowId: info.workflowId,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
    return { matched, succeeded, failed };
  }

  private async applyBulkAction(
    caller: Caller,
    action: BulkActionDto['action'],
    workflowId: string,
    phase: string | undefined,
  ): Promise<void> {
    const handle = this.client.workflow.getHandle(workflowId);
    if (action === 'cancel') return handle.cancel().then(() => undefined);
    if (action === 'acknowledgeWarning') {
      if (!phase || phase === 'closed') return;
      return handle.signal(acknowledgeWarningSignal, {
        phase: phase as Exclude<CycleState['phase'], 'closed'>,
        by: caller.id,
      });
    }
    // retry: a cycle that failed, was cancelled or terminated runs again with its original input.
    const history = await handle.fetchHistory();
    const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    if (!payload)
      throw DomainError.conflict('workflowId', 'retry.recordedInput', `${workflowId} has no recorded input`);
    const input =
      this.client.options.loadedDataConverter.payloadConverter.fromPayload<AnnualCycleInput>(payload);
    await this.org.runnableUnit(caller, input.unitId);
    // A run whose recorded input breaks today's rule would only fail again: it is reported, not retried.
    const problems = cycleInputProblems(input);
    if (problems.length > 0)
      throw DomainError.conflict('workflowId', 'retry.inputInvalid', describeInputProblems(problems));
    await this.client.workflow.start(ANNUAL_CYCLE_WORKFLOW_TYPE, {
      ...this.startOptions(input),
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
    });
  }

  private startOptions(
    input: AnnualCycleInput,
  ): Omit<ReturnType<typeof cycleStartOptions>, 'taskQueue'> & { taskQueue: string } {
    return { ...cycleStartOptions(input), taskQueue: this.config.taskQueue };
  }

  private cycleInput(
    unit: DirectoryUnit,
    year: number,
    includeSubtree: boolean,
    yearLastsMs: number | undefined,
  ): AnnualCycleInput {
    const compression = yearLastsMs ?? this.config.defaultYearLastsMs;
    return {
      unitId: unit.id,
      year,
      level: unit.level,
      leadingOrgId: unit.leadingOrgId,
      ancestors: ancestorsOf(unit),
      compression: compression === undefined ? null : { yearLastsMs: compression },
      cascade: { enabled: includeSubtree },
    };
  }

  /**
   * The visibility query of a filter within the caller's scope. `acting` (a bulk action) narrows the
   * scope to the cycles the caller runs: a guiding org sees the cycles of the units it guides and
   * does not act on them.
   */
  private async visibilityQuery(
    caller: Caller,
    filter: CycleFilter,
    failedOnly = false,
    acting = false,
  ): Promise<string> {
    const clauses = [`WorkflowType = '${ANNUAL_CYCLE_WORKFLOW_TYPE}'`];
    // Every value below is a validated UUID, enum value or integer, so quoting is safe.
    if (filter.subtreeOf) {
      if (acting) await this.org.runnableUnit(caller, filter.subtreeOf, 'filter.subtreeOf');
      else await this.org.visibleUnit(caller, filter.subtreeOf, 'filter.subtreeOf');
      clauses.push(subtreeClause([filter.subtreeOf]));
    } else if (caller.unitPath !== '/') {
      const guided = acting
        ? []
        : caller.guidedUnitPaths.map((path) => path.split('/').filter(Boolean).pop() ?? '');
      clauses.push(subtreeClause([caller.unitId, ...guided.filter(Boolean)]));
    }
    if (filter.level) clauses.push(`${SEARCH_ATTRIBUTES.level.name} = '${filter.level}'`);
    if (filter.year !== undefined) clauses.push(`${SEARCH_ATTRIBUTES.year.name} = ${filter.year}`);
    if (filter.phase) clauses.push(`${SEARCH_ATTRIBUTES.phase.name} = '${filter.phase}'`);
    if (filter.overdue !== undefined) clauses.push(`${SEARCH_ATTRIBUTES.overdue.name} = ${filter.overdue}`);
    if (failedOnly) clauses.push(`ExecutionStatus IN ('Failed', 'Canceled', 'Terminated', 'TimedOut')`);
    else if (filter.running !== undefined)
      clauses.push(filter.running ? `ExecutionStatus = 'Running'` : `ExecutionStatus != 'Running'`);
    return clauses.join(' AND ');
  }

  private async withCycle<T>(
    unitId: string,
    year: number,
    action: (handle: ReturnType<Client['workflow']['getHandle']>) => Promise<T>,
  ): Promise<T> {
    try {
      return await action(this.client.workflow.getHandle(cycleWorkflowId(unitId, year)));
    } catch (error) {
      if (error instanceof WorkflowNotFoundError)
        throw DomainError.notFound('cycle', cycleWorkflowId(unitId, year));
      throw error;
    }
  }

  /** Updates answer the caller: a refused decision (validator or handler) is a 409 naming why. */
  private async decide(
    unitId: string,
    year: number,
    action: (handle: ReturnType<Client['workflow']['getHandle']>) => Promise<DecisionResult>,
  ): Promise<DecisionResult> {
    try {
      return await this.withCycle(unitId, year, action);
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError) {
        const reason = error.cause instanceof Error ? error.cause.message : error.message;
        throw DomainError.conflict('decision', 'refusedByCycle', reason);
      }
      throw error;
    }
  }
}

function subtreeClause(unitIds: string[]): string {
  const parts = unitIds.flatMap((id) => [
    `${SEARCH_ATTRIBUTES.unitId.name} = '${id}'`,
    `${SEARCH_ATTRIBUTES.unitAncestors.name} = '${id}'`,
  ]);
  return `(${parts.join(' OR ')})`;
}

function invalidPageToken(): DomainError {
  return DomainError.invalid(
    'pageToken',
    'valid',
    'pageToken is not a nextPageToken of this query that the server can continue from; start again without it',
  );
}
