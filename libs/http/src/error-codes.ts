import { HttpStatus } from '@nestjs/common';

/** Every client-visible error carries one of these codes; clients branch on the code, not the text. */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  MalformedBody = 'MALFORMED_BODY',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  Unauthenticated = 'UNAUTHENTICATED',
  ForbiddenRole = 'FORBIDDEN_ROLE',
  OutsideScope = 'OUTSIDE_SCOPE',
  GuidingOrgReadOnly = 'GUIDING_ORG_READ_ONLY',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  RuleViolated = 'RULE_VIOLATED',
  ImportInvalid = 'IMPORT_INVALID',
  /** 503: a dependency (database, Temporal, org directory, evidence store) cannot be reached; retry later. */
  Unavailable = 'UNAVAILABLE',
  Internal = 'INTERNAL',
}

export interface FieldProblem {
  field: string;
  rule: string;
  message: string;
}

/** An error the caller can act on: a status, a code, and what exactly was wrong. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: HttpStatus,
    message: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static notFound(what: string, id: string): DomainError {
    return new DomainError(ErrorCode.NotFound, HttpStatus.NOT_FOUND, `${what} ${id} not found`);
  }

  static invalid(field: string, rule: string, message: string): DomainError {
    return new DomainError(ErrorCode.ValidationFailed, HttpStatus.BAD_REQUEST, `${field}: ${message}`, [
      { field, rule, message },
    ]);
  }

  static conflict(field: string, rule: string, message: string): DomainError {
    return new DomainError(ErrorCode.Conflict, HttpStatus.CONFLICT, `${field}: ${message}`, [
      { field, rule, message },
    ]);
  }

  /** 503: `dependency` (database, temporal, orgDirectory, …) cannot be reached now; the caller may retry. */
  static unavailable(dependency: string, message: string): DomainError {
    return new DomainError(ErrorCode.Unavailable, HttpStatus.SERVICE_UNAVAILABLE, message, [
      { field: dependency, rule: 'available', message },
    ]);
  }

  static rule(rule: string, message: string, field = ''): DomainError {
    return new DomainError(ErrorCode.RuleViolated, HttpStatus.UNPROCESSABLE_ENTITY, message, [
      { field, rule, message },
    ]);
  }
}
