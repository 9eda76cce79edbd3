import { DomainError, ErrorCode } from '@dutychain/http';
import type { Caller } from './caller';
import { canRun, canSee } from './scope';

/**
 * The one scope policy every service applies. Refusals name nothing the caller may not see: a
 * target out of sight is a neutral 403 (no name, no kind of unit), a reference out of sight a
 * neutral 403 that names the caller's own field, never the unit or person behind it.
 */

/** The caller is a global admin (the bootstrap key, or a key at the root). */
export function isGlobal(caller: Caller): boolean {
  return caller.unitPath === '/';
}

/** A neutral 403 unless the caller sees what lies at `unitPath` (a unit, or a record of one). */
export function assertSees(caller: Caller, unitPath: string): void {
  if (!canSee(caller, unitPath)) throw outsideScope();
}

/**
 * A neutral 403 unless the caller sees what lies at `unitPath`; 403 GUIDING_ORG_READ_ONLY when it
 * only sees it (a guiding org reads what it guides but does not act on it). `name` says what it is
 * in that message: the caller sees it, so naming it tells nothing new.
 */
export function assertRuns(caller: Caller, unitPath: string, name: string): void {
  assertSees(caller, unitPath);
  if (!canRun(caller, unitPath)) throw guidingOrgReadOnly(name);
}

/** A field of the request names a unit or person: the caller must see one of the paths that place it. */
export function assertReferenceSeen(caller: Caller, field: string, paths: readonly string[]): void {
  if (!paths.some((path) => canSee(caller, path))) throw referenceOutOfScope(field);
}

/**
 * A field of the request names a unit or person the caller must run (it acts on their behalf). One
 * the caller only sees through a guiding link is GUIDING_ORG_READ_ONLY, by `name` (it is visible).
 */
export function assertReferenceRun(
  caller: Caller,
  field: string,
  paths: readonly string[],
  name?: string,
): void {
  if (paths.some((path) => canRun(caller, path))) return;
  if (name !== undefined && paths.some((path) => canSee(caller, path))) throw guidingOrgReadOnly(name);
  throw referenceOutOfScope(field);
}

/**
 * Dual management opens the guided unit to the guiding one, so only a caller who runs both (or
 * their common ancestor, which is the same) may set it up.
 */
export function assertMaySetGuidance(caller: Caller, guidedPath: string, guidingPath: string): void {
  if (!canRun(caller, guidedPath)) throw referenceOutOfScope('id');
  if (!canRun(caller, guidingPath)) throw referenceOutOfScope('guidingOrgId');
}

/** The neutral refusal of a reference: same words whether the thing exists elsewhere or nowhere. */
export function referenceOutOfScope(field: string): DomainError {
  const message = `${field} names nothing in your part of the org tree`;
  return new DomainError(ErrorCode.OutsideScope, `${field}: ${message}`, [
    { field, rule: 'inScope', message },
  ]);
}

/** The neutral refusal of a target out of sight: it says nothing of what or whose the target is. */
export function outsideScope(): DomainError {
  return new DomainError(ErrorCode.OutsideScope, 'outside your part of the org tree');
}

export function guidingOrgReadOnly(name: string): DomainError {
  return new DomainError(
    ErrorCode.GuidingOrgReadOnly,
    `${name} is guided by your organisation: a guiding org sees it but does not run it`,
  );
}

/** Escapes a value for a LIKE pattern (paths are uuids and slashes, but names are free text). */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** The LIKE pattern of a subtree: every path that starts with `rootPath`. */
export function subtreePattern(rootPath: string): string {
  return `${escapeLike(rootPath)}%`;
}

/**
 * SQL condition: `column` (a materialised unit path) lies in the caller's subtree or a subtree it
 * guides. Appends its parameters to `params` (numbered `$n`).
 */
export function visiblePathCondition(caller: Caller, column: string, params: unknown[]): string {
  if (isGlobal(caller)) return 'true';
  const parts = [caller.unitPath, ...caller.guidedUnitPaths].map((root) => {
    params.push(`${escapeLike(root)}%`);
    return `${column} LIKE $${params.length}`;
  });
  return `(${parts.join(' OR ')})`;
}
