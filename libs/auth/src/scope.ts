import type { Caller } from './caller';

/** A unit is in a subtree when its path starts with the subtree root's path. */
export function isInSubtree(unitPath: string, rootPath: string): boolean {
  return unitPath.startsWith(rootPath);
}

/** The leading chain runs the unit: the caller's subtree contains it. */
export function canRun(caller: Caller, unitPath: string): boolean {
  return isInSubtree(unitPath, caller.unitPath);
}

/** A guiding org sees the units it guides, and everything below them, but does not run them. */
export function canSee(caller: Caller, unitPath: string): boolean {
  return canRun(caller, unitPath) || caller.guidedUnitPaths.some((path) => isInSubtree(unitPath, path));
}
