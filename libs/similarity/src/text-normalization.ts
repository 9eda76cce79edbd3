/**
 * Normalisation of Chinese list text before comparison. Two texts that differ only in width,
 * spacing, punctuation, numbering, latin case or stock filler words normalise to the same string,
 * so copying that was "disguised" by such edits still compares as a copy.
 */

/**
 * Filler words of official Chinese prose (adverbs and stock phrases) that every list uses. They
 * carry no content, and dropping them keeps honest lists on the same theme from looking alike.
 * Governance keywords (廉洁, 监督, …) are deliberately not in this list.
 */
export const DEFAULT_BOILERPLATE: readonly string[] = [
  '进一步',
  '切实',
  '认真',
  '坚决',
  '扎实',
  '积极',
  '不断',
  '着力',
  '全力',
  '努力',
  '深入',
  '大力',
  '持续',
  '有效',
  '确保',
  '按照要求',
  '根据要求',
  '相关',
  '有关',
  '等等',
];

export interface NormalizationOptions {
  /** Phrases removed after the other steps (default {@link DEFAULT_BOILERPLATE}; [] keeps everything). */
  readonly boilerplate?: readonly string[];
}

/** Numbering at the start of an item, half- or full-width: 一、 1. １． （一） (1) 第一条 ① … */
const LEADING_NUMBERING =
  /^\s*(?:第[一二三四五六七八九十百\d０-９]+[条项点]|[(（][一二三四五六七八九十\d０-９]+[)）]|[一二三四五六七八九十百\d０-９]+\s*[、.．,，:：)）]|[\u2460-\u2473\u2776-\u277f])\s*/u;

/** Everything that is not a letter or a digit: whitespace, ASCII and CJK punctuation, symbols. */
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;

/** Characters numbering can start with (after spaces); other texts skip the regular expression. */
const NUMBERING_START = /[\s第(（一二三四五六七八九十百\d０-９\u2460-\u2473\u2776-\u277f]/u;

/** Drops an item's leading numbering. */
export function stripLeadingNumbering(text: string): string {
  return text.length > 0 && NUMBERING_START.test(text[0]) ? text.replace(LEADING_NUMBERING, '') : text;
}

/** The general path: NFKC folds full-width forms (and other compatibility characters), then filter. */
function normalizeCharactersSlowly(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(NOT_LETTER_OR_DIGIT, '');
}

/**
 * Width, case and punctuation only: full-width latin, digits and punctuation fold to half-width
 * (as NFKC does), latin is lower-cased, and everything but letters and digits goes. Text made of
 * ASCII, CJK ideographs and common punctuation (nearly all list text) takes a single fast pass
 * that copies runs of kept characters, with the same result as the general NFKC path; any other
 * character sends the whole text down that path.
 */
export function normalizeCharacters(text: string): string {
  let out = '';
  let runStart = 0; // start of the current run of characters kept as they are
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (
      (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0x3400 && c <= 0x4dbf) ||
      (c >= 0x61 && c <= 0x7a) ||
      (c >= 0x30 && c <= 0x39)
    ) {
      continue; // kept unchanged
    }
    const folded = c >= 0xff01 && c <= 0xff5e ? c - 0xfee0 : c; // full-width ASCII → ASCII
    let replacement: string;
    if (folded < 0x80) {
      if (folded >= 0x41 && folded <= 0x5a) replacement = String.fromCharCode(folded + 0x20);
      else if ((folded >= 0x61 && folded <= 0x7a) || (folded >= 0x30 && folded <= 0x39)) {
        replacement = String.fromCharCode(folded);
      } else replacement = '';
    } else if (
      (c >= 0x3000 && c <= 0x3004) || // ideographic space, 、。〃
      (c >= 0x3008 && c <= 0x3020) || // CJK brackets and symbols
      (c >= 0x2010 && c <= 0x2027) || // dashes, quotes, ellipsis
      c === 0x00b7 ||
      c === 0xa0
    ) {
      replacement = '';
    } else {
      return normalizeCharactersSlowly(text);
    }
    out += text.slice(runStart, i) + replacement;
    runStart = i + 1;
  }
  return runStart === 0 ? text : out + text.slice(runStart);
}

const boilerplatePatterns = new WeakMap<readonly string[], RegExp | null>();

function boilerplatePattern(phrases: readonly string[]): RegExp | null {
  let pattern = boilerplatePatterns.get(phrases);
  if (pattern === undefined) {
    const escaped = phrases
      .map((phrase) => normalizeCharacters(phrase))
      .filter((phrase) => phrase.length > 0)
      .sort((a, b) => b.length - a.length) // longest first, so 按照要求 wins over a shorter overlap
      .map((phrase) => phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    pattern = escaped.length === 0 ? null : new RegExp(escaped.join('|'), 'gu');
    boilerplatePatterns.set(phrases, pattern);
  }
  return pattern;
}

/** The text as compared: numbering, width, case, punctuation, spacing and boilerplate removed. */
export function normalizeText(text: string, options: NormalizationOptions = {}): string {
  const characters = normalizeCharacters(stripLeadingNumbering(text));
  const pattern = boilerplatePattern(options.boilerplate ?? DEFAULT_BOILERPLATE);
  return pattern === null ? characters : characters.replace(pattern, '');
}
