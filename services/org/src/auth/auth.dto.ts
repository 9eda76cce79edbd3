import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn } from 'class-validator';
import type { Role } from '@dutychain/domain';
import { ROLES, TEXT_LIMITS } from '@dutychain/domain';
import { IsText, IsUuidRef } from '@dutychain/http';

export class IssueTokenDto {
  @ApiProperty({ description: 'The person the token is for' })
  @IsUuidRef()
  personId!: string;

  @ApiProperty({ description: 'Root of the part of the tree the person acts for' })
  @IsUuidRef()
  unitId!: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true })
  roles!: Role[];
}

export class CreateApiKeyDto {
  @ApiProperty({ example: '区级数据中台', maxLength: TEXT_LIMITS.name })
  @IsText(TEXT_LIMITS.name)
  name!: string;

  @ApiProperty()
  @IsUuidRef()
  unitId!: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true })
  roles!: Role[];
}
