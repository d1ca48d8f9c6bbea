import { Injectable } from '@nestjs/common';
import type { DbClient, DbTransaction } from '@matrix/db';
import { InjectDb } from '@matrix/product-server';
import type { Review } from './threshold-tuning';

/** A stored threshold (tag "*" is the global one). */
export interface ThresholdRow {
  tag: string;
  threshold: number;
  /** manual | tuned */
  origin: string;
  confirmed: number;
  rejected: number;
  updatedAt: Date;
}

/** What a write sets; review counts only when tuning. */
export interface ThresholdChange {
  threshold: number;
  origin: 'manual' | 'tuned';
  confirmed?: number;
  rejected?: number;
}

/**
 * ImageTaggerThreshold rows and the reviews tuning reads. Each method runs on `tx` when given (the
 * caller's transaction, e.g. a review's), else on the client. ThresholdService takes this abstract
 * class (the Nest token), so its unit spec runs on an in-memory fake.
 */
export abstract class ThresholdStore {
  /** Every threshold, by tag. */
  abstract all(tx?: DbTransaction): Promise<ThresholdRow[]>;
  abstract find(tag: string, tx?: DbTransaction): Promise<ThresholdRow | null>;
  abstract upsert(tag: string, change: ThresholdChange, tx?: DbTransaction): Promise<ThresholdRow>;
  /** Whether there was one to delete. */
  abstract remove(tag: string): Promise<boolean>;
  /** People's verdicts on the machine tags of that name (manual tags are not evidence). */
  abstract reviews(name: string, tx?: DbTransaction): Promise<Review[]>;
}

/** The store on Prisma (SQLite or PostgreSQL). */
@Injectable()
export class PrismaThresholdStore extends ThresholdStore {
  constructor(@InjectDb() private readonly db: DbClient) {
    super();
  }

  all(tx: DbClient | DbTransaction = this.db): Promise<ThresholdRow[]> {
    return tx.imageTaggerThreshold.findMany({ orderBy: { tag: 'asc' } });
  }

  find(tag: string, tx: DbClient | DbTransaction = this.db): Promise<ThresholdRow | null> {
    return tx.imageTaggerThreshold.findUnique({ where: { tag } });
  }

  upsert(tag: string, change: ThresholdChange, tx: DbClient | DbTransaction = this.db): Promise<ThresholdRow> {
    return tx.imageTaggerThreshold.upsert({ where: { tag }, create: { tag, ...change }, update: change });
  }

  async remove(tag: string): Promise<boolean> {
    const { count } = await this.db.imageTaggerThreshold.deleteMany({ where: { tag } });
    return count > 0;
  }

  async reviews(name: string, tx: DbClient | DbTransaction = this.db): Promise<Review[]> {
    const rows = await tx.imageTaggerTag.findMany({
      where: { name, status: { in: ['confirmed', 'rejected'] }, source: { not: 'manual' } },
      select: { confidence: true, status: true },
    });
    return rows.map((r) => ({ confidence: r.confidence, confirmed: r.status === 'confirmed' }));
  }
}
