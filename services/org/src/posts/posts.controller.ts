import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Caller } from '@dutychain/auth';
import { CurrentCaller, RequireRoles } from '@dutychain/auth';
import { UuidParamPipe } from '@dutychain/http';
import type { OversightPair } from '../oversight/oversight-pair.entity';
import type { Supervision } from '../supervisions/supervision.entity';
import { todayIso } from '../org-units/today';
import {
  CreateOversightPairDto,
  CreatePostDto,
  CreateSupervisionDto,
  EndPeriodDto,
  EndPostDto,
  OnDateQueryDto,
} from './post.dto';
import { PostsService } from './posts.service';
import type { PostView } from '@dutychain/org-contract';

@ApiTags('posts')
@ApiBearerAuth()
@ApiSecurity('apiKey')
@Controller()
export class PostsController {
  constructor(private readonly posts: PostsService) {}

  @Post('posts')
  @RequireRoles(['committeeStaff'])
  create(@CurrentCaller() caller: Caller, @Body() dto: CreatePostDto): Promise<PostView> {
    return this.posts.create(caller, dto);
  }

  @Post('posts/:id/end')
  @RequireRoles(['committeeStaff'])
  end(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: EndPostDto,
  ): Promise<PostView> {
    return this.posts.end(caller, id, dto.endDate);
  }

  @Get('org-units/:id/team')
  team(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: OnDateQueryDto,
  ): Promise<PostView[]> {
    return this.posts.teamOn(caller, id, query.date ?? todayIso());
  }

  @Post('supervisions')
  @RequireRoles(['committeeStaff'])
  createSupervision(
    @CurrentCaller() caller: Caller,
    @Body() dto: CreateSupervisionDto,
  ): Promise<Supervision> {
    return this.posts.createSupervision(caller, dto);
  }

  @Post('supervisions/:id/end')
  @RequireRoles(['committeeStaff'])
  endSupervision(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: EndPeriodDto,
  ): Promise<Supervision> {
    return this.posts.endSupervision(caller, id, dto.endDate);
  }

  @Post('oversight-pairs')
  @RequireRoles(['committeeStaff'])
  createOversightPair(
    @CurrentCaller() caller: Caller,
    @Body() dto: CreateOversightPairDto,
  ): Promise<OversightPair> {
    return this.posts.createOversightPair(caller, dto);
  }

  @Post('oversight-pairs/:id/end')
  @RequireRoles(['committeeStaff'])
  endOversightPair(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: EndPeriodDto,
  ): Promise<OversightPair> {
    return this.posts.endOversightPair(caller, id, dto.endDate);
  }
}
