/** Today's date in the deployment's time zone (China Standard Time, UTC+8), as YYYY-MM-DD. */
export function todayIso(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}
