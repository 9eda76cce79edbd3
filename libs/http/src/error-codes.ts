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
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  /** 503: a dependency (database, Temporal, org directory, evidence store) cannot be reached; retry later. */
  Unavailable = 'UNAVAILABLE',
  /** 502: a dependency answered, but not as it should (the org directory, the evidence store). */
  UpstreamFailed = 'UPSTREAM_FAILED',
  Internal = 'INTERNAL',
}

/**
 * The HTTP status of each code, chosen here once (the exception filter answers with it): domain
 * code names what went wrong and never imports the web framework.
 */
export const HTTP_STATUS_OF: Readonly<Record<ErrorCode, number>> = {
  [ErrorCode.ValidationFailed]: 400,
  [ErrorCode.MalformedBody]: 400,
  [ErrorCode.ImportInvalid]: 400,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.ForbiddenRole]: 403,
  [ErrorCode.OutsideScope]: 403,
  [ErrorCode.GuidingOrgReadOnly]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.UnsupportedMediaType]: 415,
  [ErrorCode.RuleViolated]: 422,
  [ErrorCode.Internal]: 500,
  [ErrorCode.UpstreamFailed]: 502,
  [ErrorCode.Unavailable]: 503,
};

export function httpStatusOf(code: ErrorCode): number {
  return HTTP_STATUS_OF[code];
}

export interface FieldProblem {
  field: string;
  rule: string;
  message: string;
}

/** An error the caller can act on: a code (its HTTP status follows from it), and what exactly was wrong. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static notFound(what: string, id: string): DomainError {
    return new DomainError(ErrorCode.NotFound, `${what} ${id} not found`);
  }

  static invalid(field: string, rule: string, message: string): DomainError {
    return new DomainError(ErrorCode.ValidationFailed, `${field}: ${message}`, [{ field, rule, message }]);
  }

  static conflict(field: string, rule: string, message: string): DomainError {
    return new DomainError(ErrorCode.Conflict, `${field}: ${message}`, [{ field, rule, message }]);
  }

  /** 503: `dependency` (database, temporal, orgDirectory, …) cannot be reached now; the caller may retry. */
  static unavailable(dependency: string, message: string): DomainError {
    return new DomainError(ErrorCode.Unavailable, message, [
      { field: dependency, rule: 'available', message },
    ]);
  }

  /** 500: an invariant of our own broke (never the caller's input); logged with its stack. */
  static internal(message: string): DomainError {
    return new DomainError(ErrorCode.Internal, message);
  }

  static rule(rule: string, message: string, field = ''): DomainError {
    return new DomainError(ErrorCode.RuleViolated, message, [{ field, rule, message }]);
  }
}
