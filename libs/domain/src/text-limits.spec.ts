import { codePointLength, hasUnstorableCharacters } from './text-limits';
import { addYears, dateProblem, isIsoDate, latestToday } from './dates';
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

describe('date bounds', () => {
  const now = Date.parse('2026-12-04T17:00:00Z');

  it('keeps every date within 1900–2999, and names the bound it breaks', () => {
    expect(dateProblem('d', '0001-01-01', 'any', now)?.rule).toBe('dateRange');
    expect(dateProblem('d', '9999-12-31', 'any', now)?.rule).toBe('dateRange');
    expect(dateProblem('d', '2024-02-30', 'any', now)?.rule).toBe('isoDate');
    expect(dateProblem('d', null, 'any', now)?.rule).toBe('isoDate');
    expect(dateProblem('d', '1950-10-01', 'any', now)).toBeUndefined();
  });

  it('takes a past day up to today anywhere on earth, and deadlines within their window', () => {
    // 17:00 UTC is already 5 December east of UTC+7.
    expect(latestToday(now)).toBe('2026-12-05');
    expect(dateProblem('d', '2026-12-05', 'past', now)).toBeUndefined();
    expect(dateProblem('d', '2026-12-06', 'past', now)?.rule).toBe('notFuture');
    expect(dateProblem('d', '2036-12-05', 'deadline', now)).toBeUndefined();
    expect(dateProblem('d', '2036-12-06', 'deadline', now)?.rule).toBe('deadlineWindow');
    expect(dateProblem('d', '1999-12-31', 'deadline', now)?.rule).toBe('deadlineWindow');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
  });
});
