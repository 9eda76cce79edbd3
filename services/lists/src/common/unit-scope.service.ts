import { HttpStatus, Injectable } from '@nestjs/common';
import type { Caller } from '@dutychain/auth';
import { canRun, canSee, outsideScope } from '@dutychain/auth';
import { DomainError, ErrorCode } from '@dutychain/http';
import type { DirectoryUnit } from '@dutychain/service-kit';
import { OrgDirectoryClient } from '@dutychain/service-kit';

const CACHE_MS = 60_000;

/** Scope checks against the caller's part of the org tree; units come from the org directory (briefly cached). */
@Injectable()
export class UnitScope {
  private readonly cache = new Map<string, { unit: DirectoryUnit; until: number }>();

  constructor(private readonly org: OrgDirectoryClient) {}

  async unit(unitId: string): Promise<DirectoryUnit> {
    const cached = this.cache.get(unitId);
    if (cached && cached.until > Date.now()) return cached.unit;
    const unit = await this.org.unit(unitId);
    this.cache.set(unitId, { unit, until: Date.now() + CACHE_MS });
    return unit;
  }

  async visibleUnit(caller: Caller, unitId: string): Promise<DirectoryUnit> {
    const unit = await this.unit(unitId);
    this.assertVisible(caller, unit.path, unit.name);
    return unit;
  }

  async runnableUnit(caller: Caller, unitId: string): Promise<DirectoryUnit> {
    const unit = await this.visibleUnit(caller, unitId);
    this.assertRunnable(caller, unit.path, unit.name);
    return unit;
  }

  /** A refusal names nothing: `what` is only used once the caller is known to see it. */
  assertVisible(caller: Caller, unitPath: string, _what: string): void {
    if (!canSee(caller, unitPath)) throw outsideScope();
  }

  assertRunnable(caller: Caller, unitPath: string, what: string): void {
    this.assertVisible(caller, unitPath, what);
    if (!canRun(caller, unitPath)) {
      throw new DomainError(
        ErrorCode.GuidingOrgReadOnly,
        HttpStatus.FORBIDDEN,
        `${what} is guided by your organisation: you see it but do not run it`,
      );
    }
  }

  /** SQL condition (with parameters from `$start`) limiting `column` to the paths the caller sees. */
  visiblePathsClause(caller: Caller, column: string, start: number): { sql: string; params: string[] } {
    const roots = [caller.unitPath, ...caller.guidedUnitPaths];
    const sql = roots.map((_, i) => `${column} LIKE $${start + i}`).join(' OR ');
    return { sql: `(${sql})`, params: roots.map((root) => `${escapeLike(root)}%`) };
  }
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
