import { Injectable, OnModuleInit } from '@nestjs/common';
import { withTransaction, type DbClient } from '@matrix/db';
import { AuditLog, InjectDb, ProductRetention, type AuditedRoute } from '@matrix/product-server';
import { ImageStore } from '../storage/image-store';
import type { ImageFormat } from '../storage/image-type';

export const IMAGE_TAGGER_AUDITED_ROUTES: AuditedRoute[] = [
  {
    method: 'PUT',
    path: '/api/thresholds/global',
    action: 'threshold.changed',
    target: () => 'threshold:*',
    detail: ({ body }) => ({ threshold: (body as { threshold?: number })?.threshold }),
  },
  {
    method: 'PUT',
    path: '/api/thresholds/tags/:tag',
    action: 'threshold.changed',
    target: ({ params }) => `threshold:${params.tag}`,
    detail: ({ body }) => ({ threshold: (body as { threshold?: number })?.threshold }),
  },
  {
    method: 'DELETE',
    path: '/api/thresholds/tags/:tag',
    action: 'threshold.changed',
    target: ({ params }) => `threshold:${params.tag}`,
    detail: () => ({ threshold: null }),
  },
  {
    method: 'POST',
    path: '/api/vocabularies',
    action: 'vocabulary.changed',
    target: ({ body }) => `vocabulary:${(body as { name?: string })?.name}`,
    detail: () => ({ change: 'created' }),
  },
  {
    method: 'DELETE',
    path: '/api/vocabularies/:name',
    action: 'vocabulary.changed',
    target: ({ params }) => `vocabulary:${params.name}`,
    detail: () => ({ change: 'deleted' }),
  },
  { method: 'DELETE', path: '/api/images/:id', action: 'data.erased', target: ({ params }) => `image:${params.id}`, detail: () => ({ kind: 'image' }) },
  { method: 'POST', path: '/api/images/:id/tags', action: 'tag.added', target: ({ params }) => `image:${params.id}` },
  {
    method: 'PATCH',
    path: '/api/images/:id/tags/:tagId',
    action: 'tag.reviewed',
    target: ({ params }) => `tag:${params.tagId}`,
    detail: ({ body }) => ({ status: (body as { status?: string })?.status }),
  },
  { method: 'DELETE', path: '/api/images/:id/tags/:tagId', action: 'tag.removed', target: ({ params }) => `tag:${params.tagId}` },
  { method: 'POST', path: '/api/reviews', action: 'tag.reviewed', detail: ({ body }) => ({ reviews: (body as { items?: unknown[] })?.items?.length ?? 0 }) },
];

/** Deletes images by id with their tags, then their files (original and thumbnail) unless another row shares the bytes. */
export async function deleteImages(db: DbClient, store: ImageStore, ids: string[]): Promise<{ images: number; tags: number; files: number }> {
  if (ids.length === 0) return { images: 0, tags: 0, files: 0 };
  const { rows, images, tags } = await withTransaction(db, async (tx) => {
    const rows = await tx.imageTaggerImage.findMany({ where: { id: { in: ids } }, select: { sha256: true, format: true } });
    const tags = await tx.imageTaggerTag.deleteMany({ where: { imageId: { in: ids } } });
    const images = await tx.imageTaggerImage.deleteMany({ where: { id: { in: ids } } });
    return { rows, images: images.count, tags: tags.count };
  });
  // Files after the rows: a crash in between leaves an orphan file, never a row without its file. (sha256 is unique: one row per file.)
  for (const row of rows) await store.remove(row.sha256, row.format as ImageFormat);
  return { images, tags, files: rows.length };
}

/**
 * The image tagger's privacy wiring: its audited routes, and its retention target — images uploaded more than
 * IMAGE_TAGGER_RETENTION_DAYS ago, with their tags and files.
 */
@Injectable()
export class ImageTaggerPrivacy implements OnModuleInit {
  constructor(
    @InjectDb() private readonly db: DbClient,
    private readonly store: ImageStore,
    private readonly audit: AuditLog,
    private readonly retention: ProductRetention,
  ) {}

  onModuleInit(): void {
    this.audit.auditRoutes(IMAGE_TAGGER_AUDITED_ROUTES);
    this.retention.register([
      {
        name: 'images',
        deleteOlderThan: async (cutoff, limit) => {
          const rows = await this.db.imageTaggerImage.findMany({
            where: { createdAt: { lt: cutoff } },
            select: { id: true },
            orderBy: { createdAt: 'asc' },
            take: limit,
          });
          return (
            await deleteImages(
              this.db,
              this.store,
              rows.map((r) => r.id),
            )
          ).images;
        },
      },
    ]);
  }
}
