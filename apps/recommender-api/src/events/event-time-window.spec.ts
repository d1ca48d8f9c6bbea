import { outsideEventWindow } from './event-time-window';

const window = { earliest: new Date('1995-01-01T00:00:00Z'), maxFutureHours: 24 };
const now = new Date('2026-12-03T08:00:00Z');

describe('outsideEventWindow', () => {
  it('accepts dates from the earliest up to the allowed hours after now', () => {
    expect(outsideEventWindow(new Date('1995-01-01T00:00:00Z'), window, now)).toBeUndefined();
    expect(outsideEventWindow(new Date('1997-09-20T03:05:10Z'), window, now)).toBeUndefined();
    expect(outsideEventWindow(new Date('2026-12-04T08:00:00Z'), window, now)).toBeUndefined();
  });

  it('names the field and the window for a date far ahead or too old', () => {
    expect(outsideEventWindow(new Date('9999-12-31T00:00:00Z'), window, now)).toBe(
      'timestamp: 9999-12-31T00:00:00.000Z is outside the accepted window 1995-01-01T00:00:00.000Z … 2026-12-04T08:00:00.000Z ' +
        '(not before RECOMMENDER_EVENTS_FROM, at most RECOMMENDER_EVENTS_MAX_FUTURE_HOURS=24 h after now)',
    );
    expect(outsideEventWindow(new Date('2026-12-04T08:00:01Z'), window, now)).toMatch(/^timestamp: 2026-12-04T08:00:01\.000Z is outside/);
    expect(outsideEventWindow(new Date(0), window, now)).toMatch(/^timestamp: 1970-01-01T00:00:00\.000Z is outside/);
  });
});
