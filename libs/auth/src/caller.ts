import type { Role } from '@dutychain/domain';

/** Who is calling: a person with a signed token, or a machine with an API key. */
export interface Caller {
  kind: 'person' | 'apiKey';
  id: string;
  name: string;
  roles: Role[];
  /** The root of the caller's part of the org tree. */
  unitId: string;
  /** Materialised path of that root, e.g. `/<cityId>/<districtId>/`. */
  unitPath: string;
  /** Paths of units the caller's subtree guides (dual management): readable, not writable. */
  guidedUnitPaths: string[];
}

export function hasAnyRole(caller: Caller, roles: readonly Role[]): boolean {
  return caller.roles.includes('admin') || roles.some((role) => caller.roles.includes(role));
}
