import {
  COMMISSION_KINDS,
  GENDERS,
  ORG_LEVELS,
  ORG_UNIT_TYPES,
  PARTY_ORG_TYPES,
  POST_KINDS,
  isIsoDate,
} from '@dutychain/domain';
import type { ImportDocument, PostRow } from '@dutychain/org-contract';
import { DEMO_DISTRICT_CODE, buildDemoDistrict } from './demo-district';

const district = buildDemoDistrict();

const unitsOf = (document: ImportDocument, level: string) =>
  document.units.filter((unit) => unit.level === level);
const codes = (rows: { code: string }[]) => new Set(rows.map((row) => row.code));
const isCurrent = (row: { endDate?: string }) => row.endDate === undefined;

function countBy<T>(rows: T[], key: (row: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
  return counts;
}

describe('buildDemoDistrict: shape', () => {
  it('has one district 云溪区 at the root', () => {
    const [root, ...others] = unitsOf(district, 'district').filter((unit) => unit.type === 'region');
    expect(others).toHaveLength(0);
    expect(root).toMatchObject({ code: DEMO_DISTRICT_CODE, name: '云溪区', partyOrgType: 'committee' });
    expect(root?.parentCode).toBeUndefined();
    expect(district.units.filter((unit) => !unit.parentCode)).toEqual([root]);
  });

  it('has 12 towns and streets, both kinds, under the district', () => {
    const towns = unitsOf(district, 'town');
    expect(towns).toHaveLength(12);
    expect(new Set(towns.map((town) => town.type))).toEqual(new Set(['town', 'street']));
    expect(towns.every((town) => town.parentCode === DEMO_DISTRICT_CODE)).toBe(true);
    expect(
      towns
        .filter((t) => t.type === 'town')
        .every((t) => t.name.endsWith('镇') && t.partyOrgType === 'committee'),
    ).toBe(true);
    expect(
      towns
        .filter((t) => t.type === 'street')
        .every((t) => t.name.endsWith('街道') && t.partyOrgType === 'workingCommittee'),
    ).toBe(true);
  });

  it('has 40 district departments of mixed types with unique names', () => {
    const departments = unitsOf(district, 'district').filter((unit) => unit.type !== 'region');
    expect(departments).toHaveLength(40);
    expect(new Set(departments.map((d) => d.type))).toEqual(
      new Set(['department', 'affiliated', 'stateEnterprise', 'school', 'hospital']),
    );
    expect(departments.map((d) => d.name)).toEqual(
      expect.arrayContaining(['区教育局', '区卫生健康委员会', '区人民医院']),
    );
  });

  it('has 300 villages and communities spread over every town and street', () => {
    const villages = unitsOf(district, 'village');
    expect(villages).toHaveLength(300);
    const perTown = countBy(villages, (v) => v.parentCode ?? '');
    expect([...perTown.keys()].sort()).toEqual(
      unitsOf(district, 'town')
        .map((t) => t.code)
        .sort(),
    );
    expect(Math.min(...perTown.values())).toBeGreaterThanOrEqual(15);
    expect(villages.every((v) => /(村|社区)$/.test(v.name))).toBe(true);
    expect(villages.every((v) => ['generalBranch', 'branch'].includes(v.partyOrgType))).toBe(true);
    // Villages sit mostly under towns, communities mostly under streets.
    const typeOfParent = new Map(unitsOf(district, 'town').map((t) => [t.code, t.type]));
    const underTowns = villages.filter((v) => typeOfParent.get(v.parentCode ?? '') === 'town');
    const underStreets = villages.filter((v) => typeOfParent.get(v.parentCode ?? '') === 'street');
    expect(underTowns.filter((v) => v.type === 'village').length / underTowns.length).toBeGreaterThan(0.8);
    expect(underStreets.filter((v) => v.type === 'community').length / underStreets.length).toBeGreaterThan(
      0.7,
    );
  });

  it('has unique unit names across the district', () => {
    expect(new Set(district.units.map((unit) => unit.name)).size).toBe(district.units.length);
  });

  it('has about 2,000 people, all holding at least one post, both genders', () => {
    expect(district.people.length).toBeGreaterThanOrEqual(1950);
    expect(district.people.length).toBeLessThanOrEqual(2050);
    const holders = new Set(district.posts.map((post) => post.personCode));
    expect(district.people.every((person) => holders.has(person.code))).toBe(true);
    const women = district.people.filter((person) => person.gender === 'female').length;
    expect(women / district.people.length).toBeGreaterThan(0.1);
    expect(women / district.people.length).toBeLessThan(0.5);
    // Names may repeat, as in real rosters, but rarely.
    expect(new Set(district.people.map((p) => p.name)).size / district.people.length).toBeGreaterThan(0.95);
  });

  it('gives every unit a current secretary and the teams the expected sizes', () => {
    const current = district.posts.filter(isCurrent);
    const secretaries = countBy(
      current.filter((p) => p.kind === 'secretary'),
      (p) => p.unitCode,
    );
    expect(district.units.every((unit) => secretaries.get(unit.code) === 1)).toBe(true);
    const teamSize = countBy(current, (p) => p.unitCode);
    expect(teamSize.get(DEMO_DISTRICT_CODE)).toBe(11);
    for (const town of unitsOf(district, 'town')) expect(teamSize.get(town.code)).toBeGreaterThanOrEqual(7);
  });

  it('uses only known vocabulary and Chinese titles', () => {
    expect(district.units.every((u) => (ORG_LEVELS as readonly string[]).includes(u.level))).toBe(true);
    expect(district.units.every((u) => (ORG_UNIT_TYPES as readonly string[]).includes(u.type))).toBe(true);
    expect(district.units.every((u) => (PARTY_ORG_TYPES as readonly string[]).includes(u.partyOrgType))).toBe(
      true,
    );
    expect(district.commissions.every((c) => (COMMISSION_KINDS as readonly string[]).includes(c.kind))).toBe(
      true,
    );
    expect(district.people.every((p) => (GENDERS as readonly string[]).includes(p.gender ?? ''))).toBe(true);
    expect(district.posts.every((p) => (POST_KINDS as readonly string[]).includes(p.kind))).toBe(true);
    expect(district.posts.every((p) => /[\u4e00-\u9fff]/.test(p.title ?? ''))).toBe(true);
    expect(district.supervisions.every((s) => /[\u4e00-\u9fff]/.test(s.area ?? ''))).toBe(true);
  });
});

describe('buildDemoDistrict: determinism', () => {
  it('gives identical output for the same seed', () => {
    expect(JSON.stringify(buildDemoDistrict({ seed: 7 }))).toBe(
      JSON.stringify(buildDemoDistrict({ seed: 7 })),
    );
    expect(JSON.stringify(buildDemoDistrict())).toBe(JSON.stringify(district));
  });

  it('gives a different district for a different seed, with the same shape', () => {
    const other = buildDemoDistrict({ seed: 8 });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(buildDemoDistrict({ seed: 7 })));
    expect(other.units).toHaveLength(district.units.length);
    expect(other.people.length).toBeGreaterThanOrEqual(1950);
    expect(other.people.length).toBeLessThanOrEqual(2050);
  });

  it('never calls Math.random', () => {
    const random = jest.spyOn(Math, 'random');
    buildDemoDistrict({ seed: 3 });
    expect(random).not.toHaveBeenCalled();
    random.mockRestore();
  });
});

describe('buildDemoDistrict: referential integrity', () => {
  const unitCodes = codes(district.units);
  const personCodes = codes(district.people);
  const commissionCodes = codes(district.commissions);

  it('has unique unit, person and commission codes', () => {
    expect(unitCodes.size).toBe(district.units.length);
    expect(personCodes.size).toBe(district.people.length);
    expect(commissionCodes.size).toBe(district.commissions.length);
  });

  it('references only units, people and commissions that exist', () => {
    const missing = (code: string | undefined, known: Set<string>) => code !== undefined && !known.has(code);
    expect(
      district.units.filter((u) => missing(u.parentCode, unitCodes) || missing(u.guidingOrgCode, unitCodes)),
    ).toEqual([]);
    expect(district.units.filter((u) => !commissionCodes.has(u.commissionCode ?? ''))).toEqual([]);
    expect(district.commissions.filter((c) => !unitCodes.has(c.hostUnitCode))).toEqual([]);
    expect(
      district.posts.filter((p) => !personCodes.has(p.personCode) || !unitCodes.has(p.unitCode)),
    ).toEqual([]);
    expect(
      district.supervisions.filter(
        (s) =>
          !personCodes.has(s.personCode) ||
          !unitCodes.has(s.unitCode) ||
          !unitCodes.has(s.supervisedUnitCode),
      ),
    ).toEqual([]);
    expect(
      district.oversightPairs.filter((o) => !personCodes.has(o.overseerCode) || !personCodes.has(o.headCode)),
    ).toEqual([]);
  });

  it('has valid dates in 2021–2025 and no end before its start', () => {
    const dated = [...district.posts, ...district.supervisions, ...district.oversightPairs];
    const bad = dated.filter(
      (row) =>
        !isIsoDate(row.startDate) ||
        row.startDate < '2021-01-01' ||
        row.startDate > '2025-12-31' ||
        (row.endDate !== undefined && (!isIsoDate(row.endDate) || row.endDate < row.startDate)),
    );
    expect(bad).toEqual([]);
  });

  it('lets a person supervise only from a seat they hold on that team at that time', () => {
    const seatsOf = new Map<string, PostRow[]>();
    for (const post of district.posts)
      seatsOf.set(post.personCode, [...(seatsOf.get(post.personCode) ?? []), post]);
    const unsupported = district.supervisions.filter(
      (s) =>
        !(seatsOf.get(s.personCode) ?? []).some(
          (post) =>
            post.unitCode === s.unitCode && post.startDate <= s.startDate && isCurrent(post) === isCurrent(s),
        ),
    );
    expect(unsupported).toEqual([]);
  });
});

describe('buildDemoDistrict: commissions and dual management', () => {
  const byCode = new Map(district.commissions.map((c) => [c.code, c]));

  it('has the district commission, one per town and about six dispatched groups', () => {
    const groups = district.commissions.filter((c) => c.kind === 'dispatchedGroup');
    expect(groups.length).toBeGreaterThanOrEqual(5);
    expect(groups.length).toBeLessThanOrEqual(7);
    expect(
      groups.every((g) => g.hostUnitCode === DEMO_DISTRICT_CODE && /派驻第.纪检监察组$/.test(g.name)),
    ).toBe(true);
    expect(byCode.get(district.units[0]?.commissionCode ?? '')).toMatchObject({
      kind: 'commission',
      hostUnitCode: 'YX',
    });
    for (const town of unitsOf(district, 'town')) {
      expect(byCode.get(town.commissionCode ?? '')).toMatchObject({
        kind: 'commission',
        hostUnitCode: town.code,
      });
    }
  });

  it('covers villages by their town commission and departments by dispatched groups of several departments', () => {
    expect(
      unitsOf(district, 'village').every(
        (v) => byCode.get(v.commissionCode ?? '')?.hostUnitCode === v.parentCode,
      ),
    ).toBe(true);
    const departments = unitsOf(district, 'district').filter((u) => u.type !== 'region');
    expect(departments.every((d) => byCode.get(d.commissionCode ?? '')?.kind === 'dispatchedGroup')).toBe(
      true,
    );
    const perGroup = countBy(departments, (d) => d.commissionCode ?? '');
    expect(Math.min(...perGroup.values())).toBeGreaterThanOrEqual(3);
  });

  it('has one or two guided units whose guiding org differs from the leading one', () => {
    const guided = district.units.filter((u) => u.guidingOrgCode);
    expect(guided.length).toBeGreaterThanOrEqual(1);
    expect(guided.length).toBeLessThanOrEqual(2);
    expect(guided.every((u) => u.guidingOrgCode !== u.parentCode)).toBe(true);
  });
});

describe('buildDemoDistrict: history', () => {
  const secretaryPosts = (unitCode: string) =>
    district.posts
      .filter((p) => p.unitCode === unitCode && p.kind === 'secretary')
      .sort((a, b) => (a.startDate < b.startDate ? -1 : 1));

  it('changes the district secretary and two town secretaries on 2024-07-01', () => {
    const changed = district.units.filter((unit) => {
      const posts = secretaryPosts(unit.code);
      return posts.some((p) => p.endDate === '2024-06-30') && posts.some((p) => p.startDate === '2024-07-01');
    });
    expect(changed.map((u) => u.level).sort()).toEqual(['district', 'town', 'town']);
    expect(changed[0]?.code).toBe(DEMO_DISTRICT_CODE);
  });

  it('never has two secretaries of one unit at once', () => {
    const overlapping = district.units.filter((unit) =>
      secretaryPosts(unit.code).some((post, i, posts) => {
        const next = posts[i + 1];
        return next !== undefined && (post.endDate === undefined || post.endDate >= next.startDate);
      }),
    );
    expect(overlapping).toEqual([]);
  });

  it('has about 30 people who moved: an ended post, then one at another unit from the next day', () => {
    const nextDay = (date: string) =>
      new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const movers = district.people.filter((person) => {
      const posts = district.posts.filter((p) => p.personCode === person.code);
      return posts.some((ended) =>
        posts.some(
          (next) =>
            ended.endDate && next.unitCode !== ended.unitCode && next.startDate === nextDay(ended.endDate),
        ),
      );
    });
    expect(movers.length).toBeGreaterThanOrEqual(25);
    expect(movers.length).toBeLessThanOrEqual(35);
  });
});

describe('buildDemoDistrict: supervisions and oversight', () => {
  const currentHeads = new Map(
    district.posts
      .filter((p) => p.kind === 'secretary' && isCurrent(p))
      .map((p) => [p.unitCode, p.personCode]),
  );

  it('has each district leader supervise 4–6 towns or departments', () => {
    const districtSupervisions = district.supervisions.filter((s) => s.unitCode === DEMO_DISTRICT_CODE);
    const perLeader = countBy(districtSupervisions, (s) => s.personCode);
    expect(perLeader.size).toBeGreaterThanOrEqual(7);
    expect([...perLeader.values()].every((n) => n >= 4 && n <= 6)).toBe(true);
    const levels = new Set(
      districtSupervisions.map((s) => district.units.find((u) => u.code === s.supervisedUnitCode)?.level),
    );
    expect(levels).toEqual(new Set(['town', 'district']));
  });

  it('has each town leader supervise 10–15 villages of their own town', () => {
    const parentOf = new Map(district.units.map((u) => [u.code, u.parentCode]));
    const townCodes = codes(unitsOf(district, 'town'));
    const townSupervisions = district.supervisions.filter((s) => townCodes.has(s.unitCode));
    expect(townSupervisions.every((s) => parentOf.get(s.supervisedUnitCode) === s.unitCode)).toBe(true);
    const perLeader = countBy(townSupervisions, (s) => s.personCode);
    expect([...perLeader.values()].every((n) => n >= 10 && n <= 15)).toBe(true);
    // Every village has at least one supervising town leader.
    expect(new Set(townSupervisions.map((s) => s.supervisedUnitCode)).size).toBe(300);
  });

  it('pairs every current town and department head with a district leader', () => {
    const districtLeaders = new Set(
      district.posts.filter((p) => p.unitCode === DEMO_DISTRICT_CODE).map((p) => p.personCode),
    );
    const heads = unitsOf(district, 'town')
      .concat(unitsOf(district, 'district').filter((u) => u.type !== 'region'))
      .map((u) => currentHeads.get(u.code));
    const currentPairs = district.oversightPairs.filter(isCurrent);
    expect(heads).toHaveLength(52);
    for (const head of heads) {
      const pair = currentPairs.find((p) => p.headCode === head);
      expect(pair).toBeDefined();
      expect(districtLeaders.has(pair?.overseerCode ?? '')).toBe(true);
    }
  });
});
