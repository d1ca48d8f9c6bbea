import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiError, ApiZodBody, ApiZodQuery, paginationShape, toPage, ZodValidationPipe, type Page, Roles } from '@matrix/product-server';
import { z } from 'zod';
import { MAX_IMPORT_ARTICLES } from '../config/chatbot-config';
import type { Article, ArticleWithChunks, ImportResult, SearchHit } from '@matrix/chatbot-contract';
import { articleInputSchema, articlePatchSchema, type ArticleInput, type ArticlePatch } from './article-input';
import { parseCsvArticles, parseJsonArticles, parseMarkdownArticles, validateImportRows, type ImportFormat, type ImportRow } from './import-parsers';
import { KnowledgeBaseService } from './knowledge-base.service';

const listQuerySchema = z.object({
  ...paginationShape(),
  q: z.string().trim().max(200, 'q may be at most 200 characters').optional(),
  intent: z.string().trim().max(100).optional(),
  indexStatus: z.enum(['embedded', 'pending'], { message: 'indexStatus must be embedded or pending' }).optional(),
});
const searchQuerySchema = z.object({
  q: z.string({ error: 'q (the question to search for) is required' }).trim().min(1, 'q must not be blank').max(1000, 'q may be at most 1000 characters'),
  k: z.coerce.number().int('k must be a whole number').min(1, 'k must be at least 1').max(20, 'k may be at most 20').default(5),
});
const importQuerySchema = z.object({ format: z.enum(['markdown', 'csv', 'json'], { message: 'format must be markdown, csv or json' }).optional() });
const idSchema = z.object({ id: z.string().min(1).max(100) });

/** The format of an import: ?format=, else the Content-Type. */
function importFormat(explicit: ImportFormat | undefined, contentType: string | undefined): ImportFormat {
  if (explicit) return explicit;
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'text/markdown') return 'markdown';
  if (type === 'text/csv') return 'csv';
  if (type === 'application/json') return 'json';
  throw new ApiError(415, 'unsupported_media_type', `send the import as text/markdown, text/csv or application/json (got ${type || 'no Content-Type'})`);
}

@ApiTags('knowledge base')
@Controller('api/articles')
export class ArticlesController {
  constructor(private readonly kb: KnowledgeBaseService) {}

  @Roles('viewer')
  @Get()
  @ApiOperation({ summary: 'Articles by title: filter by q (title/body/slug contains), intent, indexStatus; paginated' })
  @ApiZodQuery(listQuerySchema)
  async list(@Query(new ZodValidationPipe(listQuerySchema)) query: z.infer<typeof listQuerySchema>): Promise<Page<Article>> {
    const { page, pageSize, ...filters } = query;
    const { items, total } = await this.kb.list(filters, { page, pageSize });
    return toPage(items, total, { page, pageSize });
  }

  @Roles('viewer')
  @Get('search')
  @ApiOperation({ summary: 'Semantic search: the k passages nearest to a question (cosine similarity of gateway embeddings)' })
  @ApiZodQuery(searchQuerySchema)
  async search(@Query(new ZodValidationPipe(searchQuerySchema)) query: z.infer<typeof searchQuerySchema>): Promise<{ hits: SearchHit[] }> {
    return { hits: await this.kb.search(query.q, query.k) };
  }

  @Roles('admin')
  @Post('import')
  @HttpCode(200)
  @ApiOperation({
    summary: `Bulk import (≤ ${MAX_IMPORT_ARTICLES} articles); matched by slug: new ones created, changed ones updated and re-embedded`,
    description:
      'Body as text/markdown (each "# Title" starts an article; optional <!-- intent: x -->, <!-- category: y -->, <!-- slug: z --> lines under it), ' +
      'text/csv (header with title, body and optional intent, category, slug) or application/json (an array of {title, body, intent?, category?, slug?}).',
  })
  @ApiBody({ schema: { type: 'string' } })
  async import(
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @Query(new ZodValidationPipe(importQuerySchema)) query: z.infer<typeof importQuerySchema>,
  ): Promise<ImportResult> {
    const format = importFormat(query.format, contentType);
    let rows: ImportRow[];
    if (format === 'json') {
      let value = body;
      if (typeof body === 'string') {
        try {
          value = JSON.parse(body);
        } catch (error) {
          throw new ApiError(400, 'invalid_json', `the body is not valid JSON: ${(error as Error).message}`);
        }
      }
      rows = parseJsonArticles(value);
    } else {
      if (typeof body !== 'string')
        throw new ApiError(415, 'unsupported_media_type', `a ${format} import must be sent as text/${format === 'csv' ? 'csv' : 'markdown'}`);
      rows = format === 'csv' ? parseCsvArticles(body) : parseMarkdownArticles(body);
    }
    if (rows.length === 0) throw new ApiError(422, 'invalid_import', 'the import holds no articles');
    if (rows.length > MAX_IMPORT_ARTICLES)
      throw new ApiError(413, 'too_large', `an import may hold at most ${MAX_IMPORT_ARTICLES} articles, got ${rows.length}: split it into several imports`);
    return this.kb.import(validateImportRows(rows, (v) => articleInputSchema.safeParse(v)));
  }

  @Roles('viewer')
  @Get(':id')
  @ApiOperation({ summary: 'One article with its passages' })
  get(@Param(new ZodValidationPipe(idSchema)) params: { id: string }): Promise<ArticleWithChunks> {
    return this.kb.get(params.id);
  }

  @Roles('admin')
  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create an article (chunked and embedded before it is stored; 409 when the slug exists)' })
  @ApiZodBody(articleInputSchema)
  create(@Body(new ZodValidationPipe(articleInputSchema)) body: ArticleInput): Promise<ArticleWithChunks> {
    return this.kb.create(body);
  }

  @Roles('admin')
  @Put(':id')
  @ApiOperation({ summary: 'Edit an article (any fields); a changed title or body is re-chunked and re-embedded' })
  @ApiZodBody(articlePatchSchema)
  update(
    @Param(new ZodValidationPipe(idSchema)) params: { id: string },
    @Body(new ZodValidationPipe(articlePatchSchema)) body: ArticlePatch,
  ): Promise<ArticleWithChunks> {
    return this.kb.update(params.id, body);
  }

  @Roles('admin')
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an article and its passages' })
  async delete(@Param(new ZodValidationPipe(idSchema)) params: { id: string }): Promise<void> {
    await this.kb.delete(params.id);
  }
}
