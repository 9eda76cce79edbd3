/**
 * The org directory's vocabulary: code names used in APIs and tables, with the Chinese labels
 * used in the UI and in imported workbooks. Names follow docs/domain.md.
 */

/** Administrative tier of the body a unit answers to (a district department is `district`). */
export const ORG_LEVELS = ['city', 'district', 'town', 'village'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

export const ORG_UNIT_TYPES = [
  'region',
  'town',
  'street',
  'village',
  'community',
  'department',
  'affiliated',
  'stateEnterprise',
  'school',
  'hospital',
] as const;
export type OrgUnitType = (typeof ORG_UNIT_TYPES)[number];

export const PARTY_ORG_TYPES = [
  'committee',
  'partyGroup',
  'workingCommittee',
  'generalBranch',
  'branch',
] as const;
export type PartyOrgType = (typeof PARTY_ORG_TYPES)[number];

export const POST_KINDS = ['secretary', 'deputySecretary', 'commissionSecretary', 'member'] as const;
export type PostKind = (typeof POST_KINDS)[number];

export const COMMISSION_KINDS = ['commission', 'dispatchedGroup'] as const;
export type CommissionKind = (typeof COMMISSION_KINDS)[number];

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];

export const ORG_LEVEL_LABELS: Record<OrgLevel, string> = {
  city: '市',
  district: '区县',
  town: '镇街',
  village: '村居',
};

export const ORG_UNIT_TYPE_LABELS: Record<OrgUnitType, string> = {
  region: '区域',
  town: '镇',
  street: '街道',
  village: '村',
  community: '社区',
  department: '部门',
  affiliated: '直属单位',
  stateEnterprise: '国企',
  school: '学校',
  hospital: '医院',
};

export const PARTY_ORG_TYPE_LABELS: Record<PartyOrgType, string> = {
  committee: '党委',
  partyGroup: '党组',
  workingCommittee: '党工委',
  generalBranch: '党总支',
  branch: '党支部',
};

export const POST_KIND_LABELS: Record<PostKind, string> = {
  secretary: '书记',
  deputySecretary: '副书记',
  commissionSecretary: '纪委书记',
  member: '委员',
};

export const COMMISSION_KIND_LABELS: Record<CommissionKind, string> = {
  commission: '纪委',
  dispatchedGroup: '派驻纪检监察组',
};

export const GENDER_LABELS: Record<Gender, string> = { male: '男', female: '女' };

/**
 * Reads a value given either as its code name or as its Chinese label.
 * Returns undefined when it is neither, so callers can report the allowed values.
 */
export function parseVocabulary<T extends string>(
  value: string,
  codes: readonly T[],
  labels: Record<T, string>,
): T | undefined {
  const trimmed = value.trim();
  if ((codes as readonly string[]).includes(trimmed)) return trimmed as T;
  return codes.find((code) => labels[code] === trimmed);
}
