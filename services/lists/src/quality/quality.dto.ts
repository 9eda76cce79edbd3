import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  ValidateNested,
} from 'class-validator';
import { TEXT_LIMITS } from '@dutychain/domain';
import { IsIsoDate, IsOmittable, IsQueryBoolean, IsText, IsUuidRef, IsYear } from '@dutychain/http';
import { LIST_LIMITS } from '../common/list-limits';

export class TemplateItemDto {
  @ApiProperty({ maxLength: TEXT_LIMITS.shortText })
  @IsText(TEXT_LIMITS.shortText)
  content!: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(LIST_LIMITS.pointsPerItem)
  @IsText(TEXT_LIMITS.shortText, { each: true })
  riskPoints!: string[];

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(LIST_LIMITS.pointsPerItem)
  @IsText(TEXT_LIMITS.shortText, { each: true })
  measures!: string[];
}

export class TemplateDto {
  @ApiProperty({ maxLength: TEXT_LIMITS.title })
  @IsText(TEXT_LIMITS.title)
  title!: string;

  @ApiProperty({ type: [TemplateItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIST_LIMITS.riskItems)
  // ValidateNested alone lets an array of arrays through (and the service then fails on it).
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => TemplateItemDto)
  items!: TemplateItemDto[];
}

export class BatchCheckDto {
  @ApiProperty({ description: 'Root of the subtree whose lists are checked' })
  @IsUuidRef()
  unitId!: string;

  @ApiProperty({ example: 2026 })
  @IsYear()
  year!: number;

  @ApiPropertyOptional({
    description: 'Issue a supervision order (督办单) per list (and per unit) with findings',
  })
  @IsOmittable()
  @IsBoolean()
  issueOrders?: boolean;

  @ApiPropertyOptional({
    description: 'Deadline of the orders (YYYY-MM-DD); LISTS_ORDER_DAYS from today by default',
  })
  @IsOmittable()
  @IsIsoDate('deadline')
  orderDeadline?: string;

  @ApiPropertyOptional({
    type: [TemplateDto],
    description: 'Templates lists must not be copied from (照搬照抄)',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => TemplateDto)
  templates?: TemplateDto[];
}

export class FindingQueryDto {
  @ApiProperty({ example: 2026 })
  @IsYear({ inQuery: true })
  year!: number;

  @ApiPropertyOptional()
  @IsUuidRef({ optional: true })
  unitId?: string;

  @ApiPropertyOptional()
  @IsUuidRef({ optional: true })
  riskListId?: string;
}

export class IssueOrderDto {
  @ApiProperty({ type: [String], description: 'Findings the order is about (same unit)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUuidRef({ each: true })
  findingIds!: string[];

  @ApiPropertyOptional({ description: 'YYYY-MM-DD; LISTS_ORDER_DAYS from today by default' })
  @IsOmittable()
  @IsIsoDate('deadline')
  deadline?: string;

  @ApiPropertyOptional({ maxLength: TEXT_LIMITS.shortText })
  @IsOmittable()
  @IsText(TEXT_LIMITS.shortText)
  reason?: string;
}

export class CloseOrderDto {
  @ApiProperty({ example: '已重新制定清单并经审核认定', maxLength: TEXT_LIMITS.shortText })
  @IsText(TEXT_LIMITS.shortText)
  note!: string;
}

export class OrderQueryDto {
  @ApiProperty({ example: 2026 })
  @IsYear({ inQuery: true })
  year!: number;

  @ApiPropertyOptional()
  @IsUuidRef({ optional: true })
  unitId?: string;

  @ApiPropertyOptional({ enum: ['open', 'closed'] })
  @IsOmittable()
  @IsIn(['open', 'closed'])
  status?: 'open' | 'closed';

  @ApiPropertyOptional()
  @IsOmittable()
  @IsQueryBoolean()
  overdue?: boolean;
}
