// A service as operators run it (its own Node process from its main.ts): shared with the services' own suites.
export { ServiceProcess, workspaceRoot } from '@dutychain/testing';

export function freePortFor(offset: number): number {
  return 4000 + ((process.pid * 7 + offset) % 2000);
}
