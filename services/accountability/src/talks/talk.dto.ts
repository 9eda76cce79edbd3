import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { TEXT_LIMITS } from '@dutychain/domain';
import { IsIsoDate, IsText, IsUuidRef } from '@dutychain/http';
import type { TalkKind } from '../common/accountability-vocabulary';
import { TALK_KINDS } from '../common/accountability-vocabulary';

export class RecordTalkDto {
  @ApiProperty({ description: 'The unit the talk concerns' })
  @IsUuidRef()
  unitId!: string;

  @ApiProperty({ enum: TALK_KINDS, description: 'reminder 提醒谈话, interview 约谈, integrity 廉政谈话' })
  @IsIn(TALK_KINDS)
  kind!: TalkKind;

  @ApiPropertyOptional({ description: 'Who held the talk (defaults to you)' })
  @IsUuidRef({ optional: true })
  heldById?: string;

  @ApiProperty({ description: 'With whom' })
  @IsUuidRef()
  withPersonId!: string;

  @ApiProperty({ example: '2026-11-20' })
  @IsIsoDate('past')
  heldOn!: string;

  @ApiProperty({ maxLength: TEXT_LIMITS.longText })
  @IsText(TEXT_LIMITS.longText)
  subject!: string;

  @ApiProperty({ maxLength: TEXT_LIMITS.longText })
  @IsText(TEXT_LIMITS.longText)
  outcome!: string;

  @ApiPropertyOptional({ description: 'The notice the talk follows from' })
  @IsUuidRef({ optional: true })
  noticeId?: string;

  @ApiPropertyOptional({ description: 'The case the talk belongs to' })
  @IsUuidRef({ optional: true })
  caseId?: string;
}

export class ListTalksQueryDto {
  @ApiPropertyOptional()
  @IsUuidRef({ optional: true })
  subtreeOf?: string;

  @ApiPropertyOptional({ description: 'Talks held with this person (wherever they are now)' })
  @IsUuidRef({ optional: true })
  personId?: string;
}
