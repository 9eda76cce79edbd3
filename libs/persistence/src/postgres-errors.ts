import { QueryFailedError } from 'typeorm';

/** PostgreSQL SQLSTATE codes the services translate into client errors. */
export const PG_UNIQUE_VIOLATION = '23505';
export const PG_FOREIGN_KEY_VIOLATION = '23503';
export const PG_EXCLUSION_VIOLATION = '23P01';
export const PG_CHECK_VIOLATION = '23514';

/** The four ways a row can break a table's constraints. */
export const PG_CONSTRAINT_VIOLATIONS: readonly string[] = [
  PG_UNIQUE_VIOLATION,
  PG_FOREIGN_KEY_VIOLATION,
  PG_EXCLUSION_VIOLATION,
  PG_CHECK_VIOLATION,
];

export interface PostgresErrorInfo {
  code: string;
  constraint?: string;
  detail?: string;
  table?: string;
}

export function postgresErrorOf(error: unknown): PostgresErrorInfo | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const driverError = error.driverError as {
    code?: string;
    constraint?: string;
    detail?: string;
    table?: string;
  };
  if (!driverError.code) return undefined;
  return {
    code: driverError.code,
    constraint: driverError.constraint,
    detail: driverError.detail,
    table: driverError.table,
  };
}

/** Node socket errors that mean the database could not be reached at all. */
const UNREACHABLE_SOCKET_CODES: readonly string[] = [
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EAI_AGAIN',
];

/** Messages of node-postgres and its pool when a connection dies or none can be had in time. */
const UNREACHABLE_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable|Client was closed and is not queryable)/;

/**
 * SQLSTATEs of an unavailable server: class 08 (connection exceptions), 57P01–57P03 (shut down by
 * an administrator, crashed, cannot connect now) and 53300 (too many connections).
 */
function isUnavailableSqlState(code: string): boolean {
  return code.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(code);
}

/**
 * True when an error means the database is down or unreachable (so the request may succeed later:
 * 503), as opposed to a request it refused. Looks through TypeORM's wrapper, causes and the errors of
 * an AggregateError (a host with several addresses).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const candidate = error as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof candidate.code === 'string') {
    if (UNREACHABLE_SOCKET_CODES.includes(candidate.code)) return true;
    if (/^[0-9A-Z]{5}$/.test(candidate.code) && isUnavailableSqlState(candidate.code)) return true;
  }
  if (typeof candidate.message === 'string' && UNREACHABLE_MESSAGES.test(candidate.message)) return true;
  const nested = [
    candidate.driverError,
    candidate.cause,
    ...(Array.isArray(candidate.errors) ? (candidate.errors as unknown[]) : []),
  ];
  return nested.some((inner) => inner !== error && isDatabaseUnavailable(inner, depth + 1));
}
