import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { TEXT_LIMITS } from '@dutychain/domain';
import { IsIsoDate, IsOmittable, IsText, IsUuidRef, IsYear } from '@dutychain/http';
import type { DutyRecordKind } from './duty-record.entity';
import { DUTY_RECORD_KINDS } from './duty-record.entity';

export class CreateDutyRecordDto {
  @ApiPropertyOptional({ description: 'The leader who carried it out; yourself by default' })
  @IsUuidRef({ optional: true })
  personId?: string;

  @ApiProperty({ description: 'The unit on whose team the leader acted' })
  @IsUuidRef()
  unitId!: string;

  @ApiProperty({ enum: DUTY_RECORD_KINDS })
  @IsIn(DUTY_RECORD_KINDS)
  kind!: DutyRecordKind;

  @ApiProperty({ example: '2026-03-15' })
  @IsIsoDate()
  occurredOn!: string;

  @ApiProperty({ example: '与分管部门主要负责人开展廉政谈话', maxLength: TEXT_LIMITS.title })
  @IsText(TEXT_LIMITS.title)
  title!: string;

  @ApiProperty({ maxLength: TEXT_LIMITS.longText })
  @IsText(TEXT_LIMITS.longText)
  content!: string;
}

export class DutyRecordQueryDto {
  @ApiPropertyOptional()
  @IsUuidRef({ optional: true })
  unitId?: string;

  @ApiPropertyOptional()
  @IsUuidRef({ optional: true })
  personId?: string;

  @ApiPropertyOptional({ example: '2026-01-01' })
  @IsOmittable()
  @IsIsoDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31' })
  @IsOmittable()
  @IsIsoDate()
  to?: string;
}

export class SilentLeadersQueryDto {
  @ApiProperty({ example: 2026, description: 'Leaders are those with a risk list for this year' })
  @IsYear({ inQuery: true })
  year!: number;

  @ApiPropertyOptional({ description: 'Root of the subtree (your own unit by default)' })
  @IsUuidRef({ optional: true })
  unitId?: string;

  @ApiPropertyOptional({ description: 'Months without a record (LISTS_SILENT_MONTHS by default)' })
  @IsOmittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24)
  months?: number;

  @ApiPropertyOptional({ description: 'Day the months are counted back from (today by default)' })
  @IsOmittable()
  @IsIsoDate()
  asOf?: string;
}
