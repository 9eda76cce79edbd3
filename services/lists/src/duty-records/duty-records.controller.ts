import { pipeline } from 'node:stream';
import {
  Body,
  Controller,
  Get,
  Param,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Caller } from '@dutychain/auth';
import { CurrentCaller } from '@dutychain/auth';
import { IsUuidRef, UuidParamPipe } from '@dutychain/http';
import { CreateDutyRecordDto, DutyRecordQueryDto, SilentLeadersQueryDto } from './duty-record.dto';
import type { DutyRecordView } from './duty-records.service';
import { DutyRecordsService } from './duty-records.service';

export class EvidenceParams {
  @IsUuidRef()
  id!: string;

  @IsUuidRef()
  evidenceId!: string;
}

/** Uploads above this never reach the service; the configured limit (LISTS_EVIDENCE_MAX_BYTES) is checked there. */
const UPLOAD_CEILING = 256 * 1024 * 1024;

@ApiTags('duty records')
@ApiBearerAuth()
@ApiSecurity('apiKey')
@Controller('duty-records')
export class DutyRecordsController {
  constructor(private readonly records: DutyRecordsService) {}

  /** Records a talk, meeting, check or training (your own, or for a leader if you are committee staff). */
  @Post()
  create(@CurrentCaller() caller: Caller, @Body() dto: CreateDutyRecordDto): Promise<DutyRecordView> {
    return this.records.create(caller, dto);
  }

  @Get()
  list(@CurrentCaller() caller: Caller, @Query() query: DutyRecordQueryDto): Promise<DutyRecordView[]> {
    return this.records.list(caller, query);
  }

  /** Leaders of a subtree with no duty record for the last N months (LISTS_SILENT_MONTHS by default). */
  @Get('silent-leaders')
  silent(
    @CurrentCaller() caller: Caller,
    @Query() query: SilentLeadersQueryDto,
  ): ReturnType<DutyRecordsService['silentLeaders']> {
    return this.records.silentLeaders(caller, query);
  }

  @Get(':id')
  get(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string): Promise<DutyRecordView> {
    return this.records.get(caller, id);
  }

  /** Attaches an evidence file (multipart `file`); stored once by its sha256. */
  @Post(':id/evidence')
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: UPLOAD_CEILING } }))
  addEvidence(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParamPipe) id: string,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<DutyRecordView> {
    return this.records.addEvidence(
      caller,
      id,
      file && { ...file, originalname: decodeUploadName(file.originalname) },
    );
  }

  @Get(':id/evidence/:evidenceId')
  async download(
    @CurrentCaller() caller: Caller,
    @Param() params: EvidenceParams,
    @Res() response: Response,
  ): Promise<void> {
    const { evidence, stream } = await this.records.openEvidence(caller, params.id, params.evidenceId);
    response.setHeader('Content-Type', evidence.mimeType);
    response.setHeader('Content-Length', evidence.size);
    response.setHeader('X-Content-SHA256', evidence.sha256);
    response.setHeader(
      'Content-Disposition',
      `attachment; filename*=UTF-8''${encodeURIComponent(evidence.fileName)}`,
    );
    // A store failing mid-download (S3 connection lost) ends this response, not the process.
    pipeline(stream, response, () => undefined);
  }
}

/** Multer reads multipart file names as latin1; browsers send UTF-8 (Chinese names). */
function decodeUploadName(name: string): string {
  const decoded = Buffer.from(name, 'latin1').toString('utf8');
  return decoded.includes('\uFFFD') ? name : decoded;
}
