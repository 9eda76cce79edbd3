/** Length limits shared by every service, counted in Unicode code points (an emoji counts once). */
export const TEXT_LIMITS = {
  code: 64,
  name: 100,
  title: 200,
  shortText: 500,
  longText: 20_000,
} as const;

/** Counts code points, not UTF-16 units, so 'Chinese + emoji' limits mean what users expect. */
export function codePointLength(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

/** NUL and lone surrogates cannot be stored in PostgreSQL text; they are refused up front. */
export function hasUnstorableCharacters(value: string): boolean {
  return (
    /\u0000/.test(value) ||
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value)
  );
}
