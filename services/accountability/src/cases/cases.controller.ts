import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Caller } from '@dutychain/auth';
import { CurrentCaller, RequireRoles } from '@dutychain/auth';
import { UuidParamPipe } from '@dutychain/http';
import {
  AddExemptionDto,
  AddInvestigationDto,
  AddMeasureDto,
  CaseApprovalDto,
  CaseTransitionDto,
  InvestigationOutcomeDto,
  ListCasesQueryDto,
  OpenCaseDto,
} from './case.dto';
import type { CaseDetail, CaseRow } from './case.repository';
import { CasesService } from './cases.service';

@ApiTags('accountability cases (问责)')
@ApiBearerAuth()
@ApiSecurity('apiKey')
@Controller()
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  /** Opens a case by hand or from a petition; the chain is proposed as it stood on the violation's date. */
  @Post('cases')
  @RequireRoles(['commissionStaff'])
  open(@CurrentCaller() caller: Caller, @Body() dto: OpenCaseDto): Promise<CaseDetail> {
    return this.cases.open(caller, dto);
  }

  @Get('cases')
  list(@CurrentCaller() caller: Caller, @Query() query: ListCasesQueryDto): Promise<CaseRow[]> {
    return this.cases.list(caller, query);
  }

  @Get('cases/:id')
  detail(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string): Promise<CaseDetail> {
    return this.cases.detail(caller, id);
  }

  /** Lifelong accountability: every case a person is investigated in, wherever they are now. */
  @Get('people/:personId/cases')
  ofPerson(
    @CurrentCaller() caller: Caller,
    @Param('personId', UuidParamPipe) personId: string,
  ): Promise<(CaseRow & { roles: string[] })[]> {
    return this.cases.ofPerson(caller, personId);
  }

  @Post('cases/:id/investigations')
  @RequireRoles(['commissionStaff'])
  addInvestigation(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: AddInvestigationDto,
  ): Promise<CaseDetail> {
    return this.cases.addInvestigation(caller, id, dto);
  }

  @Post('cases/:id/investigations/:investigationId/outcome')
  @HttpCode(200)
  @RequireRoles(['commissionStaff'])
  recordOutcome(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParamPipe) id: string,
    @Param('investigationId', UuidParamPipe) investigationId: string,
    @Body() dto: InvestigationOutcomeDto,
  ): Promise<CaseDetail> {
    return this.cases.recordOutcome(caller, id, investigationId, dto);
  }

  @Post('cases/:id/measures')
  @RequireRoles(['commissionStaff'])
  addMeasure(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: AddMeasureDto,
  ): Promise<CaseDetail> {
    return this.cases.addMeasure(caller, id, dto);
  }

  /** 三个区分开来: an exemption or mitigation with its ground and reasons. */
  @Post('cases/:id/exemptions')
  @RequireRoles(['commissionStaff'])
  addExemption(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: AddExemptionDto,
  ): Promise<CaseDetail> {
    return this.cases.addExemption(caller, id, dto);
  }

  @Post('cases/:id/transitions')
  @HttpCode(200)
  @RequireRoles(['commissionStaff'])
  transition(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CaseTransitionDto,
  ): Promise<CaseDetail> {
    return this.cases.transition(caller, id, dto);
  }

  /** A leader other than whoever sent the case to review approves (or sends it back). */
  @Post('cases/:id/approvals')
  @HttpCode(200)
  @RequireRoles(['leader'])
  approve(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CaseApprovalDto,
  ): Promise<CaseDetail> {
    return this.cases.approve(caller, id, dto);
  }
}
