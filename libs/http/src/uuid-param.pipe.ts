import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
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
