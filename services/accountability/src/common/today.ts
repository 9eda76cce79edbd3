/** The calendar day at a deployment's UTC offset (China: +480 minutes), as YYYY-MM-DD. */
export function todayIn(utcOffsetMinutes: number, now = Date.now()): string {
  return new Date(now + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}
