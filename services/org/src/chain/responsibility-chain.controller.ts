import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Caller } from '@dutychain/auth';
import { CurrentCaller } from '@dutychain/auth';
import { UuidParamPipe } from '@dutychain/http';
import { OnDateQueryDto } from '../posts/post.dto';
import { todayIso } from '../org-units/today';
import type { ResponsibilityChain } from './responsibility-chain.service';
import { ResponsibilityChainService } from './responsibility-chain.service';

@ApiTags('responsibility chain')
@ApiBearerAuth()
@ApiSecurity('apiKey')
@Controller('org-units/:id/responsibility-chain')
export class ResponsibilityChainController {
  constructor(private readonly chains: ResponsibilityChainService) {}

  @Get()
  chain(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: OnDateQueryDto,
  ): Promise<ResponsibilityChain> {
    return this.chains.chainOn(caller, id, query.date ?? todayIso());
  }
}
