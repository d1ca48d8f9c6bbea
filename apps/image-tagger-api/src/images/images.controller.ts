import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiError, ApiZodBody, ApiZodQuery, toPage, ZodValidationPipe, type Page, Roles } from '@matrix/product-server';
import { Inject } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { IMAGE_TAGGER_CONFIG, type ImageTaggerConfig } from '../config/image-tagger-config';
import { ImageStore } from '../storage/image-store';
import { MEDIA_TYPES, type ImageFormat } from '../storage/image-type';
import { ReviewService, type ReviewResult } from '../tags/review.service';
import { readMultipartFiles } from '../uploads/multipart-files';
import type { UploadResult } from '@matrix/image-tagger-contract';
import { UploadService } from '../uploads/upload.service';
import { VocabularyService } from '../vocabularies/vocabulary.service';
import { ImageLibrary } from './image-library';
import type { ImageView } from './image-view';
import {
  bulkReviewBodySchema,
  idSchema,
  listQuerySchema,
  manualTagBodySchema,
  reviewBodySchema,
  tagIdSchema,
  uploadQuerySchema,
  viewQuerySchema,
  type ListQuery,
  type UploadQuery,
} from './query-schemas';

@ApiTags('images')
@Controller('api')
export class ImagesController {
  constructor(
    private readonly uploads: UploadService,
    private readonly library: ImageLibrary,
    private readonly store: ImageStore,
    private readonly reviews: ReviewService,
    private readonly vocabularies: VocabularyService,
    @Inject(IMAGE_TAGGER_CONFIG) private readonly config: ImageTaggerConfig,
  ) {}

  @Roles('analyst')
  @Post('images')
  @ApiOperation({
    summary:
      'Upload one or many images (multipart/form-data, file fields): each is checked by its bytes (JPEG, PNG, WebP, GIF, TIFF), size and pixel limits, ' +
      'tagged through the gateway, stored (its thumbnail is made on its first view) and answered with its tags; a file already stored is a duplicate (same SHA-256). ' +
      '201 with one outcome per file (created, duplicate or rejected with its reason); when every file is rejected, the first reason’s 4xx.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'array', items: { type: 'string', format: 'binary' } } } } })
  @ApiZodQuery(uploadQuerySchema)
  async upload(
    @Req() request: FastifyRequest,
    @Query(new ZodValidationPipe(uploadQuerySchema)) query: UploadQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UploadResult> {
    const features = query.features ?? this.config.defaultFeatures;
    // Check everything about the request before reading the files.
    const vocabulary = features.includes('zero-shot') ? await this.vocabularies.require(query.vocabulary) : undefined;
    const files = await readMultipartFiles(request, { maxFiles: this.config.maxFiles, maxFileBytes: this.config.maxFileBytes });
    const result = await this.uploads.upload(files, { features, vocabulary, collection: query.collection ?? null, allTags: query.tags === 'all' });
    if (result.rejected === result.files.length) {
      const first = result.files[0] as { error: { status: number; code: string; message: string } };
      throw new ApiError(
        first.error.status,
        first.error.code,
        result.files.length === 1 ? first.error.message : `none of the ${result.files.length} files was accepted; first: ${first.error.message}`,
        { files: result.files },
      );
    }
    void reply.status(201);
    return result;
  }

  @Roles('viewer')
  @Get('images')
  @ApiOperation({
    summary: 'The library, newest first: search by tags (parents included), source, collection, status, file name, review and staleness, dates; paginated',
  })
  @ApiZodQuery(listQuerySchema)
  async list(@Query(new ZodValidationPipe(listQuerySchema)) query: ListQuery): Promise<Page<ImageView>> {
    const { page, pageSize, tags, ...filters } = query;
    const { items, total } = await this.library.page(filters, { page, pageSize }, tags === 'all');
    return toPage(items, total, { page, pageSize });
  }

  @Roles('viewer')
  @Get('images/:id')
  @ApiOperation({ summary: 'One image with its tags' })
  @ApiZodQuery(viewQuerySchema)
  get(
    @Param(new ZodValidationPipe(idSchema)) params: { id: string },
    @Query(new ZodValidationPipe(viewQuerySchema)) query: z.infer<typeof viewQuerySchema>,
  ): Promise<ImageView> {
    return this.library.get(params.id, query.tags === 'all');
  }

  @Roles('viewer')
  @Get('images/:id/file')
  @ApiOperation({ summary: 'The original image bytes' })
  async file(@Param(new ZodValidationPipe(idSchema)) params: { id: string }, @Res() reply: FastifyReply): Promise<void> {
    const row = await this.library.row(params.id);
    const bytes = await this.store.streamOriginal(row.sha256, row.format as ImageFormat).catch(() => {
      throw new ApiError(410, 'file_missing', `the file of image '${params.id}' is no longer in the image store`);
    });
    await reply
      .header('content-type', MEDIA_TYPES[row.format as ImageFormat])
      .header('cache-control', 'private, max-age=31536000, immutable')
      .send(bytes);
  }

  @Roles('viewer')
  @Get('images/:id/thumbnail')
  @ApiOperation({ summary: 'The thumbnail (JPEG, longest side IMAGE_TAGGER_THUMBNAIL_PX), made from the original on its first view and kept' })
  async thumbnail(@Param(new ZodValidationPipe(idSchema)) params: { id: string }, @Res() reply: FastifyReply): Promise<void> {
    const row = await this.library.row(params.id);
    const bytes = await this.store.readThumbnail(row.sha256, row.format as ImageFormat).catch(() => {
      throw new ApiError(410, 'file_missing', `the file of image '${params.id}' is no longer in the image store`);
    });
    await reply.header('content-type', 'image/jpeg').header('cache-control', 'private, max-age=31536000, immutable').send(bytes);
  }

  @Roles('admin')
  @Delete('images/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an image, its tags and its files' })
  async delete(@Param(new ZodValidationPipe(idSchema)) params: { id: string }): Promise<void> {
    const row = await this.library.delete(params.id);
    await this.store.remove(row.sha256, row.format as ImageFormat);
  }

  @Roles('analyst')
  @Post('images/:id/tags')
  @ApiOperation({ summary: 'Add a manual tag (confirmed)' })
  @ApiZodBody(manualTagBodySchema)
  async addTag(
    @Param(new ZodValidationPipe(idSchema)) params: { id: string },
    @Body(new ZodValidationPipe(manualTagBodySchema)) body: z.infer<typeof manualTagBodySchema>,
  ): Promise<ImageView> {
    await this.reviews.addManual(params.id, body.name);
    return this.library.get(params.id, true);
  }

  @Roles('analyst')
  @Patch('images/:id/tags/:tagId')
  @ApiOperation({ summary: 'Confirm or reject a suggested tag (or undo with "suggested"); the tag’s threshold is re-tuned from all its reviews' })
  @ApiZodBody(reviewBodySchema)
  async reviewTag(
    @Param(new ZodValidationPipe(tagIdSchema)) params: { id: string; tagId: string },
    @Body(new ZodValidationPipe(reviewBodySchema)) body: z.infer<typeof reviewBodySchema>,
  ): Promise<ReviewResult & { image: ImageView }> {
    const result = await this.reviews.review([{ tagId: params.tagId, status: body.status }], params.id);
    return { ...result, image: await this.library.get(params.id, true) };
  }

  @Roles('analyst')
  @Delete('images/:id/tags/:tagId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a manual tag (machine tags are rejected instead)' })
  async removeTag(@Param(new ZodValidationPipe(tagIdSchema)) params: { id: string; tagId: string }): Promise<void> {
    await this.reviews.removeManual(params.id, params.tagId);
  }

  @Roles('analyst')
  @Post('reviews')
  @HttpCode(200)
  @ApiOperation({ summary: 'Many reviews at once (tag review page): {items: [{tagId, status}]}, in one transaction; thresholds re-tuned' })
  @ApiZodBody(bulkReviewBodySchema)
  bulkReview(@Body(new ZodValidationPipe(bulkReviewBodySchema)) body: z.infer<typeof bulkReviewBodySchema>): Promise<ReviewResult> {
    return this.reviews.review(body.items);
  }
}
