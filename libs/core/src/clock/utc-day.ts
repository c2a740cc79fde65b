const DAY_MS = 86_400_000;

let cachedDay = Number.NaN;
let cachedText = '';

/**
 * The UTC calendar day of an instant, `YYYY-MM-DD`. Hot paths (every click and open) ask it for the
 * same day over and over: the text is formatted once per day, not once per call.
 */
export function utcDay(epochMs: number): string {
  const day = Math.floor(epochMs / DAY_MS);
  if (day !== cachedDay) {
    cachedText = new Date(day * DAY_MS).toISOString().slice(0, 10);
    cachedDay = day;
  }
  return cachedText;
}
