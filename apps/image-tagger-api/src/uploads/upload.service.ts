import { Inject, Injectable } from '@nestjs/common';
import { withTransaction, type DbClient, Prisma } from '@matrix/db';
import { ApiError, InjectDb } from '@matrix/product-server';
import { IMAGE_TAGGER_CONFIG, type ImageTaggerConfig, type TagFeature } from '../config/image-tagger-config';
import { ImageLibrary } from '../images/image-library';
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
 * are written to disk with their thumbnails while the gateway tags them, and then images and tags
 * are stored in one transaction: either all new images of the upload are stored, or none.
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
              image: await inspectImage(file.bytes, { maxFileBytes: this.config.maxFileBytes, maxPixels: this.config.maxPixels }, label),
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

    const [taggings, undecodable] = await this.metrics.stage('tag_and_store', () =>
      Promise.all([
        this.tagger.tag(
          toStore.map((f) => f.image),
          { features: options.features, vocabulary: options.vocabulary, priority: 'interactive' },
        ),
        Promise.all(toStore.map((f) => this.saveDecodable(f.image, f.filename ? `'${f.filename}'` : `file ${f.index + 1}`))),
      ]),
    );
    const accepted = toStore.flatMap((f, i) => {
      const tagging = taggings[i];
      const refusal = undecodable[i];
      if (refusal) {
        outcomes[f.index] = rejected(f.filename, refusal);
        return [];
      }
      if (tagging instanceof ImageRefused) {
        outcomes[f.index] = rejected(
          f.filename,
          new ApiError(422, 'unreadable_image', `${f.filename ?? `file ${f.index + 1}`} could not be tagged: ${tagging.message}`),
        );
        return [];
      }
      return [{ ...f, tagging }];
    });
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
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        throw new ApiError(
          409,
          'concurrent_upload',
          'some of these images were stored by another upload at the same moment; nothing of this upload was stored — send it again',
        );
      }
      throw error;
    }

    const [createdViews, knownViews] = await Promise.all([
      this.library.viewRows(inserted, options.allTags),
      this.library.view([...new Set(known.values())], options.allTags),
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

  /**
   * Writes the original and its thumbnail, or nothing when the image cannot be decoded to the end
   * (a JPEG cut in half has a readable header, so only decoding finds it): that file is a 422.
   */
  private async saveDecodable(image: InspectedImage, label: string): Promise<ApiError | undefined> {
    let thumbnail: Buffer;
    try {
      thumbnail = await this.store.thumbnail(image.bytes);
    } catch (error) {
      return new ApiError(
        422,
        'unreadable_image',
        `${label} cannot be decoded — it is cut short or corrupt (${(error as Error).message.trim()}); upload the complete file`,
      );
    }
    await this.store.save(image.bytes, image.sha256, image.format, thumbnail);
    return undefined;
  }
}

function rejected(filename: string | null, error: ApiError): FileOutcome {
  return { filename, status: 'rejected', error: { status: error.status, code: error.code, message: error.message } };
}
