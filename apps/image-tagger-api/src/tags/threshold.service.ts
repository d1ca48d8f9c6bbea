import { Inject, Injectable } from '@nestjs/common';
import type { DbClient, DbTransaction } from '@matrix/db';
import { InjectDb, notFound } from '@matrix/product-server';
import { IMAGE_TAGGER_CONFIG, type ImageTaggerConfig } from '../config/image-tagger-config';
import type { ThresholdList, ThresholdView } from '@matrix/image-tagger-contract';
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
    @InjectDb() private readonly db: DbClient,
    @Inject(IMAGE_TAGGER_CONFIG) private readonly config: ImageTaggerConfig,
  ) {}

  async current(client: DbClient | DbTransaction = this.db): Promise<Thresholds> {
    const rows = await client.imageTaggerThreshold.findMany({ select: { tag: true, threshold: true } });
    const global = rows.find((r) => r.tag === GLOBAL_TAG)?.threshold ?? this.config.defaultThreshold;
    return new Thresholds(global, new Map(rows.filter((r) => r.tag !== GLOBAL_TAG).map((r) => [r.tag, r.threshold])));
  }

  async list(): Promise<ThresholdList> {
    const rows = await this.db.imageTaggerThreshold.findMany({ orderBy: { tag: 'asc' } });
    const view = (r: (typeof rows)[number]): ThresholdView => ({ tag: r.tag, threshold: r.threshold, origin: r.origin as 'manual' | 'tuned', confirmed: r.confirmed, rejected: r.rejected, updatedAt: r.updatedAt.toISOString() });
    const global = rows.find((r) => r.tag === GLOBAL_TAG);
    return {
      global: global ? view(global) : { tag: GLOBAL_TAG, threshold: this.config.defaultThreshold, origin: 'default', confirmed: 0, rejected: 0, updatedAt: null },
      tags: rows.filter((r) => r.tag !== GLOBAL_TAG).map(view),
    };
  }

  async set(tag: string, threshold: number): Promise<ThresholdView> {
    const row = await this.db.imageTaggerThreshold.upsert({ where: { tag }, create: { tag, threshold, origin: 'manual' }, update: { threshold, origin: 'manual' } });
    return { tag: row.tag, threshold: row.threshold, origin: 'manual', confirmed: row.confirmed, rejected: row.rejected, updatedAt: row.updatedAt.toISOString() };
  }

  async remove(tag: string): Promise<void> {
    const { count } = await this.db.imageTaggerThreshold.deleteMany({ where: { tag } });
    if (!count) throw notFound('threshold of tag', tag);
  }

  /**
   * Re-tunes the threshold of each named tag from all its reviews (machine tags people confirmed
   * or rejected). Runs inside the review's transaction, so the two always agree.
   */
  async retune(tx: DbTransaction, names: string[]): Promise<ThresholdView[]> {
    const tuned: ThresholdView[] = [];
    for (const name of new Set(names)) {
      const existing = await tx.imageTaggerThreshold.findUnique({ where: { tag: name } });
      if (existing?.origin === 'manual') continue;
      const reviews = await tx.imageTaggerTag.findMany({
        where: { name, status: { in: ['confirmed', 'rejected'] }, source: { not: 'manual' } },
        select: { confidence: true, status: true },
      });
      const result = tuneThreshold(
        reviews.map((r) => ({ confidence: r.confidence, confirmed: r.status === 'confirmed' })),
        this.config.tuneMinReviews,
      );
      if (!result) continue;
      const data = { threshold: result.threshold, origin: 'tuned', confirmed: result.confirmed, rejected: result.rejected };
      const row = await tx.imageTaggerThreshold.upsert({ where: { tag: name }, create: { tag: name, ...data }, update: data });
      tuned.push({ tag: name, threshold: row.threshold, origin: 'tuned', confirmed: row.confirmed, rejected: row.rejected, updatedAt: row.updatedAt.toISOString() });
    }
    return tuned;
  }
}
