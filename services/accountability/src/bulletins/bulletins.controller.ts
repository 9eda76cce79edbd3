import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Caller } from '@dutychain/auth';
import { CurrentCaller, RequireRoles } from '@dutychain/auth';
import { UuidParamPipe } from '@dutychain/http';
import { PdfRenderer } from '../pdf/pdf-renderer';
import { IssueBulletinDto } from './bulletin.dto';
import type { BulletinView } from './bulletins.service';
import { BulletinsService } from './bulletins.service';

@ApiTags('bulletins (点评通报)')
@ApiBearerAuth()
@ApiSecurity('apiKey')
@Controller('bulletins')
export class BulletinsController {
  constructor(
    private readonly bulletins: BulletinsService,
    private readonly pdf: PdfRenderer,
  ) {}

  @Post()
  @RequireRoles(['commissionStaff', 'committeeStaff'])
  issue(@CurrentCaller() caller: Caller, @Body() dto: IssueBulletinDto): Promise<BulletinView> {
    return this.bulletins.issue(caller, dto);
  }

  @Get()
  list(@CurrentCaller() caller: Caller): ReturnType<BulletinsService['list']> {
    return this.bulletins.list(caller);
  }

  @Get(':id')
  get(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string): Promise<BulletinView> {
    return this.bulletins.get(caller, id);
  }

  /** The bulletin as an A4 PDF with an embedded Chinese font. */
  @Get(':id/pdf')
  async asPdf(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParamPipe) id: string,
    @Res() response: Response,
  ): Promise<void> {
    const bulletin = await this.bulletins.get(caller, id);
    response
      .type('application/pdf')
      .attachment(`bulletin-${bulletin.id}.pdf`)
      .send(await this.pdf.bulletin(bulletin));
  }
}
