import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Gender } from '@dutychain/domain';
import { GENDERS, TEXT_LIMITS } from '@dutychain/domain';
import { IsText, IsUuidRef } from '@dutychain/http';

export class CreatePersonDto {
  @ApiProperty({ example: 'P02001', maxLength: TEXT_LIMITS.code })
  @IsText(TEXT_LIMITS.code)
  code!: string;

  @ApiProperty({ example: '王建国', maxLength: TEXT_LIMITS.name })
  @IsText(TEXT_LIMITS.name)
  name!: string;

  @ApiPropertyOptional({ enum: GENDERS })
  @IsOptional()
  @IsIn(GENDERS)
  gender?: Gender;

  @ApiProperty({ description: 'The unit that registers the person (登记单位); the caller must run it' })
  @IsUuidRef()
  unitId!: string;
}

export class SearchPeopleQueryDto {
  @ApiProperty({ description: 'Part of the name, e.g. 王' })
  @IsText(TEXT_LIMITS.name)
  q!: string;
}
