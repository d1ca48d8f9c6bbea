import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { DbClient, DbTransaction, Prisma } from '@matrix/db';
import { InjectDb, notFound, toSkipTake, type PageRequest } from '@matrix/product-server';
import type { TagFeature } from '../config/image-tagger-config';
import { GatewayModels } from '../models/gateway-models.service';
import type { InspectedImage } from '../storage/image-inspection';
import type { MachineTag, TagSource } from '../tags/machine-tags';
import type { ImageTagging } from '../tags/tagger.service';
import { ThresholdService, type Thresholds } from '../tags/threshold.service';
import { insertImageRows } from './image-rows-insert';
import { insertTagRows, type NewTagRow } from './tag-rows-insert';
import { toImageView, type ImageRow, type ImageView, type TagRow } from './image-view';

export interface ImageFilters {
  /** Every one of these tags (parents count: "animal" finds the tabby). */
  tag?: string[];
  /** Only tags from these sources count for `tag`. */
  source?: TagSource[];
  collection?: string;
  status?: 'pending' | 'tagged' | 'failed';
  /** File name contains. */
  q?: string;
  /** Has a tag waiting for review (suggested, visible). */
  needsReview?: boolean;
  /** Tagged by another classifier version than the served one. */
  stale?: boolean;
  from?: Date;
  to?: Date;
}

const SOURCES_OF: Record<TagFeature, TagSource[]> = { classify: ['classifier', 'parent'], detect: ['detector'], 'zero-shot': ['zero-shot'] };

function tagRows(imageId: string, tags: MachineTag[]): NewTagRow[] {
  return tags.map((t) => ({
    id: randomUUID(),
    imageId,
    name: t.name,
    source: t.source,
    confidence: t.confidence,
    wnid: t.wnid ?? null,
    boxes: t.boxes ? JSON.stringify(t.boxes) : null,
    via: t.via ? JSON.stringify(t.via) : null,
    vocabulary: t.vocabulary ?? null,
    model: t.model,
    modelVersion: t.modelVersion,
  }));
}

function modelFields(tagging: ImageTagging) {
  return {
    ...(tagging.classifier ? { classifierModel: tagging.classifier.model, classifierVersion: tagging.classifier.version } : {}),
    ...(tagging.detector ? { detectorModel: tagging.detector.model, detectorVersion: tagging.detector.version } : {}),
  };
}

/** The stored library: images with their tags, search, and re-tagging that keeps people's reviews. */
@Injectable()
export class ImageLibrary {
  constructor(
    @InjectDb() private readonly db: DbClient,
    private readonly thresholds: ThresholdService,
    private readonly models: GatewayModels,
  ) {}

  async existingBySha(shas: string[]): Promise<Map<string, string>> {
    const rows = await this.db.imageTaggerImage.findMany({ where: { sha256: { in: shas } }, select: { id: true, sha256: true } });
    return new Map(rows.map((r) => [r.sha256, r.id]));
  }

  /**
   * New images with their machine tags, written together (the caller's transaction). Answers the
   * rows as written, so the upload answers without reading them back. ImagesStoredMeanwhile when
   * another upload stored one of the same bytes since (the caller's transaction then rolls back).
   */
  async insert(
    tx: DbTransaction,
    images: Array<{ image: InspectedImage; filename: string | null; collection: string | null; tagging: ImageTagging }>,
  ): Promise<ImageRow[]> {
    const now = new Date();
    const newTags: NewTagRow[] = [];
    const rows: ImageRow[] = images.map(({ image, filename, collection, tagging }) => {
      const id = randomUUID();
      const tags = tagRows(id, tagging.tags);
      newTags.push(...tags);
      return {
        id,
        sha256: image.sha256,
        filename,
        format: image.format,
        width: image.width,
        height: image.height,
        bytes: image.bytes.length,
        collection,
        status: 'tagged',
        error: null,
        classifierModel: tagging.classifier?.model ?? null,
        classifierVersion: tagging.classifier?.version ?? null,
        detectorModel: tagging.detector?.model ?? null,
        detectorVersion: tagging.detector?.version ?? null,
        taggedAt: now,
        createdAt: now,
        tags: tags.map((t): TagRow => ({ ...t, status: 'suggested' })),
      };
    });
    await insertImageRows(
      tx,
      rows.map(({ tags: _tags, ...row }) => row),
    );
    await insertTagRows(tx, newTags, now);
    return rows;
  }

  /** Views of rows already in hand (thresholds and the served classifier version applied). */
  async viewRows(rows: ImageRow[], allTags: boolean): Promise<ImageView[]> {
    const [thresholds, classifierVersion] = await Promise.all([this.thresholds.current(), this.models.classifierVersion()]);
    return rows.map((row) => toImageView(row, thresholds, { allTags, classifierVersion }));
  }

  /**
   * Replaces an image's machine tags of the features that ran: unreviewed ones go, reviewed ones
   * stay reviewed (their confidence and boxes follow the new model), new ones come in.
   */
  async retag(tx: DbTransaction, imageId: string, tagging: ImageTagging, features: TagFeature[], vocabulary?: string): Promise<void> {
    const sources = features.flatMap((f) => SOURCES_OF[f]);
    const existing = await tx.imageTaggerTag.findMany({ where: { imageId, source: { in: sources } } });
    const key = (name: string, source: string) => `${source}\u0000${name}`;
    const fresh = new Map(tagging.tags.map((t) => [key(t.name, t.source), t]));
    const stale = existing.filter((e) => e.status === 'suggested' && !(e.source === 'zero-shot' && vocabulary && e.vocabulary !== vocabulary));
    if (stale.length) await tx.imageTaggerTag.deleteMany({ where: { id: { in: stale.map((e) => e.id) } } });
    const kept = new Set<string>();
    for (const reviewed of existing.filter((e) => e.status !== 'suggested')) {
      const update = fresh.get(key(reviewed.name, reviewed.source));
      if (!update) continue;
      kept.add(key(reviewed.name, reviewed.source));
      const [row] = tagRows(imageId, [update]);
      await tx.imageTaggerTag.update({
        where: { id: reviewed.id },
        data: { confidence: row.confidence, boxes: row.boxes, via: row.via, model: row.model, modelVersion: row.modelVersion },
      });
    }
    // Zero-shot tags of another vocabulary with the same name stay; the unique (image, name, source) keeps one.
    const others = new Set(existing.filter((e) => !stale.includes(e)).map((e) => key(e.name, e.source)));
    await insertTagRows(
      tx,
      tagRows(
        imageId,
        tagging.tags.filter((t) => !kept.has(key(t.name, t.source)) && !others.has(key(t.name, t.source))),
      ),
    );
    await tx.imageTaggerImage.update({ where: { id: imageId }, data: { status: 'tagged', error: null, taggedAt: new Date(), ...modelFields(tagging) } });
  }

  async markFailed(imageId: string, error: string): Promise<void> {
    await this.db.imageTaggerImage.update({ where: { id: imageId }, data: { status: 'failed', error } });
  }

  async view(ids: string[], allTags: boolean): Promise<ImageView[]> {
    const [rows, thresholds, classifierVersion] = await Promise.all([
      this.db.imageTaggerImage.findMany({ where: { id: { in: ids } }, include: { tags: true } }),
      this.thresholds.current(),
      this.models.classifierVersion(),
    ]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [toImageView(row as ImageRow, thresholds, { allTags, classifierVersion })] : [];
    });
  }

  async get(id: string, allTags: boolean): Promise<ImageView> {
    const [view] = await this.view([id], allTags);
    if (!view) throw notFound('image', id);
    return view;
  }

  async row(id: string) {
    const row = await this.db.imageTaggerImage.findUnique({ where: { id } });
    if (!row) throw notFound('image', id);
    return row;
  }

  async page(filters: ImageFilters, page: PageRequest, allTags: boolean): Promise<{ items: ImageView[]; total: number }> {
    const [thresholds, classifierVersion] = await Promise.all([this.thresholds.current(), this.models.classifierVersion()]);
    const where = this.where(filters, thresholds, classifierVersion);
    const [rows, total] = await Promise.all([
      this.db.imageTaggerImage.findMany({ where, include: { tags: true }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], ...toSkipTake(page) }),
      this.db.imageTaggerImage.count({ where }),
    ]);
    return { items: rows.map((r) => toImageView(r as ImageRow, thresholds, { allTags, classifierVersion })), total };
  }

  /** Ids matching the filters, oldest first (bulk jobs). */
  async ids(filters: ImageFilters, limit: number): Promise<string[]> {
    const [thresholds, classifierVersion] = await Promise.all([this.thresholds.current(), this.models.classifierVersion()]);
    const rows = await this.db.imageTaggerImage.findMany({
      where: this.where(filters, thresholds, classifierVersion),
      select: { id: true },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: limit + 1,
    });
    return rows.map((r) => r.id);
  }

  async countStale(): Promise<number> {
    const version = await this.models.classifierVersion();
    if (!version) return 0;
    return this.db.imageTaggerImage.count({ where: { classifierVersion: { not: version } } });
  }

  private where(filters: ImageFilters, thresholds: Thresholds, classifierVersion: string | undefined): Prisma.ImageTaggerImageWhereInput {
    const and: Prisma.ImageTaggerImageWhereInput[] = [];
    for (const name of filters.tag ?? []) {
      and.push({
        tags: {
          some: {
            name,
            ...(filters.source?.length ? { source: { in: filters.source } } : {}),
            OR: [{ status: 'confirmed' }, { status: 'suggested', confidence: { gte: thresholds.of(name) } }],
          },
        },
      });
    }
    if (filters.collection) and.push({ collection: filters.collection });
    if (filters.status) and.push({ status: filters.status });
    if (filters.q) and.push({ filename: { contains: filters.q } });
    if (filters.from) and.push({ createdAt: { gte: filters.from } });
    if (filters.to) and.push({ createdAt: { lt: filters.to } });
    if (filters.needsReview) and.push({ tags: { some: { status: 'suggested', source: { not: 'parent' }, confidence: { gte: thresholds.global } } } });
    if (filters.stale !== undefined && classifierVersion) {
      and.push(filters.stale ? { classifierVersion: { not: classifierVersion } } : { OR: [{ classifierVersion }, { classifierVersion: null }] });
    }
    return and.length ? { AND: and } : {};
  }

  /** Tag names with how many images show them (at the thresholds in force), most common first. */
  async tagCounts(prefix: string | undefined, limit: number): Promise<Array<{ name: string; images: number; threshold: number }>> {
    const thresholds = await this.thresholds.current();
    const rows = await this.db.imageTaggerTag.findMany({
      // Only rows that can be shown: confirmed, or at least the lowest threshold in force.
      where: {
        ...(prefix ? { name: { startsWith: prefix } } : {}),
        OR: [{ status: 'confirmed' }, { status: 'suggested', confidence: { gte: thresholds.lowest } }],
      },
      select: { name: true, imageId: true, confidence: true, status: true },
    });
    const images = new Map<string, Set<string>>();
    for (const r of rows) {
      if (r.status !== 'confirmed' && r.confidence < thresholds.of(r.name)) continue;
      const set = images.get(r.name) ?? new Set<string>();
      set.add(r.imageId);
      images.set(r.name, set);
    }
    return [...images]
      .map(([name, set]) => ({ name, images: set.size, threshold: thresholds.of(name) }))
      .sort((a, b) => b.images - a.images || a.name.localeCompare(b.name))
      .slice(0, limit);
  }

  async delete(id: string): Promise<{ sha256: string; format: string }> {
    const row = await this.row(id);
    await this.db.imageTaggerImage.delete({ where: { id } });
    return row;
  }
}
