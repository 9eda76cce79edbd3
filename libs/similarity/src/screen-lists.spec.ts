import type { Finding } from './index';
import { checkList, screenLists } from './index';
import { generateSyntheticLists } from '../test/synthetic-lists';
import {
  chen,
  committeeItems,
  li,
  liLastYear,
  liu,
  qingshiTeam,
  template,
  wang,
  wangLastYear,
  wu,
  zhou,
} from '../test/realistic-lists';

const context = { templates: [template], previousLists: [wangLastYear, liLastYear], committeeItems };
const summary = (findings: readonly Finding[]) =>
  findings.map(
    (finding) =>
      `${finding.code} ${finding.listId ?? finding.unitId}${finding.counterpart ? ` ~ ${finding.counterpart.id}` : ''}`,
  );

describe('screenLists', () => {
  const lists = [...qingshiTeam, zhou, wu];
  const result = screenLists(lists, context);

  it('reports the same findings as checking each list with its team', () => {
    const expected = summary(
      lists.flatMap((list) =>
        checkList(list, {
          ...context,
          teamLists: lists.filter((other) => other.unitId === list.unitId && other !== list),
        }),
      ),
    );
    const screened = summary(result.findings);
    // checkList reports a teammate pair from both sides and the unit-level finding with every list.
    expect(new Set(screened)).toEqual(
      new Set(expected.filter((line) => line !== `NEAR_DUPLICATE_TEAMMATE ${chen.listId} ~ ${li.listId}`)),
    );
    expect(screened.filter((line) => line.startsWith('NEAR_DUPLICATE_TEAMMATE'))).toEqual([
      `NEAR_DUPLICATE_TEAMMATE ${li.listId} ~ ${chen.listId}`,
    ]);
  });

  it('finds near-duplicates across units too, marking which are teammates', () => {
    const pairs = result.nearDuplicates.map((pair) => `${pair.listId} ${pair.otherListId} ${pair.teammates}`);
    expect(pairs.sort()).toEqual(
      [
        `${li.listId} ${chen.listId} true`,
        `${li.listId} ${wu.listId} false`,
        `${chen.listId} ${wu.listId} false`,
      ].sort(),
    );
    expect(result.nearDuplicates.every((pair) => pair.similarity >= 0.7)).toBe(true);
  });

  it('leaves template copies out of the pairs and orders findings by list, then rule', () => {
    expect(result.stats).toMatchObject({ lists: lists.length, teams: 2, templateCopies: 1 });
    expect(
      result.nearDuplicates.some((pair) => pair.listId === liu.listId || pair.otherListId === liu.listId),
    ).toBe(false);
    const positions = result.findings
      .filter((f) => f.listId)
      .map((f) => lists.findIndex((list) => list.listId === f.listId));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(result.findings.at(-1)?.code).toBe('UNCLAIMED_COMMITTEE_ITEM');
    expect(summary(result.findings)).toContain(`SAME_AS_LAST_YEAR ${wang.listId} ~ ${wangLastYear.listId}`);
  });

  it('finds the planted copies of a generated city and is deterministic', () => {
    const city = generateSyntheticLists({ count: 600, seed: 3, withPreviousYear: true });
    const screen = () =>
      screenLists(city.lists, {
        templates: [city.template],
        previousLists: city.previousLists,
        committeeItems: city.committeeItems,
      });
    const first = screen();
    expect(screen()).toEqual(first);
    const pairs = new Set(first.nearDuplicates.map((pair) => `${pair.listId} ${pair.otherListId}`));
    const templateCopies = new Set(
      first.findings.filter((f) => f.code === 'COPIED_FROM_TEMPLATE').map((f) => f.listId),
    );
    const lastYear = new Set(
      first.findings.filter((f) => f.code === 'SAME_AS_LAST_YEAR').map((f) => f.listId),
    );
    for (const copy of city.planted) {
      if (copy.kind === 'template') expect(templateCopies).toContain(copy.listId);
      else if (copy.kind === 'lastYear') expect(lastYear).toContain(copy.listId);
      else if (copy.kind === 'exact' && !templateCopies.has(copy.sourceId)) {
        const [a, b] = [copy.sourceId, copy.listId];
        expect(pairs.has(`${a} ${b}`) || pairs.has(`${b} ${a}`)).toBe(true);
      }
    }
  });
});
