import { PG_CONSTRAINT_VIOLATIONS, postgresErrorOf } from '@dutychain/persistence';
import type { ImportSection } from '@dutychain/org-contract';

/** Where a database constraint sits in the import's own words: the section, the field and the validator's rule. */
export interface ConstraintRule {
  section: ImportSection;
  field: string;
  rule: string;
}

/**
 * The constraints of the org schema (see the migrations), by name. The validator checks every one of
 * them before writing; this is for what it cannot see, such as a record stored by someone else
 * between validating and writing.
 */
const CONSTRAINT_RULES: Record<string, ConstraintRule> = {
  org_unit_code_key: { section: 'units', field: 'code', rule: 'unique' },
  org_unit_guiding_not_self: { section: 'units', field: 'guidingOrgCode', rule: 'notSelf' },
  org_unit_level_check: { section: 'units', field: 'level', rule: 'oneOf' },
  org_unit_type_check: { section: 'units', field: 'type', rule: 'oneOf' },
  org_unit_party_org_type_check: { section: 'units', field: 'partyOrgType', rule: 'oneOf' },
  org_unit_leading_org_id_fkey: { section: 'units', field: 'parentCode', rule: 'exists' },
  org_unit_guiding_org_id_fkey: { section: 'units', field: 'guidingOrgCode', rule: 'exists' },
  org_unit_commission_fk: { section: 'units', field: 'commissionCode', rule: 'exists' },
  commission_code_key: { section: 'commissions', field: 'code', rule: 'unique' },
  commission_kind_check: { section: 'commissions', field: 'kind', rule: 'oneOf' },
  commission_host_unit_id_fkey: { section: 'commissions', field: 'hostUnitCode', rule: 'exists' },
  person_code_key: { section: 'people', field: 'code', rule: 'unique' },
  person_gender_check: { section: 'people', field: 'gender', rule: 'oneOf' },
  person_registered_unit_id_fkey: { section: 'people', field: 'unitCode', rule: 'exists' },
  post_person_id_fkey: { section: 'posts', field: 'personCode', rule: 'exists' },
  post_unit_id_fkey: { section: 'posts', field: 'unitCode', rule: 'exists' },
  post_kind_check: { section: 'posts', field: 'kind', rule: 'oneOf' },
  post_dates_ordered: { section: 'posts', field: 'endDate', rule: 'notBeforeStart' },
  post_one_secretary_at_a_time: { section: 'posts', field: 'startDate', rule: 'oneSecretaryAtATime' },
  post_one_commission_secretary_at_a_time: {
    section: 'posts',
    field: 'startDate',
    rule: 'oneCommissionSecretaryAtATime',
  },
  post_one_seat_per_person_per_team: {
    section: 'posts',
    field: 'startDate',
    rule: 'oneSeatPerPersonPerTeam',
  },
  supervision_person_id_fkey: { section: 'supervisions', field: 'personCode', rule: 'exists' },
  supervision_unit_id_fkey: { section: 'supervisions', field: 'unitCode', rule: 'exists' },
  supervision_supervised_unit_id_fkey: {
    section: 'supervisions',
    field: 'supervisedUnitCode',
    rule: 'exists',
  },
  supervision_dates_ordered: { section: 'supervisions', field: 'endDate', rule: 'notBeforeStart' },
  oversight_pair_overseer_id_fkey: { section: 'oversightPairs', field: 'overseerCode', rule: 'exists' },
  oversight_pair_head_id_fkey: { section: 'oversightPairs', field: 'headCode', rule: 'exists' },
  oversight_pair_not_self: { section: 'oversightPairs', field: 'headCode', rule: 'notSelf' },
  oversight_pair_dates_ordered: { section: 'oversightPairs', field: 'endDate', rule: 'notBeforeStart' },
  oversight_pair_once_at_a_time: { section: 'oversightPairs', field: 'startDate', rule: 'onePairAtATime' },
};

/** The import's rule for a constraint violation of the org schema, or undefined for any other error. */
export function constraintRuleOf(error: unknown): (ConstraintRule & { constraint: string }) | undefined {
  const pg = postgresErrorOf(error);
  if (!pg || !PG_CONSTRAINT_VIOLATIONS.includes(pg.code)) return undefined;
  const constraint = pg.constraint ?? '';
  const known = Object.hasOwn(CONSTRAINT_RULES, constraint) ? CONSTRAINT_RULES[constraint] : undefined;
  if (known) return { ...known, constraint };
  // A constraint added later and not named above: still say which section and which constraint.
  const table = pg.table ?? '';
  const section = Object.hasOwn(SECTION_OF_TABLE, table) ? SECTION_OF_TABLE[table] : undefined;
  if (!section || !constraint) return undefined;
  return { section, field: '', rule: camelCase(constraint), constraint };
}

const SECTION_OF_TABLE: Record<string, ImportSection> = {
  org_unit: 'units',
  commission: 'commissions',
  person: 'people',
  post: 'posts',
  supervision: 'supervisions',
  oversight_pair: 'oversightPairs',
};

/** post_one_secretary_at_a_time → postOneSecretaryAtATime */
function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}
