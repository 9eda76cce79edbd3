import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { TEXT_LIMITS } from '@dutychain/domain';
import { IsOmittable, IsQueryBoolean, IsText, IsUuidRef, IsYear } from '@dutychain/http';
import type { NoticeSource, NoticeStatus } from '@dutychain/temporal';
import { NOTICE_SOURCES } from '@dutychain/temporal';
import { MAX_DAY_LASTS_MS, MAX_WORKING_DAYS, MIN_DAY_LASTS_MS } from '@dutychain/working-days';

export class IssueNoticeDto {
  @ApiProperty({ description: 'The unit the notice is about' })
  @IsUuidRef()
  unitId!: string;

  @ApiPropertyOptional({
    description:
      "The unit whose commission issues it (defaults to yours); the notice's unit must lie under it",
  })
  @IsUuidRef({ optional: true })
  issuingUnitId?: string;

  @ApiProperty({ enum: NOTICE_SOURCES, description: '专项检查 / 信访举报 / 执纪审查' })
  @IsIn(NOTICE_SOURCES)
  source!: NoticeSource;

  @ApiPropertyOptional({
    description: 'Reference of the check, petition or review',
    maxLength: TEXT_LIMITS.code,
  })
  @IsOmittable()
  @IsText(TEXT_LIMITS.code)
  sourceRef?: string;

  @ApiProperty({ example: '关于柳营镇信访举报反映问题的抄告', maxLength: TEXT_LIMITS.title })
  @IsText(TEXT_LIMITS.title)
  title!: string;

  @ApiProperty({ description: 'What was found and what a reply must cover', maxLength: TEXT_LIMITS.longText })
  @IsText(TEXT_LIMITS.longText)
  body!: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_WORKING_DAYS,
    description: 'Reply within this many working days',
  })
  @IsOmittable()
  @Max(MAX_WORKING_DAYS)
  @Min(1)
  @IsInt()
  replyWorkingDays?: number;

  @ApiPropertyOptional({
    minimum: MIN_DAY_LASTS_MS,
    maximum: MAX_DAY_LASTS_MS,
    description:
      'Demos and tests: one calendar day lasts this many ms, at most a day (defaults to the deployment setting)',
  })
  @IsOmittable()
  @Max(MAX_DAY_LASTS_MS)
  @Min(MIN_DAY_LASTS_MS)
  @IsInt()
  dayLastsMs?: number;
}

export class ReplyDto {
  @ApiProperty({ description: 'What was done (回告内容)', maxLength: TEXT_LIMITS.longText })
  @IsText(TEXT_LIMITS.longText)
  content!: string;
}

export class AcceptReplyDto {
  @ApiPropertyOptional({ maxLength: TEXT_LIMITS.shortText })
  @IsOmittable()
  @IsText(TEXT_LIMITS.shortText)
  note?: string;
}

export class ReturnReplyDto {
  @ApiProperty({ description: 'What the reply lacks', maxLength: TEXT_LIMITS.longText })
  @IsText(TEXT_LIMITS.longText)
  reasons!: string;
}

export class WithdrawNoticeDto {
  @ApiProperty({ maxLength: TEXT_LIMITS.shortText })
  @IsText(TEXT_LIMITS.shortText)
  reason!: string;
}

export class ListNoticesQueryDto {
  @ApiPropertyOptional({ description: 'Notices of this unit and its subtree' })
  @IsUuidRef({ optional: true })
  subtreeOf?: string;

  @ApiPropertyOptional({ enum: ['open', 'completed', 'withdrawn'] })
  @IsOmittable()
  @IsIn(['open', 'completed', 'withdrawn'])
  status?: NoticeStatus;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsQueryBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'Only notices addressed to you' })
  @IsOmittable()
  @IsQueryBoolean()
  mine?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOmittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOmittable()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}

export class OverdueMarksQueryDto {
  @ApiPropertyOptional({ description: 'Marks of this unit and its subtree' })
  @IsUuidRef({ optional: true })
  subtreeOf?: string;

  @ApiPropertyOptional()
  @IsUuidRef({ optional: true })
  personId?: string;

  @ApiPropertyOptional({ example: 2026 })
  @IsOmittable()
  @IsYear({ inQuery: true })
  year?: number;
}
