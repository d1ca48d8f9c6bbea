/**
 * A progress reporter whose fraction never goes back: stages of a job (import, then training, each with its own
 * 0..1) are mapped onto one bar, and a late or out-of-order report (a stage restarting at 0) is kept at the
 * highest value seen, so a person never sees 45 % followed by 6 %.
 */
export class MonotoneProgress {
  private highest = 0;

  constructor(private readonly write: (fraction: number) => void) {}

  /** Reports `fraction` (0..1) of the whole; a lower value than already reported is ignored. */
  report(fraction: number): number {
    const clamped = Math.max(0, Math.min(1, Number.isFinite(fraction) ? fraction : 0));
    if (clamped <= this.highest) return this.highest;
    this.highest = clamped;
    this.write(clamped);
    return clamped;
  }

  /** A reporter for one stage covering [from, to] of the whole: its own 0..1 goes there. */
  stage(from: number, to: number): (fraction: number) => number {
    return (fraction) => this.report(from + (to - from) * Math.max(0, Math.min(1, fraction)));
  }

  get value(): number {
    return this.highest;
  }
}
