import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DbClient } from '@matrix/db';
import { ApiError, ApiZodQuery, InjectDb, paginationShape, toPage, toSkipTake, ZodValidationPipe, type Page, Roles } from '@matrix/product-server';
import type { EventView } from '@matrix/recommender-contract';
import { z } from 'zod';
import { externalId } from '../catalog/catalog-schemas';
import { EventIngest, type IngestReport } from './event-ingest';
import { EVENT_TYPES } from './event-schemas';

const listQuerySchema = z.object({
  userId: externalId('userId').optional(),
  itemId: externalId('itemId').optional(),
  type: z.enum(EVENT_TYPES, { message: `type must be one of ${EVENT_TYPES.join(', ')}` }).optional(),
  ...paginationShape(),
});

@ApiTags('events')
@Controller('api/events')
export class EventsController {
  constructor(
    private readonly ingest: EventIngest,
    @InjectDb() private readonly db: DbClient,
  ) {}

  @Roles('analyst')
  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Record one event {id?, userId, itemId, type: rating|view|click|purchase, value? (ratings 1..5), timestamp?} or {events: [...]} (≤ 1,000). ' +
      'Idempotent by id; rows that fail validation are reported in `rejected` and the others stored.',
  })
  async record(@Body() body: unknown): Promise<IngestReport> {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new ApiError(422, 'validation_failed', 'send a JSON object: one event, or {"events": [...]}');
    }
    const batch = (body as { events?: unknown }).events;
    if (batch !== undefined) {
      if (!Array.isArray(batch) || batch.length === 0) throw new ApiError(422, 'validation_failed', 'events must be a non-empty array');
      if (batch.length > 1000) throw new ApiError(413, 'too_many_events', 'at most 1000 events per request; use POST /api/imports/interactions for more');
      return this.ingest.ingest(batch.map((value, i) => ({ row: i + 1, value })));
    }
    const report = await this.ingest.ingest([{ row: 1, value: body }]);
    // A single event that is refused is a client error, not a 200 with a report.
    if (report.rejectedCount) throw new ApiError(422, 'validation_failed', report.rejected[0].reason);
    return report;
  }

  @Roles('viewer')
  @Get()
  @ApiOperation({ summary: 'Stored events, newest first; filter by userId, itemId, type; paginated' })
  @ApiZodQuery(listQuerySchema)
  async list(@Query(new ZodValidationPipe(listQuerySchema)) query: z.infer<typeof listQuerySchema>): Promise<Page<EventView>> {
    const { page, pageSize, ...filters } = query;
    const where = { userId: filters.userId, itemId: filters.itemId, type: filters.type };
    const [rows, total] = await Promise.all([
      this.db.recommenderInteraction.findMany({
        where,
        orderBy: [{ occurredAt: 'desc' }, { id: 'asc' }],
        include: { item: { select: { title: true } } },
        ...toSkipTake({ page, pageSize }),
      }),
      this.db.recommenderInteraction.count({ where }),
    ]);
    const items = rows.map((r) => ({
      id: r.id,
      userId: r.userId,
      itemId: r.itemId,
      itemTitle: r.item.title,
      type: r.type,
      value: r.value,
      timestamp: r.occurredAt.toISOString(),
    }));
    return toPage(items, total, { page, pageSize });
  }
}
