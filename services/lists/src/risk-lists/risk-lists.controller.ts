import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Caller } from '@dutychain/auth';
import { CurrentCaller, RequireRoles } from '@dutychain/auth';
import { UuidParamPipe } from '@dutychain/http';
import type { RiskListReceipt, RiskListState } from '@dutychain/temporal';
import { XLSX_MIME } from '../task-lists/task-list-workbook';
import {
  ApproveDto,
  ClaimItemDto,
  ItemParams,
  ListRiskListsQueryDto,
  OwnItemDto,
  PersonYearParams,
  ReturnDto,
  RoundParams,
  StartRiskListsDto,
  SubmitDto,
  UpdateItemDto,
} from './risk-list.dto';
import type { StartedRiskLists } from './risk-list-process.service';
import { RiskListProcess } from './risk-list-process.service';
import { signedCopyWorkbook, statusWorkbook } from './risk-list-workbook';
import { YearQueryDto } from '../common/year.dto';
import type { RiskListRow, RiskListView } from './risk-lists.service';
import { RiskListsService } from './risk-lists.service';

@ApiTags('risk lists')
@ApiBearerAuth()
@ApiSecurity('apiKey')
@Controller('risk-lists')
export class RiskListsController {
  constructor(
    private readonly riskLists: RiskListsService,
    private readonly process: RiskListProcess,
  ) {}

  /** Starts the list workflow of every team member of a unit (optionally its subtree); idempotent. */
  @Post('workflows')
  @HttpCode(200)
  @RequireRoles(['committeeStaff'])
  start(@CurrentCaller() caller: Caller, @Body() dto: StartRiskListsDto): Promise<StartedRiskLists> {
    return this.process.start(caller, dto);
  }

  /** Lists of a year in your subtree (or `mine=true`: yours, and those waiting for your approval). */
  @Get()
  list(
    @CurrentCaller() caller: Caller,
    @Query() query: ListRiskListsQueryDto,
  ): Promise<{ items: RiskListRow[]; total: number }> {
    return this.riskLists.list(caller, query);
  }

  /** A subtree's lists and where each stands, as a workbook. */
  @Get('status.xlsx')
  async status(
    @CurrentCaller() caller: Caller,
    @Query() query: YearQueryDto,
    @Res() response: Response,
  ): Promise<void> {
    const rows = await this.riskLists.statusRows(caller, query.year, query.unitId);
    response.setHeader('Content-Type', XLSX_MIME);
    response.setHeader(
      'Content-Disposition',
      `attachment; filename*=UTF-8''${encodeURIComponent(`${query.year}年个人责任风险清单进度.xlsx`)}`,
    );
    response.send(await statusWorkbook(query.year, rows));
  }

  @Get('by-person/:personId/:year')
  byPerson(@CurrentCaller() caller: Caller, @Param() params: PersonYearParams): Promise<RiskListView> {
    return this.riskLists.forPerson(caller, params.personId, params.year);
  }

  @Get(':id')
  get(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string): Promise<RiskListView> {
    return this.riskLists.get(caller, id);
  }

  /** The process state from the list's workflow: colour, deadline, lock, rounds, history. */
  @Get(':id/state')
  state(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string): Promise<RiskListState> {
    return this.riskLists.state(caller, id);
  }

  /** The owner claims an item of their unit's published committee task list, with risk points and measures. */
  @Post(':id/claims')
  claim(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ClaimItemDto,
  ): Promise<RiskListView> {
    return this.riskLists.claim(caller, id, dto);
  }

  /** The owner adds an item of their own. */
  @Post(':id/items')
  addItem(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: OwnItemDto,
  ): Promise<RiskListView> {
    return this.riskLists.addOwn(caller, id, dto);
  }

  @Patch(':id/items/:itemId')
  updateItem(
    @CurrentCaller() caller: Caller,
    @Param() params: ItemParams,
    @Body() dto: UpdateItemDto,
  ): Promise<RiskListView> {
    return this.riskLists.updateItem(caller, params.id, params.itemId, dto);
  }

  @Delete(':id/items/:itemId')
  deleteItem(@CurrentCaller() caller: Caller, @Param() params: ItemParams): Promise<RiskListView> {
    return this.riskLists.deleteItem(caller, params.id, params.itemId);
  }

  /** The owner signs and submits (签字承诺); the receipt names the hash of exactly what was signed. */
  @Post(':id/submission')
  @HttpCode(200)
  submit(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: SubmitDto,
  ): ReturnType<RiskListsService['submit']> {
    return this.riskLists.submit(caller, id, dto.contentHash);
  }

  /** The approver named by the org directory approves (审核认定). */
  @Post(':id/approval')
  @HttpCode(200)
  approve(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ApproveDto,
  ): Promise<RiskListReceipt> {
    return this.riskLists.approve(caller, id, dto.comment);
  }

  /** The approver returns the list with comments, for another round. */
  @Post(':id/return')
  @HttpCode(200)
  returnList(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ReturnDto,
  ): Promise<RiskListReceipt> {
    return this.riskLists.returnList(caller, id, dto.comment);
  }

  /** The signed copy of a round as JSON (content, signer, time, hash). */
  @Get(':id/signatures/:round')
  async signature(@CurrentCaller() caller: Caller, @Param() params: RoundParams): Promise<unknown> {
    const { signature } = await this.riskLists.signature(caller, params.id, params.round);
    return {
      id: signature.id,
      round: signature.round,
      signerId: signature.signerId,
      signerName: signature.signerName,
      signedAt: signature.signedAt.toISOString(),
      contentHash: signature.contentHash,
      content: signature.content,
    };
  }

  /** The signed copy of a round as a workbook (the signer's copy). */
  @Get(':id/signatures/:round/copy.xlsx')
  async signedCopy(
    @CurrentCaller() caller: Caller,
    @Param() params: RoundParams,
    @Res() response: Response,
  ): Promise<void> {
    const { list, signature } = await this.riskLists.signature(caller, params.id, params.round);
    const name = `${list.year}年${list.personName}个人责任风险清单（第${signature.round}轮签字件）.xlsx`;
    response.setHeader('Content-Type', XLSX_MIME);
    response.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
    response.setHeader('X-Content-SHA256', signature.contentHash);
    response.send(await signedCopyWorkbook(signature));
  }
}
