import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DbClient } from '@matrix/db';
import { ApiError, ApiZodBody, ApiZodQuery, InjectDb, notFound, paginationShape, parseWith, toPage, toSkipTake, ZodValidationPipe, type Page } from '@matrix/product-server';
import { z } from 'zod';
import { TrainingJobRunner } from './training-job-runner';
import { JOB_KIND, JOB_PRODUCT, toTrainingJobView, type TrainingJobView } from './training-job-view';
import { trainingRequestSchema } from './training-options';

const idParams = z.object({ id: z.string().min(1).max(100) });
const listQuery = z.object(paginationShape());

@ApiTags('training')
@Controller('api/training-jobs')
export class TrainingJobsController {
  constructor(
    private readonly runner: TrainingJobRunner,
    @InjectDb() private readonly db: DbClient,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Start training {ranker?: auto|ease|bpr, holdout?: 0..0.5, mfEpochs?, bprEpochs?, easeL2?, activate?}; answers the queued job' })
  @ApiZodBody(trainingRequestSchema)
  async start(@Body() body: unknown): Promise<TrainingJobView> {
    const request = parseWith(trainingRequestSchema, body ?? {});
    const active = await this.db.job.count({ where: { product: JOB_PRODUCT, kind: JOB_KIND, status: { in: ['queued', 'running'] } } });
    if (active >= 3) throw new ApiError(429, 'too_many_jobs', 'three training jobs are already queued or running; wait for one to finish or cancel one');
    const job = await this.db.job.create({ data: { product: JOB_PRODUCT, kind: JOB_KIND, params: JSON.stringify(request) } });
    await this.runner.enqueue(job.id);
    return toTrainingJobView(job);
  }

  @Get()
  @ApiOperation({ summary: 'Training jobs, newest first; paginated' })
  @ApiZodQuery(listQuery)
  async list(@Query(new ZodValidationPipe(listQuery)) query: z.infer<typeof listQuery>): Promise<Page<TrainingJobView>> {
    const where = { product: JOB_PRODUCT, kind: JOB_KIND };
    const [jobs, total] = await Promise.all([this.db.job.findMany({ where, orderBy: { createdAt: 'desc' }, ...toSkipTake(query) }), this.db.job.count({ where })]);
    return toPage(jobs.map((job) => toTrainingJobView(job, this.runner.liveProgress(job.id))), total, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One training job: status, progress (0..1), current stage, result or error' })
  async get(@Param(new ZodValidationPipe(idParams)) params: { id: string }): Promise<TrainingJobView> {
    const job = await this.db.job.findFirst({ where: { id: params.id, product: JOB_PRODUCT, kind: JOB_KIND } });
    if (!job) throw notFound('training job', params.id);
    return toTrainingJobView(job, this.runner.liveProgress(job.id));
  }

  @Post(':id/cancel')
  @HttpCode(202)
  @ApiOperation({ summary: 'Cancel a queued or running training job (it stops at the next epoch or stage)' })
  async cancel(@Param(new ZodValidationPipe(idParams)) params: { id: string }): Promise<TrainingJobView> {
    const job = await this.db.job.findFirst({ where: { id: params.id, product: JOB_PRODUCT, kind: JOB_KIND } });
    if (!job) throw notFound('training job', params.id);
    if (!(await this.runner.cancel(job.id))) throw new ApiError(409, 'job_finished', `training job '${job.id}' has already finished (${job.status})`);
    return toTrainingJobView((await this.db.job.findUnique({ where: { id: job.id } }))!, this.runner.liveProgress(job.id));
  }
}
