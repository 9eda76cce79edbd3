import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, ValidateNested } from 'class-validator';
import { TEXT_LIMITS } from '@dutychain/domain';
import { IsIsoDate, IsOmittable, IsText, IsUuidRef, IsYear } from '@dutychain/http';
import { LIST_LIMITS } from '../common/list-limits';

export class TaskItemDto {
  @ApiProperty({ example: '落实全面从严治党主体责任', maxLength: TEXT_LIMITS.title })
  @IsText(TEXT_LIMITS.title)
  aspect!: string;

  @ApiProperty({
    example: '每半年召开一次党委专题会议研究部署党风廉政建设工作',
    maxLength: TEXT_LIMITS.shortText,
  })
  @IsText(TEXT_LIMITS.shortText)
  content!: string;

  @ApiProperty({ example: '党政办', maxLength: TEXT_LIMITS.name })
  @IsText(TEXT_LIMITS.name)
  leadDepartment!: string;

  @ApiPropertyOptional({ example: '2026-06-30' })
  @IsOmittable()
  @IsIsoDate('deadline')
  deadline?: string;
}

export class CreateTaskListDto {
  @ApiProperty()
  @IsUuidRef()
  unitId!: string;

  @ApiProperty({ example: 2026 })
  @IsYear()
  year!: number;

  @ApiProperty({ example: '2026年度党委全面从严治党主体责任清单', maxLength: TEXT_LIMITS.title })
  @IsText(TEXT_LIMITS.title)
  title!: string;

  @ApiProperty({ type: [TaskItemDto] })
  @IsArray()
  @ArrayMaxSize(LIST_LIMITS.taskItems)
  // ValidateNested alone lets an array of arrays through (and the service then fails on it).
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => TaskItemDto)
  items!: TaskItemDto[];
}

export class ReplaceTaskItemsDto {
  @ApiProperty({ type: [TaskItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIST_LIMITS.taskItems)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => TaskItemDto)
  items!: TaskItemDto[];
}

export class SupervisionItemDto {
  @ApiProperty({ example: '监督检查党委专题会议召开情况', maxLength: TEXT_LIMITS.shortText })
  @IsText(TEXT_LIMITS.shortText)
  content!: string;

  @ApiPropertyOptional({ example: '查阅会议记录', maxLength: TEXT_LIMITS.title })
  @IsOmittable()
  @IsText(TEXT_LIMITS.title)
  method?: string;

  @ApiPropertyOptional({ description: 'The committee task item this supervises (same unit and year)' })
  @IsUuidRef({ optional: true })
  taskItemId?: string;
}

export class CreateSupervisionListDto {
  @ApiProperty()
  @IsUuidRef()
  unitId!: string;

  @ApiProperty({ example: 2026 })
  @IsYear()
  year!: number;

  @ApiProperty({ example: '2026年度纪委监督责任清单', maxLength: TEXT_LIMITS.title })
  @IsText(TEXT_LIMITS.title)
  title!: string;

  @ApiProperty({ type: [SupervisionItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIST_LIMITS.supervisionItems)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => SupervisionItemDto)
  items!: SupervisionItemDto[];
}

export interface TaskListView {
  id: string;
  unitId: string;
  year: number;
  title: string;
  status: 'draft' | 'published';
  publishedBy: string | null;
  publishedAt: string | null;
  items: {
    id: string;
    seq: number;
    aspect: string;
    content: string;
    leadDepartment: string;
    deadline: string | null;
  }[];
}
