import { Injectable } from '@nestjs/common';
import { withTransaction, type DbClient, Prisma } from '@matrix/db';
import { ApiError, InjectDb, notFound } from '@matrix/product-server';
import { ImageTaggerMetrics } from '../observability/image-tagger-metrics';
import { normalizeTagName } from './machine-tags';
import type { ReviewResult } from '@matrix/image-tagger-contract';
import { ThresholdService } from './threshold.service';

export type ReviewStatus = 'confirmed' | 'rejected' | 'suggested';

export type { ReviewResult };

/**
 * People's corrections: confirm or reject suggested tags (or undo that), add and remove manual
 * tags. Every review re-tunes that tag's threshold in the same transaction.
 */
@Injectable()
export class ReviewService {
  constructor(
    @InjectDb() private readonly db: DbClient,
    private readonly thresholds: ThresholdService,
    private readonly metrics: ImageTaggerMetrics,
  ) {}

  async review(items: Array<{ tagId: string; status: ReviewStatus }>, imageId?: string): Promise<ReviewResult> {
    return withTransaction(this.db, async (tx) => {
      const ids = items.map((i) => i.tagId);
      const tags = await tx.imageTaggerTag.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, source: true, imageId: true } });
      const byId = new Map(tags.map((t) => [t.id, t]));
      const missing = ids.filter((id) => !byId.has(id) || (imageId && byId.get(id)?.imageId !== imageId));
      if (missing.length) throw new ApiError(404, 'not_found', `no tag ${missing.map((m) => `'${m}'`).join(', ')}${imageId ? ` on image '${imageId}'` : ''}`);
      const manual = tags.filter((t) => t.source === 'manual' && items.find((i) => i.tagId === t.id)?.status !== 'confirmed');
      if (manual.length)
        throw new ApiError(422, 'manual_tag', `manual tags are confirmed by whoever added them; delete them instead (${manual.map((t) => t.name).join(', ')})`);
      const now = new Date();
      for (const item of items) {
        await tx.imageTaggerTag.update({ where: { id: item.tagId }, data: { status: item.status, reviewedAt: item.status === 'suggested' ? null : now } });
      }
      const thresholds = await this.thresholds.retune(
        tags.filter((t) => t.source !== 'manual').map((t) => t.name),
        tx,
      );
      return { reviewed: items.length, thresholds };
    }).then((result) => {
      for (const item of items) this.metrics.reviews.inc({ status: item.status });
      return result;
    });
  }

  async addManual(imageId: string, rawName: string) {
    const name = normalizeTagName(rawName);
    const image = await this.db.imageTaggerImage.findUnique({ where: { id: imageId }, select: { id: true } });
    if (!image) throw notFound('image', imageId);
    try {
      return await this.db.imageTaggerTag.create({ data: { imageId, name, source: 'manual', confidence: 1, status: 'confirmed', reviewedAt: new Date() } });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
        throw new ApiError(409, 'tag_exists', `image '${imageId}' already has the manual tag '${name}'`);
      throw error;
    }
  }

  async removeManual(imageId: string, tagId: string): Promise<void> {
    const tag = await this.db.imageTaggerTag.findFirst({ where: { id: tagId, imageId } });
    if (!tag) throw new ApiError(404, 'not_found', `no tag '${tagId}' on image '${imageId}'`);
    if (tag.source !== 'manual')
      throw new ApiError(
        422,
        'machine_tag',
        `'${tag.name}' came from the ${tag.source}; reject it (PATCH status "rejected") instead of deleting it, so its threshold learns from it`,
      );
    await this.db.imageTaggerTag.delete({ where: { id: tagId } });
  }
}
