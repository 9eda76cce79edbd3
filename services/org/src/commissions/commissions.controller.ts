import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Caller } from '@dutychain/auth';
import { CurrentCaller, RequireRoles } from '@dutychain/auth';
import { UuidParamPipe } from '@dutychain/http';
import type { CommissionDetailView, CommissionView } from './commission.dto';
import { CoveredUnitsQueryDto, CreateCommissionDto } from './commission.dto';
import { CommissionsService } from './commissions.service';

@ApiTags('commissions')
@ApiBearerAuth()
@ApiSecurity('apiKey')
@Controller()
export class CommissionsController {
  constructor(private readonly commissions: CommissionsService) {}

  @Post('commissions')
  @RequireRoles(['committeeStaff', 'commissionStaff'])
  create(@CurrentCaller() caller: Caller, @Body() dto: CreateCommissionDto): Promise<CommissionView> {
    return this.commissions.create(caller, dto);
  }

  @Get('commissions/:id')
  detail(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: CoveredUnitsQueryDto,
  ): Promise<CommissionDetailView> {
    return this.commissions.detail(caller, id, query);
  }

  @Get('org-units/:id/commissions')
  hostedBy(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<CommissionView[]> {
    return this.commissions.hostedBy(caller, id);
  }
}
