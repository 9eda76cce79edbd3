import type { CommitteeItem, ListItem, ResponsibilityList, TemplateList } from '../src/list-types';
import { seededRandom } from '../src/seeded-random';

/**
 * Deterministic synthetic personal responsibility-risk lists for tests, benchmarks and demos:
 * sentences composed from a vocabulary of duty areas, tasks, risk points and measures, with a
 * known share of planted copies. Not for anything users see as real data.
 */
export interface SyntheticListsOptions {
  readonly count: number;
  readonly seed?: number;
  readonly year?: number;
  /** Average members per leadership team (lists per unit). Default 6. */
  readonly teamSize?: number;
  /** Share of lists that copy another list verbatim (punctuation and spacing may differ). Default 0.02. */
  readonly exactCopyShare?: number;
  /** Share of lists that copy another list with edits (words, order, punctuation). Default 0.05. */
  readonly nearCopyShare?: number;
  /** Share of lists written from the template with few edits. Default 0.01. */
  readonly templateCopyShare?: number;
  /** Of the copies, the share whose source is a teammate. Default 0.5. */
  readonly teammateSourceShare?: number;
  /** Also generate last year's list of every person (10 % of them nearly unchanged). Default false. */
  readonly withPreviousYear?: boolean;
}

export interface PlantedCopy {
  readonly listId: string;
  /** listId or templateId copied from. */
  readonly sourceId: string;
  readonly kind: 'exact' | 'near' | 'template' | 'lastYear';
}

export interface SyntheticLists {
  readonly lists: ResponsibilityList[];
  readonly previousLists: ResponsibilityList[];
  readonly template: TemplateList;
  readonly committeeItems: CommitteeItem[];
  readonly planted: PlantedCopy[];
}

const AREAS = [
  '工程建设项目',
  '政府采购',
  '专项资金',
  '财务管理',
  '人事招聘',
  '干部选拔任用',
  '行政审批',
  '执法检查',
  '征地拆迁',
  '集体资产',
  '惠民资金',
  '医保基金',
  '校园食堂',
  '药品耗材采购',
  '国有资产',
  '公务接待',
  '公务用车',
  '村级财务',
  '低保救助',
  '乡村振兴项目',
  '土地出让',
  '城市管理',
  '市场监管',
  '税费征收',
  '环保督查',
  '招商引资',
  '房屋租赁',
  '物资采购',
  '科研经费',
  '后勤保障',
  '信息化建设',
  '党员教育',
  '基层党组织建设',
  '意识形态工作',
  '信访维稳',
  '社区服务',
  '养老服务',
  '文化旅游',
  '农村人居环境',
  '河道整治',
  '安置补偿',
  '设备采购',
  '人才引进',
  '职称评审',
  '考核评优',
  '档案管理',
  '合同管理',
  '审计整改',
];
const PLACES = [
  '城南',
  '东湖',
  '青石',
  '金桥',
  '云溪',
  '白沙',
  '枫林',
  '柳岸',
  '新港',
  '石门',
  '龙泉',
  '桃源',
  '北山',
  '西塘',
  '临江',
  '南湖',
  '松涛',
  '杏花',
  '凤鸣',
  '长乐',
];
const FACILITIES = [
  '污水处理厂',
  '道路改造工程',
  '安置房',
  '中心小学',
  '卫生院',
  '农贸市场',
  '文化中心',
  '养老院',
  '停车场',
  '供水管网',
  '体育公园',
  '垃圾中转站',
  '老旧小区改造',
  '便民服务中心',
  '幼儿园',
  '防洪堤',
  '产业园',
  '图书馆',
];
const LEADS = [
  '牵头抓好',
  '督促落实',
  '组织开展',
  '统筹推进',
  '指导做好',
  '负责',
  '抓好',
  '推动',
  '规范',
  '深化',
  '健全完善',
  '带头落实',
  '压实',
  '强化',
  '跟踪督办',
];
const GOVERNANCE_TASKS = [
  '领域党风廉政建设',
  '的廉政风险防控',
  '全过程监督管理',
  '“一岗双责”落实',
  '制度建设和内部控制',
  '作风建设',
  '专项整治和问题整改',
  '权力运行监督',
  '廉洁教育和警示教育',
  '廉政谈话和提醒谈话',
  '违规问题排查',
  '纪律教育',
  '主体责任落实',
  '廉洁风险点排查',
  '八项规定精神落实',
  '纠治“四风”工作',
];
const BUSINESS_TASKS = [
  '年度目标任务',
  '重点项目建设进度',
  '日常运行保障',
  '台账资料整理',
  '工作考核评比',
  '数据统计报送',
  '宣传信息报送',
  '窗口服务质量提升',
  '年度预算编制',
  '安全生产检查',
  '设施设备维护',
  '业务培训',
];
const GOALS = [
  '年内开展检查{n}次',
  '全年完成专项督查{n}轮',
  '覆盖{n}个基层站所',
  '年底前整改到位',
  '形成问题清单{n}项',
  '建立工作台账',
  '每月调度一次',
  '按季度通报',
  '问题整改率达到百分之百',
  '组织专题学习{n}次',
];
const STAGES = [
  '项目立项',
  '招标评标',
  '合同签订',
  '资金拨付',
  '验收结算',
  '审批办理',
  '人员招录',
  '现场检查',
  '材料审核',
  '评审打分',
  '价格谈判',
  '名单确定',
  '账目报销',
  '物资入库',
  '信息录入',
  '方案制定',
  '工程变更',
  '监理签证',
  '补贴发放',
  '资格审查',
  '票据审核',
  '资产处置',
];
const RISKS = [
  '存在暗箱操作的廉政风险',
  '可能出现利益输送',
  '存在违规插手干预的风险',
  '审核把关不严易被钻空子',
  '存在优亲厚友问题',
  '存在吃拿卡要现象',
  '可能收受好处费或礼金',
  '存在虚报冒领风险',
  '存在以权谋私风险',
  '存在监督缺位风险',
  '可能泄露标底等内部信息',
  '存在化整为零规避招标的风险',
  '存在人情关系干扰',
  '存在违规变更合同的风险',
  '存在套取挪用资金的风险',
  '存在收受服务对象宴请的风险',
  '存在自由裁量权过大的问题',
  '存在虚增工程量的风险',
  '存在先上车后补票现象',
  '存在截留克扣补助的风险',
];
const ROLES = [
  '经办人员',
  '评审专家',
  '村干部',
  '项目负责人',
  '财务人员',
  '窗口工作人员',
  '执法人员',
  '采购人员',
  '监理人员',
];
const ROLE_RISKS = [
  '与投标人私下接触',
  '利用职务便利为亲友谋取利益',
  '违规收受管理服务对象礼品',
  '在验收中降低标准',
  '擅自调整评分结果',
  '隐瞒真实数据',
  '违规泄露评审信息',
  '借机索取好处',
  '违规兼职取酬',
  '对问题线索瞒报漏报',
];
const MEASURE_LEADS = [
  '严格执行',
  '建立健全',
  '落实',
  '实行',
  '定期开展',
  '完善',
  '坚持',
  '推行',
  '探索建立',
  '全面推行',
];
const MECHANISMS = [
  '集体决策制度',
  '“三重一大”事项决策程序',
  '公开招标和回避制度',
  '双人审核机制',
  '分管领域廉政谈话',
  '提醒谈话',
  '警示教育',
  '台账管理和全程留痕',
  '关键岗位定期轮岗',
  '交叉检查',
  '月度抽查',
  '公示公开制度',
  '廉洁承诺制度',
  '资金拨付联签制度',
  '内部审计监督',
  '纪检监察提前介入',
  '工程变更集体会审',
  '评审专家随机抽取',
  '阳光采购平台',
  '补贴资金一卡通发放',
  '廉情信息员制度',
  '廉政风险点动态排查',
];
const CADENCES = [
  '每季度至少开展一次',
  '每半年专题研究一次',
  '发现问题及时整改',
  '确保程序规范透明',
  '做到事前事中事后全程监督',
  '年底前形成书面报告',
  '对苗头性问题早发现早纠正',
  '接受群众和社会监督',
  '每月通报进展情况',
  '重大事项及时报告',
  '结果在单位内部公示',
  '对违规行为严肃问责',
];
const CONTROLS = [
  '全程留痕管理',
  '集体研究决定',
  '限时办结制度',
  '分级审批',
  '痕迹化管理',
  '联审联签',
  '清单化管理',
];
const COMMITTEE_TASKS = [
  '落实全面从严治党主体责任，召开专题会议研究党风廉政建设工作',
  '严格落实中央八项规定及其实施细则精神，持续纠治“四风”',
  '加强干部选拔任用工作监督，严把政治关廉洁关',
  '深化廉政风险防控，排查重点领域和关键岗位廉政风险点',
  '开展警示教育，组织党员干部旁听庭审、参观警示教育基地',
  '落实谈心谈话制度，班子成员与分管领域干部开展廉政谈话',
  '加强对“三重一大”事项集体决策的监督',
  '配合巡察工作，抓好巡察反馈问题整改落实',
  '加强意识形态工作，落实意识形态工作责任制',
  '推进基层党组织规范化建设，加强党员教育管理',
];

type Random = () => number;

/**
 * Each list goes through JSON as a service would receive it: flat strings instead of the
 * generator's concatenation ropes, which V8 would otherwise flatten and promote during the first
 * comparison, charging the generator's cost to the benchmark. One list at a time, so the garbage dies young.
 */
const received = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const pick = <T>(random: Random, values: readonly T[]): T => values[Math.floor(random() * values.length)];
const between = (random: Random, low: number, high: number): number =>
  low + Math.floor(random() * (high - low + 1));

function shuffle<T>(random: Random, values: readonly T[]): T[] {
  const out = [...values];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function project(random: Random): string {
  return `${pick(random, PLACES)}${pick(random, FACILITIES)}${random() < 0.3 ? `${pick(random, ['二', '三'])}期` : ''}`;
}

function goal(random: Random): string {
  return pick(random, GOALS).replace('{n}', String(between(random, 2, 30)));
}

function riskPoint(random: Random, area: string): string {
  const roll = random();
  if (roll < 0.35) return `在${area}${pick(random, STAGES)}环节，${pick(random, RISKS)}`;
  if (roll < 0.65) return `${project(random)}项目${pick(random, STAGES)}中${pick(random, RISKS)}`;
  return `${pick(random, ROLES)}在${pick(random, STAGES)}时可能${pick(random, ROLE_RISKS)}`;
}

function measure(random: Random, area: string): string {
  const roll = random();
  if (roll < 0.45)
    return `${pick(random, MEASURE_LEADS)}${pick(random, MECHANISMS)}，${pick(random, CADENCES)}`;
  if (roll < 0.75)
    return `对${area}${pick(random, STAGES)}实行${pick(random, CONTROLS)}，${pick(random, CADENCES)}`;
  return `${pick(random, ['每季度', '每半年', '每月', '年内'])}对${pick(random, ROLES)}开展${pick(random, ['廉政谈话', '提醒谈话', '警示教育', '专项检查'])}${between(random, 1, 6)}次`;
}

function item(random: Random, itemId: string, committee: readonly CommitteeItem[]): ListItem {
  const area = pick(random, AREAS);
  const roll = random();
  const risks = () => Array.from({ length: between(random, 1, 2) }, () => riskPoint(random, area));
  const measures = () => Array.from({ length: between(random, 1, 3) }, () => measure(random, area));
  if (roll < 0.15 && committee.length > 0) {
    const claimed = pick(random, committee);
    return {
      itemId,
      content: claimed.content,
      riskPoints: risks(),
      measures: measures(),
      committeeItemId: claimed.itemId,
    };
  }
  if (roll > 0.92) {
    const content = `${pick(random, LEADS)}${area}${pick(random, BUSINESS_TASKS)}，${goal(random)}`;
    return {
      itemId,
      content,
      riskPoints: [],
      measures: [`${pick(random, ['按时', '按要求', '高质量'])}完成${project(random)}相关工作`],
    };
  }
  const content =
    random() < 0.6
      ? `${pick(random, LEADS)}${area}${pick(random, GOVERNANCE_TASKS)}，${goal(random)}`
      : `${pick(random, LEADS)}${project(random)}项目${pick(random, STAGES)}的监督管理，${goal(random)}`;
  return { itemId, content, riskPoints: risks(), measures: measures() };
}

/** Punctuation and spacing changes that say nothing (the cheapest disguise of a copy). */
function repunctuate(random: Random, text: string): string {
  return text
    .replace(/，/g, () => pick(random, ['，', '；', ', ', ' ']))
    .replace(/“|”/g, () => pick(random, ['"', '', '“']));
}

/** Replaces one vocabulary word found in the text by another of the same kind ("a few words changed"). */
function swapWord(random: Random, text: string): string {
  const pool = pick(random, [AREAS, PLACES, MECHANISMS, CADENCES, STAGES, LEADS]);
  const present = pool.filter((word) => text.includes(word));
  return present.length === 0 ? text : text.replace(pick(random, present), pick(random, pool));
}

/** A copy with a few words changed, items reordered and punctuation changed; sometimes one item dropped. */
function editedCopy(random: Random, items: readonly ListItem[], prefix: string): ListItem[] {
  const edits = between(random, 1, 4);
  const edited = shuffle(random, items).map((original, index) => {
    const edit = (text: string) => {
      let out = text;
      for (let n = 0; n < edits; n++) if (random() < 0.15) out = swapWord(random, out);
      return repunctuate(random, out);
    };
    return {
      ...original,
      itemId: `${prefix}-${index + 1}`,
      content: edit(original.content),
      riskPoints: original.riskPoints.map(edit),
      measures: original.measures.map(edit),
    };
  });
  if (edited.length > 4 && random() < 0.3) edited.pop();
  return edited;
}

function renumber(items: readonly ListItem[], prefix: string, random?: Random): ListItem[] {
  return items.map((original, index) => {
    const edit = (text: string) => (random ? repunctuate(random, text) : text);
    return {
      ...original,
      itemId: `${prefix}-${index + 1}`,
      content: edit(original.content),
      riskPoints: original.riskPoints.map(edit),
      measures: original.measures.map(edit),
    };
  });
}

export function generateSyntheticLists(options: SyntheticListsOptions): SyntheticLists {
  const random = seededRandom(options.seed ?? 20250101);
  const year = options.year ?? 2025;
  const teamSize = options.teamSize ?? 6;
  const exactShare = options.exactCopyShare ?? 0.02;
  const nearShare = options.nearCopyShare ?? 0.05;
  const templateShare = options.templateCopyShare ?? 0.01;
  const teammateSourceShare = options.teammateSourceShare ?? 0.5;

  const template: TemplateList = received({
    templateId: 'template-member',
    title: '班子成员个人责任风险清单（模板）',
    items: Array.from({ length: 8 }, (_, index) => item(random, `template-${index + 1}`, [])),
  });
  const unitCount = Math.max(1, Math.round(options.count / teamSize));
  const committeeItems: CommitteeItem[] = [];
  const committeeByUnit: CommitteeItem[][] = [];
  for (let unit = 0; unit < unitCount; unit++) {
    const unitId = `unit-${unit + 1}`;
    const items = shuffle(random, COMMITTEE_TASKS)
      .slice(0, between(random, 4, 7))
      .map((content, index) => ({ itemId: `${unitId}-c${index + 1}`, unitId, content }));
    committeeByUnit.push(items);
    committeeItems.push(...items);
  }

  const lists: ResponsibilityList[] = [];
  const planted: PlantedCopy[] = [];
  for (let index = 0; index < options.count; index++) {
    const unit = Math.min(unitCount - 1, Math.floor(index / teamSize));
    const unitId = `unit-${unit + 1}`;
    const listId = `list-${index + 1}`;
    const personId = `person-${index + 1}`;
    const base = { listId, personId, personName: `干部${index + 1}`, unitId, year };
    const roll = random();
    const teammates = lists.slice(unit * teamSize, index); // lists are generated team by team
    const source =
      teammates.length > 0 && random() < teammateSourceShare
        ? pick(random, teammates)
        : lists.length > 0
          ? lists[Math.floor(random() * lists.length)]
          : undefined;
    if (source && roll < exactShare) {
      lists.push(received({ ...base, items: renumber(source.items, listId, random) }));
      planted.push({ listId, sourceId: source.listId, kind: 'exact' });
    } else if (source && roll < exactShare + nearShare) {
      lists.push(received({ ...base, items: editedCopy(random, source.items, listId) }));
      planted.push({ listId, sourceId: source.listId, kind: 'near' });
    } else if (roll < exactShare + nearShare + templateShare) {
      lists.push(received({ ...base, items: editedCopy(random, template.items, listId) }));
      planted.push({ listId, sourceId: template.templateId, kind: 'template' });
    } else {
      const count = between(random, 5, 9);
      lists.push(
        received({
          ...base,
          items: Array.from({ length: count }, (_, n) =>
            item(random, `${listId}-${n + 1}`, committeeByUnit[unit]),
          ),
        }),
      );
    }
  }

  const previousLists: ResponsibilityList[] = [];
  if (options.withPreviousYear) {
    for (const list of lists) {
      const listId = `${list.listId}-prev`;
      const unchanged = random() < 0.1;
      const unit = Number(list.unitId.slice('unit-'.length)) - 1;
      previousLists.push(
        received({
          ...list,
          listId,
          year: year - 1,
          items: unchanged
            ? renumber(list.items, listId, random)
            : Array.from({ length: between(random, 5, 9) }, (_, n) =>
                item(random, `${listId}-${n + 1}`, committeeByUnit[unit]),
              ),
        }),
      );
      if (unchanged) planted.push({ listId: list.listId, sourceId: listId, kind: 'lastYear' });
    }
  }
  return { lists, previousLists, template, committeeItems, planted };
}
