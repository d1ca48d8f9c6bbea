import { Inject, Injectable } from '@nestjs/common';
import type { DbTransaction } from '@matrix/db';
import { notFound } from '@matrix/product-server';
import { IMAGE_TAGGER_CONFIG, type ImageTaggerConfig } from '../config/image-tagger-config';
import type { ThresholdList, ThresholdView } from '@matrix/image-tagger-contract';
import { ThresholdStore, type ThresholdRow } from './threshold-store';
import { tuneThreshold } from './threshold-tuning';

export type { ThresholdView };

/** Tag "*" holds the global threshold. */
export const GLOBAL_TAG = '*';

/** The thresholds in force: per-tag ones, else the global one. */
export class Thresholds {
  constructor(
    readonly global: number,
    private readonly perTag: Map<string, number>,
  ) {}

  /** The lowest threshold of any tag (a floor for queries). */
  get lowest(): number {
    return Math.min(this.global, ...this.perTag.values());
  }

  of(tag: string): number {
    return this.perTag.get(tag) ?? this.global;
  }
}

/**
 * Global and per-tag confidence thresholds. A person sets them (origin manual), or a tag's is
 * tuned from the reviews of that tag (origin tuned) after each review; a manual one is never
 * overwritten by tuning.
 */
@Injectable()
export class ThresholdService {
  constructor(
    private readonly store: ThresholdStore,
    @Inject(IMAGE_TAGGER_CONFIG) private readonly config: ImageTaggerConfig,
  ) {}

  /** The thresholds in force (read in `tx` when given, e.g. a tagging transaction). */
  async current(tx?: DbTransaction): Promise<Thresholds> {
    const rows = await this.store.all(tx);
    const global = rows.find((r) => r.tag === GLOBAL_TAG)?.threshold ?? this.config.defaultThreshold;
    return new Thresholds(global, new Map(rows.filter((r) => r.tag !== GLOBAL_TAG).map((r) => [r.tag, r.threshold])));
  }

  async list(): Promise<ThresholdList> {
    const rows = await this.store.all();
    const global = rows.find((r) => r.tag === GLOBAL_TAG);
    return {
      global: global
        ? toView(global)
        : { tag: GLOBAL_TAG, threshold: this.config.defaultThreshold, origin: 'default', confirmed: 0, rejected: 0, updatedAt: null },
      tags: rows.filter((r) => r.tag !== GLOBAL_TAG).map(toView),
    };
  }

  async set(tag: string, threshold: number): Promise<ThresholdView> {
    return toView(await this.store.upsert(tag, { threshold, origin: 'manual' }));
  }

  async remove(tag: string): Promise<void> {
    if (!(await this.store.remove(tag))) throw notFound('threshold of tag', tag);
  }

  /**
   * Re-tunes the threshold of each named tag from all its reviews (machine tags people confirmed
   * or rejected). Runs inside the review's transaction `tx`, so the two always agree.
   */
  async retune(names: string[], tx?: DbTransaction): Promise<ThresholdView[]> {
    const tuned: ThresholdView[] = [];
    for (const name of new Set(names)) {
      const existing = await this.store.find(name, tx);
      if (existing?.origin === 'manual') continue;
      const result = tuneThreshold(await this.store.reviews(name, tx), this.config.tuneMinReviews);
      if (!result) continue;
      const row = await this.store.upsert(name, { threshold: result.threshold, origin: 'tuned', confirmed: result.confirmed, rejected: result.rejected }, tx);
      tuned.push(toView(row));
    }
    return tuned;
  }
}

function toView(row: ThresholdRow): ThresholdView {
  return {
    tag: row.tag,
    threshold: row.threshold,
    origin: row.origin as 'manual' | 'tuned',
    confirmed: row.confirmed,
    rejected: row.rejected,
    updatedAt: row.updatedAt.toISOString(),
  };
}
