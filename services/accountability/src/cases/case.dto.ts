import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, Max, Min } from 'class-validator';
import { TEXT_LIMITS } from '@dutychain/domain';
import { IsIsoDate, IsOmittable, IsText, IsUuidRef } from '@dutychain/http';
import type {
  CaseStatus,
  ChainLink,
  ExemptionBasis,
  ExemptionKind,
  InvestigationOutcome,
  InvestigationRole,
  OrganisationForm,
  PersonForm,
} from '../common/accountability-vocabulary';
import {
  CASE_STATUSES,
  CHAIN_LINKS,
  EXEMPTION_BASES,
  EXEMPTION_KINDS,
  INVESTIGATION_OUTCOMES,
  INVESTIGATION_ROLES,
  ORGANISATION_FORMS,
  PERSON_FORMS,
} from '../common/accountability-vocabulary';

export class OpenCaseDto {
  @ApiProperty({ description: 'The unit where the violation happened' })
  @IsUuidRef()
  unitId!: string;

  @ApiProperty({ enum: ['petition', 'manual'], description: 'Overdue notices open cases by themselves' })
  @IsIn(['petition', 'manual'])
  source!: 'petition' | 'manual';

  @ApiPropertyOptional({ maxLength: TEXT_LIMITS.code })
  @IsOmittable()
  @IsText(TEXT_LIMITS.code)
  sourceRef?: string;

  @ApiProperty({
    example: '2024-06-15',
    description: 'Date of the violation: the chain is proposed as it stood that day',
  })
  @IsIsoDate('past')
  violationDate!: string;

  @ApiProperty({ maxLength: TEXT_LIMITS.longText })
  @IsText(TEXT_LIMITS.longText)
  summary!: string;

  @ApiPropertyOptional({ type: [String], description: 'People who committed the violation' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUuidRef({ each: true })
  violatorPersonIds?: string[];
}

export class AddInvestigationDto {
  @ApiProperty()
  @IsUuidRef()
  personId!: string;

  @ApiProperty({ enum: INVESTIGATION_ROLES })
  @IsIn(INVESTIGATION_ROLES)
  role!: InvestigationRole;

  @ApiPropertyOptional({ enum: CHAIN_LINKS })
  @IsOmittable()
  @IsIn(CHAIN_LINKS)
  link?: ChainLink;

  @ApiPropertyOptional({ maxLength: TEXT_LIMITS.title })
  @IsOmittable()
  @IsText(TEXT_LIMITS.title)
  postTitle?: string;
}

export class InvestigationOutcomeDto {
  @ApiProperty({ enum: INVESTIGATION_OUTCOMES })
  @IsIn(INVESTIGATION_OUTCOMES)
  outcome!: InvestigationOutcome;

  @ApiProperty({ maxLength: TEXT_LIMITS.longText })
  @IsText(TEXT_LIMITS.longText)
  finding!: string;
}

export class AddMeasureDto {
  @ApiProperty({ enum: ['organisation', 'person'] })
  @IsIn(['organisation', 'person'])
  targetKind!: 'organisation' | 'person';

  @ApiPropertyOptional({ description: 'For a person: the investigation it follows from' })
  @IsUuidRef({ optional: true })
  investigationId?: string;

  @ApiPropertyOptional({ description: 'For an organisation: the unit' })
  @IsUuidRef({ optional: true })
  unitId?: string;

  @ApiProperty({
    enum: [...new Set([...ORGANISATION_FORMS, ...PERSON_FORMS])],
    description:
      'organisation: selfExamination 检查, bulletin 通报, reorganisation 改组; person: bulletin 通报, admonishment 诫勉, organisationalMeasure 组织调整/处理, disciplinaryAction 纪律处分',
  })
  @IsIn([...new Set([...ORGANISATION_FORMS, ...PERSON_FORMS])])
  form!: OrganisationForm | PersonForm;

  @ApiPropertyOptional({ maxLength: TEXT_LIMITS.shortText })
  @IsOmittable()
  @IsText(TEXT_LIMITS.shortText)
  note?: string;
}

export class AddExemptionDto {
  @ApiProperty()
  @IsUuidRef()
  investigationId!: string;

  @ApiProperty({ enum: EXEMPTION_KINDS })
  @IsIn(EXEMPTION_KINDS)
  kind!: ExemptionKind;

  @ApiProperty({ enum: EXEMPTION_BASES, description: '三个区分开来: the ground of the distinction' })
  @IsIn(EXEMPTION_BASES)
  basis!: ExemptionBasis;

  @ApiProperty({ maxLength: TEXT_LIMITS.longText })
  @IsText(TEXT_LIMITS.longText)
  reasons!: string;
}

export class CaseTransitionDto {
  @ApiProperty({ enum: CASE_STATUSES })
  @IsIn(CASE_STATUSES)
  to!: CaseStatus;

  @ApiPropertyOptional({ description: 'The version you read: a stale change is refused' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  version?: number;

  @ApiPropertyOptional({ maxLength: TEXT_LIMITS.shortText })
  @IsOmittable()
  @IsText(TEXT_LIMITS.shortText)
  note?: string;
}

export class CaseApprovalDto {
  @ApiProperty({ enum: ['approve', 'reject'] })
  @IsIn(['approve', 'reject'])
  decision!: 'approve' | 'reject';

  @ApiPropertyOptional({ maxLength: TEXT_LIMITS.shortText })
  @IsOmittable()
  @IsText(TEXT_LIMITS.shortText)
  note?: string;
}

export class ListCasesQueryDto {
  @ApiPropertyOptional()
  @IsUuidRef({ optional: true })
  subtreeOf?: string;

  @ApiPropertyOptional({ enum: CASE_STATUSES })
  @IsOmittable()
  @IsIn(CASE_STATUSES)
  status?: CaseStatus;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOmittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}
