import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { codePointLength, hasUnstorableCharacters } from '@dutychain/domain';
import { DomainError } from './error-codes';

/** Validates a path or query id, naming the parameter in the 400 it gives. */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!isUUID(value)) {
      const field = metadata.data ?? 'id';
      throw DomainError.invalid(field, 'isUuid', `${field} must be a UUID`);
    }
    return value;
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
