import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { TEXT_LIMITS } from '@dutychain/domain';
import { IsText, IsYear } from '@dutychain/http';
import type { NoticeSource, NoticeStatus } from '@dutychain/temporal';
import { NOTICE_SOURCES } from '@dutychain/temporal';

export class IssueNoticeDto {
  @ApiProperty({ description: 'The unit the notice is about' })
  @IsUUID()
  unitId!: string;

  @ApiPropertyOptional({
    description:
      "The unit whose commission issues it (defaults to yours); the notice's unit must lie under it",
  })
  @IsOptional()
  @IsUUID()
  issuingUnitId?: string;

  @ApiProperty({ enum: NOTICE_SOURCES, description: '专项检查 / 信访举报 / 执纪审查' })
  @IsIn(NOTICE_SOURCES)
  source!: NoticeSource;

  @ApiPropertyOptional({
    description: 'Reference of the check, petition or review',
    maxLength: TEXT_LIMITS.code,
  })
  @IsOptional()
  @IsText(TEXT_LIMITS.code)
  sourceRef?: string;

  @ApiProperty({ example: '关于柳营镇信访举报反映问题的抄告', maxLength: TEXT_LIMITS.title })
  @IsText(TEXT_LIMITS.title)
  title!: string;

  @ApiProperty({ description: 'What was found and what a reply must cover', maxLength: TEXT_LIMITS.longText })
  @IsText(TEXT_LIMITS.longText)
  body!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 300, description: 'Reply within this many working days' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(300)
  replyWorkingDays?: number;

  @ApiPropertyOptional({
    minimum: 1000,
    description: 'Demos and tests: one calendar day lasts this many ms (defaults to the deployment setting)',
  })
  @IsOptional()
  @IsInt()
  @Min(1000)
  @Max(86_400_000)
  dayLastsMs?: number;
}

export class ReplyDto {
  @ApiProperty({ description: 'What was done (回告内容)', maxLength: TEXT_LIMITS.longText })
  @IsText(TEXT_LIMITS.longText)
  content!: string;
}

export class AcceptReplyDto {
  @ApiPropertyOptional({ maxLength: TEXT_LIMITS.shortText })
  @IsOptional()
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

const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ListNoticesQueryDto {
  @ApiPropertyOptional({ description: 'Notices of this unit and its subtree' })
  @IsOptional()
  @IsUUID()
  subtreeOf?: string;

  @ApiPropertyOptional({ enum: ['open', 'completed', 'withdrawn'] })
  @IsOptional()
  @IsIn(['open', 'completed', 'withdrawn'])
  status?: NoticeStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'Only notices addressed to you' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  mine?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}

export class OverdueMarksQueryDto {
  @ApiPropertyOptional({ description: 'Marks of this unit and its subtree' })
  @IsOptional()
  @IsUUID()
  subtreeOf?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  personId?: string;

  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @IsYear({ inQuery: true })
  year?: number;
}
