import type { Caller } from '@dutychain/auth';

/** Who the audit log names for steps a workflow takes (or records for a person it names). */
export function workflowCaller(actor: { kind: 'person' | 'system'; id: string; name: string }): Caller {
  return {
    kind: actor.kind === 'person' ? 'person' : 'apiKey',
    id: actor.id,
    name: actor.name,
    roles: [],
    unitId: '*',
    unitPath: '/',
    guidedUnitPaths: [],
  };
}
