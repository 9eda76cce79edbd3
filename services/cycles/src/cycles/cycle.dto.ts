import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsInt, IsObject, Max, Min, ValidateNested } from 'class-validator';
import type { Phase } from '@dutychain/calendar';
import { MAX_YEAR_LASTS_MS, MIN_YEAR_LASTS_MS, PHASES } from '@dutychain/calendar';
import type { OrgLevel } from '@dutychain/domain';
import { ORG_LEVELS, TEXT_LIMITS } from '@dutychain/domain';
import { IsOmittable, IsQueryBoolean, IsText, IsUuidRef } from '@dutychain/http';
import { IsPageToken } from './page-token';

/**
 * Query and path values arrive as text: only plain decimal digits become a number, so `0x7EA`,
 * `2.026e3`, ` 2026` or an empty value stay text and fail @IsInt naming the field. Integer fields
 * put @IsInt nearest the field: class-validator reports that decorator's rule first (errors[0]).
 */
const toInteger = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d{1,9}$/.test(value) ? Number(value) : value;

export class StartCycleDto {
  @ApiProperty({ description: 'The unit whose cycle starts' })
  @IsUuidRef()
  unitId!: string;

  @ApiProperty({ example: 2026 })
  @Min(2000)
  @Max(2999)
  @IsInt()
  year!: number;

  @ApiPropertyOptional({
    default: true,
    description: 'Also start the cycles of the whole subtree, level by level',
  })
  @IsOmittable()
  @IsBoolean()
  includeSubtree?: boolean;

  @ApiPropertyOptional({
    description: `Play the year in this many milliseconds (demos, tests); from ${MIN_YEAR_LASTS_MS} to ${MAX_YEAR_LASTS_MS} (a year)`,
    minimum: MIN_YEAR_LASTS_MS,
    maximum: MAX_YEAR_LASTS_MS,
  })
  @IsOmittable()
  @Max(MAX_YEAR_LASTS_MS)
  @Min(MIN_YEAR_LASTS_MS)
  @IsInt()
  yearLastsMs?: number;
}

/** Criteria over the cycles in the caller's part of the tree; a field left out does not narrow. */
export interface CycleFilter {
  subtreeOf?: string;
  level?: OrgLevel;
  year?: number;
  phase?: Phase;
  overdue?: boolean;
  running?: boolean;
}

/** What both filters take as they come: a subtree root, a level, a phase. */
abstract class CycleFilterFields {
  @ApiPropertyOptional({ description: 'Root of the subtree (defaults to your own unit)' })
  @IsUuidRef({ optional: true })
  subtreeOf?: string;

  @ApiPropertyOptional({ enum: ORG_LEVELS })
  @IsOmittable()
  @IsIn(ORG_LEVELS)
  level?: OrgLevel;

  @ApiPropertyOptional({ enum: PHASES })
  @IsOmittable()
  @IsIn(PHASES)
  phase?: Phase;
}

/**
 * The filter of GET /cycles and /cycles/count, from the query string: text, so plain decimal years
 * and exactly `true`/`false` become numbers and booleans.
 */
export class CycleFilterQueryDto extends CycleFilterFields implements CycleFilter {
  @ApiPropertyOptional({ example: 2026 })
  @IsOmittable()
  @Transform(toInteger)
  @Min(2000)
  @Max(2999)
  @IsInt()
  year?: number;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsQueryBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({
    description: 'true: running cycles only; false: closed ones only (completed, failed, cancelled…)',
  })
  @IsOmittable()
  @IsQueryBoolean()
  running?: boolean;
}

/**
 * The filter of POST /cycles/bulk, in a JSON body: strictly typed, so `"2026"` is no year and
 * `"true"` no boolean (rules `isInt`, `isBoolean`).
 */
export class CycleFilterDto extends CycleFilterFields implements CycleFilter {
  @ApiPropertyOptional({ example: 2026 })
  @IsOmittable()
  @Min(2000)
  @Max(2999)
  @IsInt()
  year?: number;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({
    description: 'true: running cycles only; false: closed ones only (completed, failed, cancelled…)',
  })
  @IsOmittable()
  @IsBoolean()
  running?: boolean;
}

export class ListCyclesQueryDto extends CycleFilterQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOmittable()
  @Transform(toInteger)
  @Min(1)
  @Max(1000)
  @IsInt()
  limit?: number;

  @ApiPropertyOptional({ description: 'nextPageToken of the previous page, as it was handed out' })
  @IsOmittable()
  @IsPageToken()
  pageToken?: string;
}

/** The path of one cycle: `/cycles/{unitId}/{year}`. */
export class CycleKeyParams {
  @ApiProperty({ description: 'The unit whose cycle it is', format: 'uuid' })
  @IsUuidRef()
  unitId!: string;

  @ApiProperty({ description: 'The year of the cycle', example: 2026, minimum: 2000, maximum: 2999 })
  @Transform(toInteger)
  @Min(2000)
  @Max(2999)
  @IsInt()
  year!: number;
}

export class PublishTaskListDto {
  @ApiProperty({ description: 'Id of the published committee task list' })
  @IsText(TEXT_LIMITS.code)
  taskListId!: string;

  @ApiProperty({ minimum: 1 })
  @Min(1)
  @Max(10_000)
  @IsInt()
  itemCount!: number;
}

export class ConfirmPhaseDto {
  @ApiProperty({ enum: PHASES, description: 'The phase you confirm is closed (must be the current one)' })
  @IsIn(PHASES)
  phase!: Phase;

  @ApiPropertyOptional({ maxLength: TEXT_LIMITS.shortText })
  @IsOmittable()
  @IsText(TEXT_LIMITS.shortText)
  note?: string;
}

/** The filter fields that narrow a bulk action (`running` does not: cancel and retry pick their own). */
export const NARROWING_CRITERIA = ['subtreeOf', 'level', 'year', 'phase', 'overdue'] as const;

export class BulkActionDto {
  @ApiProperty({ enum: ['acknowledgeWarning', 'cancel', 'retry'] })
  @IsIn(['acknowledgeWarning', 'cancel', 'retry'])
  action!: 'acknowledgeWarning' | 'cancel' | 'retry';

  @ApiProperty({
    type: CycleFilterDto,
    description:
      `Required object. For cancel and retry it must name at least one of ${NARROWING_CRITERIA.join(', ')} ` +
      '(`running` does not count), or be `{}` with `allInScope: true`; acknowledgeWarning may use `{}` alone. ' +
      'retry only acts on failed, cancelled, terminated or timed-out cycles, so it refuses `running: true`.',
  })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => CycleFilterDto)
  filter!: CycleFilterDto;

  @ApiPropertyOptional({
    description:
      'true: cancel or retry every cycle in your part of the org tree (an empty filter, said explicitly). ' +
      'Only with an empty filter; without it an empty filter is refused for cancel and retry (400, filter/notEmpty).',
  })
  @IsOmittable()
  @IsBoolean()
  allInScope?: boolean;
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
