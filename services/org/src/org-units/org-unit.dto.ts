import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import type { OrgLevel, OrgUnitType, PartyOrgType } from '@dutychain/domain';
import { ORG_LEVELS, ORG_UNIT_TYPES, PARTY_ORG_TYPES, TEXT_LIMITS } from '@dutychain/domain';
import { IsOmittable, IsText, IsUuidRef } from '@dutychain/http';

export class CreateOrgUnitDto {
  @ApiProperty({ example: 'YX-T01', maxLength: TEXT_LIMITS.code })
  @IsText(TEXT_LIMITS.code)
  code!: string;

  @ApiProperty({ example: '青石镇', maxLength: TEXT_LIMITS.name })
  @IsText(TEXT_LIMITS.name)
  name!: string;

  @ApiProperty({ enum: ORG_LEVELS })
  @IsIn(ORG_LEVELS)
  level!: OrgLevel;

  @ApiProperty({ enum: ORG_UNIT_TYPES })
  @IsIn(ORG_UNIT_TYPES)
  type!: OrgUnitType;

  @ApiProperty({ enum: PARTY_ORG_TYPES })
  @IsIn(PARTY_ORG_TYPES)
  partyOrgType!: PartyOrgType;

  @ApiPropertyOptional({ description: 'The leading org (parent). Only a global admin may create a root.' })
  @IsUuidRef({ optional: true })
  leadingOrgId?: string;

  @ApiPropertyOptional({ description: 'Guiding org for dual management.' })
  @IsUuidRef({ optional: true })
  guidingOrgId?: string;

  @ApiPropertyOptional()
  @IsUuidRef({ optional: true })
  commissionId?: string;
}

export class UpdateOrgUnitDto {
  @ApiPropertyOptional({ maxLength: TEXT_LIMITS.name })
  @IsOmittable()
  @IsText(TEXT_LIMITS.name)
  name?: string;

  @ApiPropertyOptional({ enum: ORG_UNIT_TYPES })
  @IsOmittable()
  @IsIn(ORG_UNIT_TYPES)
  type?: OrgUnitType;

  @ApiPropertyOptional({ enum: PARTY_ORG_TYPES })
  @IsOmittable()
  @IsIn(PARTY_ORG_TYPES)
  partyOrgType?: PartyOrgType;

  @ApiPropertyOptional({ nullable: true, description: 'null removes the guiding org' })
  @IsOptional()
  @IsUuidRef()
  guidingOrgId?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'null: no commission covers the unit' })
  @IsOptional()
  @IsUuidRef()
  commissionId?: string | null;
}

export class SubtreeQueryDto {
  @ApiPropertyOptional({ enum: ORG_LEVELS })
  @IsOptional()
  @IsIn(ORG_LEVELS)
  level?: OrgLevel;

  @ApiPropertyOptional({ enum: ORG_UNIT_TYPES })
  @IsOptional()
  @IsIn(ORG_UNIT_TYPES)
  type?: OrgUnitType;

  @ApiPropertyOptional({ description: 'Part of the unit name, e.g. 村' })
  @IsOptional()
  @IsText(TEXT_LIMITS.name)
  q?: string;

  @ApiPropertyOptional({ description: 'Cursor from the previous page (nextCursor)' })
  @IsOptional()
  @IsText(4000)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
