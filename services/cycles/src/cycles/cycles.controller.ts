import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Caller } from '@dutychain/auth';
import { CurrentCaller, RequireRoles } from '@dutychain/auth';
import type { CycleState, DecisionResult, PhaseChange } from '@dutychain/temporal';
import type { CycleListItem } from './cycle.dto';
import {
  BulkActionDto,
  ConfirmPhaseDto,
  CycleFilterQueryDto,
  CycleKeyParams,
  ListCyclesQueryDto,
  PublishTaskListDto,
  StartCycleDto,
} from './cycle.dto';
import type { StartedCycle } from './cycles.service';
import { CyclesService } from './cycles.service';

@ApiTags('cycles')
@ApiBearerAuth()
@ApiSecurity('apiKey')
@Controller('cycles')
export class CyclesController {
  constructor(private readonly cycles: CyclesService) {}

  /** Starts a unit's cycle for a year (and its subtree's); starting it again returns the same run. */
  @Post()
  @HttpCode(200)
  @RequireRoles(['committeeStaff'])
  start(@CurrentCaller() caller: Caller, @Body() dto: StartCycleDto): Promise<StartedCycle> {
    return this.cycles.start(caller, dto);
  }

  @Get()
  list(
    @CurrentCaller() caller: Caller,
    @Query() query: ListCyclesQueryDto,
  ): Promise<{ items: CycleListItem[]; nextPageToken: string | null }> {
    return this.cycles.list(caller, query);
  }

  @Get('count')
  async count(
    @CurrentCaller() caller: Caller,
    @Query() filter: CycleFilterQueryDto,
  ): Promise<{ count: number }> {
    return { count: await this.cycles.count(caller, filter) };
  }

  @Post('bulk')
  @HttpCode(200)
  @RequireRoles(['ops'])
  @ApiOperation({
    summary: 'Ops: one action over the cycles a filter matches in your part of the org tree',
    description:
      '`filter` is a required object. acknowledgeWarning may use an empty filter (every cycle in your ' +
      'part). cancel and retry need at least one of subtreeOf, level, year, phase or overdue, or an ' +
      'empty filter with `"allInScope": true`; otherwise 400 naming `filter`, rule `notEmpty`. ' +
      'At most CYCLES_BULK_ACTION_LIMIT cycles may match (422, rule `bulk.limit`).',
  })
  bulk(@CurrentCaller() caller: Caller, @Body() dto: BulkActionDto): ReturnType<CyclesService['bulk']> {
    return this.cycles.bulk(caller, dto);
  }

  @Get(':unitId/:year')
  state(@CurrentCaller() caller: Caller, @Param() key: CycleKeyParams): Promise<CycleState> {
    return this.cycles.state(caller, key.unitId, key.year);
  }

  @Get(':unitId/:year/history')
  history(@CurrentCaller() caller: Caller, @Param() key: CycleKeyParams): Promise<PhaseChange[]> {
    return this.cycles.history(caller, key.unitId, key.year);
  }

  @Post(':unitId/:year/task-list-published')
  @HttpCode(200)
  @RequireRoles(['committeeStaff'])
  publishTaskList(
    @CurrentCaller() caller: Caller,
    @Param() key: CycleKeyParams,
    @Body() dto: PublishTaskListDto,
  ): Promise<DecisionResult> {
    return this.cycles.publishTaskList(caller, key.unitId, key.year, dto.taskListId, dto.itemCount);
  }

  @Post(':unitId/:year/phase-confirmations')
  @HttpCode(200)
  @RequireRoles(['committeeStaff'])
  confirmPhase(
    @CurrentCaller() caller: Caller,
    @Param() key: CycleKeyParams,
    @Body() dto: ConfirmPhaseDto,
  ): Promise<DecisionResult> {
    return this.cycles.confirmPhase(caller, key.unitId, key.year, dto.phase, dto.note);
  }
}
