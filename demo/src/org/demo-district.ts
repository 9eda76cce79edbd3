/**
 * 云溪区: a fictional district used for demos, load figures and the import pipeline's tests.
 *
 * The district is built from a seed with its own PRNG, never Math.random, so a seed always gives
 * byte-identical output (fixtures, screenshots and bug reports stay reproducible).
 * Shape: the district, 12 towns and streets, 40 district departments, 300 villages and
 * communities, their commissions and dispatched groups, about 2,000 leaders with posts, some
 * history (moves, secretary handovers in 2024), supervisions (分管) and oversight pairs (主管—主官).
 * Enumerations are written as code names; the import accepts those as well as Chinese labels.
 */
import type {
  CommissionKind,
  Gender,
  OrgLevel,
  OrgUnitType,
  PartyOrgType,
  PostKind,
} from '@dutychain/domain';
import type {
  CommissionRow,
  ImportDocument,
  OversightPairRow,
  PersonRow,
  PostRow,
  SupervisionRow,
  UnitRow,
} from '@dutychain/org-contract';

export const DEMO_DISTRICT_CODE = 'YX';
const DEMO_DISTRICT_NAME = '云溪区';
const DEMO_DISTRICT_COMMISSION_CODE = 'YX-JW';
const DEFAULT_SEED = 20_210_901;

/** Team seats in villages are tuned so the whole district has this many people. */
const TARGET_PEOPLE = 2_000;
const VILLAGE_TOTAL = 300;
const MOVER_COUNT = 30;
const TOWNS_WITH_SECRETARY_HANDOVER = 2;
const HANDOVER = { lastDay: '2024-06-30', firstDay: '2024-07-01' };
const LATEST_START = '2025-06-30';

export function buildDemoDistrict(options: { seed?: number } = {}): ImportDocument {
  const rng = new Random(options.seed ?? DEFAULT_SEED);
  const units = planUnits(rng);
  const seats = planSeats(rng, units);
  const staff = new Staff(rng);
  for (const seat of seats.all) seat.personCode = staff.hire(seat.maleShare);
  // Moves change the start of current seats, so post rows are built only afterwards.
  const earlierPosts = addMoves(rng, units, seats);
  const portfolios = allocateDistrictPortfolios(rng, units, seats);
  return {
    units: units.all.map((unit) => unit.row),
    commissions: planCommissions(units),
    people: staff.people,
    posts: [...seats.all.map(postRow), ...earlierPosts],
    supervisions: [
      ...districtSupervisions(portfolios),
      ...units.towns.flatMap((town) => townSupervisions(rng, town, seats)),
    ],
    oversightPairs: oversightPairs(portfolios, seats),
  };
}

// ---------------------------------------------------------------- seeded randomness

/** mulberry32: tiny and fast; plenty for fixtures, and the same seed gives the same stream everywhere. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

class Random {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }

  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }

  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle(items).slice(0, count);
  }
}

/** Moves random entries up or down by one, within [min, max], until the values add up to `total`. */
function nudgeToTotal(rng: Random, values: number[], total: number, min: number, max: number): number[] {
  if (values.length * min > total || values.length * max < total) throw new Error(`cannot reach ${total}`);
  let sum = values.reduce((a, b) => a + b, 0);
  while (sum !== total) {
    const i = rng.int(0, values.length - 1);
    const value = values[i];
    if (sum < total && value < max) {
      values[i] = value + 1;
      sum++;
    } else if (sum > total && value > min) {
      values[i] = value - 1;
      sum--;
    }
  }
  return values;
}

// ---------------------------------------------------------------- calendar dates

const DAY_MS = 86_400_000;

function toDay(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS;
}

function fromDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function randomDate(rng: Random, from: string, to: string): string {
  return fromDay(rng.int(toDay(from), toDay(to)));
}

function addDays(isoDate: string, days: number): string {
  return fromDay(toDay(isoDate) + days);
}

/** ISO dates compare correctly as strings. */
function laterOf(a: string, b: string): string {
  return a > b ? a : b;
}

/** Most seats date from the 2021 elections (换届); the rest were filled later. */
function startDate(rng: Random, electionFrom: string, electionTo: string, electedShare: number): string {
  return rng.chance(electedShare)
    ? randomDate(rng, electionFrom, electionTo)
    : randomDate(rng, addDays(electionTo, 1), LATEST_START);
}

// ---------------------------------------------------------------- units

interface TeamMemberTitle {
  title: string;
  /** The member's portfolio: the 分管 area of the villages they supervise. */
  area: string;
}

interface UnitPlan {
  row: UnitRow;
  /** Used as the 分管 area when a district leader supervises this unit. */
  area: string;
  titles: {
    secretary: string;
    deputySecretary: string;
    commissionSecretary: string;
    members: TeamMemberTitle[];
  };
}

interface TownPlan extends UnitPlan {
  commissionCode: string;
  villages: UnitPlan[];
}

interface DistrictUnits {
  district: UnitPlan;
  towns: TownPlan[];
  departments: UnitPlan[];
  villages: UnitPlan[];
  all: UnitPlan[];
}

function unitRow(
  code: string,
  name: string,
  level: OrgLevel,
  type: OrgUnitType,
  partyOrgType: PartyOrgType,
  links: { parentCode?: string; guidingOrgCode?: string; commissionCode: string },
): UnitRow {
  // Optional links are omitted rather than set to undefined, so rows survive a JSON or workbook round trip unchanged.
  const row: UnitRow = { code, name, level, type, partyOrgType };
  if (links.parentCode) row.parentCode = links.parentCode;
  if (links.guidingOrgCode) row.guidingOrgCode = links.guidingOrgCode;
  row.commissionCode = links.commissionCode;
  return row;
}

function planUnits(rng: Random): DistrictUnits {
  const district = planDistrict();
  const towns = TOWN_SPECS.map((spec, index) => planTown(spec, index));
  const departments = planDepartments(towns);
  const names = new Set([district, ...towns, ...departments].map((unit) => unit.row.name));
  const counts = villageCounts(rng, towns);
  towns.forEach((town, index) => {
    town.villages = planVillages(rng, town, counts[index], names);
  });
  const villages = towns.flatMap((town) => town.villages);
  return { district, towns, departments, villages, all: [district, ...towns, ...departments, ...villages] };
}

function planDistrict(): UnitPlan {
  return {
    row: unitRow(DEMO_DISTRICT_CODE, DEMO_DISTRICT_NAME, 'district', 'region', 'committee', {
      commissionCode: DEMO_DISTRICT_COMMISSION_CODE,
    }),
    area: '',
    titles: {
      secretary: '区委书记',
      deputySecretary: '区委副书记',
      commissionSecretary: '区委常委、区纪委书记、区监委主任',
      members: [
        '区委常委、常务副区长',
        '区委常委、组织部部长',
        '区委常委、宣传部部长',
        '区委常委、政法委书记',
        '区委常委、统战部部长',
        '区委常委、区委办公室主任',
        '区委常委、副区长',
      ].map((title) => ({ title, area: '' })),
    },
  };
}

const TOWN_SPECS: readonly { name: string; type: 'town' | 'street' }[] = [
  { name: '云溪街道', type: 'street' },
  { name: '东城街道', type: 'street' },
  { name: '西湖街道', type: 'street' },
  { name: '南门街道', type: 'street' },
  { name: '北苑街道', type: 'street' },
  { name: '青石镇', type: 'town' },
  { name: '白沙镇', type: 'town' },
  { name: '梅岭镇', type: 'town' },
  { name: '桃源镇', type: 'town' },
  { name: '龙泉镇', type: 'town' },
  { name: '松溪镇', type: 'town' },
  { name: '柳塘镇', type: 'town' },
];

function planTown(spec: (typeof TOWN_SPECS)[number], index: number): TownPlan {
  const code = `${DEMO_DISTRICT_CODE}-T${String(index + 1).padStart(2, '0')}`;
  const commissionCode = `${code}-JW`;
  const isTown = spec.type === 'town';
  // Towns have a party committee (党委); streets a working committee of the district committee (党工委).
  const party = isTown ? '镇党委' : '街道党工委';
  const commission = isTown ? '镇纪委' : '街道纪工委';
  const deputyHead = isTown ? '副镇长' : '街道办事处副主任';
  const memberTitles: TeamMemberTitle[] = [
    { title: `${party}委员、${deputyHead}`, area: isTown ? '经济发展、乡村振兴' : '城市管理、民生保障' },
    { title: `${party}委员、组织委员`, area: '党建、组织' },
    { title: `${party}委员、宣传委员`, area: '宣传、文化' },
    { title: `${party}委员、政法委员`, area: '综治、信访' },
    { title: `${party}委员、武装部部长`, area: '武装、应急' },
    { title: `${party}委员、统战委员`, area: '统战、社会事业' },
  ];
  return {
    row: unitRow(code, spec.name, 'town', spec.type, isTown ? 'committee' : 'workingCommittee', {
      parentCode: DEMO_DISTRICT_CODE,
      commissionCode,
    }),
    area: isTown ? '基层治理、乡村振兴' : '基层治理、城市更新',
    titles: {
      secretary: `${party}书记`,
      deputySecretary: isTown ? `${party}副书记、镇长` : `${party}副书记、街道办事处主任`,
      commissionSecretary: `${party}委员、${commission}书记`,
      members: memberTitles,
    },
    commissionCode,
    villages: [],
  };
}

interface DepartmentSpec {
  name: string;
  type: Exclude<OrgUnitType, 'region' | 'town' | 'street' | 'village' | 'community'>;
  party: 'partyGroup' | 'committee';
  area: string;
  /** Which dispatched discipline group (1–6) covers the department. */
  group: number;
  /** Name of the leading department when it is not the district itself. */
  leadBy?: string;
  /** Name of the guiding unit under dual management (双重管理). */
  guidedBy?: string;
}

/** Listed by cluster: district leaders take consecutive runs, so a leader's portfolio hangs together. */
const DEPARTMENT_SPECS: readonly DepartmentSpec[] = [
  { name: '区发展和改革委员会', type: 'department', party: 'partyGroup', area: '发展改革', group: 1 },
  { name: '区统计局', type: 'department', party: 'partyGroup', area: '统计', group: 1 },
  { name: '区商务局', type: 'department', party: 'partyGroup', area: '商务、招商引资', group: 1 },
  { name: '区科学技术局', type: 'department', party: 'partyGroup', area: '科技创新', group: 1 },
  { name: '区工业和信息化局', type: 'department', party: 'partyGroup', area: '工业、信息化', group: 1 },
  { name: '区市场监督管理局', type: 'department', party: 'partyGroup', area: '市场监管、食品安全', group: 1 },
  { name: '区财政局', type: 'department', party: 'partyGroup', area: '财政', group: 2 },
  { name: '区审计局', type: 'department', party: 'partyGroup', area: '审计', group: 2 },
  { name: '区国有资产监督管理委员会', type: 'department', party: 'committee', area: '国资监管', group: 2 },
  {
    name: '云溪城市建设投资集团有限公司',
    type: 'stateEnterprise',
    party: 'committee',
    area: '城市建设投资',
    group: 2,
    leadBy: '区国有资产监督管理委员会',
  },
  {
    name: '云溪国有资产经营有限公司',
    type: 'stateEnterprise',
    party: 'committee',
    area: '国有资产经营',
    group: 2,
    leadBy: '区国有资产监督管理委员会',
  },
  {
    name: '云溪水务集团有限公司',
    type: 'stateEnterprise',
    party: 'committee',
    area: '供水、排水',
    group: 2,
    leadBy: '区国有资产监督管理委员会',
  },
  {
    name: '云溪交通投资发展有限公司',
    type: 'stateEnterprise',
    party: 'committee',
    area: '交通投资',
    group: 2,
    leadBy: '区国有资产监督管理委员会',
  },
  { name: '区教育局', type: 'department', party: 'partyGroup', area: '教育', group: 3 },
  {
    name: '区人力资源和社会保障局',
    type: 'department',
    party: 'partyGroup',
    area: '人力资源、社会保障',
    group: 3,
  },
  { name: '区实验中学', type: 'school', party: 'committee', area: '基础教育', group: 3, leadBy: '区教育局' },
  { name: '区第一中学', type: 'school', party: 'committee', area: '基础教育', group: 3, leadBy: '区教育局' },
  // Led by the education bureau, guided by the town it stands in (属地管理).
  {
    name: '区青石中学',
    type: 'school',
    party: 'committee',
    area: '基础教育',
    group: 3,
    leadBy: '区教育局',
    guidedBy: '青石镇',
  },
  // Led by the education bureau, guided by the labour bureau for vocational training.
  {
    name: '区职业技术学校',
    type: 'school',
    party: 'committee',
    area: '职业教育',
    group: 3,
    leadBy: '区教育局',
    guidedBy: '区人力资源和社会保障局',
  },
  { name: '区卫生健康委员会', type: 'department', party: 'partyGroup', area: '卫生健康', group: 4 },
  { name: '区医疗保障局', type: 'department', party: 'partyGroup', area: '医疗保障', group: 4 },
  { name: '区民政局', type: 'department', party: 'partyGroup', area: '民政', group: 4 },
  { name: '区退役军人事务局', type: 'department', party: 'partyGroup', area: '退役军人事务', group: 4 },
  {
    name: '区人民医院',
    type: 'hospital',
    party: 'committee',
    area: '医疗卫生',
    group: 4,
    leadBy: '区卫生健康委员会',
  },
  {
    name: '区中医医院',
    type: 'hospital',
    party: 'committee',
    area: '中医药',
    group: 4,
    leadBy: '区卫生健康委员会',
  },
  {
    name: '区妇幼保健院',
    type: 'hospital',
    party: 'committee',
    area: '妇幼保健',
    group: 4,
    leadBy: '区卫生健康委员会',
  },
  { name: '区自然资源局', type: 'department', party: 'partyGroup', area: '自然资源、规划', group: 5 },
  { name: '区生态环境局', type: 'department', party: 'partyGroup', area: '生态环境', group: 5 },
  { name: '区住房和城乡建设局', type: 'department', party: 'partyGroup', area: '住房、城乡建设', group: 5 },
  { name: '区交通运输局', type: 'department', party: 'partyGroup', area: '交通运输', group: 5 },
  { name: '区城市管理局', type: 'department', party: 'partyGroup', area: '城市管理', group: 5 },
  { name: '区水利局', type: 'department', party: 'partyGroup', area: '水利', group: 5 },
  { name: '区农业农村局', type: 'department', party: 'partyGroup', area: '农业农村、乡村振兴', group: 5 },
  { name: '区司法局', type: 'department', party: 'partyGroup', area: '司法行政、法治', group: 6 },
  { name: '区应急管理局', type: 'department', party: 'partyGroup', area: '应急管理、安全生产', group: 6 },
  { name: '区信访局', type: 'department', party: 'partyGroup', area: '信访', group: 6 },
  {
    name: '区文化广电旅游体育局',
    type: 'department',
    party: 'partyGroup',
    area: '文化、旅游、体育',
    group: 6,
  },
  { name: '区融媒体中心', type: 'affiliated', party: 'committee', area: '宣传、媒体', group: 6 },
  { name: '区档案馆', type: 'affiliated', party: 'partyGroup', area: '档案', group: 6 },
  { name: '区行政审批服务中心', type: 'affiliated', party: 'partyGroup', area: '政务服务', group: 6 },
];

const DISPATCHED_GROUP_COUNT = 6;
const CHINESE_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function dispatchedGroupCode(group: number): string {
  return `${DEMO_DISTRICT_CODE}-PZ${group}`;
}

function planDepartments(towns: TownPlan[]): UnitPlan[] {
  const codeByName = new Map<string, string>(towns.map((town) => [town.row.name, town.row.code]));
  DEPARTMENT_SPECS.forEach((spec, index) =>
    codeByName.set(spec.name, `${DEMO_DISTRICT_CODE}-D${String(index + 1).padStart(2, '0')}`),
  );
  const codeOf = (name: string | undefined) => (name === undefined ? undefined : codeByName.get(name));
  return DEPARTMENT_SPECS.map((spec) => ({
    row: unitRow(codeOf(spec.name) as string, spec.name, 'district', spec.type, spec.party, {
      parentCode: codeOf(spec.leadBy) ?? DEMO_DISTRICT_CODE,
      guidingOrgCode: codeOf(spec.guidedBy),
      commissionCode: dispatchedGroupCode(spec.group),
    }),
    area: spec.area,
    titles: departmentTitles(spec),
  }));
}

/** 'How the department names its head', read from its type or the end of its name. */
function departmentOffice(spec: DepartmentSpec): { body: string; head: string; deputy: string } {
  if (spec.type === 'stateEnterprise') return { body: '公司', head: '董事长', deputy: '副总经理' };
  if (spec.type === 'school') return { body: '学校', head: '校长', deputy: '副校长' };
  if (spec.type === 'hospital') return { body: '医院', head: '院长', deputy: '副院长' };
  if (spec.name.endsWith('委员会')) return { body: '委', head: '主任', deputy: '副主任' };
  if (spec.name.endsWith('中心')) return { body: '中心', head: '主任', deputy: '副主任' };
  if (spec.name.endsWith('馆')) return { body: '馆', head: '馆长', deputy: '副馆长' };
  return { body: '局', head: '局长', deputy: '副局长' };
}

function departmentTitles(spec: DepartmentSpec): UnitPlan['titles'] {
  const { body, head, deputy } = departmentOffice(spec);
  const party = `${body}${spec.party === 'partyGroup' ? '党组' : '党委'}`;
  const member = spec.party === 'partyGroup' ? `${party}成员、${deputy}` : `${party}委员、${deputy}`;
  return {
    secretary: `${party}书记、${head}`,
    deputySecretary: `${party}副书记`,
    commissionSecretary: `${party}委员、纪委书记`,
    members: [{ title: member, area: '' }],
  };
}

/** Bigger towns have more villages; the counts always add up to exactly VILLAGE_TOTAL. */
function villageCounts(rng: Random, towns: TownPlan[]): number[] {
  const counts = towns.map((town) => (town.row.type === 'town' ? 28 : 20) + rng.int(-5, 5));
  return nudgeToTotal(rng, counts, VILLAGE_TOTAL, 15, 35);
}

function planVillages(rng: Random, town: TownPlan, count: number, usedNames: Set<string>): UnitPlan[] {
  // Towns are mostly villages with a community at the town seat; streets mostly communities.
  const communityShare = town.row.type === 'town' ? 0.08 : 0.85;
  return Array.from({ length: count }, (_, index) => {
    const type: OrgUnitType = rng.chance(communityShare) ? 'community' : 'village';
    const party: PartyOrgType = rng.chance(0.45) ? 'generalBranch' : 'branch';
    const name = villageName(rng, type, usedNames);
    const code = `${town.row.code}-${String(index + 1).padStart(3, '0')}`;
    return {
      row: unitRow(code, name, 'village', type, party, {
        parentCode: town.row.code,
        commissionCode: town.commissionCode,
      }),
      area: '',
      titles: villageTitles(rng, type, party),
    };
  });
}

const VILLAGE_FIRST =
  '东西南北上下前后大小新高黄白青红金石马杨柳桃杏梅竹松枫荷桂龙凤鹤牛茶麻沙泉双三官'.split('');
const VILLAGE_SECOND = '湖林山河桥塘湾坪岭坑田庄园岗洲坝头口溪源泉沟埠墩垄畈'.split('');
const COMMUNITY_FIRST = '杏滨锦春翠阳金和幸长东西南北新朝文华明康安清丽秀紫碧银玉绿海星月枫桂兰荷梅竹'.split(
  '',
);
const COMMUNITY_SECOND = '林江华晖苑光桥平福安园城坊里湾景港门庭府湖岸河'.split('');

/** Two-character place names such as 东湖村 or 杏林社区, unique across the district. */
function villageName(rng: Random, type: OrgUnitType, usedNames: Set<string>): string {
  const [first, second, suffix] =
    type === 'village' ? [VILLAGE_FIRST, VILLAGE_SECOND, '村'] : [COMMUNITY_FIRST, COMMUNITY_SECOND, '社区'];
  for (;;) {
    const stem = rng.pick(first) + rng.pick(second);
    const name = stem + suffix;
    // Stems are reserved too, so 东湖村 and 东湖社区 never both appear.
    if (stem[0] === stem[1] || usedNames.has(name) || usedNames.has(stem)) continue;
    usedNames.add(name);
    usedNames.add(stem);
    return name;
  }
}

function villageTitles(rng: Random, type: OrgUnitType, party: PartyOrgType): UnitPlan['titles'] {
  const body = `${type === 'village' ? '村' : '社区'}${party === 'generalBranch' ? '党总支' : '党支部'}`;
  // Most secretaries also chair the village or residents' committee (“一肩挑”).
  const chair = type === 'village' ? '村委会主任' : '居委会主任';
  const secretary = rng.chance(0.9) ? `${body}书记、${chair}` : `${body}书记`;
  return {
    secretary,
    deputySecretary: `${body}副书记`,
    commissionSecretary: `${body}纪检委员`,
    members: ['纪检委员', '组织委员', '宣传委员', '委员', '委员', '委员'].map((role) => ({
      title: `${body}${role}`,
      area: '',
    })),
  };
}

function planCommissions(units: DistrictUnits): CommissionRow[] {
  const commission = (
    code: string,
    name: string,
    kind: CommissionKind,
    hostUnitCode: string,
  ): CommissionRow => ({
    code,
    name,
    kind,
    hostUnitCode,
  });
  const groups = Array.from({ length: DISPATCHED_GROUP_COUNT }, (_, index) =>
    commission(
      dispatchedGroupCode(index + 1),
      `${DEMO_DISTRICT_NAME}纪委监委派驻第${CHINESE_ORDINALS[index]}纪检监察组`,
      'dispatchedGroup',
      DEMO_DISTRICT_CODE,
    ),
  );
  const towns = units.towns.map((town) =>
    commission(
      town.commissionCode,
      `${town.row.name}${town.row.type === 'town' ? '纪委' : '纪工委'}`,
      'commission',
      town.row.code,
    ),
  );
  return [
    commission(
      DEMO_DISTRICT_COMMISSION_CODE,
      `${DEMO_DISTRICT_NAME}纪委监委`,
      'commission',
      DEMO_DISTRICT_CODE,
    ),
    ...groups,
    ...towns,
  ];
}

// ---------------------------------------------------------------- seats (posts before they are staffed)

interface Seat {
  unitCode: string;
  kind: PostKind;
  title: string;
  startDate: string;
  endDate?: string;
  area: string;
  /** Share of men in this tier's leadership, for the gender of whoever takes the seat. */
  maleShare: number;
  personCode: string;
}

type SeatDraft = Omit<Seat, 'personCode' | 'area'> & { area?: string };

interface Seats {
  all: Seat[];
  byUnit: Map<string, Seat[]>;
}

function planSeats(rng: Random, units: DistrictUnits): Seats {
  const handoverTowns = new Set(
    rng.sample(units.towns, TOWNS_WITH_SECRETARY_HANDOVER).map((t) => t.row.code),
  );
  const fixed = [
    ...districtSeats(rng, units.district),
    ...units.towns.flatMap((town) => townSeats(rng, town, handoverTowns.has(town.row.code))),
    ...units.departments.flatMap((department) => departmentSeats(rng, department)),
  ];
  const all = [...fixed, ...villageSeats(rng, units.villages, TARGET_PEOPLE - fixed.length)].map(
    (draft): Seat => ({ area: '', ...draft, personCode: '' }),
  );
  const byUnit = new Map<string, Seat[]>();
  for (const seat of all) byUnit.set(seat.unitCode, [...(byUnit.get(seat.unitCode) ?? []), seat]);
  return { all, byUnit };
}

/** The secretary's seat; with a handover it is two seats, the second starting the day after the first ends. */
function secretarySeats(unit: UnitPlan, start: string, maleShare: number, handover: boolean): SeatDraft[] {
  const seat = {
    unitCode: unit.row.code,
    kind: 'secretary' as const,
    title: unit.titles.secretary,
    maleShare,
  };
  if (!handover) return [{ ...seat, startDate: start }];
  return [
    { ...seat, startDate: start, endDate: HANDOVER.lastDay },
    { ...seat, startDate: HANDOVER.firstDay },
  ];
}

function districtSeats(rng: Random, district: UnitPlan): SeatDraft[] {
  const maleShare = 0.85;
  const start = () => startDate(rng, '2021-09-01', '2021-09-30', 0.75);
  const seat = (kind: PostKind, title: string): SeatDraft => ({
    unitCode: district.row.code,
    kind,
    title,
    startDate: start(),
    maleShare,
  });
  return [
    ...secretarySeats(district, randomDate(rng, '2021-09-01', '2021-09-30'), maleShare, true),
    seat('deputySecretary', '区委副书记、区长'),
    seat('deputySecretary', district.titles.deputySecretary),
    seat('commissionSecretary', district.titles.commissionSecretary),
    ...district.titles.members.map((member) => seat('member', member.title)),
  ];
}

function townSeats(rng: Random, town: TownPlan, handover: boolean): SeatDraft[] {
  const maleShare = 0.8;
  const start = () => startDate(rng, '2021-06-01', '2021-12-31', 0.8);
  const seat = (kind: PostKind, title: string, area?: string): SeatDraft => ({
    unitCode: town.row.code,
    kind,
    title,
    startDate: start(),
    maleShare,
    area,
  });
  const members = town.titles.members.slice(0, rng.int(4, 6));
  return [
    ...secretarySeats(town, randomDate(rng, '2021-06-01', '2021-12-31'), maleShare, handover),
    seat('deputySecretary', town.titles.deputySecretary, '全面工作、财政'),
    seat('commissionSecretary', town.titles.commissionSecretary),
    ...members.map((member) => seat('member', member.title, member.area)),
  ];
}

function departmentSeats(rng: Random, department: UnitPlan): SeatDraft[] {
  const maleShare = 0.75;
  const start = () => randomDate(rng, '2021-01-01', LATEST_START);
  const seat = (kind: PostKind, title: string): SeatDraft => ({
    unitCode: department.row.code,
    kind,
    title,
    startDate: start(),
    maleShare,
  });
  const memberTitle = department.titles.members[0]?.title ?? '';
  // Party committees (enterprises, schools, hospitals) elect their own commission secretary; party groups do not.
  const commission = department.row.partyOrgType === 'committee' && department.row.type !== 'department';
  return [
    seat('secretary', department.titles.secretary),
    ...(commission ? [seat('commissionSecretary', department.titles.commissionSecretary)] : []),
    ...Array.from({ length: rng.int(2, 4) }, () => seat('member', memberTitle)),
  ];
}

/** Village teams get 2–6 members so the district's head count lands on `seatsLeft`. */
function villageSeats(rng: Random, villages: UnitPlan[], seatsLeft: number): SeatDraft[] {
  const hasDeputy = villages.map((village) => village.row.partyOrgType === 'generalBranch');
  const leaders = hasDeputy.reduce((sum, deputy) => sum + (deputy ? 2 : 1), 0);
  const memberCounts = nudgeToTotal(
    rng,
    villages.map(() => rng.int(2, 4)),
    seatsLeft - leaders,
    2,
    6,
  );
  const maleShare = 0.7;
  return villages.flatMap((village, index) => {
    const seat = (kind: PostKind, title: string): SeatDraft => ({
      unitCode: village.row.code,
      kind,
      title,
      startDate: startDate(rng, '2021-01-01', '2021-06-30', 0.85),
      maleShare,
    });
    const members = village.titles.members.slice(0, memberCounts[index]);
    return [
      seat('secretary', village.titles.secretary),
      ...(hasDeputy[index] ? [seat('deputySecretary', village.titles.deputySecretary)] : []),
      ...members.map((member) => seat('member', member.title)),
    ];
  });
}

// ---------------------------------------------------------------- people

const COMMON_SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗'.split('');
const OTHER_SURNAMES = [
  ...'郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文'.split(
    '',
  ),
  '欧阳',
  '上官',
];
// Common surnames appear three times so they are drawn about as often as in real rosters.
const SURNAMES = [...COMMON_SURNAMES, ...COMMON_SURNAMES, ...COMMON_SURNAMES, ...OTHER_SURNAMES];
const GIVEN_NAME_CHARS: Record<Gender, string[]> = {
  male: '伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宁建国志海峰文东林晨宇浩俊凯健亮成兵新荣德庆永春锋坤洪立家振冬卫'.split(
    '',
  ),
  female: '芳娜敏静丽艳娟霞秀燕玲桂丹萍红玉兰婷雪慧琳洁颖倩莉梅琴云青璐晶妍佳欣悦蓉薇凤英华'.split(''),
};

/** Hands out person codes and names; names may repeat, as they do in real rosters, but rarely. */
class Staff {
  readonly people: PersonRow[] = [];
  private readonly usedNames = new Set<string>();

  constructor(private readonly rng: Random) {}

  hire(maleShare: number): string {
    const gender: Gender = this.rng.chance(maleShare) ? 'male' : 'female';
    const code = `P${String(this.people.length + 1).padStart(5, '0')}`;
    this.people.push({ code, name: this.freshName(gender), gender });
    return code;
  }

  private freshName(gender: Gender): string {
    let name = this.drawName(gender);
    for (let attempt = 0; attempt < 4 && this.usedNames.has(name); attempt++) name = this.drawName(gender);
    this.usedNames.add(name);
    return name;
  }

  private drawName(gender: Gender): string {
    const chars = GIVEN_NAME_CHARS[gender];
    const given = this.rng.chance(0.3) ? this.rng.pick(chars) : this.rng.pick(chars) + this.rng.pick(chars);
    return this.rng.pick(SURNAMES) + given;
  }
}

function postRow(
  seat: Pick<Seat, 'personCode' | 'unitCode' | 'kind' | 'title' | 'startDate' | 'endDate'>,
): PostRow {
  const row: PostRow = {
    personCode: seat.personCode,
    unitCode: seat.unitCode,
    kind: seat.kind,
    title: seat.title,
    startDate: seat.startDate,
  };
  if (seat.endDate) row.endDate = seat.endDate;
  return row;
}

// ---------------------------------------------------------------- history: people who moved

/**
 * ~30 members took their current seat after moving from another unit of the same kind:
 * the earlier post ends on the move day and the current one starts the next day.
 * Returns the earlier posts.
 */
function addMoves(rng: Random, units: DistrictUnits, seats: Seats): PostRow[] {
  const isCurrentMember = (seat: Seat) => seat.kind === 'member' && !seat.endDate;
  const villageCodes = new Set(units.villages.map((v) => v.row.code));
  const departmentCodes = new Set(units.departments.map((d) => d.row.code));
  const villageMovers = rng.sample(
    seats.all.filter((seat) => isCurrentMember(seat) && villageCodes.has(seat.unitCode)),
    Math.round(MOVER_COUNT * 0.7),
  );
  const departmentMovers = rng.sample(
    seats.all.filter((seat) => isCurrentMember(seat) && departmentCodes.has(seat.unitCode)),
    MOVER_COUNT - villageMovers.length,
  );
  const unitByCode = new Map(units.all.map((unit) => [unit.row.code, unit]));
  const villagesOfTown = new Map(units.towns.map((town) => [town.row.code, town.villages]));
  return [
    ...villageMovers.map((seat) => {
      const home = unitByCode.get(seat.unitCode) as UnitPlan;
      const siblings = villagesOfTown.get(home.row.parentCode as string) as UnitPlan[];
      return move(rng, seat, pickOther(rng, siblings, home));
    }),
    ...departmentMovers.map((seat) =>
      move(rng, seat, pickOther(rng, units.departments, unitByCode.get(seat.unitCode) as UnitPlan)),
    ),
  ];
}

function pickOther(rng: Random, candidates: UnitPlan[], except: UnitPlan): UnitPlan {
  return rng.pick(candidates.filter((unit) => unit !== except));
}

function move(rng: Random, seat: Seat, from: UnitPlan): PostRow {
  const moveDay = randomDate(rng, '2022-03-01', LATEST_START);
  const earlierStart = randomDate(rng, '2021-01-01', addDays(moveDay, -90));
  seat.startDate = addDays(moveDay, 1);
  // The last member title is the plain one ('村党支部委员', '局党组成员、副局长').
  const title = from.titles.members.at(-1)?.title ?? '';
  return postRow({
    personCode: seat.personCode,
    unitCode: from.row.code,
    kind: 'member',
    title,
    startDate: earlierStart,
    endDate: moveDay,
  });
}

// ---------------------------------------------------------------- supervisions (分管) and oversight (主管—主官)

interface Portfolio {
  leader: Seat;
  units: UnitPlan[];
}

/** Deputy secretaries and members supervise; the secretary answers for everything and the commission checks. */
function isSupervisor(seat: Seat): boolean {
  return (seat.kind === 'deputySecretary' || seat.kind === 'member') && !seat.endDate;
}

function supervisionRow(leader: Seat, supervisedUnitCode: string, area: string): SupervisionRow {
  const row: SupervisionRow = {
    personCode: leader.personCode,
    unitCode: leader.unitCode,
    supervisedUnitCode,
    area,
    startDate: leader.startDate,
  };
  if (leader.endDate) row.endDate = leader.endDate;
  return row;
}

/**
 * Every town and department is supervised by exactly one district leader, who also oversees its head.
 * Each leader gets 4–6 units: one or two towns to keep in touch with, then a run of related departments.
 */
function allocateDistrictPortfolios(rng: Random, units: DistrictUnits, seats: Seats): Portfolio[] {
  const leaders = (seats.byUnit.get(DEMO_DISTRICT_CODE) ?? []).filter(isSupervisor);
  const unitCount = units.towns.length + units.departments.length;
  const sizes = nudgeToTotal(
    rng,
    leaders.map(() => 4),
    unitCount,
    4,
    6,
  );
  const towns = rng.shuffle(units.towns);
  const departments = [...units.departments];
  return leaders.map((leader, index) => {
    const ownTowns = towns.filter((_, townIndex) => townIndex % leaders.length === index);
    const ownDepartments = departments.splice(0, sizes[index] - ownTowns.length);
    return { leader, units: [...ownTowns, ...ownDepartments] };
  });
}

function districtSupervisions(portfolios: Portfolio[]): SupervisionRow[] {
  return portfolios.flatMap(({ leader, units }) =>
    units.map((unit) => supervisionRow(leader, unit.row.code, unit.area)),
  );
}

/**
 * Each town leader supervises 10–15 of the town's villages in their own portfolio area.
 * Villages are first dealt out round-robin so none is left without a supervising leader.
 */
function townSupervisions(rng: Random, town: TownPlan, seats: Seats): SupervisionRow[] {
  const leaders = (seats.byUnit.get(town.row.code) ?? []).filter(isSupervisor);
  const shares = leaders.map(() => new Set<UnitPlan>());
  rng.shuffle(town.villages).forEach((village, index) => shares[index % leaders.length]?.add(village));
  return leaders.flatMap((leader, index) => {
    const share = shares[index];
    const wanted = Math.min(rng.int(10, 15), town.villages.length);
    for (const village of rng.shuffle(town.villages)) {
      if (share.size >= wanted) break;
      share.add(village);
    }
    return town.villages
      .filter((village) => share.has(village))
      .map((village) => supervisionRow(leader, village.row.code, leader.area));
  });
}

/** The supervising district leader holds regular talks with each head (secretary) of their towns and departments. */
function oversightPairs(portfolios: Portfolio[], seats: Seats): OversightPairRow[] {
  return portfolios.flatMap(({ leader, units }) =>
    units.flatMap((unit) =>
      (seats.byUnit.get(unit.row.code) ?? [])
        .filter((seat) => seat.kind === 'secretary')
        .flatMap((head) => {
          const startDate = laterOf(head.startDate, leader.startDate);
          if (head.endDate && head.endDate < startDate) return [];
          const row: OversightPairRow = {
            overseerCode: leader.personCode,
            headCode: head.personCode,
            startDate,
          };
          if (head.endDate) row.endDate = head.endDate;
          return [row];
        }),
    ),
  );
}
