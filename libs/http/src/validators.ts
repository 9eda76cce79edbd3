import type { ValidationOptions } from 'class-validator';
import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, Max, Min, ValidateBy, ValidateIf } from 'class-validator';
import { codePointLength, hasUnstorableCharacters, isIsoDate } from '@dutychain/domain';

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

export function IsIsoDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isoDate',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isIsoDate(value),
        defaultMessage: (args) => `${args?.property} must be a calendar date written YYYY-MM-DD`,
      },
    },
    options,
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
