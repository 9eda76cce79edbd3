import type { Finding } from './findings';
import { FINDING_CODES } from './findings';
import type { CheckContext, ResponsibilityList } from './list-types';
import { findNearDuplicates } from './near-duplicates';
import { PreparedContext } from './prepared-context';
import type { QualityCheckOptions } from './quality-options';
import { copiedFromTemplate } from './rules/copied-from-template';
import { itemsWithoutMeasure, itemsWithoutRiskPoint } from './rules/item-completeness';
import { areTeammates, teammateFinding } from './rules/near-duplicate-teammate';
import { noGovernanceContent } from './rules/no-governance-content';
import { sameAsLastYear } from './rules/same-as-last-year';
import { unclaimedCommitteeItems } from './rules/unclaimed-committee-items';
import { jaccardAtLeast } from './sorted-sets';

/** Two lists anywhere in the batch that are near-duplicates (city-wide screening). */
export interface NearDuplicateListPair {
  readonly listId: string;
  readonly otherListId: string;
  readonly similarity: number;
  /** Same unit and year, different people. */
  readonly teammates: boolean;
}

export interface ScreeningResult {
  /** Per list in input order, rules in FINDING_CODES order; unit-level findings last. */
  readonly findings: readonly Finding[];
  /**
   * Pairs at or above thresholds.nearDuplicateList, across all units, found through LSH (template
   * copies left out, see stats.templateCopies). Teammate pairs here are also NEAR_DUPLICATE_TEAMMATE
   * findings when they reach thresholds.teammateList.
   */
  readonly nearDuplicates: readonly NearDuplicateListPair[];
  readonly stats: {
    readonly lists: number;
    readonly teams: number;
    /** Lists copied from a template as a whole, left out of the city-wide pairs. */
    readonly templateCopies: number;
    /** Candidate pairs LSH proposed, against n(n−1)/2 for an all-pairs comparison. */
    readonly candidatePairs: number;
  };
}

/**
 * Every quality check on a batch of lists (a subtree, a city), in near-linear time: per-list
 * rules; teammates compared pair by pair within each team (teams above exhaustiveTeamSize go
 * through LSH); city-wide near-duplicates through MinHash + LSH, verified; unclaimed committee
 * items per team present in the batch. Teammates are lists of the same unitId and year.
 */
export function screenLists(
  lists: readonly ResponsibilityList[],
  context: CheckContext = {},
  options: QualityCheckOptions = {},
): ScreeningResult {
  const prepared = new PreparedContext(context, options);
  const { thresholds, exhaustiveTeamSize } = prepared.options;
  const findings: Finding[] = [];

  const templateCopies = new Set<ResponsibilityList>();
  for (const list of lists) {
    const copied = copiedFromTemplate(list, prepared);
    if (copied.some((finding) => finding.score >= thresholds.templateList)) templateCopies.add(list);
    findings.push(
      ...copied,
      ...sameAsLastYear(list, prepared),
      ...itemsWithoutRiskPoint(list),
      ...itemsWithoutMeasure(list),
      ...noGovernanceContent(list, prepared),
    );
  }

  const teams = new Map<string, ResponsibilityList[]>();
  for (const list of lists) {
    const key = JSON.stringify([list.unitId, list.year]);
    const team = teams.get(key) ?? [];
    team.push(list);
    teams.set(key, team);
  }
  let largeTeams = false;
  for (const team of teams.values()) {
    if (team.length > exhaustiveTeamSize) {
      largeTeams = true;
      continue;
    }
    for (let i = 0; i < team.length; i++) {
      for (let j = i + 1; j < team.length; j++) {
        const a = team[i];
        const b = team[j];
        if (!areTeammates(a, b)) continue;
        const similarity = jaccardAtLeast(
          prepared.listShingles(a),
          prepared.listShingles(b),
          thresholds.teammateList,
        );
        if (similarity >= thresholds.teammateList) findings.push(teammateFinding(a, b, similarity, prepared));
      }
    }
  }

  // Lists copied from a template (COPIED_FROM_TEMPLATE score ≥ templateList: the whole list, or that
  // share of its items) are left out of the city-wide pairs: they resemble each other because of
  // the template, which is already reported, and a popular template would otherwise yield a clique
  // of pairs quadratic in its copies. (Teammates among them are still compared in their team.)
  const screened = lists.filter((list) => !templateCopies.has(list));
  const screening = findNearDuplicates(
    screened.map((list) => prepared.listShingles(list)),
    {
      // Large teams' teammates come from the LSH pairs too, at their own (usually lower) threshold.
      threshold: largeTeams
        ? Math.min(thresholds.nearDuplicateList, thresholds.teammateList)
        : thresholds.nearDuplicateList,
      minhash: prepared.options.minhash,
      lsh: prepared.options.lsh,
      verification: prepared.options.verification,
    },
  );
  const nearDuplicates: NearDuplicateListPair[] = [];
  for (const pair of screening.pairs) {
    const a = screened[pair.a];
    const b = screened[pair.b];
    const teammates = areTeammates(a, b);
    if (teammates && pair.similarity >= thresholds.teammateList) {
      const team = teams.get(JSON.stringify([a.unitId, a.year])) ?? [];
      if (team.length > exhaustiveTeamSize) findings.push(teammateFinding(a, b, pair.similarity, prepared));
    }
    if (pair.similarity >= thresholds.nearDuplicateList) {
      nearDuplicates.push({
        listId: a.listId,
        otherListId: b.listId,
        similarity: pair.similarity,
        teammates,
      });
    }
  }

  const codeOrder = new Map(FINDING_CODES.map((code, index) => [code, index]));
  const listOrder = new Map(lists.map((list, index) => [list.listId, index]));
  findings.sort(
    (x, y) =>
      (listOrder.get(x.listId ?? '') ?? 0) - (listOrder.get(y.listId ?? '') ?? 0) ||
      (codeOrder.get(x.code) ?? 0) - (codeOrder.get(y.code) ?? 0),
  );
  for (const team of teams.values()) {
    findings.push(...unclaimedCommitteeItems(team[0].unitId, team[0].year, team, prepared));
  }
  return {
    findings,
    nearDuplicates,
    stats: {
      lists: lists.length,
      teams: teams.size,
      templateCopies: templateCopies.size,
      candidatePairs: screening.candidates,
    },
  };
}
