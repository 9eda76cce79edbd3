import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Caller } from '@dutychain/auth';
import { CurrentCaller, RequireRoles } from '@dutychain/auth';
import { DomainError, QueryBooleanPipe, UuidParamPipe } from '@dutychain/http';
import type { ImportJobView } from './import.service';
import { ImportService } from './import.service';
import { importTemplateWorkbook } from './workbook-codec';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('imports')
@ApiBearerAuth()
@ApiSecurity('apiKey')
@RequireRoles(['committeeStaff'])
@Controller('imports')
export class ImportController {
  constructor(private readonly imports: ImportService) {}

  @Post()
  @HttpCode(202)
  @ApiBody({
    description: 'An ImportDocument: units, commissions, people, posts, supervisions, oversightPairs',
  })
  @ApiQuery({ name: 'wait', required: false, description: 'true: answer when the job has finished' })
  async importJson(
    @CurrentCaller() caller: Caller,
    @Body() body: unknown,
    @Query('wait', QueryBooleanPipe) wait?: boolean,
  ): Promise<ImportJobView> {
    const job = await this.imports.startJson(caller, body);
    return wait === true ? this.imports.waitFor(caller, job.id) : job;
  }

  @Post('xlsx')
  @HttpCode(202)
  @ApiConsumes('multipart/form-data')
  @ApiQuery({ name: 'wait', required: false })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 50 * 1024 * 1024 } }))
  async importWorkbook(
    @CurrentCaller() caller: Caller,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Query('wait', QueryBooleanPipe) wait?: boolean,
  ): Promise<ImportJobView> {
    if (!file)
      throw DomainError.invalid('file', 'required', 'upload the workbook as the multipart field "file"');
    const job = await this.imports.startWorkbook(caller, decodeUploadName(file.originalname), file.buffer);
    return wait === true ? this.imports.waitFor(caller, job.id) : job;
  }

  @Get('template.xlsx')
  async template(@Res() response: Response): Promise<void> {
    const buffer = await importTemplateWorkbook();
    response.setHeader('Content-Type', XLSX_MIME);
    response.setHeader(
      'Content-Disposition',
      `attachment; filename*=UTF-8''${encodeURIComponent('组织架构导入模板.xlsx')}`,
    );
    response.send(buffer);
  }

  @Get(':id')
  get(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string): Promise<ImportJobView> {
    return this.imports.get(caller, id);
  }
}

/** Multipart file names arrive as UTF-8 bytes read as latin1; recover Chinese names like 云溪区.xlsx. */
function decodeUploadName(name: string): string {
  const decoded = Buffer.from(name, 'latin1').toString('utf8');
  return decoded.includes('\uFFFD') ? name : decoded;
}
