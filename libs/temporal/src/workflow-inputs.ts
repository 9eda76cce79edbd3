import { calendarConfigProblems, compressionProblem } from '@dutychain/calendar';
import { dayCompressionProblem, MAX_WORKING_DAYS, workingDayCalendarProblems } from '@dutychain/working-days';
import type { MonthlyReportInput } from './accountability-monthly-report';
import type { CopyNoticeInput } from './copy-notice-contract';
import { ADDRESSEE_ROLES, MAX_ADDRESSEES, NOTICE_SOURCES } from './copy-notice-contract';
import type { AnnualCycleInput } from './cycle-contract';
import type { RiskListInput } from './risk-list-contract';
import { copyNoticeWorkflowId, cycleWorkflowId, riskListWorkflowId } from './workflow-ids';

/**
 * The rules a workflow applies to its start input, in one place for the workflow (which fails at
 * once, non-retryably, on any problem) and for the services that start it (which refuse the request
 * with a 400 before starting anything). `field` is the input's path, e.g. `compression.yearLastsMs`.
 */
export interface InputProblem {
  field: string;
  message: string;
}

/** Children a cycle starts per batch, at most. */
export const MAX_BATCH_SIZE = 500;
/** The smallest history a cycle may continue as new at. */
export const MIN_MAX_HISTORY_EVENTS = 50;
/** Days after the define deadline at which a risk list may lock, at most. */
export const MAX_LOCK_AFTER_DAYS = 365;
/** A month of the monthly report: `YYYY-MM`, in the years the services accept (2000–2999). */
const REPORT_PERIOD = /^(2\d{3})-(0[1-9]|1[0-2])$/;

const isBlank = (value: unknown): boolean => typeof value !== 'string' || value.trim() === '';

/** The problem of an id made from the input (`RangeError` of workflow-ids), named by its field. */
function idProblem(make: () => unknown, fields: readonly string[]): InputProblem[] {
  try {
    make();
    return [];
  } catch (err) {
    const message = (err as Error).message;
    return [{ field: fields.find((field) => message.startsWith(field)) ?? fields[0] ?? 'input', message }];
  }
}

function unitRefProblems(input: {
  level: unknown;
  leadingOrgId: unknown;
  ancestors: unknown;
}): InputProblem[] {
  const problems: InputProblem[] = [];
  if (typeof input.level !== 'string' || input.level === '')
    problems.push({ field: 'level', message: 'level must be a non-empty string' });
  if (input.leadingOrgId !== null && (typeof input.leadingOrgId !== 'string' || input.leadingOrgId === ''))
    problems.push({
      field: 'leadingOrgId',
      message: 'leadingOrgId must be a unit id or null for the root of the tree',
    });
  if (
    !Array.isArray(input.ancestors) ||
    (input.ancestors as unknown[]).some((a) => typeof a !== 'string' || a === '')
  )
    problems.push({ field: 'ancestors', message: 'ancestors must be a list of unit ids, root first' });
  return problems;
}

/** Problems with a yearly cycle's start input; empty when it can run. */
export function cycleInputProblems(input: AnnualCycleInput): InputProblem[] {
  if (typeof input !== 'object' || input === null)
    return [{ field: 'input', message: 'input must be an object' }];
  const problems = [
    ...idProblem(() => cycleWorkflowId(input.unitId, input.year), ['unitId', 'year']),
    ...unitRefProblems(input),
  ];
  if (input.calendar !== undefined)
    problems.push(
      ...calendarConfigProblems(input.calendar).map((p) => ({
        field: 'calendar',
        message: `calendar: ${p}`,
      })),
    );
  if (input.compression) {
    const problem = compressionProblem(input.compression);
    if (problem) problems.push({ field: 'compression.yearLastsMs', message: problem });
  }
  const batch = input.cascade?.batchSize;
  if (batch !== undefined && (!Number.isInteger(batch) || batch < 1 || batch > MAX_BATCH_SIZE))
    problems.push({
      field: 'cascade.batchSize',
      message: `cascade.batchSize must be an integer from 1 to ${MAX_BATCH_SIZE}, got ${JSON.stringify(batch)}`,
    });
  const max = input.maxHistoryEvents;
  if (max !== undefined && (!Number.isInteger(max) || max < MIN_MAX_HISTORY_EVENTS))
    problems.push({
      field: 'maxHistoryEvents',
      message: `maxHistoryEvents must be an integer of at least ${MIN_MAX_HISTORY_EVENTS}, got ${JSON.stringify(max)}`,
    });
  return problems;
}

/** Problems with a personal risk list's start input; empty when it can run. */
export function riskListInputProblems(input: RiskListInput): InputProblem[] {
  if (typeof input !== 'object' || input === null)
    return [{ field: 'input', message: 'input must be an object' }];
  const problems = idProblem(() => riskListWorkflowId(input.personId, input.year), ['personId', 'year']);
  if (typeof input.unitId !== 'string' || input.unitId === '')
    problems.push({ field: 'unitId', message: 'unitId must be a unit id' });
  problems.push(...unitRefProblems(input));
  if (input.calendar !== undefined)
    problems.push(
      ...calendarConfigProblems(input.calendar).map((p) => ({
        field: 'calendar',
        message: `calendar: ${p}`,
      })),
    );
  if (input.compression && !input.timeline) {
    const problem = compressionProblem(input.compression);
    if (problem) problems.push({ field: 'compression.yearLastsMs', message: problem });
  }
  const lock = input.lockAfterDays;
  if (lock !== undefined && (!Number.isInteger(lock) || lock < 0 || lock > MAX_LOCK_AFTER_DAYS))
    problems.push({
      field: 'lockAfterDays',
      message: `lockAfterDays must be an integer from 0 to ${MAX_LOCK_AFTER_DAYS}, got ${JSON.stringify(lock)}`,
    });
  return problems;
}

/** Problems with a copy-notice loop's start input; empty when it can run. */
export function copyNoticeInputProblems(input: CopyNoticeInput): InputProblem[] {
  if (typeof input !== 'object' || input === null)
    return [{ field: 'input', message: 'input must be an object' }];
  const problems = idProblem(() => copyNoticeWorkflowId(input.noticeId), ['noticeId']);
  if (isBlank(input.unitId))
    problems.push({ field: 'unitId', message: 'unitId must be the id of the unit the notice is about' });
  if (isBlank(input.issuingUnitId))
    problems.push({ field: 'issuingUnitId', message: 'issuingUnitId must be the id of the issuing unit' });
  if (!Array.isArray(input.ancestors) || !Array.isArray(input.issuerAncestors))
    problems.push({
      field: 'ancestors',
      message: 'ancestors and issuerAncestors must be lists of unit ids, root first',
    });
  if (!(NOTICE_SOURCES as readonly string[]).includes(input.source))
    problems.push({
      field: 'source',
      message: `source must be one of ${NOTICE_SOURCES.join(', ')}, got ${JSON.stringify(input.source)}`,
    });
  if (isBlank(input.activityTaskQueue))
    problems.push({
      field: 'activityTaskQueue',
      message: 'activityTaskQueue must name the accountability queue',
    });
  const addressees = Array.isArray(input.addressees) ? input.addressees : [];
  if (addressees.length === 0 || addressees.length > MAX_ADDRESSEES)
    problems.push({ field: 'addressees', message: `addressees must list 1 to ${MAX_ADDRESSEES} people` });
  const ids = new Set<string>();
  addressees.forEach((a, i) => {
    if (isBlank(a?.personId) || isBlank(a?.name))
      problems.push({ field: `addressees[${i}]`, message: `addressees[${i}] needs a personId and a name` });
    else if (ids.has(a.personId))
      problems.push({
        field: `addressees[${i}]`,
        message: `addressees[${i}]: ${a.personId} is listed twice`,
      });
    else ids.add(a.personId);
    if (!(ADDRESSEE_ROLES as readonly string[]).includes(a?.role))
      problems.push({
        field: `addressees[${i}].role`,
        message: `addressees[${i}].role must be one of ${ADDRESSEE_ROLES.join(', ')}`,
      });
  });
  const days = input.replyWorkingDays;
  if (!Number.isInteger(days) || days < 1 || days > MAX_WORKING_DAYS)
    problems.push({
      field: 'replyWorkingDays',
      message: `replyWorkingDays must be an integer from 1 to ${MAX_WORKING_DAYS}, got ${JSON.stringify(days)}`,
    });
  const before = input.remindWorkingDaysBefore;
  if (!Number.isInteger(before) || before < 1)
    problems.push({
      field: 'remindWorkingDaysBefore',
      message: `remindWorkingDaysBefore must be a positive integer, got ${JSON.stringify(before)}`,
    });
  if (input.workingDays !== undefined)
    problems.push(
      ...workingDayCalendarProblems(input.workingDays).map((p) => ({
        field: 'workingDays',
        message: `workingDays: ${p}`,
      })),
    );
  const compression = dayCompressionProblem(input.compression);
  if (compression) problems.push({ field: 'compression.dayLastsMs', message: compression });
  return problems;
}

/** Problems with a monthly report's start input (by hand or from its schedule); empty when it can run. */
export function monthlyReportInputProblems(input: MonthlyReportInput): InputProblem[] {
  if (typeof input?.unitId !== 'string' || input.unitId === '' || typeof input.activityTaskQueue !== 'string')
    return [{ field: 'unitId', message: 'unitId and activityTaskQueue are required' }];
  if (input.period !== undefined && input.period !== null && !REPORT_PERIOD.test(input.period))
    return [
      {
        field: 'period',
        message: `period must be YYYY-MM, got ${JSON.stringify(input.period)}`,
      },
    ];
  const offset = input.utcOffsetMinutes;
  if (offset !== undefined && (!Number.isInteger(offset) || offset < -720 || offset > 840))
    return [
      {
        field: 'utcOffsetMinutes',
        message: `utcOffsetMinutes must be an integer from -720 to 840, got ${JSON.stringify(offset)}`,
      },
    ];
  return [];
}

/** The problems as one sentence, as a workflow fails with it. */
export function describeInputProblems(problems: readonly InputProblem[]): string {
  return problems.map((problem) => problem.message).join('; ');
}
