import { createHash } from 'node:crypto';

/** Exactly what a leader signs: the list's identity and its items, in order. */
export interface RiskListContent {
  listId: string;
  personId: string;
  personName: string;
  unitId: string;
  unitName: string;
  year: number;
  items: RiskListContentItem[];
}

export interface RiskListContentItem {
  seq: number;
  source: 'claimed' | 'own';
  taskItemId: string | null;
  content: string;
  riskPoints: string[];
  measures: string[];
}

/** JSON with keys sorted at every level, so the same content always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** sha256 (hex) of the canonical JSON of a list's content: the hash in every signature. */
export function contentHash(content: RiskListContent): string {
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}
