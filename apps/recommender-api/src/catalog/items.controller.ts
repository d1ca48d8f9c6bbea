import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, ApiZodQuery, paginationShape, parseWith, toPage, ZodValidationPipe, type Page, Roles } from '@matrix/product-server';
import { z } from 'zod';
import { externalId, itemsBodySchema } from './catalog-schemas';
import { CatalogStore } from './catalog-store';
import type { ItemView } from './catalog-views';

const listQuerySchema = z.object({
  q: z.string().trim().min(1).max(200).optional().describe('title contains'),
  category: z.string().trim().min(1).max(100).optional(),
  ...paginationShape(),
});
const idParams = z.object({ id: externalId('id') });

@ApiTags('items')
@Controller('api')
export class ItemsController {
  constructor(private readonly catalog: CatalogStore) {}

  @Roles('analyst')
  @Post('items')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Create or update one item {id, title, description?, categories?} or {items: [...]} (≤ 1,000), in short transactions of 200 (each item whole; idempotent by id)',
  })
  @ApiZodBody(itemsBodySchema)
  async upsert(@Body() body: unknown): Promise<{ upserted: number }> {
    const input = parseWith(itemsBodySchema, body);
    return { upserted: await this.catalog.upsertItems('items' in input ? input.items : [input]) };
  }

  @Roles('viewer')
  @Get('items')
  @ApiOperation({ summary: 'Items by id; filter by q (title contains) and category; paginated' })
  @ApiZodQuery(listQuerySchema)
  async list(@Query(new ZodValidationPipe(listQuerySchema)) query: z.infer<typeof listQuerySchema>): Promise<Page<ItemView>> {
    const { page, pageSize, ...filters } = query;
    const { items, total } = await this.catalog.items(filters, { page, pageSize });
    return toPage(items, total, { page, pageSize });
  }

  @Roles('viewer')
  @Get('categories')
  @ApiOperation({ summary: 'Every category with its number of items' })
  categories(): Promise<Array<{ category: string; items: number }>> {
    return this.catalog.categories();
  }

  @Roles('viewer')
  @Get('items/:id')
  @ApiOperation({ summary: 'One item with its interaction count' })
  item(@Param(new ZodValidationPipe(idParams)) params: { id: string }): Promise<ItemView> {
    return this.catalog.item(params.id);
  }
}
