import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import type { Phase } from '@dutychain/calendar';
import { MIN_YEAR_LASTS_MS, PHASES } from '@dutychain/calendar';
import type { OrgLevel } from '@dutychain/domain';
import { ORG_LEVELS, TEXT_LIMITS } from '@dutychain/domain';
import { IsText } from '@dutychain/http';

export class StartCycleDto {
  @ApiProperty({ description: 'The unit whose cycle starts' })
  @IsUUID()
  unitId!: string;

  @ApiProperty({ example: 2026 })
  @IsInt()
  @Min(2000)
  @Max(2999)
  year!: number;

  @ApiPropertyOptional({
    default: true,
    description: 'Also start the cycles of the whole subtree, level by level',
  })
  @IsOptional()
  @IsBoolean()
  includeSubtree?: boolean;

  @ApiPropertyOptional({
    description: `Play the year in this many milliseconds (demos, tests); at least ${MIN_YEAR_LASTS_MS}`,
  })
  @IsOptional()
  @IsInt()
  @Min(MIN_YEAR_LASTS_MS)
  yearLastsMs?: number;
}

const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export class CycleFilterDto {
  @ApiPropertyOptional({ description: 'Root of the subtree (defaults to your own unit)' })
  @IsOptional()
  @IsUUID()
  subtreeOf?: string;

  @ApiPropertyOptional({ enum: ORG_LEVELS })
  @IsOptional()
  @IsIn(ORG_LEVELS)
  level?: OrgLevel;

  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2999)
  year?: number;

  @ApiPropertyOptional({ enum: PHASES })
  @IsOptional()
  @IsIn(PHASES)
  phase?: Phase;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({
    description: 'true: running cycles only; false: closed ones only (completed, failed, cancelled…)',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  running?: boolean;
}

export class ListCyclesQueryDto extends CycleFilterDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextPageToken of the previous page' })
  @IsOptional()
  @IsText(4000)
  pageToken?: string;
}

export class CycleKeyParams {
  @IsUUID()
  unitId!: string;

  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2999)
  year!: number;
}

export class PublishTaskListDto {
  @ApiProperty({ description: 'Id of the published committee task list' })
  @IsText(TEXT_LIMITS.code)
  taskListId!: string;

  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(10_000)
  itemCount!: number;
}

export class ConfirmPhaseDto {
  @ApiProperty({ enum: PHASES, description: 'The phase you confirm is closed (must be the current one)' })
  @IsIn(PHASES)
  phase!: Phase;

  @ApiPropertyOptional({ maxLength: TEXT_LIMITS.shortText })
  @IsOptional()
  @IsText(TEXT_LIMITS.shortText)
  note?: string;
}

export class BulkActionDto {
  @ApiProperty({ enum: ['acknowledgeWarning', 'cancel', 'retry'] })
  @IsIn(['acknowledgeWarning', 'cancel', 'retry'])
  action!: 'acknowledgeWarning' | 'cancel' | 'retry';

  @ApiProperty({ type: CycleFilterDto })
  @ValidateNested()
  @Type(() => CycleFilterDto)
  filter!: CycleFilterDto;
}

export interface CycleListItem {
  workflowId: string;
  runId: string;
  unitId: string | undefined;
  year: number | undefined;
  level: string | undefined;
  phase: string | undefined;
  overdue: boolean | undefined;
  status: string;
  startedAt: string | null;
}
