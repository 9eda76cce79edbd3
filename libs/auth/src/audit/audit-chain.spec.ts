import type { ChainRow } from './audit-chain';
import { canonicalJson, entryHash, GENESIS_HASH, verifyChain } from './audit-chain';

function chain(count: number): ChainRow[] {
  const rows: ChainRow[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const fields = {
      at: new Date(Date.UTC(2026, 0, seq)),
      actorKind: 'person',
      actorId: 'p1',
      actorName: '林晓红',
      action: 'orgUnit.update',
      entityType: 'orgUnit',
      entityId: `u${seq}`,
      unitId: null,
      payload: { name: `第${seq}村`, tags: ['甲', '乙'] },
      prevHash,
    };
    const hash = entryHash(fields);
    rows.push({ ...fields, seq: String(seq), hash });
    prevHash = hash;
  }
  return rows;
}

describe('audit hash chain', () => {
  it('verifies an intact chain', () => {
    expect(verifyChain(chain(5))).toMatchObject({ ok: true, entries: 5 });
  });

  it('finds an edited row', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2], payload: { name: '篡改' } };
    expect(verifyChain(rows)).toMatchObject({ ok: false, brokenAt: '3' });
  });

  it('finds a removed row', () => {
    const rows = chain(5);
    rows.splice(1, 1);
    expect(verifyChain(rows)).toMatchObject({ ok: false, brokenAt: '3' });
  });

  it('hashes payloads independently of key order, as jsonb stores them', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe(canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
  });
});
