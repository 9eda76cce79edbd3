import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Gender, PostKind } from '@dutychain/domain';
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

export interface PostView {
  id: string;
  personId: string;
  personName: string;
  unitId: string;
  unitName: string;
  kind: PostKind;
  title: string;
  startDate: string;
  endDate: string | null;
}

export interface PersonView {
  id: string;
  code: string;
  name: string;
  gender: Gender | null;
  registeredUnitId: string | null;
}

export interface PersonDetailView extends PersonView {
  posts: PostView[];
  supervisions: {
    id: string;
    unitId: string;
    supervisedUnitId: string;
    supervisedUnitName: string;
    area: string;
    startDate: string;
    endDate: string | null;
  }[];
  oversees: { headId: string; headName: string; startDate: string; endDate: string | null }[];
  overseenBy: { overseerId: string; overseerName: string; startDate: string; endDate: string | null }[];
}
