import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Caller } from '@dutychain/auth';
import { CurrentCaller, RequireRoles } from '@dutychain/auth';
import { TEXT_LIMITS } from '@dutychain/domain';
import { TextParamPipe, UuidParamPipe } from '@dutychain/http';
import type { Page } from './org-unit.dto';
import { CreateOrgUnitDto, SubtreeQueryDto, UpdateOrgUnitDto } from './org-unit.dto';
import { OrgUnitsService, toView } from './org-units.service';
import type { ChildOrgUnitView, OrgUnitView } from '@dutychain/org-contract';

@ApiTags('org units')
@ApiBearerAuth()
@ApiSecurity('apiKey')
@Controller('org-units')
export class OrgUnitsController {
  constructor(private readonly orgUnits: OrgUnitsService) {}

  @Post()
  @RequireRoles(['committeeStaff'])
  create(@CurrentCaller() caller: Caller, @Body() dto: CreateOrgUnitDto): Promise<OrgUnitView> {
    return this.orgUnits.create(caller, dto);
  }

  @Get('by-code/:code')
  async getByCode(
    @CurrentCaller() caller: Caller,
    @Param('code', new TextParamPipe(TEXT_LIMITS.code)) code: string,
  ): Promise<OrgUnitView> {
    return toView(await this.orgUnits.getVisibleByCode(caller, code));
  }

  @Get(':id')
  async get(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string): Promise<OrgUnitView> {
    return toView(await this.orgUnits.getVisible(caller, id));
  }

  @Patch(':id')
  @RequireRoles(['committeeStaff'])
  update(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateOrgUnitDto,
  ): Promise<OrgUnitView> {
    return this.orgUnits.update(caller, id, dto);
  }

  @Get(':id/subtree')
  subtree(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: SubtreeQueryDto,
  ): Promise<Page<OrgUnitView>> {
    return this.orgUnits.subtree(caller, id, query);
  }

  @Get(':id/children')
  children(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<ChildOrgUnitView[]> {
    return this.orgUnits.children(caller, id);
  }
}
