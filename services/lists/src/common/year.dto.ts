import { IsYear } from '@dutychain/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

export class YearQueryDto {
  @ApiProperty({ example: 2026 })
  @IsYear({ inQuery: true })
  year!: number;

  @ApiPropertyOptional({ description: 'Root of the subtree (defaults to your own unit)' })
  @IsOptional()
  @IsUUID()
  unitId?: string;
}
