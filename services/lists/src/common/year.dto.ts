import { IsUuidRef, IsYear } from '@dutychain/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class YearQueryDto {
  @ApiProperty({ example: 2026 })
  @IsYear({ inQuery: true })
  year!: number;

  @ApiPropertyOptional({ description: 'Root of the subtree (defaults to your own unit)' })
  @IsUuidRef({ optional: true })
  unitId?: string;
}
