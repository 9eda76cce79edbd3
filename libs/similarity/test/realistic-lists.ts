/**
 * Hand-written lists of one town's leadership team (青石镇) and of a street office (金桥街道), for
 * the quality-check tests: honest lists on overlapping topics, an edited copy of a teammate's list,
 * a copy of the template, a list unchanged from last year, a "big basket" of business tasks, and a
 * cross-unit copy. Names and places are invented.
 */
import type { CommitteeItem, ListItem, ResponsibilityList, TemplateList } from '../src/list-types';

export const YEAR = 2025;
export const QINGSHI = 'unit-qingshi';
export const JINQIAO = 'unit-jinqiao';

function list(
  listId: string,
  personId: string,
  personName: string,
  unitId: string,
  items: readonly Omit<ListItem, 'itemId'>[],
  year = YEAR,
): ResponsibilityList {
  return {
    listId,
    personId,
    personName,
    unitId,
    year,
    items: items.map((item, index) => ({ ...item, itemId: `${listId}-${index + 1}` })),
  };
}

export const committeeItems: CommitteeItem[] = [
  ['c1', '落实全面从严治党主体责任，召开专题会议研究党风廉政建设工作'],
  ['c2', '严格落实中央八项规定及其实施细则精神，持续纠治“四风”'],
  ['c3', '深化廉政风险防控，排查重点领域和关键岗位廉政风险点'],
  ['c4', '落实谈心谈话制度，班子成员与分管领域干部开展廉政谈话'],
  ['c5', '加强干部选拔任用工作监督，严把政治关廉洁关'],
  ['c6', '配合巡察工作，抓好巡察反馈问题整改落实'],
].map(([itemId, content]) => ({ itemId: `${QINGSHI}-${itemId}`, unitId: QINGSHI, content }));

export const template: TemplateList = {
  templateId: 'tpl-member-2025',
  title: '班子成员个人责任风险清单（模板）',
  items: [
    {
      content: '落实全面从严治党“一岗双责”，抓好分管领域党风廉政建设',
      riskPoints: ['对分管领域党风廉政建设重视不够，存在重业务轻党建问题'],
      measures: ['定期听取分管领域党风廉政建设情况汇报，每半年至少一次', '与分管部门负责人开展廉政谈话'],
    },
    {
      content: '严格执行中央八项规定精神，带头转变工作作风',
      riskPoints: ['公务接待、公车使用等方面存在违规风险'],
      measures: ['严格执行公务接待标准和公车使用制度', '主动接受组织和群众监督'],
    },
    {
      content: '加强分管领域重点环节廉政风险防控',
      riskPoints: ['重点项目、资金管理等环节存在廉政风险'],
      measures: ['梳理分管领域廉政风险点，建立防控台账', '落实“三重一大”集体决策制度'],
    },
    {
      content: '抓好分管领域干部日常教育管理监督',
      riskPoints: ['对干部苗头性、倾向性问题发现不及时'],
      measures: ['经常开展谈心谈话，做到咬耳扯袖、红脸出汗', '组织分管领域干部开展警示教育'],
    },
    {
      content: '带头遵守廉洁自律各项规定',
      riskPoints: ['存在收受礼品礼金、违规兼职取酬等风险'],
      measures: ['严格落实领导干部个人有关事项报告制度', '管好配偶子女和身边工作人员'],
    },
  ].map((item, index) => ({ ...item, itemId: `tpl-${index + 1}` })),
};

/** 党委书记: the team's main responsibility; claims c1 by its text only (no committeeItemId). */
export const zhang = list('list-zhang', 'p-zhang', '张卫东', QINGSHI, [
  {
    content: '落实全面从严治党主体责任，召开专题会议研究党风廉政建设工作，全年不少于四次',
    riskPoints: ['主体责任层层传导不到位，村（社区）党组织书记“一岗双责”意识薄弱'],
    measures: ['每季度召开一次党委会专题研究党风廉政建设', '年底对各村（社区）党组织书记履责情况逐一点评'],
  },
  {
    content: '严格落实中央八项规定及其实施细则精神，持续纠治“四风”',
    riskPoints: ['节假日期间违规吃喝、违规发放津补贴等问题反弹'],
    measures: ['节前集体廉政提醒，节后由镇纪委开展明察暗访', '镇机关食堂公务用餐实行审批登记'],
    committeeItemId: `${QINGSHI}-c2`,
  },
  {
    content: '坚持民主集中制，规范“三重一大”事项决策',
    riskPoints: ['个人说了算、会前定调子，集体决策流于形式'],
    measures: ['“三重一大”事项一律上党委会，书记末位表态', '会议记录完整存档，纪委书记列席监督'],
  },
]);

/** 副镇长（城建、交通）: honest, specific. */
export const li = list('list-li', 'p-li', '李建国', QINGSHI, [
  {
    content: '牵头抓好青石镇老街改造、镇区道路提升等城建项目的廉政风险防控',
    riskPoints: [
      '工程招投标环节可能出现围标串标、领导干部打招呼插手干预',
      '工程变更和签证环节存在虚增工程量、套取资金的可能',
    ],
    measures: [
      '镇级工程项目一律进入公共资源交易平台公开招标，班子成员不参与具体评标',
      '工程变更超过合同价百分之五的必须经镇党委会集体研究，纪委全程参与监督',
    ],
  },
  {
    content: '督促城建办规范工程款拨付和审计结算',
    riskPoints: ['未经审计即拨付尾款，存在施工单位虚报冒领、套取资金的风险'],
    measures: ['实行财政所、城建办、分管领导三方联签', '尾款一律在审计结算完成后支付'],
  },
  {
    content: '抓好分管的城建办、交通站干部作风建设',
    riskPoints: ['个别干部在服务企业和群众中吃拿卡要、推诿扯皮'],
    measures: ['每季度与城建办、交通站负责人开展一次谈心谈话', '公开办事流程和投诉电话，接受群众监督'],
  },
  {
    content: '深化廉政风险防控，排查重点领域和关键岗位廉政风险点',
    riskPoints: ['农村公路养护资金分配不公开、不透明，存在优亲厚友问题'],
    measures: ['养护资金按里程和路况核定，分配结果在村务公开栏公示'],
    committeeItemId: `${QINGSHI}-c3`,
  },
]);

/** 副镇长（安全生产、应急）: Li's list with a few words changed, items reordered, punctuation changed. */
export const chen = list('list-chen', 'p-chen', '陈志强', QINGSHI, [
  {
    content: '抓好分管的安监办、交通站干部作风建设。',
    riskPoints: ['个别干部在服务企业和群众中吃拿卡要；推诿扯皮'],
    measures: ['每季度与安监办、交通站负责人开展一次谈心谈话。', '公开办事流程和投诉电话 接受群众监督'],
  },
  {
    content: '1、牵头抓好青石镇工业园区改造、镇区道路提升等城建项目的廉政风险防控',
    riskPoints: [
      '工程招投标环节可能出现围标串标，领导干部打招呼插手干预',
      '工程变更和签证环节存在虚增工程量、套取资金的可能。',
    ],
    measures: [
      '镇级工程项目一律进入公共资源交易平台公开招标；班子成员不参与具体评标',
      '工程变更超过合同价百分之十的必须经镇党委会集体研究，纪委全程参与监督',
    ],
  },
  {
    content: '深化廉政风险防控，排查重点领域和关键岗位廉政风险点',
    riskPoints: ['农村公路养护资金分配不公开、不透明，存在优亲厚友问题'],
    measures: ['养护资金按里程和路况核定，分配结果在村务公开栏公示'],
    committeeItemId: `${QINGSHI}-c3`,
  },
  {
    content: '督促安监办规范工程款拨付和审计结算',
    riskPoints: ['未经审计即拨付尾款，存在施工单位虚报冒领、套取资金的风险'],
    measures: ['实行财政所，安监办，分管领导三方联签', '尾款一律在审计结算完成后支付'],
  },
]);

/** 副镇长（农业农村、民政）: honest; unchanged from last year (below). */
const wangItems: Omit<ListItem, 'itemId'>[] = [
  {
    content: '加强惠农补贴和低保救助资金的监督管理',
    riskPoints: ['村干部在低保评定中优亲厚友、“人情保”“关系保”', '耕地地力保护补贴发放中虚报面积、冒领补贴'],
    measures: ['低保对象评定实行村民代表评议和两级公示', '补贴资金通过“一卡通”直接发放到户，每半年抽查一次'],
    committeeItemId: `${QINGSHI}-c4`,
  },
  {
    content: '规范村级财务和集体资产资源管理，防止侵占挪用',
    riskPoints: ['村集体资产发包租赁未经民主程序，低价发包、暗箱操作'],
    measures: ['集体资产发包一律进入镇农村产权交易平台', '每年委托第三方对各村财务进行一次审计'],
  },
  {
    content: '落实“一岗双责”，抓好农业农村办、民政办党风廉政建设',
    riskPoints: ['对分管站办干部日常监督不够，苗头性问题发现不及时'],
    measures: ['每半年听取一次分管站办廉政建设汇报', '对群众反映的问题线索及时移交镇纪委'],
  },
];
export const wang = list('list-wang', 'p-wang', '王秀芳', QINGSHI, wangItems);
export const wangLastYear = list(
  'list-wang-2024',
  'p-wang',
  '王秀芳',
  QINGSHI,
  [wangItems[2], wangItems[0], wangItems[1]].map((item) => ({
    ...item,
    content: item.content.replace(/，/g, '；'),
    measures: item.measures.map((measure) => `${measure}。`),
  })),
  YEAR - 1,
);

/** Li's list of last year: same fields, but rewritten for last year's projects (not the same list). */
export const liLastYear = list(
  'list-li-2024',
  'p-li',
  '李建国',
  QINGSHI,
  [
    {
      content: '负责镇污水管网铺设工程和美丽乡村示范点建设的监督',
      riskPoints: ['施工单位以次充好，验收人员收受好处后降低验收标准'],
      measures: ['隐蔽工程验收必须有镇纪委和村监委会成员在场', '验收资料拍照留存，随时备查'],
    },
    {
      content: '抓好交通站干部纪律教育',
      riskPoints: ['治超执法中以罚代管、违规减免罚款'],
      measures: ['治超执法全程佩戴执法记录仪', '组织交通站干部到区警示教育基地接受教育'],
    },
  ],
  YEAR - 1,
);

/** 组织委员: honest. */
export const zhao = list('list-zhao', 'p-zhao', '赵明', QINGSHI, [
  {
    content: '加强干部选拔任用工作监督，严把政治关廉洁关',
    riskPoints: ['干部考察中听取意见范围不广，带病提拔'],
    measures: ['拟提拔干部一律征求镇纪委意见，廉洁情况“凡提四必”', '任前公示期间接到举报的暂缓任用并核查'],
    committeeItemId: `${QINGSHI}-c5`,
  },
  {
    content: '严肃发展党员工作纪律',
    riskPoints: ['发展党员中“带病入党”或突击发展、程序不严'],
    measures: ['发展对象政审材料由组织办两人以上审核签字', '发展党员全程纪实，接受党员群众监督'],
  },
]);

/** 宣传委员: the template with a handful of words added. */
export const liu = list(
  'list-liu',
  'p-liu',
  '刘洋',
  QINGSHI,
  template.items.map((item) => ({
    content: item.content.replace('分管领域', '分管宣传领域'),
    riskPoints: item.riskPoints,
    measures: item.measures.map((measure) => measure.replace('每半年至少一次', '每半年一次')),
  })),
);

/** 副镇长（经济发展）: a "big basket" of business tasks; one governance item. */
export const sun = list('list-sun', 'p-sun', '孙海', QINGSHI, [
  {
    content: '完成全镇招商引资任务，全年引进亿元以上项目3个',
    riskPoints: [],
    measures: ['加大招商推介力度，主动对接长三角企业'],
  },
  {
    content: '推进青石工业园区标准厂房建设，年底前竣工投用',
    riskPoints: ['无'],
    measures: ['倒排工期，挂图作战'],
  },
  {
    content: '做好规上企业培育和统计入库工作',
    riskPoints: [' / '],
    measures: [],
  },
  {
    content: '落实“一岗双责”，抓好经发办党风廉政建设',
    riskPoints: ['招商优惠政策兑现中可能存在违规操作'],
    measures: ['优惠政策兑现经镇党委会集体研究并公示'],
  },
]);

/** 金桥街道 副主任（城建）: an honest list on the same topics as Li's, written independently. */
export const zhou = list('list-zhou', 'p-zhou', '周敏', JINQIAO, [
  {
    content: '负责街道市政设施和旧改工程的监督管理，防范工程领域廉政风险',
    riskPoints: ['施工单位为承揽工程向经办人员输送利益', '隐蔽工程验收把关不严，存在偷工减料'],
    measures: [
      '推行旧改工程“阳光公示”，项目预算、中标单位和验收结果全部上墙公示',
      '隐蔽工程验收由监理、街道城管科和社区代表共同签字',
    ],
  },
  {
    content: '规范街道小额工程和零星采购',
    riskPoints: ['将工程化整为零，规避公开招标'],
    measures: ['单项五万元以上的工程一律通过区公共资源交易中心发包', '财务科每月抽查零星采购台账'],
  },
  {
    content: '落实“一岗双责”，管好城管科、物业科干部',
    riskPoints: ['执法人员在违章搭建查处中收受好处、选择性执法'],
    measures: ['执法全过程记录仪留痕，每月随机抽查执法视频', '每半年组织一次警示教育'],
  },
]);

/** 金桥街道 another deputy: Li's list copied across units, with the place names changed. */
export const wu = list(
  'list-wu',
  'p-wu',
  '吴斌',
  JINQIAO,
  li.items.map(({ itemId: _itemId, committeeItemId: _claim, ...item }) => ({
    ...item,
    content: item.content.replace('青石镇', '金桥街道').replace('城建办', '城管科'),
    measures: item.measures.map((measure) => measure.replace('镇党委会', '街道党工委会')),
  })),
);

export const qingshiTeam = [zhang, li, chen, wang, zhao, liu, sun];
/** Lists written by their owners, none copied (Wang's is last year's, Li's was copied by Chen and Wu). */
export const honestLists = [zhang, li, zhao, zhou];
