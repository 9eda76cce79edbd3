import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, Matches, Max, Min } from 'class-validator';
import { MAX_YEAR_LASTS_MS, MIN_YEAR_LASTS_MS } from '@dutychain/calendar';
import { TEXT_LIMITS } from '@dutychain/domain';
import { IsIsoDate, IsOmittable, IsQueryBoolean, IsText, IsUuidRef, IsYear } from '@dutychain/http';
import { RISK_LIST_STATUSES } from '@dutychain/temporal';
import type { RiskListStatus } from '@dutychain/temporal';
import { LIST_LIMITS } from '../common/list-limits';

export class StartRiskListsDto {
  @ApiProperty({ description: 'The unit whose team members get their lists' })
  @IsUuidRef()
  unitId!: string;

  @ApiProperty({ example: 2026 })
  @IsYear()
  year!: number;

  @ApiPropertyOptional({ default: false, description: 'Also every unit below it' })
  @IsOmittable()
  @IsBoolean()
  includeSubtree?: boolean;

  @ApiPropertyOptional({ description: 'Whose team on which day (YYYY-MM-DD); today by default' })
  @IsOmittable()
  @IsIsoDate()
  on?: string;

  @ApiPropertyOptional({
    description: `Play the year in this many ms (demos, tests); from ${MIN_YEAR_LASTS_MS} to ${MAX_YEAR_LASTS_MS} (a year)`,
    minimum: MIN_YEAR_LASTS_MS,
    maximum: MAX_YEAR_LASTS_MS,
  })
  @IsOmittable()
  @Max(MAX_YEAR_LASTS_MS)
  @Min(MIN_YEAR_LASTS_MS)
  @IsInt()
  yearLastsMs?: number;
}

const points = (field: string) =>
  [
    ApiProperty({ type: [String], maxItems: LIST_LIMITS.pointsPerItem, description: field }),
    IsArray(),
    ArrayMaxSize(LIST_LIMITS.pointsPerItem),
    IsText(TEXT_LIMITS.shortText, { each: true }),
  ] as const;

function Points(field: string): PropertyDecorator {
  return (target, key) => points(field).forEach((decorate) => decorate(target, key));
}

export class ClaimItemDto {
  @ApiProperty({ description: "An item of the committee task list of the list's own unit" })
  @IsUuidRef()
  taskItemId!: string;

  @Points('廉政风险点')
  riskPoints!: string[];

  @Points('防控措施')
  measures!: string[];
}

export class OwnItemDto {
  @ApiProperty({ example: '分管领域工程项目招投标监管', maxLength: TEXT_LIMITS.shortText })
  @IsText(TEXT_LIMITS.shortText)
  content!: string;

  @Points('廉政风险点')
  riskPoints!: string[];

  @Points('防控措施')
  measures!: string[];
}

export class UpdateItemDto {
  @ApiPropertyOptional({ description: 'Own items only: a claimed item keeps the committee wording' })
  @IsOmittable()
  @IsText(TEXT_LIMITS.shortText)
  content?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(LIST_LIMITS.pointsPerItem)
  @IsText(TEXT_LIMITS.shortText, { each: true })
  riskPoints?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(LIST_LIMITS.pointsPerItem)
  @IsText(TEXT_LIMITS.shortText, { each: true })
  measures?: string[];
}

export class SubmitDto {
  @ApiPropertyOptional({
    description: 'contentHash of the list as you read it (GET /risk-lists/:id); refused if it changed since',
  })
  @IsOmittable()
  @Matches(/^[0-9a-f]{64}$/, { message: 'contentHash must be 64 lowercase hex digits (sha256)' })
  contentHash?: string;
}

export class ApproveDto {
  @ApiPropertyOptional({ maxLength: TEXT_LIMITS.shortText })
  @IsOmittable()
  @IsText(TEXT_LIMITS.shortText)
  comment?: string;
}

export class ReturnDto {
  @ApiProperty({ example: '风险点过于笼统，请结合分管领域细化', maxLength: TEXT_LIMITS.shortText })
  @IsText(TEXT_LIMITS.shortText)
  comment!: string;
}

export class ListRiskListsQueryDto {
  @ApiProperty({ example: 2026 })
  @IsYear({ inQuery: true })
  year!: number;

  @ApiPropertyOptional({ description: 'Root of the subtree (defaults to your own unit)' })
  @IsUuidRef({ optional: true })
  unitId?: string;

  @ApiPropertyOptional({ enum: RISK_LIST_STATUSES })
  @IsOmittable()
  @IsIn(RISK_LIST_STATUSES)
  status?: RiskListStatus;

  @ApiPropertyOptional({ description: 'Lists waiting for this approver' })
  @IsUuidRef({ optional: true })
  approverId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOmittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ default: 0 })
  @IsOmittable()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsQueryBoolean()
  mine?: boolean;
}

export class ItemParams {
  @IsUuidRef()
  id!: string;

  @IsUuidRef()
  itemId!: string;
}

export class RoundParams {
  @IsUuidRef()
  id!: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  round!: number;
}

export class PersonYearParams {
  @IsUuidRef()
  personId!: string;

  @IsYear({ inQuery: true })
  year!: number;
}
