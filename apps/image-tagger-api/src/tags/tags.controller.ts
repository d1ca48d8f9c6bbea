import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, ApiZodQuery, ZodValidationPipe, Roles } from '@matrix/product-server';
import { z } from 'zod';
import { ImageLibrary } from '../images/image-library';
import { tagName } from '../images/query-schemas';
import { GatewayModels, type Capabilities } from '../models/gateway-models.service';
import { GLOBAL_TAG, ThresholdService, type ThresholdView } from './threshold.service';

const tagsQuerySchema = z.object({
  prefix: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .transform((p) => p.toLowerCase())
    .optional()
    .describe('Tag names starting with this (autocomplete)'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
const thresholdBodySchema = z.strictObject({
  threshold: z.number({ message: 'threshold must be a number' }).min(0, 'threshold is at least 0').max(1, 'threshold is at most 1'),
});

@ApiTags('tags')
@Controller('api')
export class TagsController {
  constructor(
    private readonly library: ImageLibrary,
    private readonly thresholds: ThresholdService,
    private readonly models: GatewayModels,
  ) {}

  @Roles('viewer')
  @Get('tags')
  @ApiOperation({ summary: 'Tag names in the library with how many images show them (thresholds applied), most common first' })
  @ApiZodQuery(tagsQuerySchema)
  async tags(@Query(new ZodValidationPipe(tagsQuerySchema)) query: z.infer<typeof tagsQuerySchema>) {
    return { items: await this.library.tagCounts(query.prefix, query.limit) };
  }

  @Roles('viewer')
  @Get('thresholds')
  @ApiOperation({ summary: 'The global threshold and every per-tag one (manual or tuned from reviews)' })
  list() {
    return this.thresholds.list();
  }

  @Roles('admin')
  @Put('thresholds/global')
  @ApiOperation({ summary: 'Set the global confidence threshold (0..1)' })
  @ApiZodBody(thresholdBodySchema)
  setGlobal(@Body(new ZodValidationPipe(thresholdBodySchema)) body: z.infer<typeof thresholdBodySchema>): Promise<ThresholdView> {
    return this.thresholds.set(GLOBAL_TAG, body.threshold);
  }

  @Roles('admin')
  @Put('thresholds/tags/:tag')
  @ApiOperation({ summary: 'Set one tag’s threshold by hand (tuning leaves it alone until it is deleted)' })
  @ApiZodBody(thresholdBodySchema)
  setTag(
    @Param('tag', new ZodValidationPipe(tagName)) tag: string,
    @Body(new ZodValidationPipe(thresholdBodySchema)) body: z.infer<typeof thresholdBodySchema>,
  ): Promise<ThresholdView> {
    return this.thresholds.set(tag, body.threshold);
  }

  @Roles('admin')
  @Delete('thresholds/tags/:tag')
  @HttpCode(204)
  @ApiOperation({ summary: 'Drop a tag’s own threshold: the global one applies (and tuning may set it again)' })
  removeTag(@Param('tag', new ZodValidationPipe(tagName)) tag: string): Promise<void> {
    return this.thresholds.remove(tag);
  }

  @Roles('viewer')
  @Get('capabilities')
  @ApiOperation({ summary: 'What the gateway serves for tagging: classifier (version), detector, zero-shot (CLIP) — with the reason when not' })
  async capabilities(): Promise<Capabilities & { staleImages: number }> {
    const [capabilities, staleImages] = await Promise.all([this.models.capabilities(), this.library.countStale()]);
    return { ...capabilities, staleImages };
  }
}
