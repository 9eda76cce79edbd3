import { codePointLength, hasUnstorableCharacters } from './text-limits';
import { isIsoDate } from './dates';
import { parseVocabulary, POST_KINDS, POST_KIND_LABELS } from './org-vocabulary';

describe('text limits', () => {
  it('counts an emoji and a Chinese character as one each', () => {
    expect(codePointLength('廉政🚩')).toBe(3);
  });

  it('refuses NUL and lone surrogates but accepts emoji pairs', () => {
    expect(hasUnstorableCharacters('a\u0000b')).toBe(true);
    expect(hasUnstorableCharacters('x\uD83D')).toBe(true);
    expect(hasUnstorableCharacters('\uDE80y')).toBe(true);
    expect(hasUnstorableCharacters('书记🚀')).toBe(false);
  });
});

describe('dates', () => {
  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    // Years below 100 are real years, not 1900-1999.
    expect(isIsoDate('0001-01-01')).toBe(true);
    expect(isIsoDate('0000-01-01')).toBe(false);
    expect(isIsoDate('0096-02-29')).toBe(true);
    expect(isIsoDate('0097-02-29')).toBe(false);
    expect(isIsoDate('2024-2-1')).toBe(false);
  });
});

describe('vocabulary', () => {
  it('reads a code name or its Chinese label, and nothing else', () => {
    expect(parseVocabulary('书记', POST_KINDS, POST_KIND_LABELS)).toBe('secretary');
    expect(parseVocabulary(' member ', POST_KINDS, POST_KIND_LABELS)).toBe('member');
    expect(parseVocabulary('主任', POST_KINDS, POST_KIND_LABELS)).toBeUndefined();
  });
});
