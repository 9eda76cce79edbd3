import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { TEXT_LIMITS } from '@dutychain/domain';
import { IsText } from '@dutychain/http';

export class NegativeListEntryDto {
  @ApiProperty({ description: 'The unit named' })
  @IsUUID()
  unitId!: string;

  @ApiPropertyOptional({ description: 'The person named, if any' })
  @IsOptional()
  @IsUUID()
  personId?: string;

  @ApiProperty({ maxLength: TEXT_LIMITS.shortText })
  @IsText(TEXT_LIMITS.shortText)
  problem!: string;
}

export class IssueBulletinDto {
  @ApiProperty({ description: 'The issuing unit (its committee or commission)' })
  @IsUUID()
  unitId!: string;

  @ApiProperty({
    example: '关于2026年第三季度落实全面从严治党主体责任情况的通报',
    maxLength: TEXT_LIMITS.title,
  })
  @IsText(TEXT_LIMITS.title)
  title!: string;

  @ApiProperty({ maxLength: TEXT_LIMITS.longText })
  @IsText(TEXT_LIMITS.longText)
  body!: string;

  @ApiProperty({ type: [NegativeListEntryDto], description: '负面清单' })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => NegativeListEntryDto)
  negativeList!: NegativeListEntryDto[];
}
