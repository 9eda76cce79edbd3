import { createHash } from 'node:crypto';

/** The fields a hash covers, in a fixed order; payload keys are sorted so jsonb's reordering is harmless. */
export interface ChainedFields {
  at: Date;
  actorKind: string;
  actorId: string;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
  unitId: string | null;
  payload: unknown;
  prevHash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

export function entryHash(fields: ChainedFields): string {
  // Only the chained fields: a row read back also carries seq and hash, which must not count.
  const material = canonicalJson({
    at: fields.at.toISOString(),
    actorKind: fields.actorKind,
    actorId: fields.actorId,
    actorName: fields.actorName,
    action: fields.action,
    entityType: fields.entityType,
    entityId: fields.entityId,
    unitId: fields.unitId,
    payload: fields.payload,
    prevHash: fields.prevHash,
  });
  return createHash('sha256').update(material).digest('hex');
}

export interface ChainRow extends ChainedFields {
  seq: string;
  hash: string;
}

export type ChainVerdict =
  | { ok: true; entries: number; lastHash: string }
  | { ok: false; entries: number; brokenAt: string; reason: string };

/** Walks rows in sequence order; the first row whose link or content does not match breaks the chain. */
export function verifyChain(rows: Iterable<ChainRow>): ChainVerdict {
  let previous = GENESIS_HASH;
  let count = 0;
  for (const row of rows) {
    count++;
    if (row.prevHash !== previous) {
      return {
        ok: false,
        entries: count,
        brokenAt: row.seq,
        reason: 'previous-hash link does not match (a row was removed or reordered)',
      };
    }
    if (entryHash(row) !== row.hash) {
      return {
        ok: false,
        entries: count,
        brokenAt: row.seq,
        reason: 'content does not match its hash (the row was edited)',
      };
    }
    previous = row.hash;
  }
  return { ok: true, entries: count, lastHash: previous };
}
