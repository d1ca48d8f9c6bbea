/** The dates an event may carry: older ones or ones too far ahead are typos or clock faults, not activity. */
export interface EventTimeWindow {
  /** No event before this (RECOMMENDER_EVENTS_FROM, default 1995-01-01). */
  earliest: Date;
  /** How far after now an event may be dated (RECOMMENDER_EVENTS_MAX_FUTURE_HOURS, default 24: clocks drift, time zones differ). */
  maxFutureHours: number;
}

/**
 * Why `at` is outside the window (a rejection reason naming the field and the window), or undefined
 * when it is inside: an event dated 9999-12-31 would otherwise be the user's latest activity forever.
 */
export function outsideEventWindow(at: Date, window: EventTimeWindow, now = new Date()): string | undefined {
  const latest = new Date(now.getTime() + window.maxFutureHours * 3_600_000);
  if (at >= window.earliest && at <= latest) return undefined;
  return (
    `timestamp: ${at.toISOString()} is outside the accepted window ${window.earliest.toISOString()} … ${latest.toISOString()} ` +
    `(not before RECOMMENDER_EVENTS_FROM, at most RECOMMENDER_EVENTS_MAX_FUTURE_HOURS=${window.maxFutureHours} h after now)`
  );
}
