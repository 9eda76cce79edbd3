import type { Caller } from '@dutychain/auth';
import { canRun } from '@dutychain/auth';
import type {
  CommissionKind,
  Gender,
  OrgLevel,
  OrgUnitType,
  PartyOrgType,
  PostKind,
} from '@dutychain/domain';
import {
  codePointLength,
  COMMISSION_KIND_LABELS,
  COMMISSION_KINDS,
  GENDER_LABELS,
  GENDERS,
  hasUnstorableCharacters,
  isIsoDate,
  ORG_LEVEL_LABELS,
  ORG_LEVELS,
  ORG_UNIT_TYPE_LABELS,
  ORG_UNIT_TYPES,
  PARTY_ORG_TYPE_LABELS,
  PARTY_ORG_TYPES,
  parseVocabulary,
  POST_KIND_LABELS,
  POST_KINDS,
  TEXT_LIMITS,
} from '@dutychain/domain';
import type { ImportDocument, ImportProblem, ImportSection } from './import-document';
import { IMPORT_SECTIONS, WORKBOOK_LAYOUT } from './import-document';

/** Where a field of a row is, in the words of the file it came from. */
export type Locate = (
  section: ImportSection,
  index: number,
  field: string,
) => Pick<ImportProblem, 'sheet' | 'row' | 'column'>;

export const locateInJson: Locate = (section, index, field) => ({
  sheet: section,
  row: index + 1,
  column: field,
});

export function locateInWorkbook(rowNumbers: Record<ImportSection, number[]>): Locate {
  return (section, index, field) => ({
    sheet: WORKBOOK_LAYOUT[section].sheet,
    row: rowNumbers[section][index] ?? index + 2,
    column: WORKBOOK_LAYOUT[section].columns[field] ?? field,
  });
}

/** What the database already holds, for references from the file to existing records. */
export interface ExistingDirectory {
  units: Map<string, { id: string; path: string; depth: number }>;
  people: Map<string, string>;
  commissions: Map<string, string>;
}

export interface PlannedUnit {
  code: string;
  name: string;
  level: OrgLevel;
  type: OrgUnitType;
  partyOrgType: PartyOrgType;
  parentCode?: string;
  guidingOrgCode?: string;
  commissionCode?: string;
}

/** A validated document: enums parsed, units ordered parents first. */
export interface ImportPlan {
  units: PlannedUnit[];
  commissions: { code: string; name: string; kind: CommissionKind; hostUnitCode: string }[];
  /** `unitCode` is the registering unit; undefined means the importing caller's own unit. */
  people: { code: string; name: string; gender: Gender | null; unitCode?: string }[];
  posts: {
    personCode: string;
    unitCode: string;
    kind: PostKind;
    title: string;
    startDate: string;
    endDate: string | null;
  }[];
  supervisions: {
    personCode: string;
    unitCode: string;
    supervisedUnitCode: string;
    area: string;
    startDate: string;
    endDate: string | null;
  }[];
  oversightPairs: { overseerCode: string; headCode: string; startDate: string; endDate: string | null }[];
}

export type ValidationResult =
  { ok: true; plan: ImportPlan; rows: number } | { ok: false; problems: ImportProblem[] };

/** Checks every cell of the document and reports all problems at once; builds a plan only when there are none. */
export function validateImport(
  document: ImportDocument,
  existing: ExistingDirectory,
  caller: Caller,
  locate: Locate,
): ValidationResult {
  const problems: ImportProblem[] = [];
  const report = (
    section: ImportSection,
    index: number,
    field: string,
    rule: string,
    message: string,
  ): void => {
    problems.push({ ...locate(section, index, field), rule, message });
  };
  const text = (
    section: ImportSection,
    index: number,
    field: string,
    value: unknown,
    max: number,
    required: boolean,
  ): string | undefined => {
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      if (required) report(section, index, field, 'required', `${field} is required`);
      return undefined;
    }
    if (typeof value !== 'string') {
      report(section, index, field, 'type', `${field} must be text`);
      return undefined;
    }
    if (codePointLength(value) > max) {
      report(section, index, field, 'maxLength', `${field} must be at most ${max} characters`);
      return undefined;
    }
    if (hasUnstorableCharacters(value)) {
      report(section, index, field, 'storable', `${field} contains characters that cannot be stored`);
      return undefined;
    }
    return value.trim();
  };
  const vocabulary = <T extends string>(
    section: ImportSection,
    index: number,
    field: string,
    value: unknown,
    codes: readonly T[],
    labels: Record<T, string>,
    required = true,
  ): T | undefined => {
    const raw = text(section, index, field, value, TEXT_LIMITS.code, required);
    if (raw === undefined) return undefined;
    const parsed = parseVocabulary(raw, codes, labels);
    if (!parsed) {
      const allowed = codes.map((code) => `${code}/${labels[code]}`).join(', ');
      report(section, index, field, 'oneOf', `${field} "${raw}" is not one of: ${allowed}`);
    }
    return parsed;
  };
  const date = (
    section: ImportSection,
    index: number,
    field: string,
    value: unknown,
    required: boolean,
  ): string | undefined => {
    const raw = text(section, index, field, value, 10, required);
    if (raw === undefined) return undefined;
    if (!isIsoDate(raw)) {
      report(
        section,
        index,
        field,
        'isoDate',
        `${field} "${raw}" must be a calendar date written YYYY-MM-DD`,
      );
      return undefined;
    }
    return raw;
  };
  const dateRange = (
    section: ImportSection,
    index: number,
    row: { startDate?: unknown; endDate?: unknown },
  ) => {
    const startDate = date(section, index, 'startDate', row.startDate, true);
    const endDate = date(section, index, 'endDate', row.endDate, false);
    if (startDate && endDate && endDate < startDate) {
      report(
        section,
        index,
        'endDate',
        'notBeforeStart',
        `endDate ${endDate} is before startDate ${startDate}`,
      );
    }
    return { startDate, endDate: endDate ?? null };
  };

  // Units: codes, vocabulary, then references and cycles once all codes are known.
  const unitRows = new Map<string, { index: number; unit: PlannedUnit }>();
  document.units.forEach((row, index) => {
    const code = text('units', index, 'code', row.code, TEXT_LIMITS.code, true);
    const name = text('units', index, 'name', row.name, TEXT_LIMITS.name, true);
    const level = vocabulary('units', index, 'level', row.level, ORG_LEVELS, ORG_LEVEL_LABELS);
    const type = vocabulary('units', index, 'type', row.type, ORG_UNIT_TYPES, ORG_UNIT_TYPE_LABELS);
    const partyOrgType = vocabulary(
      'units',
      index,
      'partyOrgType',
      row.partyOrgType,
      PARTY_ORG_TYPES,
      PARTY_ORG_TYPE_LABELS,
    );
    const parentCode = text('units', index, 'parentCode', row.parentCode, TEXT_LIMITS.code, false);
    const guidingOrgCode = text(
      'units',
      index,
      'guidingOrgCode',
      row.guidingOrgCode,
      TEXT_LIMITS.code,
      false,
    );
    const commissionCode = text(
      'units',
      index,
      'commissionCode',
      row.commissionCode,
      TEXT_LIMITS.code,
      false,
    );
    if (code === undefined) return;
    if (unitRows.has(code))
      return report('units', index, 'code', 'unique', `code ${code} appears more than once in the file`);
    if (existing.units.has(code))
      return report('units', index, 'code', 'unique', `an org unit with code ${code} already exists`);
    if (name && level && type && partyOrgType) {
      unitRows.set(code, {
        index,
        unit: { code, name, level, type, partyOrgType, parentCode, guidingOrgCode, commissionCode },
      });
    } else {
      unitRows.set(code, {
        index,
        unit: {
          code,
          name: name ?? '',
          level: level ?? 'village',
          type: type ?? 'village',
          partyOrgType: partyOrgType ?? 'branch',
          parentCode,
        },
      });
    }
  });
  const unitExists = (code: string): boolean => unitRows.has(code) || existing.units.has(code);

  const commissionCodes = new Set<string>();
  const commissions: ImportPlan['commissions'] = [];
  document.commissions.forEach((row, index) => {
    const code = text('commissions', index, 'code', row.code, TEXT_LIMITS.code, true);
    const name = text('commissions', index, 'name', row.name, TEXT_LIMITS.name, true);
    const kind = vocabulary('commissions', index, 'kind', row.kind, COMMISSION_KINDS, COMMISSION_KIND_LABELS);
    const hostUnitCode = text('commissions', index, 'hostUnitCode', row.hostUnitCode, TEXT_LIMITS.code, true);
    if (hostUnitCode && !unitExists(hostUnitCode)) {
      report(
        'commissions',
        index,
        'hostUnitCode',
        'exists',
        `unit ${hostUnitCode} is neither in the file nor in the directory`,
      );
    }
    if (code === undefined) return;
    if (commissionCodes.has(code) || existing.commissions.has(code)) {
      return report('commissions', index, 'code', 'unique', `commission code ${code} is already used`);
    }
    commissionCodes.add(code);
    if (name && kind && hostUnitCode) commissions.push({ code, name, kind, hostUnitCode });
  });

  for (const [code, { index, unit }] of unitRows) {
    if (unit.parentCode === undefined) {
      if (caller.unitPath !== '/')
        report(
          'units',
          index,
          'parentCode',
          'required',
          `parentCode is required: only a global admin may import a root unit`,
        );
    } else if (unitRows.has(unit.parentCode)) {
      if (unit.parentCode === code)
        report('units', index, 'parentCode', 'cycle', `unit ${code} cannot be its own parent`);
    } else {
      const parent = existing.units.get(unit.parentCode);
      if (!parent)
        report(
          'units',
          index,
          'parentCode',
          'exists',
          `parent unit ${unit.parentCode} is neither in the file nor in the directory`,
        );
      else if (!canRun(caller, parent.path))
        report(
          'units',
          index,
          'parentCode',
          'scope',
          `parent unit ${unit.parentCode} is outside your part of the org tree`,
        );
    }
    if (unit.guidingOrgCode !== undefined && !unitExists(unit.guidingOrgCode)) {
      report(
        'units',
        index,
        'guidingOrgCode',
        'exists',
        `guiding org ${unit.guidingOrgCode} is neither in the file nor in the directory`,
      );
    }
    if (
      unit.commissionCode !== undefined &&
      !commissionCodes.has(unit.commissionCode) &&
      !existing.commissions.has(unit.commissionCode)
    ) {
      report(
        'units',
        index,
        'commissionCode',
        'exists',
        `commission ${unit.commissionCode} is neither in the file nor in the directory`,
      );
    }
  }
  const orderedUnits = orderParentsFirst(unitRows, (index, message) =>
    report('units', index, 'parentCode', 'cycle', message),
  );

  const checkUnit = (
    section: ImportSection,
    index: number,
    field: string,
    value: unknown,
    mustRun: boolean,
  ): string | undefined => {
    const code = text(section, index, field, value, TEXT_LIMITS.code, true);
    if (code === undefined) return undefined;
    const stored = existing.units.get(code);
    if (!unitRows.has(code) && !stored)
      report(section, index, field, 'exists', `unit ${code} is neither in the file nor in the directory`);
    else if (mustRun && stored && !canRun(caller, stored.path))
      report(section, index, field, 'scope', `unit ${code} is outside your part of the org tree`);
    return code;
  };

  const personCodes = new Set<string>();
  const people: ImportPlan['people'] = [];
  const registeringUnitCodes: (string | undefined)[] = [];
  document.people.forEach((row, index) => {
    const code = text('people', index, 'code', row.code, TEXT_LIMITS.code, true);
    const name = text('people', index, 'name', row.name, TEXT_LIMITS.name, true);
    const gender = vocabulary('people', index, 'gender', row.gender, GENDERS, GENDER_LABELS, false);
    const unitCode =
      row.unitCode === undefined || row.unitCode === ''
        ? undefined
        : checkUnit('people', index, 'unitCode', row.unitCode, true);
    if (code === undefined) return;
    if (personCodes.has(code) || existing.people.has(code))
      return report('people', index, 'code', 'unique', `person code ${code} is already used`);
    personCodes.add(code);
    if (name) {
      people.push({ code, name, gender: gender ?? null });
      registeringUnitCodes.push(unitCode);
    }
  });
  const personExists = (code: string): boolean => personCodes.has(code) || existing.people.has(code);
  const checkPerson = (
    section: ImportSection,
    index: number,
    field: string,
    value: unknown,
  ): string | undefined => {
    const code = text(section, index, field, value, TEXT_LIMITS.code, true);
    if (code !== undefined && !personExists(code))
      report(section, index, field, 'exists', `person ${code} is neither in the file nor in the directory`);
    return code;
  };
  const posts: ImportPlan['posts'] = [];
  const exclusiveSeats = new Map<string, { startDate: string; endDate: string | null }[]>();
  document.posts.forEach((row, index) => {
    const personCode = checkPerson('posts', index, 'personCode', row.personCode);
    const unitCode = checkUnit('posts', index, 'unitCode', row.unitCode, true);
    const kind = vocabulary('posts', index, 'kind', row.kind, POST_KINDS, POST_KIND_LABELS);
    const title = text('posts', index, 'title', row.title, TEXT_LIMITS.title, false);
    const { startDate, endDate } = dateRange('posts', index, row);
    if (!personCode || !unitCode || !kind || !startDate) return;
    if (kind === 'secretary' || kind === 'commissionSecretary') {
      const key = `${unitCode}|${kind}`;
      const seats = exclusiveSeats.get(key) ?? [];
      if (seats.some((seat) => overlaps(seat, { startDate, endDate }))) {
        report(
          'posts',
          index,
          'startDate',
          kind === 'secretary' ? 'oneSecretaryAtATime' : 'oneCommissionSecretaryAtATime',
          `unit ${unitCode} already has a ${kind} during these dates`,
        );
      }
      exclusiveSeats.set(key, [...seats, { startDate, endDate }]);
    }
    posts.push({ personCode, unitCode, kind, title: title ?? POST_KIND_LABELS[kind], startDate, endDate });
  });

  // A person with no registering unit given is registered where their earliest post in the file is.
  people.forEach((person, index) => {
    const earliest = posts
      .filter((post) => post.personCode === person.code)
      .reduce<ImportPlan['posts'][number] | undefined>(
        (first, post) => (first && first.startDate <= post.startDate ? first : post),
        undefined,
      );
    const unitCode = registeringUnitCodes[index] ?? earliest?.unitCode;
    if (unitCode !== undefined) person.unitCode = unitCode;
  });

  const supervisions: ImportPlan['supervisions'] = [];
  document.supervisions.forEach((row, index) => {
    const personCode = checkPerson('supervisions', index, 'personCode', row.personCode);
    const unitCode = checkUnit('supervisions', index, 'unitCode', row.unitCode, true);
    const supervisedUnitCode = checkUnit(
      'supervisions',
      index,
      'supervisedUnitCode',
      row.supervisedUnitCode,
      false,
    );
    const area = text('supervisions', index, 'area', row.area, TEXT_LIMITS.title, false);
    const { startDate, endDate } = dateRange('supervisions', index, row);
    if (personCode && unitCode && supervisedUnitCode && startDate) {
      supervisions.push({ personCode, unitCode, supervisedUnitCode, area: area ?? '', startDate, endDate });
    }
  });

  const oversightPairs: ImportPlan['oversightPairs'] = [];
  document.oversightPairs.forEach((row, index) => {
    const overseerCode = checkPerson('oversightPairs', index, 'overseerCode', row.overseerCode);
    const headCode = checkPerson('oversightPairs', index, 'headCode', row.headCode);
    const { startDate, endDate } = dateRange('oversightPairs', index, row);
    if (overseerCode && overseerCode === headCode)
      report('oversightPairs', index, 'headCode', 'notSelf', 'a leader cannot oversee themselves');
    if (overseerCode && headCode && startDate)
      oversightPairs.push({ overseerCode, headCode, startDate, endDate });
  });

  if (problems.length > 0) return { ok: false, problems };
  const rows = IMPORT_SECTIONS.reduce((sum, section) => sum + document[section].length, 0);
  return {
    ok: true,
    rows,
    plan: { units: orderedUnits, commissions, people, posts, supervisions, oversightPairs },
  };
}

function overlaps(
  a: { startDate: string; endDate: string | null },
  b: { startDate: string; endDate: string | null },
): boolean {
  return (a.endDate === null || b.startDate <= a.endDate) && (b.endDate === null || a.startDate <= b.endDate);
}

/** Parents before children, so each unit's path can be built from its parent's; reports cycles. */
function orderParentsFirst(
  rows: Map<string, { index: number; unit: PlannedUnit }>,
  reportCycle: (index: number, message: string) => void,
): PlannedUnit[] {
  const ordered: PlannedUnit[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  for (const start of rows.keys()) {
    const stack: string[] = [];
    let code: string | undefined = start;
    // Walk up to the first ancestor already placed (or outside the file), then place on the way down.
    while (code !== undefined && rows.has(code) && state.get(code) !== 'done') {
      if (state.get(code) === 'visiting') {
        reportCycle(rows.get(code)?.index ?? 0, `unit ${code} is its own ancestor (a cycle of parentCode)`);
        break;
      }
      state.set(code, 'visiting');
      stack.push(code);
      code = rows.get(code)?.unit.parentCode;
    }
    for (const placed of stack.reverse()) {
      state.set(placed, 'done');
      const row = rows.get(placed);
      if (row) ordered.push(row.unit);
    }
  }
  return ordered;
}
