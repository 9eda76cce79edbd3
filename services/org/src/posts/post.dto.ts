import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { PostKind } from '@dutychain/domain';
import { POST_KINDS, TEXT_LIMITS } from '@dutychain/domain';
import { IsIsoDate, IsText, IsUuidRef } from '@dutychain/http';

export class CreatePostDto {
  @ApiProperty()
  @IsUuidRef()
  personId!: string;

  @ApiProperty()
  @IsUuidRef()
  unitId!: string;

  @ApiProperty({ enum: POST_KINDS })
  @IsIn(POST_KINDS)
  kind!: PostKind;

  @ApiProperty({ example: '镇党委副书记、镇长', maxLength: TEXT_LIMITS.title })
  @IsText(TEXT_LIMITS.title)
  title!: string;

  @ApiProperty({ example: '2024-07-01' })
  @IsIsoDate()
  startDate!: string;

  @ApiPropertyOptional({ example: '2026-06-30' })
  @IsOptional()
  @IsIsoDate()
  endDate?: string;
}

export class EndPostDto {
  @ApiProperty({ example: '2026-06-30', description: 'Last day in the post (inclusive)' })
  @IsIsoDate()
  endDate!: string;
}

/** Ends a 分管 or an oversight pair: the last day it held, inclusive, on or after its start. */
export class EndPeriodDto {
  @ApiProperty({ example: '2026-06-30', description: 'Last day (inclusive), on or after the start date' })
  @IsIsoDate()
  endDate!: string;
}

export class OnDateQueryDto {
  @ApiPropertyOptional({ example: '2024-05-01', description: 'Defaults to today' })
  @IsOptional()
  @IsIsoDate()
  date?: string;
}

export class CreateSupervisionDto {
  @ApiProperty({ description: 'The supervising team member' })
  @IsUuidRef()
  personId!: string;

  @ApiProperty({ description: 'The unit on whose team the member sits' })
  @IsUuidRef()
  unitId!: string;

  @ApiProperty({ description: 'The unit the member supervises (分管)' })
  @IsUuidRef()
  supervisedUnitId!: string;

  @ApiPropertyOptional({ example: '教育、卫生', maxLength: TEXT_LIMITS.title })
  @IsOptional()
  @IsText(TEXT_LIMITS.title)
  area?: string;

  @ApiProperty()
  @IsIsoDate()
  startDate!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsIsoDate()
  endDate?: string;
}

export class CreateOversightPairDto {
  @ApiProperty({ description: '主管: the superior leader who holds the talks' })
  @IsUuidRef()
  overseerId!: string;

  @ApiProperty({ description: '主官: the head of the unit' })
  @IsUuidRef()
  headId!: string;

  @ApiProperty()
  @IsIsoDate()
  startDate!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsIsoDate()
  endDate?: string;
}
