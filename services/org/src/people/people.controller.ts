import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Caller } from '@dutychain/auth';
import { CurrentCaller, RequireRoles } from '@dutychain/auth';
import { UuidParamPipe } from '@dutychain/http';
import { CreatePersonDto, SearchPeopleQueryDto } from './person.dto';
import { PeopleService } from './people.service';
import { todayIso } from '../org-units/today';
import type { PersonDetailView, PersonView } from '@dutychain/org-contract';

@ApiTags('people')
@ApiBearerAuth()
@ApiSecurity('apiKey')
@Controller('people')
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Post()
  @RequireRoles(['committeeStaff'])
  create(@CurrentCaller() caller: Caller, @Body() dto: CreatePersonDto): Promise<PersonView> {
    return this.people.create(caller, dto);
  }

  @Get()
  search(@CurrentCaller() caller: Caller, @Query() query: SearchPeopleQueryDto): Promise<PersonView[]> {
    return this.people.search(caller, query.q, todayIso());
  }

  @Get(':id')
  detail(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string): Promise<PersonDetailView> {
    return this.people.detail(caller, id);
  }
}
