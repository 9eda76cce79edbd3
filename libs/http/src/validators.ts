import type { ValidationOptions } from 'class-validator';
import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsUUID, Max, Min, ValidateBy, ValidateIf } from 'class-validator';
import type { DateKind, DateProblem } from '@dutychain/domain';
import { codePointLength, dateProblem, hasUnstorableCharacters } from '@dutychain/domain';
import { DomainError, ErrorCode } from './error-codes';
import { canonicalUuid } from './uuid-param.pipe';

/**
 * A string field with the rules every text field shares: not blank, within `max` code points,
 * and storable (no NUL, no lone surrogates). Each rule reports its own name.
 */
export function IsText(max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'text',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          value.trim().length > 0 &&
          codePointLength(value) <= max &&
          !hasUnstorableCharacters(value),
        defaultMessage: (args) => {
          const value: unknown = args?.value;
          if (typeof value !== 'string') return `${args?.property} must be a string`;
          if (value.trim().length === 0) return `${args?.property} must not be blank`;
          if (codePointLength(value) > max) return `${args?.property} must be at most ${max} characters`;
          return `${args?.property} contains characters that cannot be stored (NUL or a broken surrogate)`;
        },
      },
    },
    options,
  );
}

/**
 * A calendar date written YYYY-MM-DD, within the bounds every date shares (libs/domain DATE_RANGE)
 * and those of its kind: `past` for something that happened (not after today), `deadline` for a
 * deadline (DEADLINE_WINDOW). Each bound reports its own rule: `isoDate`, `dateRange`, `notFuture`,
 * `deadlineWindow`.
 */
export function IsIsoDate(kind: DateKind = 'any', options?: ValidationOptions): PropertyDecorator {
  const rules: DateProblem['rule'][] = ['isoDate', 'dateRange'];
  if (kind === 'past') rules.push('notFuture');
  if (kind === 'deadline') rules.push('deadlineWindow');
  return applyDecorators(
    ...rules.map((rule) =>
      ValidateBy(
        {
          name: rule,
          validator: {
            validate: (value: unknown) => dateProblem('date', value, kind)?.rule !== rule,
            defaultMessage: (args) => dateProblem(args?.property ?? 'date', args?.value, kind)?.message ?? '',
          },
        },
        options,
      ),
    ),
  );
}

/**
 * The field may be left out, but when present it is checked by the field's other rules, so an
 * explicit `null` is refused (unlike @IsOptional, which lets null through to code that expects a value).
 */
export function IsOmittable(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined, options);
}

/** First and last year the services accept (the schemas check the same range). */
export const YEAR_RANGE = { min: 2000, max: 2999 } as const;

/**
 * A responsibility year: an integer in YEAR_RANGE (rules `isInt`, `min`, `max`). `inQuery` reads it
 * from a query string or path, where it arrives as text.
 */
export function IsYear(options: { inQuery?: boolean } = {}): PropertyDecorator {
  return applyDecorators(
    ...(options.inQuery ? [Type(() => Number)] : []),
    IsInt(),
    Min(YEAR_RANGE.min),
    Max(YEAR_RANGE.max),
  );
}

/**
 * A reference to a record by its UUID (a unit, a person, a list…): rule `isUuid`, written in
 * canonical lower case whatever case the caller used, as UuidParamPipe does for path parameters.
 * `optional`: may be left out, but not null. `each`: an array of references.
 */
export function IsUuidRef(options: { optional?: boolean; each?: boolean } = {}): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      Array.isArray(value) ? value.map(canonicalUuidOrSame) : canonicalUuidOrSame(value),
    ),
    ...(options.optional ? [IsOmittable()] : []),
    IsUUID('all', { each: options.each }),
  );
}

function canonicalUuidOrSame(value: unknown): unknown {
  return canonicalUuid(value) ?? value;
}

/**
 * A boolean in a query string, where it arrives as text: exactly `true` or `false` (rule
 * `isBoolean`). In a JSON body a boolean is a JSON boolean: use @IsBoolean, which takes no text.
 */
export function IsQueryBoolean(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      value === 'true' ? true : value === 'false' ? false : value,
    ),
    IsBoolean(),
  );
}

/**
 * A partial update must change something: 400 `body`/`atLeastOneField` when none of `fields` is
 * given (an empty object, an empty body, or a body that is not JSON at all).
 */
export function assertAtLeastOneField(dto: object | undefined, fields: readonly string[]): void {
  const given = dto ? fields.filter((field) => (dto as Record<string, unknown>)[field] !== undefined) : [];
  if (given.length === 0)
    throw DomainError.invalid('body', 'atLeastOneField', `give at least one of ${fields.join(', ')}`);
}

/**
 * 400 before a workflow starts when its own input rule (libs/temporal `…InputProblems`) finds a
 * problem: every problem is named (rule `workflowInput`), by the request's field where `fieldOf`
 * maps the input's path to it (`{ 'compression.yearLastsMs': 'yearLastsMs' }`).
 */
export function assertWorkflowInput(
  problems: readonly { field: string; message: string }[],
  fieldOf: Record<string, string> = {},
): void {
  if (problems.length === 0) return;
  const named = problems.map((problem) => ({
    field: fieldOf[problem.field] ?? problem.field,
    rule: 'workflowInput',
    message: problem.message,
  }));
  throw new DomainError(
    ErrorCode.ValidationFailed,
    named.map((problem) => `${problem.field}: ${problem.message} (${problem.rule})`).join('; '),
    named,
  );
}
