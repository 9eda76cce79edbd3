import { normalizeCharacters } from './text-normalization';

/**
 * Words that mark an item as governance or integrity work (全面从严治党 / 党风廉政建设) rather than
 * a plain business task. An item none of whose fields (content, risk points, measures) contains any
 * of them is "big basket" content (NO_GOVERNANCE_CONTENT). Matched as substrings after width,
 * case and punctuation folding, so "一岗 双责" and "一岗双责" both count. Extend or replace it per
 * deployment (QualityCheckOptions.governanceVocabulary).
 *
 * Bare 风险 is left out on purpose: 安全生产风险 or 市场风险 are business risks. Integrity risks are
 * caught by 廉政 / 廉洁 (廉政风险点) and by the words for abuse of office (权力, 利益输送, 套取 …).
 */
export const DEFAULT_GOVERNANCE_VOCABULARY: readonly string[] = [
  // responsibility system
  '管党治党',
  '从严治党',
  '主体责任',
  '监督责任',
  '第一责任',
  '一岗双责',
  '党风',
  '党建',
  '党性',
  '党纪',
  '政治生态',
  '政治纪律',
  '政治规矩',
  '民主集中制',
  '三重一大',
  '集体决策',
  // integrity
  '廉洁',
  '廉政',
  '清廉',
  '腐败',
  '反腐',
  '贿',
  '利益输送',
  '输送利益',
  '利益冲突',
  '谋取',
  '收受',
  '好处',
  '围标',
  '串标',
  '化整为零',
  '徇私',
  '滥用职权',
  '渎职',
  '以权谋私',
  '吃拿卡要',
  '优亲厚友',
  '插手',
  '干预',
  '请托',
  '回避',
  '礼金',
  '礼品',
  '宴请',
  '公款',
  '回扣',
  '权力',
  '暗箱操作',
  '虚报冒领',
  '套取',
  '挪用',
  '侵占',
  '截留',
  // discipline and conduct
  '纪律',
  '纪法',
  '违纪',
  '违规',
  '违法',
  '作风',
  '八项规定',
  '四风',
  '形式主义',
  '官僚主义',
  '享乐主义',
  '奢靡',
  // supervision and accountability
  '监督',
  '问责',
  '巡察',
  '巡视',
  '警示教育',
  '谈心谈话',
  '廉政谈话',
  '提醒谈话',
  '约谈',
  '咬耳扯袖',
  '红脸出汗',
  '全程留痕',
];

/** Tests items for governance content; build once per vocabulary and reuse. */
export class GovernanceMatcher {
  private readonly pattern: RegExp | null;

  constructor(vocabulary: readonly string[] = DEFAULT_GOVERNANCE_VOCABULARY) {
    const words = vocabulary.map((word) => normalizeCharacters(word)).filter((word) => word.length > 0);
    this.pattern =
      words.length === 0
        ? null
        : new RegExp(words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'u');
  }

  /** True when any of the texts contains a vocabulary word. */
  matches(texts: readonly string[]): boolean {
    if (this.pattern === null) return false;
    for (const text of texts) if (this.pattern.test(normalizeCharacters(text))) return true;
    return false;
  }
}
