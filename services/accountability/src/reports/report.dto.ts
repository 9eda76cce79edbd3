import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { IsOmittable, IsUuidRef } from '@dutychain/http';

export class ReportScheduleDto {
  @ApiProperty({ description: 'Root of the subtree reported on every month' })
  @IsUuidRef()
  unitId!: string;
}

export class RunReportDto {
  @ApiProperty()
  @IsUuidRef()
  unitId!: string;

  @ApiProperty({ example: '2026-11' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'period must be a month written YYYY-MM' })
  period!: string;
}

export class ReportsQueryDto {
  @ApiPropertyOptional()
  @IsUuidRef({ optional: true })
  unitId?: string;
}

export class ExportQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'csv', 'pdf'], default: 'json' })
  @IsOmittable()
  @IsIn(['json', 'csv', 'pdf'])
  format?: 'json' | 'csv' | 'pdf';
}
