import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DbClient } from '@matrix/db';
import {
  ApiError,
  ApiZodBody,
  ApiZodQuery,
  InjectDb,
  paginationShape,
  parseWith,
  ProductJobs,
  toPage,
  ZodValidationPipe,
  type Page,
  Roles,
} from '@matrix/product-server';
import { z } from 'zod';
import { TrainingJobRunner } from './training-job-runner';
import { JOB_KIND, JOB_PRODUCT, toTrainingJobView, type TrainingJobView } from './training-job-view';
import { trainingRequestSchema } from './training-options';

const idParams = z.object({ id: z.string().min(1).max(100) });
const listQuery = z.object(paginationShape());

/** Starts training jobs; the other routes are /api/jobs narrowed to `train` jobs, kept for the web and the bench. */
@ApiTags('training')
@Controller('api/training-jobs')
export class TrainingJobsController {
  constructor(
    private readonly jobs: ProductJobs,
    private readonly runner: TrainingJobRunner,
    @InjectDb() private readonly db: DbClient,
  ) {}

  @Roles('admin')
  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Start training {ranker?: auto|ease|bpr, holdout?: 0..0.5, mfEpochs?, bprEpochs?, easeL2?, activate?}; answers the queued job' })
  @ApiZodBody(trainingRequestSchema)
  async start(@Body() body: unknown): Promise<TrainingJobView> {
    const request = parseWith(trainingRequestSchema, body ?? {});
    const active = await this.db.job.count({ where: { product: JOB_PRODUCT, kind: JOB_KIND, status: { in: ['queued', 'running'] } } });
    if (active >= 3) throw new ApiError(429, 'too_many_jobs', 'three training jobs are already queued or running; wait for one to finish or cancel one');
    const job = await this.db.job.create({ data: { product: JOB_PRODUCT, kind: JOB_KIND, params: JSON.stringify(request) } });
    await this.jobs.enqueue(job.id);
    return toTrainingJobView(job);
  }

  @Roles('viewer')
  @Get()
  @ApiOperation({ summary: 'Training jobs, newest first; paginated (GET /api/jobs?kind=train)' })
  @ApiZodQuery(listQuery)
  async list(@Query(new ZodValidationPipe(listQuery)) query: z.infer<typeof listQuery>): Promise<Page<TrainingJobView>> {
    const { rows, total } = await this.jobs.rows({ ...query, kind: JOB_KIND });
    return toPage(
      rows.map((job) => this.runner.view(job)),
      total,
      query,
    );
  }

  @Roles('viewer')
  @Get(':id')
  @ApiOperation({ summary: 'One training job: status, progress (0..1), current stage, result or error (GET /api/jobs/:id)' })
  async get(@Param(new ZodValidationPipe(idParams)) params: { id: string }): Promise<TrainingJobView> {
    return this.runner.view(await this.jobs.row(params.id, JOB_KIND));
  }

  @Roles('admin')
  @Post(':id/cancel')
  @HttpCode(202)
  @ApiOperation({ summary: 'Cancel a queued or running training job (it stops at the next epoch or stage)' })
  async cancel(@Param(new ZodValidationPipe(idParams)) params: { id: string }): Promise<TrainingJobView> {
    return this.runner.view(await this.jobs.cancel(params.id, JOB_KIND));
  }
}
