import { HttpStatus, Injectable } from '@nestjs/common';
import type { Caller } from '@dutychain/auth';
import { canRun, canSee } from '@dutychain/auth';
import { DomainError, ErrorCode } from '@dutychain/http';

/** Tells a caller's part of the tree from the rest, with an error that says which rule refused. */
@Injectable()
export class OrgScope {
  assertCanSee(caller: Caller, unit: { path: string; name: string }): void {
    if (!canSee(caller, unit.path)) throw outsideScope(unit.name);
  }

  assertCanRun(caller: Caller, unit: { path: string; name: string }): void {
    if (canRun(caller, unit.path)) return;
    if (canSee(caller, unit.path)) {
      throw new DomainError(
        ErrorCode.GuidingOrgReadOnly,
        HttpStatus.FORBIDDEN,
        `${unit.name} is guided by your organisation: a guiding org sees it but does not run it`,
      );
    }
    throw outsideScope(unit.name);
  }

  isGlobal(caller: Caller): boolean {
    return caller.unitPath === '/';
  }
}

function outsideScope(unitName: string): DomainError {
  return new DomainError(
    ErrorCode.OutsideScope,
    HttpStatus.FORBIDDEN,
    `${unitName} is outside your part of the org tree`,
  );
}
