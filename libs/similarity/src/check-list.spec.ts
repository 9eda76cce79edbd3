import type { CheckContext, Finding, FindingCode, ResponsibilityList } from './index';
import { checkList, DEFAULT_THRESHOLDS, FINDING_CODES } from './index';
import {
  chen,
  committeeItems,
  honestLists,
  li,
  liLastYear,
  liu,
  qingshiTeam,
  sun,
  template,
  wang,
  wangLastYear,
  zhang,
  zhao,
  zhou,
} from '../test/realistic-lists';

const context: CheckContext = {
  templates: [template],
  previousLists: [wangLastYear, liLastYear],
  committeeItems,
};

/** The checks of one list with its teammates (the other lists of its unit) in the context. */
function check(list: ResponsibilityList, extra: Partial<CheckContext> = {}): Finding[] {
  const team = [...qingshiTeam, zhou].filter((other) => other !== list && other.unitId === list.unitId);
  return checkList(list, { ...context, teamLists: team, ...extra });
}

const codes = (findings: readonly Finding[]) => findings.map((finding) => finding.code);
const only = (findings: readonly Finding[], code: FindingCode) =>
  findings.filter((finding) => finding.code === code);

describe('checkList on a town team', () => {
  it('finds nothing wrong with honest lists on overlapping topics', () => {
    // Each against the honest lists of its unit (the copier and the copied are tested below).
    for (const list of honestLists) {
      const team = honestLists.filter((other) => other !== list && other.unitId === list.unitId);
      const findings = checkList(list, { ...context, teamLists: team });
      const ofTheList = findings.filter((finding) => finding.code !== 'UNCLAIMED_COMMITTEE_ITEM');
      expect({ list: list.listId, codes: codes(ofTheList) }).toEqual({ list: list.listId, codes: [] });
    }
    // Wang's only problem is last year's list.
    expect(codes(check(wang)).filter((code) => code !== 'UNCLAIMED_COMMITTEE_ITEM')).toEqual([
      'SAME_AS_LAST_YEAR',
    ]);
  });

  it('flags a teammate list copied with a few words changed, items reordered and punctuation changed', () => {
    const findings = only(check(chen), 'NEAR_DUPLICATE_TEAMMATE');
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding.listId).toBe(chen.listId);
    expect(finding.counterpart).toMatchObject({
      kind: 'list',
      id: li.listId,
      personId: li.personId,
      year: 2025,
    });
    expect(finding.score).toBeGreaterThan(0.8);
    expect(finding.itemIds.length).toBeGreaterThanOrEqual(3); // most items match one of Li's
    expect(finding.message).toContain('陈志强的清单与同班子成员李建国的清单雷同');
    // And the same from Li's side.
    expect(only(check(li), 'NEAR_DUPLICATE_TEAMMATE').map((f) => f.counterpart?.id)).toEqual([chen.listId]);
  });

  it('does not call lists of other units teammates', () => {
    const crossUnit = { ...zhou, items: li.items }; // identical text, other unit
    expect(only(checkList(crossUnit, { teamLists: [li] }), 'NEAR_DUPLICATE_TEAMMATE')).toEqual([]);
  });

  it('flags a list copied from the template, naming the copied items', () => {
    const [finding, ...rest] = only(check(liu), 'COPIED_FROM_TEMPLATE');
    expect(rest).toEqual([]);
    expect(finding.score).toBeGreaterThan(0.9);
    expect(finding.itemIds).toEqual(liu.items.map((item) => item.itemId));
    expect(finding.counterpart).toMatchObject({ kind: 'template', id: template.templateId });
    expect(finding.message).toContain('疑似照搬照抄模板');
  });

  it('flags single items copied from the template in an otherwise own list', () => {
    const withCopiedItem = { ...zhao, items: [...zhao.items, { ...template.items[3], itemId: 'zhao-3' }] };
    const [finding] = only(check(withCopiedItem), 'COPIED_FROM_TEMPLATE');
    expect(finding.itemIds).toEqual(['zhao-3']);
    expect(finding.counterpart?.itemIds).toEqual([template.items[3].itemId]);
    expect(finding.score).toBeCloseTo(1 / 3); // the share of items copied
    expect(finding.message).toContain('第3项与模板');
  });

  it('flags a list unchanged since last year (order and punctuation aside), not one rewritten', () => {
    const [finding, ...rest] = only(check(wang), 'SAME_AS_LAST_YEAR');
    expect(rest).toEqual([]);
    expect(finding.score).toBe(1);
    expect(finding.counterpart).toMatchObject({ id: wangLastYear.listId, year: 2024 });
    expect(finding.itemIds).toHaveLength(3);
    expect(finding.message).toContain('清单与本人2024年清单雷同');
    expect(only(check(li), 'SAME_AS_LAST_YEAR')).toEqual([]);
  });

  it('flags the "big basket": items without governance content, risk points or measures', () => {
    const findings = check(sun);
    const basket = only(findings, 'NO_GOVERNANCE_CONTENT');
    expect(basket).toHaveLength(1);
    expect(basket[0].itemIds).toEqual(['list-sun-1', 'list-sun-2', 'list-sun-3']);
    expect(basket[0].score).toBe(0.75);
    expect(basket[0].message).toContain('大箩筐');
    // 无 and " / " are placeholders, not risk points.
    expect(only(findings, 'ITEM_WITHOUT_RISK_POINT')[0].itemIds).toEqual([
      'list-sun-1',
      'list-sun-2',
      'list-sun-3',
    ]);
    expect(only(findings, 'ITEM_WITHOUT_MEASURE')[0].itemIds).toEqual(['list-sun-3']);
    expect(only(findings, 'ITEM_WITHOUT_MEASURE')[0].message).toBe(
      '第3项未制定防控措施（共1项，占25%），请逐项补充。',
    );
  });

  it('takes a custom governance vocabulary', () => {
    const findings = checkList(sun, {}, { governanceVocabulary: ['招商'] });
    // Item 4 mentions 招商 in its risk point; 1–3 only in… item 1's content (招商引资).
    expect(only(findings, 'NO_GOVERNANCE_CONTENT')[0].itemIds).toEqual(['list-sun-2', 'list-sun-3']);
  });

  it('reports committee items nobody on the team claims, counting claims by id and by text', () => {
    const [finding, ...rest] = only(check(zhang), 'UNCLAIMED_COMMITTEE_ITEM');
    expect(rest).toEqual([]);
    // c1 is claimed by Zhang's text, c2–c5 by id; c6 by nobody.
    expect(finding.itemIds).toEqual(['unit-qingshi-c6']);
    expect(finding.listId).toBeUndefined();
    expect(finding.message).toContain('“配合巡察工作，抓好巡察反馈问题整改落实”无班子成员认领');
    // Without matching by text, c1 is unclaimed too.
    const strict = checkList(
      zhang,
      { ...context, teamLists: qingshiTeam },
      { thresholds: { committeeClaim: 2 } },
    );
    expect(only(strict, 'UNCLAIMED_COMMITTEE_ITEM')[0].itemIds).toEqual([
      'unit-qingshi-c1',
      'unit-qingshi-c6',
    ]);
  });

  it('lets the thresholds decide', () => {
    expect(only(check(chen, {}), 'NEAR_DUPLICATE_TEAMMATE')).toHaveLength(1);
    const lenient = checkList(chen, { teamLists: [li] }, { thresholds: { teammateList: 0.95 } });
    expect(only(lenient, 'NEAR_DUPLICATE_TEAMMATE')).toEqual([]);
    expect(() => checkList(li, {}, { thresholds: { teammateList: -1 } })).toThrow(/teammateList/);
    expect(DEFAULT_THRESHOLDS.teammateList).toBeLessThan(DEFAULT_THRESHOLDS.lastYearList);
  });

  it('leaves claimed committee text out of list comparisons', () => {
    // Two teammates claim the same committee items (same text) but write their own risks and measures.
    const claimAll = (person: string, risk: string, measure: string): ResponsibilityList => ({
      ...zhao,
      listId: `list-${person}`,
      personId: person,
      personName: person,
      items: committeeItems.slice(0, 4).map((item, index) => ({
        itemId: `${person}-${index + 1}`,
        content: item.content,
        riskPoints: [`${risk}${index + 1}`],
        measures: [`${measure}${index + 1}`],
        committeeItemId: item.itemId,
      })),
    });
    const a = claimAll('p-a', '分管的财政所在资金拨付环节存在审核不严的风险', '实行资金拨付双人复核并留痕');
    const b = claimAll('p-b', '执法中队在案件查处中存在选择性执法问题', '推行执法全过程记录');
    const thresholds = { teammateList: 0.2 };
    expect(only(checkList(a, { teamLists: [b] }, { thresholds }), 'NEAR_DUPLICATE_TEAMMATE')).toEqual([]);
    const counted = checkList(a, { teamLists: [b] }, { thresholds, discountCommitteeText: false });
    expect(only(counted, 'NEAR_DUPLICATE_TEAMMATE')).toHaveLength(1);
  });

  it('produces only known codes, each finding explained in Chinese and in English', () => {
    for (const list of [...qingshiTeam, zhou]) {
      for (const finding of check(list)) {
        expect(FINDING_CODES).toContain(finding.code);
        expect(finding.message).toMatch(/[\u4e00-\u9fff]/);
        expect(finding.detail).toMatch(/^[\x20-\x7e]+$/);
        expect(finding.score).toBeGreaterThanOrEqual(0);
        expect(finding.score).toBeLessThanOrEqual(1);
      }
    }
  });

  it('is silent without the inputs a rule needs', () => {
    expect(checkList(li)).toEqual([]);
    expect(checkList({ ...li, items: [] })).toEqual([]);
  });
});
