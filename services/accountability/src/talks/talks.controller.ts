import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Caller } from '@dutychain/auth';
import { CurrentCaller, RequireRoles } from '@dutychain/auth';
import { ListTalksQueryDto, RecordTalkDto } from './talk.dto';
import type { TalkRow } from './talks.service';
import { TalksService } from './talks.service';

@ApiTags('talks (提醒谈话, 约谈)')
@ApiBearerAuth()
@ApiSecurity('apiKey')
@Controller('talks')
export class TalksController {
  constructor(private readonly talks: TalksService) {}

  @Post()
  @RequireRoles(['commissionStaff', 'committeeStaff', 'leader'])
  record(@CurrentCaller() caller: Caller, @Body() dto: RecordTalkDto): Promise<TalkRow> {
    return this.talks.record(caller, dto);
  }

  @Get()
  list(@CurrentCaller() caller: Caller, @Query() query: ListTalksQueryDto): Promise<TalkRow[]> {
    return this.talks.list(caller, query);
  }
}
