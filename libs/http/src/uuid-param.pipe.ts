import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { codePointLength, hasUnstorableCharacters } from '@dutychain/domain';
import { DomainError } from './error-codes';

/**
 * The canonical (lower-case) form of a UUID, or undefined when `value` is not one. PostgreSQL reads
 * either case, but workflow ids, materialised paths and search attributes are text: one spelling
 * per id, whatever the caller typed.
 */
export function canonicalUuid(value: unknown): string | undefined {
  return typeof value === 'string' && isUUID(value, 'all') ? value.toLowerCase() : undefined;
}

/**
 * Parses a path or query id into its canonical lower-case form, naming the parameter in the 400 it
 * gives (rule `isUuid`). DTO fields use IsUuidRef, which applies the same canonical form.
 */
@Injectable()
export class UuidParamPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    const uuid = canonicalUuid(value);
    if (uuid === undefined) {
      const field = metadata.data ?? 'id';
      throw DomainError.invalid(field, 'isUuid', `${field} must be a UUID`);
    }
    return uuid;
  }
}

/** Validates a free-text path parameter (a code, a key id) with the rules of a text field. */
export class TextParamPipe implements PipeTransform<string, string> {
  constructor(private readonly max: number) {}

  transform(value: string, metadata: ArgumentMetadata): string {
    const field = metadata.data ?? 'value';
    if (value.trim().length === 0) throw DomainError.invalid(field, 'text', `${field} must not be blank`);
    if (codePointLength(value) > this.max)
      throw DomainError.invalid(field, 'text', `${field} must be at most ${this.max} characters`);
    if (hasUnstorableCharacters(value))
      throw DomainError.invalid(
        field,
        'text',
        `${field} contains characters that cannot be stored (NUL or a broken surrogate)`,
      );
    return value;
  }
}

/**
 * A boolean query parameter given alone (`?wait=true`): exactly `true` or `false`, or left out
 * (undefined); anything else is a 400 naming the parameter (rule `isBoolean`).
 */
@Injectable()
export class QueryBooleanPipe implements PipeTransform<unknown, boolean | undefined> {
  transform(value: unknown, metadata: ArgumentMetadata): boolean | undefined {
    if (value === undefined) return undefined;
    if (value === 'true') return true;
    if (value === 'false') return false;
    const field = metadata.data ?? 'value';
    throw DomainError.invalid(field, 'isBoolean', `${field} must be true or false`);
  }
}
