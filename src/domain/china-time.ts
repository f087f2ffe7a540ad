/**
 * China Standard Time (UTC+8, no daylight saving since 1991). Instants are stored in UTC;
 * people read and filter them by Beijing civil time.
 */
const OFFSET_MS = 8 * 3_600_000;

/** `2026-12-02T03:04:05.000Z` → `2026-12-02 11:04:05` */
export function formatChinaTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t + OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** The UTC instant at which the civil date `YYYY-MM-DD` begins in China, or null if invalid. */
export function chinaDayStart(date: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const t = Date.parse(`${date}T00:00:00+08:00`);
  if (Number.isNaN(t) || new Date(t + OFFSET_MS).toISOString().slice(0, 10) !== date) return null;
  return new Date(t).toISOString();
}
