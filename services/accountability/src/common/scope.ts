import { HttpStatus } from '@nestjs/common';
import type { Caller } from '@dutychain/auth';
import { canRun, canSee, outsideScope } from '@dutychain/auth';
import { DomainError, ErrorCode } from '@dutychain/http';

/** 403 unless the caller's part of the tree (or a unit it guides) contains the path. */
export function assertSees(caller: Caller, unitPath: string, _what: string): void {
  // A refusal names nothing: `what` may hold a name the caller must not learn.
  if (!canSee(caller, unitPath)) throw outsideScope();
}

/** 403 unless the caller runs the unit (a guiding org only sees it). */
export function assertRuns(caller: Caller, unitPath: string, what: string): void {
  assertSees(caller, unitPath, what);
  if (!canRun(caller, unitPath))
    throw new DomainError(
      ErrorCode.GuidingOrgReadOnly,
      HttpStatus.FORBIDDEN,
      `${what} is guided by your organisation: you see it but do not act on it`,
    );
}

/**
 * 403 unless the caller sees the person as the org directory does: their registering unit or a unit
 * they held a post at, past or present, lies in the caller's part of the tree or a unit it guides.
 */
export function assertSeesPerson(caller: Caller, personUnitPaths: string[], field: string): void {
  if (personUnitPaths.some((path) => canSee(caller, path))) return;
  const message = 'the person is outside your part of the org tree';
  throw new DomainError(ErrorCode.OutsideScope, HttpStatus.FORBIDDEN, `${field}: ${message}`, [
    { field, rule: 'inScope', message },
  ]);
}

/**
 * SQL condition: `column` (a materialised unit path) lies in the caller's subtree or in a subtree
 * it guides. Appends its parameters to `params`.
 */
export function scopeCondition(caller: Caller, column: string, params: unknown[]): string {
  if (caller.unitPath === '/') return 'true';
  const roots = [caller.unitPath, ...caller.guidedUnitPaths];
  const parts = roots.map((root) => {
    params.push(`${root.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    return `${column} LIKE $${params.length}`;
  });
  return `(${parts.join(' OR ')})`;
}

/** Escapes a path prefix for LIKE. */
export function likePrefix(path: string): string {
  return `${path.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The caller as the workflow and the audit log name it. */
export function actorOf(caller: Caller): { id: string; name: string } {
  return { id: caller.id, name: caller.name };
}

export function todayIn(utcOffsetMinutes: number, now = Date.now()): string {
  return new Date(now + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}
