/**
 * A synthetic city for the benchmarks: city → districts → towns/streets → villages/communities,
 * four levels, deterministic (no randomness), Chinese names, unique codes, no people.
 */
import type { ImportDocument, UnitRow } from '@dutychain/org-contract';

export interface CityShape {
  districts: number;
  townsPerDistrict: number;
  /** Villages in all, spread evenly over the towns. */
  villages: number;
}

export const CITY_CODE = 'BJC';

/** The shape with `total` units in all: ~16 districts × ~20 towns × ~30 villages at 10,000, scaled by the cube root. */
export function shapeFor(total: number, overrides: Partial<CityShape> = {}): CityShape {
  const scale = Math.cbrt(total / 10_000);
  const districts = overrides.districts ?? Math.max(1, Math.round(16 * scale));
  const townsPerDistrict = overrides.townsPerDistrict ?? Math.max(1, Math.round(20 * scale));
  const villages = overrides.villages ?? total - 1 - districts - districts * townsPerDistrict;
  if (villages < 0)
    throw new Error(`${total} units are too few for ${districts} districts of ${townsPerDistrict} towns`);
  return { districts, townsPerDistrict, villages };
}

export function unitCount(shape: CityShape): number {
  return 1 + shape.districts + shape.districts * shape.townsPerDistrict + shape.villages;
}

const DISTRICT_NAMES = [
  '东湖',
  '西江',
  '南山',
  '北塘',
  '中和',
  '青阳',
  '白云',
  '金沙',
  '银滩',
  '翠屏',
  '望海',
  '临川',
  '长宁',
  '永安',
  '清河',
  '丰泽',
  '新桥',
  '石门',
  '龙岗',
  '凤台',
];
/** Characters for town and village names: pairs give 1,600 distinct two-character stems. */
const STEM = [
  '柳',
  '桃',
  '杏',
  '梅',
  '松',
  '竹',
  '枫',
  '桂',
  '荷',
  '兰',
  '芦',
  '茶',
  '稻',
  '麦',
  '禾',
  '棠',
  '石',
  '沙',
  '泉',
  '溪',
  '河',
  '湖',
  '塘',
  '港',
  '湾',
  '岭',
  '峰',
  '坡',
  '岗',
  '坪',
  '林',
  '园',
  '东',
  '西',
  '南',
  '北',
  '上',
  '下',
  '前',
  '后',
];

function stem(index: number): string {
  const first = STEM[index % STEM.length] ?? '柳';
  const second = STEM[Math.floor(index / STEM.length + index * 7) % STEM.length] ?? '溪';
  return first === second ? `${first}家` : `${first}${second}`;
}

/** The import document, and the codes of the city and of one unit per level (for sanity checks). */
export function buildSyntheticCity(shape: CityShape): ImportDocument {
  const units: UnitRow[] = [
    { code: CITY_CODE, name: '临江市', level: 'city', type: 'region', partyOrgType: 'committee' },
  ];
  const towns: string[] = [];
  for (let d = 0; d < shape.districts; d++) {
    const districtCode = `${CITY_CODE}-D${String(d + 1).padStart(2, '0')}`;
    const base = DISTRICT_NAMES[d % DISTRICT_NAMES.length] ?? '新城';
    const round = Math.floor(d / DISTRICT_NAMES.length);
    units.push({
      code: districtCode,
      name: round === 0 ? `${base}区` : `${base}${round + 1}区`,
      level: 'district',
      type: 'region',
      partyOrgType: 'committee',
      parentCode: CITY_CODE,
    });
    for (let t = 0; t < shape.townsPerDistrict; t++) {
      const townCode = `${districtCode}-T${String(t + 1).padStart(2, '0')}`;
      const street = t % 4 === 0;
      units.push({
        code: townCode,
        name: `${stem(d * 50 + t)}${street ? '街道' : '镇'}`,
        level: 'town',
        type: street ? 'street' : 'town',
        partyOrgType: street ? 'workingCommittee' : 'committee',
        parentCode: districtCode,
      });
      towns.push(townCode);
    }
  }
  for (let v = 0; v < shape.villages; v++) {
    const town = v % towns.length;
    const townCode = towns[town] ?? CITY_CODE;
    const index = Math.floor(v / towns.length);
    const community = index % 5 === 4;
    units.push({
      code: `${townCode}-V${String(index + 1).padStart(3, '0')}`,
      name: `${stem(town * 37 + index * 3 + 11)}${community ? '社区' : '村'}`,
      level: 'village',
      type: community ? 'community' : 'village',
      partyOrgType: community ? 'generalBranch' : 'branch',
      parentCode: townCode,
    });
  }
  return { units, commissions: [], people: [], posts: [], supervisions: [], oversightPairs: [] };
}
