import { GovernanceMatcher } from './governance-vocabulary';
import type { ListFingerprint, TextOptions } from './list-fingerprint';
import { fingerprintList, listShingleSet } from './list-fingerprint';
import type { CheckContext, CommitteeItem, ResponsibilityList } from './list-types';
import type { QualityCheckOptions, ResolvedQualityOptions } from './quality-options';
import { resolveQualityOptions } from './quality-options';
import { shingleSet } from './shingles';
import { TemplateMatcher } from './template-matcher';
import { normalizeText } from './text-normalization';

/**
 * The check context with everything derived from it computed once and cached: fingerprints,
 * templates, committee items per unit and their text, previous lists per person. One instance
 * serves one checkList or screenLists call.
 */
export class PreparedContext {
  readonly options: ResolvedQualityOptions;
  readonly text: TextOptions;
  readonly governance: GovernanceMatcher;
  readonly templates: TemplateMatcher;
  private readonly committeeByUnit = new Map<string, CommitteeItem[]>();
  private readonly previousByPerson = new Map<string, ResponsibilityList[]>();
  private readonly committeeShingles = new Map<CommitteeItem, Uint32Array>();
  private readonly listSets = new WeakMap<ResponsibilityList, Uint32Array>();

  constructor(context: CheckContext, options: QualityCheckOptions = {}) {
    this.options = resolveQualityOptions(options);
    this.text = {
      boilerplate: this.options.boilerplate,
      shingleSize: this.options.shingleSize,
      discountClaimedContent: this.options.discountCommitteeText,
    };
    this.governance = new GovernanceMatcher(this.options.governanceVocabulary);
    this.templates = new TemplateMatcher(context.templates ?? [], this.text);
    for (const item of context.committeeItems ?? []) {
      const items = this.committeeByUnit.get(item.unitId) ?? [];
      items.push(item);
      this.committeeByUnit.set(item.unitId, items);
    }
    for (const list of context.previousLists ?? []) {
      const lists = this.previousByPerson.get(list.personId) ?? [];
      lists.push(list);
      this.previousByPerson.set(list.personId, lists);
    }
  }

  committeeItemsOf(unitId: string): readonly CommitteeItem[] {
    return this.committeeByUnit.get(unitId) ?? [];
  }

  /** Shingles of a committee item's content (what a claiming item's content should contain). */
  committeeItemShingles(item: CommitteeItem): Uint32Array {
    let shingles = this.committeeShingles.get(item);
    if (!shingles) {
      shingles = shingleSet([normalizeText(item.content, this.text)], this.text.shingleSize);
      this.committeeShingles.set(item, shingles);
    }
    return shingles;
  }

  /** The person's latest list from an earlier year, if any. */
  previousListOf(list: ResponsibilityList): ResponsibilityList | undefined {
    let latest: ResponsibilityList | undefined;
    for (const candidate of this.previousByPerson.get(list.personId) ?? []) {
      if (candidate.year < list.year && (latest === undefined || candidate.year > latest.year))
        latest = candidate;
    }
    return latest;
  }

  /**
   * The list's items' and whole-list shingles, computed afresh; the whole-list set is kept for
   * {@link listShingles}. Item sets are needed once per list (templates) and again only for the few
   * lists a similarity rule flags, so they are not kept: that halves a city-wide screening's memory.
   */
  fingerprint(list: ResponsibilityList, cache = true): ListFingerprint {
    const fingerprint = fingerprintList(list.items, this.text);
    if (cache) this.listSets.set(list, fingerprint.shingles);
    return fingerprint;
  }

  /** The whole-list shingle set, cached per list object unless `cache` is false (earlier lists are compared once). */
  listShingles(list: ResponsibilityList, cache = true): Uint32Array {
    const cached = this.listSets.get(list);
    if (cached) return cached;
    const shingles = listShingleSet(list.items, this.text);
    if (cache) this.listSets.set(list, shingles);
    return shingles;
  }
}
