import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Caller } from '@dutychain/auth';
import { CurrentCaller, RequireRoles } from '@dutychain/auth';
import { UuidParamPipe } from '@dutychain/http';
import type { ReplyReceipt, ReviewResult } from '@dutychain/temporal';
import {
  AcceptReplyDto,
  IssueNoticeDto,
  ListNoticesQueryDto,
  OverdueMarksQueryDto,
  ReplyDto,
  ReturnReplyDto,
  WithdrawNoticeDto,
} from './notice.dto';
import type { NoticeDetail, NoticeLoopView, NoticeView } from './notices.service';
import { NoticesService } from './notices.service';

@ApiTags('copy-notify and reply (抄告/回告)')
@ApiBearerAuth()
@ApiSecurity('apiKey')
@Controller()
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  /** The commission issues a notice about a unit; addressees come from the org directory. */
  @Post('notices')
  @RequireRoles(['commissionStaff'])
  issue(@CurrentCaller() caller: Caller, @Body() dto: IssueNoticeDto): Promise<NoticeView> {
    return this.notices.issue(caller, dto);
  }

  @Get('notices')
  list(@CurrentCaller() caller: Caller, @Query() query: ListNoticesQueryDto): Promise<NoticeView[]> {
    return this.notices.list(caller, query);
  }

  /** The notice, its addressees, every reply and every step: for both sides. */
  @Get('notices/:id')
  detail(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string): Promise<NoticeDetail> {
    return this.notices.detail(caller, id);
  }

  /** An addressee replies (回告); the answer is the receipt. */
  @Post('notices/:id/replies')
  @HttpCode(200)
  reply(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ReplyDto,
  ): Promise<ReplyReceipt> {
    return this.notices.reply(caller, id, dto.content);
  }

  @Post('notices/:id/replies/:replyId/accept')
  @HttpCode(200)
  @RequireRoles(['commissionStaff'])
  accept(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParamPipe) id: string,
    @Param('replyId', UuidParamPipe) replyId: string,
    @Body() dto: AcceptReplyDto,
  ): Promise<ReviewResult> {
    return this.notices.review(caller, id, replyId, 'accept', dto.note);
  }

  @Post('notices/:id/replies/:replyId/return')
  @HttpCode(200)
  @RequireRoles(['commissionStaff'])
  returnReply(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParamPipe) id: string,
    @Param('replyId', UuidParamPipe) replyId: string,
    @Body() dto: ReturnReplyDto,
  ): Promise<ReviewResult> {
    return this.notices.review(caller, id, replyId, 'return', dto.reasons);
  }

  @Post('notices/:id/withdraw')
  @HttpCode(200)
  @RequireRoles(['commissionStaff'])
  withdraw(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: WithdrawNoticeDto,
  ): Promise<NoticeView> {
    return this.notices.withdraw(caller, id, dto.reason);
  }

  /**
   * Ops: starts the reply loop of a stored notice whose start failed, or again after its run failed
   * before recording a step (`loop`: started, restarted or running); 409 naming why otherwise.
   */
  @Post('notices/:id/loop')
  @HttpCode(200)
  @RequireRoles(['ops', 'commissionStaff'])
  ensureLoop(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<NoticeLoopView> {
    return this.notices.ensureLoop(caller, id);
  }

  /** Overdue replies, the marks appraisal reads. */
  @Get('overdue-marks')
  overdueMarks(@CurrentCaller() caller: Caller, @Query() query: OverdueMarksQueryDto): Promise<unknown[]> {
    return this.notices.overdueMarks(caller, query);
  }
}
