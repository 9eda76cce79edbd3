import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Caller } from '@dutychain/auth';
import { CurrentCaller, RequireRoles } from '@dutychain/auth';
import { UuidParamPipe } from '@dutychain/http';
import type { MonthlyReportSummary } from '@dutychain/temporal';
import { ExportQueryDto, ReportScheduleDto, ReportsQueryDto, RunReportDto } from './report.dto';
import type { ScheduleView } from './report-schedules.service';
import { ReportSchedulesService } from './report-schedules.service';
import { PdfRenderer } from '../pdf/pdf-renderer';
import type { MonthlyReport } from './reports.service';
import { ReportsService } from './reports.service';

@ApiTags('monthly accountability report and dual bulletin (问责月报告, 双通报)')
@ApiBearerAuth()
@ApiSecurity('apiKey')
@Controller('monthly-reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly schedules: ReportSchedulesService,
    private readonly pdf: PdfRenderer,
  ) {}

  @Get()
  list(@CurrentCaller() caller: Caller, @Query() query: ReportsQueryDto): ReturnType<ReportsService['list']> {
    return this.reports.list(caller, query.unitId);
  }

  /** Creates the monthly schedule of a subtree (idempotent). */
  @Post('schedules')
  @HttpCode(200)
  @RequireRoles(['commissionStaff'])
  schedule(@CurrentCaller() caller: Caller, @Body() dto: ReportScheduleDto): Promise<ScheduleView> {
    return this.schedules.create(caller, dto.unitId);
  }

  @Get('schedules/:unitId')
  describe(
    @CurrentCaller() caller: Caller,
    @Param('unitId', UuidParamPipe) unitId: string,
  ): Promise<ScheduleView> {
    return this.schedules.describe(caller, unitId);
  }

  @Post('schedules/:unitId/trigger')
  @HttpCode(200)
  @RequireRoles(['commissionStaff'])
  trigger(
    @CurrentCaller() caller: Caller,
    @Param('unitId', UuidParamPipe) unitId: string,
  ): Promise<ScheduleView> {
    return this.schedules.trigger(caller, unitId);
  }

  /** Builds one month's report now (through the report workflow) and answers when it is stored. */
  @Post('runs')
  @HttpCode(200)
  @RequireRoles(['commissionStaff'])
  run(@CurrentCaller() caller: Caller, @Body() dto: RunReportDto): Promise<MonthlyReportSummary> {
    return this.schedules.runNow(caller, dto.unitId, dto.period);
  }

  @Get(':id')
  get(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string): Promise<MonthlyReport> {
    return this.reports.get(caller, id);
  }

  /** The dual bulletin for export: JSON, CSV for spreadsheets, or PDF with a Chinese font. */
  @Get(':id/export')
  @Header('cache-control', 'no-store')
  async export(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: ExportQueryDto,
    @Res() response: Response,
  ): Promise<void> {
    const report = await this.reports.get(caller, id);
    const name = `accountability-${report.period}-${report.unitId}`;
    if (query.format === 'pdf') {
      response
        .type('application/pdf')
        .attachment(`${name}.pdf`)
        .send(await this.pdf.monthlyReport(report));
      return;
    }
    if (query.format === 'csv') {
      response.type('text/csv; charset=utf-8').attachment(`${name}.csv`).send(this.reports.toCsv(report));
      return;
    }
    response.attachment(`${name}.json`).json(report);
  }
}
