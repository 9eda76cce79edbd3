import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import type { CommissionKind } from '@dutychain/domain';
import { COMMISSION_KINDS, TEXT_LIMITS } from '@dutychain/domain';
import { IsText, IsUuidRef } from '@dutychain/http';
import type { Page } from '../org-units/org-unit.dto';
import type { OrgUnitView } from '@dutychain/org-contract';

export class CreateCommissionDto {
  @ApiProperty({ example: 'DC-T1-JW', maxLength: TEXT_LIMITS.code })
  @IsText(TEXT_LIMITS.code)
  code!: string;

  @ApiProperty({ example: '柳营镇纪委', maxLength: TEXT_LIMITS.name })
  @IsText(TEXT_LIMITS.name)
  name!: string;

  @ApiProperty({
    enum: COMMISSION_KINDS,
    description:
      'commission: the 纪委 of the host unit; dispatchedGroup: a 派驻纪检监察组 the host unit sends out',
  })
  @IsIn(COMMISSION_KINDS)
  kind!: CommissionKind;

  @ApiProperty({
    description:
      'The unit whose committee the commission belongs to, or that hosts the dispatched group; the caller must run it',
  })
  @IsUuidRef()
  hostUnitId!: string;
}

export class CoveredUnitsQueryDto {
  @ApiPropertyOptional({ description: 'Cursor from the previous page (coveredUnits.nextCursor)' })
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

export interface CommissionView {
  id: string;
  code: string;
  name: string;
  kind: CommissionKind;
  hostUnitId: string;
  hostUnitName: string;
}

/** A commission with the units it covers now (org unit `commissionId`) that the caller can see, in pinyin order. */
export interface CommissionDetailView extends CommissionView {
  coveredUnits: Page<OrgUnitView>;
}
