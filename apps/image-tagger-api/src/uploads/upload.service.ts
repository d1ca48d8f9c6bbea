import { Inject, Injectable } from '@nestjs/common';
import { withTransaction, type DbClient, Prisma } from '@matrix/db';
import { ApiError, InjectDb } from '@matrix/product-server';
import { IMAGE_TAGGER_CONFIG, type ImageTaggerConfig, type TagFeature } from '../config/image-tagger-config';
import { ImageLibrary } from '../images/image-library';
import { ImagesStoredMeanwhile } from '../images/image-rows-insert';
import { ImageTaggerMetrics } from '../observability/image-tagger-metrics';
import type { FileOutcome, ImageView, UploadResult } from '@matrix/image-tagger-contract';
import type { ImageRow } from '../images/image-view';
import { ImageStore } from '../storage/image-store';
import { inspectImage, type InspectedImage } from '../storage/image-inspection';
import { ImageRefused, Tagger, type Vocabulary } from '../tags/tagger.service';
import type { UploadedFile } from './multipart-files';

export interface UploadOptions {
  features: TagFeature[];
  vocabulary?: Vocabulary;
  collection: string | null;
  allTags: boolean;
}

/**
 * One upload of one or many images: each file is checked (size, magic bytes, readable header,
 * pixel limit), a file whose bytes are already stored is a duplicate (same SHA-256), the new ones
 * are tagged by the gateway (whose decoding is also the check that a file is whole), the originals
 * of those it could read are written, and then images and tags are stored in one transaction: either
 * all new images of the upload are stored, or none. No thumbnail is made here: the first GET of one
 * makes and stores it (ImageStore.readThumbnail), so an upload costs little more than its model.
 */
@Injectable()
export class UploadService {
  constructor(
    @InjectDb() private readonly db: DbClient,
    private readonly library: ImageLibrary,
    private readonly store: ImageStore,
    private readonly tagger: Tagger,
    private readonly metrics: ImageTaggerMetrics,
    @Inject(IMAGE_TAGGER_CONFIG) private readonly config: ImageTaggerConfig,
  ) {}

  async upload(files: UploadedFile[], options: UploadOptions): Promise<UploadResult> {
    const outcomes: Array<FileOutcome | { filename: string | null; status: 'new'; image: InspectedImage }> = await this.metrics.stage('inspect', () =>
      Promise.all(
        files.map(async (file, i) => {
          const label = file.filename ? `'${file.filename}'` : `file ${i + 1}`;
          if (file.error) return rejected(file.filename, file.error);
          try {
            return {
              filename: file.filename,
              status: 'new' as const,
              image: await inspectImage(file.bytes, { maxFileBytes: this.config.maxFileBytes, maxPixels: this.config.maxPixels }, label, file.sha256),
            };
          } catch (error) {
            if (error instanceof ApiError) return rejected(file.filename, error);
            throw error;
          }
        }),
      ),
    );
    const fresh = outcomes.flatMap((o, index) => (o.status === 'new' ? [{ ...o, index }] : []));
    const known = await this.library.existingBySha(fresh.map((f) => f.image.sha256));
    // The same bytes twice in one upload: the first is new, the others duplicates of it.
    const firstOfSha = new Map<string, number>();
    const toStore = fresh.filter((f) => {
      if (known.has(f.image.sha256) || firstOfSha.has(f.image.sha256)) return false;
      firstOfSha.set(f.image.sha256, f.index);
      return true;
    });

    const taggings = await this.metrics.stage('tag', () =>
      this.tagger.tag(
        toStore.map((f) => f.image),
        { features: options.features, vocabulary: options.vocabulary, priority: 'interactive' },
      ),
    );
    const accepted = toStore.flatMap((f, i) => {
      const tagging = taggings[i];
      if (tagging instanceof ImageRefused) {
        outcomes[f.index] = rejected(f.filename, refusalOf(tagging, f.filename ? `'${f.filename}'` : `file ${f.index + 1}`));
        return [];
      }
      return [{ ...f, tagging }];
    });
    // Only the files the gateway could decode are written (a JPEG cut in half has a readable header; decoding finds it).
    await this.metrics.stage('store', () => Promise.all(accepted.map((a) => this.store.save(a.image.bytes, a.image.sha256, a.image.format))));
    let inserted: ImageRow[] = [];
    try {
      inserted = accepted.length
        ? await this.metrics.stage('write', () =>
            withTransaction(this.db, (tx) =>
              this.library.insert(
                tx,
                accepted.map((a) => ({ image: a.image, filename: a.filename, collection: options.collection, tagging: a.tagging })),
              ),
            ),
          )
        : [];
      this.metrics.countTags(accepted.flatMap((a) => a.tagging.tags));
    } catch (error) {
      // Another upload stored the same bytes meanwhile: store nothing here, the client can retry (they are duplicates then).
      if (error instanceof ImagesStoredMeanwhile || (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')) {
        throw new ApiError(
          409,
          'concurrent_upload',
          'some of these images were stored by another upload at the same moment; nothing of this upload was stored — send it again',
        );
      }
      throw error;
    }

    const knownIds = [...new Set(known.values())];
    const [createdViews, knownViews] = await Promise.all([
      this.library.viewRows(inserted, options.allTags),
      // No duplicates (the usual upload): no query for them.
      knownIds.length ? this.library.view(knownIds, options.allTags) : [],
    ]);
    const views = new Map([...createdViews, ...knownViews].map((v) => [v.id, v]));
    const idByIndex = new Map(accepted.map((a, i) => [a.index, inserted[i].id]));
    const files2: FileOutcome[] = outcomes.map((o, index) => {
      if (o.status !== 'new') return o as FileOutcome;
      const createdId = idByIndex.get(index);
      if (createdId) return { filename: o.filename, status: 'created', image: views.get(createdId) as ImageView };
      const sha = o.image.sha256;
      const id = known.get(sha) ?? idByIndex.get(firstOfSha.get(sha) as number);
      return { filename: o.filename, status: 'duplicate', image: views.get(id as string) as ImageView };
    });
    for (const file of files2) this.metrics.files.inc({ outcome: file.status });
    return {
      created: files2.filter((f) => f.status === 'created').length,
      duplicates: files2.filter((f) => f.status === 'duplicate').length,
      rejected: files2.filter((f) => f.status === 'rejected').length,
      files: files2,
    };
  }
}

/**
 * Why a file the gateway refused is not stored. The API already read its header, so the gateway failing to
 * decode it (415/422) means the file is cut short or corrupt; anything else (413: over the gateway's pixel limit) says so as it is.
 */
function refusalOf(refusal: ImageRefused, label: string): ApiError {
  if (refusal.status === 415 || refusal.status === 422) {
    return new ApiError(
      422,
      'unreadable_image',
      `${label} cannot be decoded — it is cut short or corrupt (${refusal.message.trim()}); upload the complete file`,
    );
  }
  return new ApiError(422, 'unreadable_image', `${label} could not be tagged: ${refusal.message}`);
}

function rejected(filename: string | null, error: ApiError): FileOutcome {
  return { filename, status: 'rejected', error: { status: error.status, code: error.code, message: error.message } };
}
