import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Caller } from '@dutychain/auth';
import { CurrentCaller } from '@dutychain/auth';
import { UuidParamPipe } from '@dutychain/http';
import { OnDateQueryDto } from '../posts/post.dto';
import { todayIso } from '../org-units/today';
import { ResponsibilityChainService } from './responsibility-chain.service';
import type { ResponsibilityChainView } from '@dutychain/org-contract';

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
  ): Promise<ResponsibilityChainView> {
    return this.chains.chainOn(caller, id, query.date ?? todayIso());
  }
}
