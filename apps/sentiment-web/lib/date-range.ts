/**
 * A date input's day (YYYY-MM-DD, the person's local day) as the instant it starts or ends, in ISO
 * form for the API: "to 2024-05-03" must include the whole of 3 May.
 */
export function dayBoundary(day: string, edge: 'start' | 'end'): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const [year, month, date] = day.split('-').map(Number);
  const local = edge === 'start' ? new Date(year, month - 1, date, 0, 0, 0, 0) : new Date(year, month - 1, date, 23, 59, 59, 999);
  return Number.isNaN(local.getTime()) ? undefined : local.toISOString();
}

/** The start of the day `days` days before now (local), as ISO: the "last N days" ranges. */
export function daysAgo(days: number, now = new Date()): string {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate() - days, 0, 0, 0, 0);
  return start.toISOString();
}

/** A bucket ("2024-05-03" or "2024-05-03T14:00:00.000Z") as a short axis label. */
export function bucketLabel(bucket: string, interval: 'day' | 'hour'): string {
  const date = new Date(bucket);
  if (Number.isNaN(date.getTime())) return bucket;
  if (interval === 'hour') return `${date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })} ${String(date.getHours()).padStart(2, '0')}:00`;
  // A bare date is UTC midnight; show that date, not the local day before it.
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(bucket);
  return date.toLocaleDateString(undefined, { month: 'short', day: 'numeric', timeZone: dateOnly ? 'UTC' : undefined });
}
