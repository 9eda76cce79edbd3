/** Words of 压责/问责 used across this service (docs/domain.md "Names in code"), with their Chinese labels. */

export const CASE_SOURCES = ['overdueNotice', 'petition', 'manual'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

/**
 * intake → investigating → reviewing (measures proposed) → approved → closed; a case may be
 * dismissed before review. Approval needs someone other than whoever sent the case to review.
 */
export const CASE_STATUSES = [
  'intake',
  'investigating',
  'reviewing',
  'approved',
  'closed',
  'dismissed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  intake: '受理',
  investigating: '调查',
  reviewing: '审议',
  approved: '批准',
  closed: '办结',
  dismissed: '不予问责',
};
/** Moves a person may make with POST /cases/:id/transitions (approval has its own endpoint). */
export const CASE_TRANSITIONS: Record<CaseStatus, CaseStatus[]> = {
  intake: ['investigating', 'dismissed'],
  investigating: ['reviewing', 'dismissed'],
  reviewing: ['investigating'],
  approved: ['closed'],
  closed: [],
  dismissed: [],
};

/** 一案双查: the violator, and the leaders whose primary or supervisory responsibility covered it. */
export const INVESTIGATION_ROLES = ['violator', 'primary', 'supervisory'] as const;
export type InvestigationRole = (typeof INVESTIGATION_ROLES)[number];
/** Where on the chain: the committee (主体责任), its secretary (第一责任人), a supervising member (一岗双责), the commission (监督责任). */
export const CHAIN_LINKS = ['violator', 'committee', 'first', 'dual', 'commission'] as const;
export type ChainLink = (typeof CHAIN_LINKS)[number];
export const INVESTIGATION_OUTCOMES = ['pending', 'responsible', 'notResponsible'] as const;
export type InvestigationOutcome = (typeof INVESTIGATION_OUTCOMES)[number];

/** 问责方式 (问责条例): for organisations and for people. */
export const ORGANISATION_FORMS = ['selfExamination', 'bulletin', 'reorganisation'] as const;
export const PERSON_FORMS = [
  'bulletin',
  'admonishment',
  'organisationalMeasure',
  'disciplinaryAction',
] as const;
export type OrganisationForm = (typeof ORGANISATION_FORMS)[number];
export type PersonForm = (typeof PERSON_FORMS)[number];
export const FORM_LABELS: Record<OrganisationForm | PersonForm, string> = {
  selfExamination: '检查',
  bulletin: '通报',
  reorganisation: '改组',
  admonishment: '诫勉',
  organisationalMeasure: '组织调整或组织处理',
  disciplinaryAction: '纪律处分',
};

/**
 * 三个区分开来: the grounds on which an honest mistake is told apart from a deliberate violation.
 * experimentalMistake: 缺乏经验、先行先试中出现的失误; exploratoryTrial: 上级尚无明确限制的探索性试验中的失误;
 * developmentLapse: 为推动发展的无意过失.
 */
export const EXEMPTION_BASES = ['experimentalMistake', 'exploratoryTrial', 'developmentLapse'] as const;
export type ExemptionBasis = (typeof EXEMPTION_BASES)[number];
export const EXEMPTION_KINDS = ['exemption', 'mitigation'] as const;
export type ExemptionKind = (typeof EXEMPTION_KINDS)[number];

export const TALK_KINDS = ['reminder', 'interview', 'integrity'] as const;
export type TalkKind = (typeof TALK_KINDS)[number];
export const TALK_KIND_LABELS: Record<TalkKind, string> = {
  reminder: '提醒谈话',
  interview: '约谈',
  integrity: '廉政谈话',
};
