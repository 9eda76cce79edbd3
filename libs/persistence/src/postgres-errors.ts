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
