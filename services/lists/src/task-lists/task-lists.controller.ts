import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiProperty } from '@nestjs/swagger';
import type { Caller } from '@dutychain/auth';
import { CurrentCaller, RequireRoles } from '@dutychain/auth';
import { TEXT_LIMITS } from '@dutychain/domain';
import { DomainError, ErrorCode, IsText, IsUuidRef, IsYear, UuidParamPipe } from '@dutychain/http';
import { CreateSupervisionListDto, CreateTaskListDto, ReplaceTaskItemsDto } from './task-list.dto';
import type { TaskListView } from './task-list.dto';
import { readTaskListWorkbook, taskListTemplate, XLSX_MIME } from './task-list-workbook';
import type { PublishedTaskList } from './task-lists.service';
import { TaskListsService } from './task-lists.service';

export class ImportTaskListDto {
  @ApiProperty()
  @IsUuidRef()
  unitId!: string;

  @ApiProperty({ example: 2026 })
  @IsYear({ inQuery: true })
  year!: number;

  @ApiProperty({ maxLength: TEXT_LIMITS.title })
  @IsText(TEXT_LIMITS.title)
  title!: string;
}

export class UnitYearParams {
  @IsUuidRef()
  unitId!: string;

  @IsYear({ inQuery: true })
  year!: number;
}

@ApiTags('committee lists')
@ApiBearerAuth()
@ApiSecurity('apiKey')
@Controller()
export class TaskListsController {
  constructor(private readonly taskLists: TaskListsService) {}

  /** Drafts a unit's committee task list for a year (one per unit and year). */
  @Post('task-lists')
  @RequireRoles(['committeeStaff'])
  create(@CurrentCaller() caller: Caller, @Body() dto: CreateTaskListDto): Promise<TaskListView> {
    return this.taskLists.create(caller, dto);
  }

  /** The usual template for importing a committee task list. */
  @Get('task-lists/template.xlsx')
  async template(@Res() response: Response): Promise<void> {
    response.setHeader('Content-Type', XLSX_MIME);
    response.setHeader(
      'Content-Disposition',
      `attachment; filename*=UTF-8''${encodeURIComponent('党委任务清单模板.xlsx')}`,
    );
    response.send(await taskListTemplate());
  }

  /** Drafts a committee task list from a workbook in the usual template (multipart `file`, fields unitId, year, title). */
  @Post('task-lists/import')
  @RequireRoles(['committeeStaff'])
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 10 * 1024 * 1024 } }))
  async import(
    @CurrentCaller() caller: Caller,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() dto: ImportTaskListDto,
  ): Promise<TaskListView> {
    if (!file)
      throw DomainError.invalid('file', 'required', 'upload the workbook as the multipart field "file"');
    const { items, problems } = await readTaskListWorkbook(file.buffer);
    if (problems.length > 0) {
      throw new DomainError(
        ErrorCode.ImportInvalid,
        problems.map((p) => `${p.sheet} row ${p.row} ${p.column}: ${p.message}`).join('; '),
        problems.map((p) => ({ field: `${p.sheet}!${p.row}:${p.column}`, rule: p.rule, message: p.message })),
      );
    }
    return this.taskLists.create(caller, { unitId: dto.unitId, year: dto.year, title: dto.title, items });
  }

  @Get('task-lists/:id')
  get(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string): Promise<TaskListView> {
    return this.taskLists.get(caller, id);
  }

  @Get('units/:unitId/task-lists/:year')
  forUnit(@CurrentCaller() caller: Caller, @Param() params: UnitYearParams): Promise<TaskListView> {
    return this.taskLists.forUnit(caller, params.unitId, params.year);
  }

  /** Replaces the items of a draft list (refused once published). */
  @Put('task-lists/:id/items')
  @RequireRoles(['committeeStaff'])
  replaceItems(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ReplaceTaskItemsDto,
  ): Promise<TaskListView> {
    return this.taskLists.replaceItems(caller, id, dto.items);
  }

  /** The committee publishes (approves) its list; the unit's yearly cycle is told (define closes). */
  @Post('task-lists/:id/publication')
  @HttpCode(200)
  @RequireRoles(['committeeStaff'])
  publish(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<PublishedTaskList> {
    return this.taskLists.publish(caller, id);
  }

  /** The commission's supervision list, its items linked to task items of the same unit and year. */
  @Post('supervision-lists')
  @RequireRoles(['commissionStaff', 'committeeStaff'])
  createSupervisionList(
    @CurrentCaller() caller: Caller,
    @Body() dto: CreateSupervisionListDto,
  ): Promise<unknown> {
    return this.taskLists.createSupervisionList(caller, dto);
  }

  @Get('supervision-lists/:id')
  getSupervisionList(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<unknown> {
    return this.taskLists.getSupervisionList(caller, id);
  }
}
