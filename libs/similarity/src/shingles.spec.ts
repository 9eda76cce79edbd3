import {
  DEFAULT_BOILERPLATE,
  fingerprintList,
  jaccard,
  listShingleSet,
  normalizeText,
  shingleSet,
  union,
} from './index';
import { chen, li, qingshiTeam, wang, zhou } from '../test/realistic-lists';

const text = (shingleSize: number) => ({
  boilerplate: DEFAULT_BOILERPLATE,
  shingleSize,
  discountClaimedContent: true,
});

describe('shingles', () => {
  it('are the distinct character trigrams, as a sorted set', () => {
    const set = shingleSet([normalizeText('廉政谈话廉政谈话')]);
    expect(set.length).toBe(4); // 廉政谈 政谈话 谈话廉 话廉政
    expect([...set]).toEqual([...set].sort((a, b) => a - b));
  });

  it('keep short texts as one shingle and ignore empty ones', () => {
    expect(shingleSet(['廉政']).length).toBe(1);
    expect(shingleSet(['', '']).length).toBe(0);
  });

  it('of a whole list are the same whether built item by item or in one pass', () => {
    for (const list of [li, wang]) {
      for (const discountClaimedContent of [true, false]) {
        const options = { ...text(3), discountClaimedContent };
        expect(listShingleSet(list.items, options)).toEqual(fingerprintList(list.items, options).shingles);
      }
    }
    // Li's fourth item claims a committee item: its content is left out of the list's set only.
    const claimed = fingerprintList(li.items, text(3));
    expect(claimed.shingles.length).toBeLessThan(union(claimed.items.map((item) => item.shingles)).length);
  });

  it('do not depend on the order of items or fields', () => {
    const reordered = { ...li, items: [...li.items].reverse() };
    expect(
      jaccard(
        fingerprintList(li.items, text(3)).shingles,
        fingerprintList(reordered.items, text(3)).shingles,
      ),
    ).toBe(1);
  });

  it('trigrams separate copies from honest lists better than bigrams (why 3 is the default)', () => {
    const similarity = (size: number, a: typeof li, b: typeof li) =>
      jaccard(fingerprintList(a.items, text(size)).shingles, fingerprintList(b.items, text(size)).shingles);
    const honestMax = (size: number) =>
      Math.max(
        ...qingshiTeam
          .filter((other) => other !== li && other !== chen)
          .map((other) => similarity(size, li, other)),
        similarity(size, li, zhou),
      );
    expect(similarity(3, li, chen)).toBeGreaterThan(0.8);
    expect(honestMax(3)).toBeLessThan(honestMax(2) * 0.6); // honest overlap roughly halves
    expect(similarity(3, li, chen) / honestMax(3)).toBeGreaterThan(similarity(2, li, chen) / honestMax(2));
  });
});
