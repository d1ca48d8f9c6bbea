import { Controller, Delete, Get, HttpCode, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodQuery, sendDownload, toPage, ZodValidationPipe, type Page, Roles } from '@matrix/product-server';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Analysis } from './analysis-dto';
import { analysesAsCsv, asJsonArray } from './analysis-export';
import { filterQuery, listQuerySchema, type ListQuery } from './analysis-filters';
import { AnalysisService, type Aggregates, type TopAspects } from './analysis.service';
import { AnalysisStore } from './analysis-store';

const aggregatesQuerySchema = filterQuery({ interval: z.enum(['day', 'hour'], { message: 'interval must be day or hour' }).default('day') });
const aspectsQuerySchema = filterQuery({ limit: z.coerce.number().int().min(1).max(100).default(10) });
const exportQuerySchema = filterQuery({ format: z.enum(['csv', 'json'], { message: 'format must be csv or json' }).default('csv') });
const idSchema = z.object({ id: z.string().min(1).max(100) });

@ApiTags('analyses')
@Controller('api/analyses')
export class AnalysesController {
  constructor(
    private readonly store: AnalysisStore,
    private readonly analyses: AnalysisService,
  ) {}

  @Roles('viewer')
  @Get()
  @ApiOperation({ summary: 'Stored analyses, newest first: filter by label, q (text contains), source, jobId, from/to; paginated' })
  @ApiZodQuery(listQuerySchema)
  async list(@Query(new ZodValidationPipe(listQuerySchema)) query: ListQuery): Promise<Page<Analysis>> {
    const { page, pageSize, ...filters } = query;
    const { items, total } = await this.store.page(filters, { page, pageSize });
    return toPage(items, total, { page, pageSize });
  }

  @Roles('viewer')
  @Get('aggregates')
  @ApiOperation({ summary: 'Counts by label and a per-day/hour series (UTC) of label counts and mean score, with the same filters' })
  @ApiZodQuery(aggregatesQuerySchema)
  aggregates(@Query(new ZodValidationPipe(aggregatesQuerySchema)) query: z.infer<typeof aggregatesQuerySchema>): Promise<Aggregates> {
    const { interval, ...filters } = query;
    return this.analyses.aggregates(filters, interval);
  }

  @Roles('viewer')
  @Get('aspects')
  @ApiOperation({
    summary: 'Top praised and criticised aspects (stored by POST /api/analyze with targets: true) over from/to and source; limit per list (default 10)',
  })
  @ApiZodQuery(aspectsQuerySchema)
  aspects(@Query(new ZodValidationPipe(aspectsQuerySchema)) query: z.infer<typeof aspectsQuerySchema>): Promise<TopAspects> {
    return this.analyses.topAspects({ from: query.from, to: query.to, source: query.source }, query.limit);
  }

  @Roles('analyst')
  @Get('export')
  @ApiOperation({ summary: 'Download every analysis matching the filters as CSV or JSON (streamed)' })
  @ApiZodQuery(exportQuerySchema)
  export(@Query(new ZodValidationPipe(exportQuerySchema)) query: z.infer<typeof exportQuerySchema>, @Res() reply: FastifyReply): FastifyReply {
    const { format, ...filters } = query;
    const rows = this.store.scan(filters);
    const stamp = new Date().toISOString().slice(0, 10);
    return format === 'json'
      ? sendDownload(reply, { filename: `sentiment-analyses-${stamp}.json`, contentType: 'application/json; charset=utf-8', chunks: asJsonArray(rows) })
      : sendDownload(reply, { filename: `sentiment-analyses-${stamp}.csv`, contentType: 'text/csv; charset=utf-8', chunks: analysesAsCsv(rows) });
  }

  @Roles('viewer')
  @Get(':id')
  @ApiOperation({ summary: 'One stored analysis' })
  get(@Param(new ZodValidationPipe(idSchema)) params: { id: string }): Promise<Analysis> {
    return this.store.get(params.id);
  }

  @Roles('admin')
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete one stored analysis' })
  async delete(@Param(new ZodValidationPipe(idSchema)) params: { id: string }): Promise<void> {
    await this.store.delete(params.id);
  }
}
