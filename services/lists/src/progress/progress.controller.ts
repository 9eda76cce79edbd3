import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Caller } from '@dutychain/auth';
import { CurrentCaller } from '@dutychain/auth';
import { TEXT_LIMITS } from '@dutychain/domain';
import { IsText, UuidParamPipe } from '@dutychain/http';
import { YearQueryDto } from '../common/year.dto';
import { ItemParams } from '../risk-lists/risk-list.dto';
import type { ProgressView } from './progress.service';
import { ProgressService } from './progress.service';

export class ProgressDto {
  @ApiProperty({
    example: '上半年已召开专题会议2次，约谈分管部门负责人5人次……',
    maxLength: TEXT_LIMITS.longText,
  })
  @IsText(TEXT_LIMITS.longText)
  content!: string;
}

@ApiTags('mid-year progress')
@ApiBearerAuth()
@ApiSecurity('apiKey')
@Controller()
export class ProgressController {
  constructor(private readonly progress: ProgressService) {}

  /** The owner reports mid-year progress on one item of their approved list (again: replaces it). */
  @Put('risk-lists/:id/items/:itemId/progress')
  report(
    @CurrentCaller() caller: Caller,
    @Param() params: ItemParams,
    @Body() dto: ProgressDto,
  ): Promise<ProgressView> {
    return this.progress.report(caller, params.id, params.itemId, dto.content);
  }

  @Get('risk-lists/:id/progress')
  forList(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string): Promise<ProgressView[]> {
    return this.progress.forList(caller, id);
  }

  /** Reports in a subtree that only repeat the year-start measures. */
  @Get('progress-reports/repeating')
  repeating(
    @CurrentCaller() caller: Caller,
    @Query() query: YearQueryDto,
  ): ReturnType<ProgressService['repeating']> {
    return this.progress.repeating(caller, query.year, query.unitId);
  }
}
