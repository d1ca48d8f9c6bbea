import { ThresholdStore, type ThresholdChange, type ThresholdRow } from '../../src/tags/threshold-store';
import type { Review } from '../../src/tags/threshold-tuning';

/** ThresholdStore in memory (no database), for unit specs; reviews are given per tag name. */
export class FakeThresholdStore extends ThresholdStore {
  readonly rows = new Map<string, ThresholdRow>();
  readonly reviewsOf = new Map<string, Review[]>();
  private clock = Date.parse('2026-03-01T10:00:00Z');

  async all(): Promise<ThresholdRow[]> {
    return [...this.rows.values()].sort((a, b) => (a.tag < b.tag ? -1 : 1));
  }

  async find(tag: string): Promise<ThresholdRow | null> {
    return this.rows.get(tag) ?? null;
  }

  async upsert(tag: string, change: ThresholdChange): Promise<ThresholdRow> {
    this.clock += 1000;
    const row: ThresholdRow = { confirmed: 0, rejected: 0, ...this.rows.get(tag), tag, ...change, updatedAt: new Date(this.clock) };
    this.rows.set(tag, row);
    return row;
  }

  async remove(tag: string): Promise<boolean> {
    return this.rows.delete(tag);
  }

  async reviews(name: string): Promise<Review[]> {
    return this.reviewsOf.get(name) ?? [];
  }
}
