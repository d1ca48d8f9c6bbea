import { Body, Controller, Headers, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiError, ApiZodQuery, ZodValidationPipe, Roles } from '@matrix/product-server';
import { z } from 'zod';
import { itemSchema } from '../catalog/catalog-schemas';
import { CatalogStore } from '../catalog/catalog-store';
import { RECOMMENDER_CONFIG, type RecommenderConfig } from '../config/recommender-config';
import { EventIngest, issuesText, type IngestReport, type RejectedRow } from '../events/event-ingest';
import { interactionsFromCsv, interactionsFromMovieLens, itemsFromCsv, itemsFromMovieLens, type ParsedImport } from './import-parsers';

const formatQuery = z.object({ format: z.enum(['csv', 'movielens'], { message: 'format must be csv or movielens' }).default('csv') });
type FormatQuery = z.infer<typeof formatQuery>;

@ApiTags('imports')
@Controller('api/imports')
export class ImportsController {
  constructor(
    private readonly ingest: EventIngest,
    private readonly catalog: CatalogStore,
    @Inject(RECOMMENDER_CONFIG) private readonly config: RecommenderConfig,
  ) {}

  private parse(body: unknown, contentType: string | undefined, parser: (text: string) => ParsedImport): ParsedImport {
    if (typeof body !== 'string') {
      throw new ApiError(
        415,
        'unsupported_media_type',
        `send the file itself as the body with Content-Type text/csv, text/plain or text/tab-separated-values (got '${contentType ?? 'none'}')`,
      );
    }
    let parsed: ParsedImport;
    try {
      parsed = parser(body);
    } catch (error) {
      throw new ApiError(400, 'invalid_file', (error as Error).message);
    }
    const rows = parsed.rows.length + parsed.rejected.length;
    if (rows === 0) throw new ApiError(400, 'empty_file', 'the file has no data rows');
    if (rows > this.config.maxImportRows)
      throw new ApiError(413, 'too_many_rows', `the file has ${rows} rows; at most ${this.config.maxImportRows} per import (RECOMMENDER_MAX_IMPORT_ROWS)`);
    return parsed;
  }

  @Roles('analyst')
  @Post('interactions')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Bulk events: CSV (header id?,userId,itemId,type,value?,timestamp?) or MovieLens u.data (?format=movielens). ' +
      'Good rows are stored in short transactions of 1,000 (a failed import deletes what it wrote); bad rows are listed in `rejected` with the reason; ids already stored count as duplicates.',
  })
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiZodQuery(formatQuery)
  interactions(
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @Query(new ZodValidationPipe(formatQuery)) query: FormatQuery,
  ): Promise<IngestReport> {
    const parsed = this.parse(body, contentType, query.format === 'movielens' ? interactionsFromMovieLens : interactionsFromCsv);
    return this.ingest.ingest(parsed.rows, parsed.rejected);
  }

  @Roles('analyst')
  @Post('items')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Bulk items (upsert): CSV (header id,title,description?,categories? with "|" between categories) or MovieLens u.item as UTF-8 (?format=movielens)',
  })
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiZodQuery(formatQuery)
  async items(
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @Query(new ZodValidationPipe(formatQuery)) query: FormatQuery,
  ): Promise<IngestReport> {
    const parsed = this.parse(body, contentType, query.format === 'movielens' ? itemsFromMovieLens : itemsFromCsv);
    const rejected: RejectedRow[] = [...parsed.rejected];
    const items = new Map<string, z.infer<typeof itemSchema>>();
    for (const { row, value } of parsed.rows) {
      const item = itemSchema.safeParse(value);
      if (item.success) items.set(item.data.id, item.data);
      else rejected.push({ row, reason: issuesText(item.error) });
    }
    const accepted = await this.catalog.upsertItems([...items.values()]);
    rejected.sort((a, b) => a.row - b.row);
    return {
      received: parsed.rows.length + parsed.rejected.length,
      accepted,
      duplicates: parsed.rows.length - rejected.length + parsed.rejected.length - accepted,
      rejectedCount: rejected.length,
      rejected: rejected.slice(0, 1000),
    };
  }
}
