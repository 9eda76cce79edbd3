import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsObject, ValidateNested } from 'class-validator';
import { TEXT_LIMITS } from '@dutychain/domain';
import { IsText, IsUuidRef } from '@dutychain/http';

export class NegativeListEntryDto {
  @ApiProperty({ description: 'The unit named' })
  @IsUuidRef()
  unitId!: string;

  @ApiPropertyOptional({ description: 'The person named, if any' })
  @IsUuidRef({ optional: true })
  personId?: string;

  @ApiProperty({ maxLength: TEXT_LIMITS.shortText })
  @IsText(TEXT_LIMITS.shortText)
  problem!: string;
}

export class IssueBulletinDto {
  @ApiProperty({ description: 'The issuing unit (its committee or commission)' })
  @IsUuidRef()
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
  // ValidateNested alone lets an array of arrays through (and the service then fails on it).
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => NegativeListEntryDto)
  negativeList!: NegativeListEntryDto[];
}
