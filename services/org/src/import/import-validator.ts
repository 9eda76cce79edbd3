import type { Caller } from '@dutychain/auth';
import { canRun, canSee } from '@dutychain/auth';
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
  dateProblem,
  GENDER_LABELS,
  GENDERS,
  hasUnstorableCharacters,
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
import type { ImportDocument, ImportProblem, ImportSection } from '@dutychain/org-contract';
import { IMPORT_SECTIONS, WORKBOOK_LAYOUT } from '@dutychain/org-contract';

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
    column: Object.hasOwn(WORKBOOK_LAYOUT[section].columns, field)
      ? (WORKBOOK_LAYOUT[section].columns[field] ?? field)
      : field,
  });
}

/** What the database already holds, for references from the file to existing records. */
export interface ExistingDirectory {
  units: Map<string, { id: string; path: string; depth: number }>;
  people: Map<string, string>;
  commissions: Map<string, string>;
  /** For the stored commissions the file names: the path of the unit hosting each, for scope. */
  commissionHostPaths: Map<string, string>;
  /**
   * Stored posts the file's rows can collide with or rely on: the secretaries and commission
   * secretaries of the units the file references, and the posts of the people it references on those
   * units. `personCode` is undefined for a stored secretary whom the file does not mention.
   */
  posts: StoredPost[];
  /** For the stored people the file names: the paths of their registering unit and of every unit they held a post at. */
  personUnitPaths: Map<string, string[]>;
}

export interface StoredPost {
  personCode: string | undefined;
  unitCode: string;
  kind: PostKind;
  startDate: string;
  endDate: string | null;
}

/**
 * The code a cell holds when the validator will accept it as a code (text, not over-long, storable),
 * trimmed; undefined otherwise. Only such codes are looked up in the database.
 */
export function acceptableCode(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (codePointLength(value) > TEXT_LIMITS.code || hasUnstorableCharacters(value)) return undefined;
  const code = value.trim();
  return code === '' ? undefined : code;
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
    // The bounds every date of the API shares (libs/domain dateProblem), with the same rules.
    const problem = dateProblem(field, raw);
    if (problem) {
      report(section, index, field, problem.rule, `${problem.message} (got "${raw}")`);
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

  // Every field of a row must be one its section has: a misspelt optional field (parentcode) would
  // otherwise be dropped without a word. Workbook rows only ever hold the layout's fields.
  for (const section of IMPORT_SECTIONS) {
    const fields = WORKBOOK_LAYOUT[section].columns;
    document[section].forEach((row, index) => {
      for (const field of Object.keys(row)) {
        if (Object.hasOwn(fields, field)) continue;
        const name = printableFieldName(field);
        report(
          section,
          index,
          name,
          'unknownField',
          `unknown field "${name}": the fields of ${section} are ${Object.keys(fields).join(', ')}`,
        );
      }
    });
  }

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
          guidingOrgCode,
          commissionCode,
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
    const storedHost = hostUnitCode === undefined ? undefined : existing.units.get(hostUnitCode);
    if (hostUnitCode && !unitExists(hostUnitCode)) {
      report(
        'commissions',
        index,
        'hostUnitCode',
        'exists',
        `unit ${hostUnitCode} is neither in the file nor in the directory`,
      );
    } else if (
      hostUnitCode &&
      storedHost &&
      !unitRows.has(hostUnitCode) &&
      !canRun(caller, storedHost.path)
    ) {
      // As POST /commissions: a commission is set up at a unit the caller runs.
      report(
        'commissions',
        index,
        'hostUnitCode',
        'scope',
        `unit ${hostUnitCode} is outside your part of the org tree`,
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
    if (unit.guidingOrgCode === code) {
      report('units', index, 'guidingOrgCode', 'notSelf', `unit ${code} cannot guide itself`);
    } else if (unit.guidingOrgCode !== undefined && !unitExists(unit.guidingOrgCode)) {
      report(
        'units',
        index,
        'guidingOrgCode',
        'exists',
        `guiding org ${unit.guidingOrgCode} is neither in the file nor in the directory`,
      );
    } else if (
      unit.guidingOrgCode !== undefined &&
      !unitRows.has(unit.guidingOrgCode) &&
      !canRun(caller, existing.units.get(unit.guidingOrgCode)?.path ?? '/~none/')
    ) {
      // As the API: dual management opens the unit to its guide, so the caller must run both.
      report(
        'units',
        index,
        'guidingOrgCode',
        'scope',
        `guiding org ${unit.guidingOrgCode} is not run by you: only a caller who runs both units may link them`,
      );
    } else if (unit.guidingOrgCode !== undefined && isBelow(unitRows, unit.guidingOrgCode, code)) {
      // Dual management is guidance from beside or above, never from inside the unit's own subtree.
      // A unit of the file is new, so only units of the file can be below it.
      report(
        'units',
        index,
        'guidingOrgCode',
        'notDescendant',
        `guiding org ${unit.guidingOrgCode} is under ${code} in the tree and cannot guide it`,
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
    } else if (
      unit.commissionCode !== undefined &&
      !commissionCodes.has(unit.commissionCode) &&
      !canSee(caller, existing.commissionHostPaths.get(unit.commissionCode) ?? '/~none/')
    ) {
      // As the API: a unit covered by a commission reads it, so the caller must see the commission's host.
      report(
        'units',
        index,
        'commissionCode',
        'scope',
        `commission ${unit.commissionCode} is outside your part of the org tree`,
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
    // As the API: rows that write at a unit need to run it, a unit only pointed at needs to be visible.
    else if (stored && !(mustRun ? canRun(caller, stored.path) : canSee(caller, stored.path)))
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
    const unitCode = isBlank(row.unitCode)
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
  // The units of a stored person (registering unit and every post's), for scope; undefined for a
  // person new in the file, who is registered at a unit the caller runs.
  const storedPaths = (code: string | undefined): string[] | undefined =>
    code !== undefined && !personCodes.has(code) && existing.people.has(code)
      ? (existing.personUnitPaths.get(code) ?? [])
      : undefined;
  // As the API: a row may only name a stored person the caller can see; a post or 分管 would
  // otherwise attach an outsider to the caller's units and open their record up.
  const checkPerson = (
    section: ImportSection,
    index: number,
    field: string,
    value: unknown,
  ): string | undefined => {
    const code = text(section, index, field, value, TEXT_LIMITS.code, true);
    if (code === undefined) return code;
    const paths = storedPaths(code);
    if (!personExists(code))
      report(section, index, field, 'exists', `person ${code} is neither in the file nor in the directory`);
    else if (paths && !paths.some((path) => canSee(caller, path)))
      report(section, index, field, 'scope', `person ${code} is outside your part of the org tree`);
    return code;
  };
  // The periods already taken, stored ones first: a unit's secretary (and commission secretary)
  // seat, and each person's seat on each team. A row is checked against them and earlier rows.
  const exclusiveSeats = new Periods();
  const teamSeats = new Periods();
  for (const post of existing.posts) {
    if (post.kind === 'secretary' || post.kind === 'commissionSecretary')
      exclusiveSeats.add(`${post.unitCode}|${post.kind}`, post);
    if (post.personCode !== undefined) teamSeats.add(`${post.personCode}|${post.unitCode}`, post);
  }
  const posts: ImportPlan['posts'] = [];
  document.posts.forEach((row, index) => {
    const personCode = checkPerson('posts', index, 'personCode', row.personCode);
    const unitCode = checkUnit('posts', index, 'unitCode', row.unitCode, true);
    const kind = vocabulary('posts', index, 'kind', row.kind, POST_KINDS, POST_KIND_LABELS);
    const title = text('posts', index, 'title', row.title, TEXT_LIMITS.title, false);
    const { startDate, endDate } = dateRange('posts', index, row);
    if (!personCode || !unitCode || !kind || !startDate) return;
    const period = { startDate, endDate };
    if (kind === 'secretary' || kind === 'commissionSecretary') {
      const key = `${unitCode}|${kind}`;
      if (exclusiveSeats.overlap(key, period)) {
        report(
          'posts',
          index,
          'startDate',
          kind === 'secretary' ? 'oneSecretaryAtATime' : 'oneCommissionSecretaryAtATime',
          `unit ${unitCode} already has a ${kind} during these dates`,
        );
      }
      exclusiveSeats.add(key, period);
    }
    const seatKey = `${personCode}|${unitCode}`;
    if (teamSeats.overlap(seatKey, period)) {
      report(
        'posts',
        index,
        'startDate',
        'oneSeatPerPersonPerTeam',
        `person ${personCode} already holds a post on the team of ${unitCode} during these dates`,
      );
    }
    teamSeats.add(seatKey, period);
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
    // As POST /supervisions: the supervising member sits on the team on the day the 分管 starts.
    if (
      personCode &&
      unitCode &&
      startDate &&
      personExists(personCode) &&
      unitExists(unitCode) &&
      !teamSeats.cover(`${personCode}|${unitCode}`, startDate)
    ) {
      report(
        'supervisions',
        index,
        'personCode',
        'supervisor.holdsPost',
        `person ${personCode} holds no post on the team of ${unitCode} on ${startDate}`,
      );
    }
    if (personCode && unitCode && supervisedUnitCode && startDate) {
      supervisions.push({ personCode, unitCode, supervisedUnitCode, area: area ?? '', startDate, endDate });
    }
  });

  const oversightPairs: ImportPlan['oversightPairs'] = [];
  document.oversightPairs.forEach((row, index) => {
    const overseerCode = checkPerson('oversightPairs', index, 'overseerCode', row.overseerCode);
    const headCode = checkPerson('oversightPairs', index, 'headCode', row.headCode);
    const { startDate, endDate } = dateRange('oversightPairs', index, row);
    // As POST /oversight-pairs: the caller runs a unit of the overseer's and sees one of the head's.
    // (One the caller cannot even see was reported by checkPerson already.)
    const overseerPaths = storedPaths(overseerCode);
    if (
      overseerPaths &&
      overseerPaths.some((path) => canSee(caller, path)) &&
      !overseerPaths.some((path) => canRun(caller, path))
    )
      report(
        'oversightPairs',
        index,
        'overseerCode',
        'scope',
        `person ${overseerCode} belongs to no unit of your part of the org tree`,
      );
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

interface Period {
  startDate: string;
  endDate: string | null;
}

/** Periods by key; end dates are inclusive (the last day in post), an open end runs on for ever. */
class Periods {
  private readonly byKey = new Map<string, Period[]>();

  add(key: string, period: Period): void {
    const periods = this.byKey.get(key);
    if (periods) periods.push(period);
    else this.byKey.set(key, [period]);
  }

  overlap(key: string, period: Period): boolean {
    return (this.byKey.get(key) ?? []).some(
      (other) =>
        (other.endDate === null || period.startDate <= other.endDate) &&
        (period.endDate === null || other.startDate <= period.endDate),
    );
  }

  cover(key: string, date: string): boolean {
    return (this.byKey.get(key) ?? []).some(
      (period) => period.startDate <= date && (period.endDate === null || date <= period.endDate),
    );
  }
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** Whether `code` is below `ancestorCode` by the parentCodes of the file (stored units are never below a new one). */
function isBelow(rows: Map<string, { unit: PlannedUnit }>, code: string, ancestorCode: string): boolean {
  let current = rows.get(code)?.unit.parentCode;
  // Bounded, so a cycle of parentCodes (reported elsewhere) cannot loop for ever.
  for (let steps = 0; current !== undefined && steps <= rows.size; steps++) {
    if (current === ancestorCode) return true;
    current = rows.get(current)?.unit.parentCode;
  }
  return false;
}

/** A field name fit to store and show: unstorable characters replaced, cut to a code's length. */
function printableFieldName(field: string): string {
  const storable = field.replace(
    /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '\uFFFD',
  );
  const characters = [...storable];
  return characters.length > TEXT_LIMITS.code
    ? `${characters.slice(0, TEXT_LIMITS.code).join('')}…`
    : storable;
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
