import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DbClient } from '@matrix/db';
import { ApiZodQuery, InjectDb, notFound, paginationShape, toPage, toSkipTake, ZodValidationPipe, type Page, Roles } from '@matrix/product-server';
import type { ModelVersionView } from '@matrix/recommender-contract';
import { z } from 'zod';
import { ActiveModelService, type ModelState } from './active-model.service';

const listQuery = z.object(paginationShape());
const versionParams = z.object({
  version: z
    .string()
    // A version also names a folder at the gateway, so never "." or ".." (it must start with a letter, digit or "_").
    .regex(/^\w[\w.-]*$/, 'version is letters, digits, ".", "_" or "-", starting with a letter, digit or "_"')
    .max(100),
});

@ApiTags('models')
@Controller('api/models')
export class ModelsController {
  constructor(
    private readonly models: ActiveModelService,
    @InjectDb() private readonly db: DbClient,
  ) {}

  @Roles('viewer')
  @Get()
  @ApiOperation({ summary: 'Trained versions, newest first, with counts, hold-out metrics and training seconds; paginated' })
  @ApiZodQuery(listQuery)
  async list(@Query(new ZodValidationPipe(listQuery)) query: z.infer<typeof listQuery>): Promise<Page<ModelVersionView>> {
    const [rows, total] = await Promise.all([
      this.db.recommenderModelVersion.findMany({ orderBy: { createdAt: 'desc' }, ...toSkipTake(query) }),
      this.db.recommenderModelVersion.count(),
    ]);
    const items = rows.map((r) => ({
      version: r.version,
      ranker: r.ranker,
      active: r.active,
      jobId: r.jobId,
      counts: JSON.parse(r.counts) as Record<string, number>,
      metrics: JSON.parse(r.metrics) as Record<string, unknown>,
      params: JSON.parse(r.params) as Record<string, unknown>,
      createdAt: r.createdAt.toISOString(),
    }));
    return toPage(items, total, query);
  }

  @Roles('viewer')
  @Get('active')
  @ApiOperation({ summary: 'The served version and whether the gateway serves its ranker (with the reason when not)' })
  active(): ModelState {
    return this.models.status();
  }

  @Roles('admin')
  @Post(':version/activate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Serve another trained version (roll back or forward); registers its ranker with the gateway' })
  async activate(@Param(new ZodValidationPipe(versionParams)) params: { version: string }): Promise<ModelState> {
    const row = await this.db.recommenderModelVersion.findUnique({ where: { version: params.version } });
    if (!row) throw notFound('model version', params.version);
    return this.models.activate(params.version);
  }
}
