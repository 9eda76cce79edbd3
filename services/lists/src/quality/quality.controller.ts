import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Caller } from '@dutychain/auth';
import { CurrentCaller, RequireRoles } from '@dutychain/auth';
import { UuidParamPipe } from '@dutychain/http';
import { BatchCheckDto, CloseOrderDto, FindingQueryDto, IssueOrderDto, OrderQueryDto } from './quality.dto';
import type { FindingView, OrderView } from './quality.service';
import { QualityService } from './quality.service';

@ApiTags('quality checks and supervision orders')
@ApiBearerAuth()
@ApiSecurity('apiKey')
@Controller()
export class QualityController {
  constructor(private readonly quality: QualityService) {}

  /** Checks every list of a subtree for a year (copies, near-copies, missing risk points, unclaimed items…). */
  @Post('quality-checks')
  @HttpCode(200)
  @RequireRoles(['committeeStaff', 'commissionStaff'])
  batch(@CurrentCaller() caller: Caller, @Body() dto: BatchCheckDto): ReturnType<QualityService['batch']> {
    return this.quality.batch(caller, dto);
  }

  @Get('quality-findings')
  findings(@CurrentCaller() caller: Caller, @Query() query: FindingQueryDto): Promise<FindingView[]> {
    return this.quality.findings(caller, query);
  }

  /** Turns findings (of one unit) into a supervision order (督办单) with a deadline. */
  @Post('supervision-orders')
  @RequireRoles(['committeeStaff', 'commissionStaff'])
  issue(@CurrentCaller() caller: Caller, @Body() dto: IssueOrderDto): Promise<OrderView> {
    return this.quality.issueOrder(caller, dto);
  }

  @Get('supervision-orders')
  orders(@CurrentCaller() caller: Caller, @Query() query: OrderQueryDto): Promise<OrderView[]> {
    return this.quality.orders(caller, query);
  }

  /** Closes an order once the problem is put right. */
  @Post('supervision-orders/:id/closure')
  @HttpCode(200)
  @RequireRoles(['committeeStaff', 'commissionStaff'])
  close(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CloseOrderDto,
  ): Promise<OrderView> {
    return this.quality.closeOrder(caller, id, dto.note);
  }
}
