import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, ApiZodQuery, paginationShape, parseWith, toPage, ZodValidationPipe, type Page, Roles } from '@matrix/product-server';
import { z } from 'zod';
import { externalId, userSchema } from './catalog-schemas';
import { CatalogStore } from './catalog-store';
import type { UserView } from './catalog-views';

const listQuerySchema = z.object({ q: z.string().trim().min(1).max(128).optional().describe('id starts with'), ...paginationShape() });
const idParams = z.object({ id: externalId('id') });

@ApiTags('users')
@Controller('api/users')
export class UsersController {
  constructor(private readonly catalog: CatalogStore) {}

  @Roles('analyst')
  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Create or update a user {id, attributes?} (users are also created by their first event)' })
  @ApiZodBody(userSchema)
  async upsert(@Body() body: unknown): Promise<UserView> {
    const user = parseWith(userSchema, body);
    await this.catalog.upsertUsers([user]);
    return this.catalog.user(user.id);
  }

  @Roles('viewer')
  @Get()
  @ApiOperation({ summary: 'Users by id (q: id prefix) with their interaction counts; paginated' })
  @ApiZodQuery(listQuerySchema)
  async list(@Query(new ZodValidationPipe(listQuerySchema)) query: z.infer<typeof listQuerySchema>): Promise<Page<UserView>> {
    const { page, pageSize, q } = query;
    const { items, total } = await this.catalog.users(q, { page, pageSize });
    return toPage(items, total, { page, pageSize });
  }

  @Roles('viewer')
  @Get(':id')
  @ApiOperation({ summary: 'One user' })
  user(@Param(new ZodValidationPipe(idParams)) params: { id: string }): Promise<UserView> {
    return this.catalog.user(params.id);
  }
}
