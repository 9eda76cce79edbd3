import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsUUID,
  ValidateNested,
} from 'class-validator';
import { TEXT_LIMITS } from '@dutychain/domain';
import { IsIsoDate, IsText, IsYear } from '@dutychain/http';
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
  @ValidateNested({ each: true })
  @Type(() => TemplateItemDto)
  items!: TemplateItemDto[];
}

export class BatchCheckDto {
  @ApiProperty({ description: 'Root of the subtree whose lists are checked' })
  @IsUUID()
  unitId!: string;

  @ApiProperty({ example: 2026 })
  @IsYear()
  year!: number;

  @ApiPropertyOptional({
    description: 'Issue a supervision order (督办单) per list (and per unit) with findings',
  })
  @IsOptional()
  @IsBoolean()
  issueOrders?: boolean;

  @ApiPropertyOptional({
    description: 'Deadline of the orders (YYYY-MM-DD); LISTS_ORDER_DAYS from today by default',
  })
  @IsOptional()
  @IsIsoDate()
  orderDeadline?: string;

  @ApiPropertyOptional({
    type: [TemplateDto],
    description: 'Templates lists must not be copied from (照搬照抄)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => TemplateDto)
  templates?: TemplateDto[];
}

export class FindingQueryDto {
  @ApiProperty({ example: 2026 })
  @IsYear({ inQuery: true })
  year!: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  riskListId?: string;
}

export class IssueOrderDto {
  @ApiProperty({ type: [String], description: 'Findings the order is about (same unit)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  findingIds!: string[];

  @ApiPropertyOptional({ description: 'YYYY-MM-DD; LISTS_ORDER_DAYS from today by default' })
  @IsOptional()
  @IsIsoDate()
  deadline?: string;

  @ApiPropertyOptional({ maxLength: TEXT_LIMITS.shortText })
  @IsOptional()
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
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ enum: ['open', 'closed'] })
  @IsOptional()
  @IsIn(['open', 'closed'])
  status?: 'open' | 'closed';

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;
}
