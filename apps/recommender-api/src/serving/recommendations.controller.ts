import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodQuery, ZodValidationPipe, Roles } from '@matrix/product-server';
import { z } from 'zod';
import { externalId } from '../catalog/catalog-schemas';
import { MAX_K } from '../config/recommender-config';
import { RecommendationService } from './recommendation.service';
import type { Recommendations } from '@matrix/recommender-contract';

const recommendQuery = z.object({
  k: z.coerce.number().int('k must be a whole number').min(1, 'k must be at least 1').max(MAX_K, `k may be at most ${MAX_K}`).default(10),
  exclude: z
    .string()
    .max(20_000)
    .optional()
    .transform((s) =>
      s
        ? s
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean)
        : [],
    )
    .describe('comma-separated item ids to leave out'),
  category: z.string().trim().min(1).max(100).optional().describe('only items in this category'),
});
type RecommendQuery = z.infer<typeof recommendQuery>;
const userParams = z.object({ id: externalId('user id') });
const itemParams = z.object({ id: externalId('item id') });

@ApiTags('recommendations')
@Controller('api')
export class RecommendationsController {
  constructor(private readonly recommendations: RecommendationService) {}

  @Roles('viewer')
  @Get('users/:id/recommendations')
  @ApiOperation({
    summary: 'Top-k items for a user, seen items excluded, each with a reason; ?k, ?exclude=a,b, ?category. Unknown or new users get cold-start picks.',
  })
  @ApiZodQuery(recommendQuery)
  forUser(
    @Param(new ZodValidationPipe(userParams)) params: { id: string },
    @Query(new ZodValidationPipe(recommendQuery)) query: RecommendQuery,
  ): Promise<Recommendations> {
    return this.recommendations.forUser(params.id, query);
  }

  @Roles('viewer')
  @Get('items/:id/similar')
  @ApiOperation({ summary: 'Items similar to one item (item-item kNN; item-text embeddings for items newer than the model); ?k, ?exclude, ?category' })
  @ApiZodQuery(recommendQuery)
  similar(
    @Param(new ZodValidationPipe(itemParams)) params: { id: string },
    @Query(new ZodValidationPipe(recommendQuery)) query: RecommendQuery,
  ): Promise<Recommendations> {
    return this.recommendations.similar(params.id, query);
  }

  @Roles('viewer')
  @Get('popular')
  @ApiOperation({ summary: 'Most popular items; ?k, ?exclude, ?category' })
  @ApiZodQuery(recommendQuery)
  popular(@Query(new ZodValidationPipe(recommendQuery)) query: RecommendQuery): Promise<Recommendations> {
    return this.recommendations.popular(query);
  }
}
