import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, ApiZodQuery, paginationShape, toPage, ZodValidationPipe, type Page } from '@matrix/product-server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { TAG_FEATURES } from '../config/image-tagger-config';
import { idSchema } from '../images/query-schemas';
import { JOB_SCOPES, type TaggingJobView } from './tagging-job';
import { JobsService, MAX_JOB_IMAGES } from './jobs.service';

const createSchema = z.strictObject({
  scope: z.enum(JOB_SCOPES, { message: `scope must be one of ${JOB_SCOPES.join(', ')}` }),
  ids: z.array(z.string().min(1).max(100)).max(MAX_JOB_IMAGES).optional(),
  collection: z.string().trim().min(1).max(100).optional(),
  features: z.array(z.enum(TAG_FEATURES, { message: `features are ${TAG_FEATURES.join(', ')}` })).min(1).optional(),
  vocabulary: z.string().trim().min(1).max(100).optional(),
});
const pageSchema = z.object(paginationShape({ defaultPageSize: 20, maxPageSize: 100 }));
const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);
const EVENT_POLL_MS = 500;

@ApiTags('jobs')
@Controller('api/jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Start a bulk tagging job: scope untagged | stale (another classifier version) | all | collection | ids; features; vocabulary' })
  @ApiZodBody(createSchema)
  create(@Body(new ZodValidationPipe(createSchema)) body: z.infer<typeof createSchema>): Promise<TaggingJobView> {
    return this.jobs.create(body);
  }

  @Get()
  @ApiOperation({ summary: 'Tagging jobs, newest first; paginated' })
  @ApiZodQuery(pageSchema)
  async list(@Query(new ZodValidationPipe(pageSchema)) query: z.infer<typeof pageSchema>): Promise<Page<TaggingJobView>> {
    const { items, total } = await this.jobs.page(query);
    return toPage(items, total, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One job: status, progress 0..1, done/total, result {tagged, failed}, error' })
  get(@Param(new ZodValidationPipe(idSchema)) params: { id: string }): Promise<TaggingJobView> {
    return this.jobs.get(params.id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a queued or running job (after its current chunk)' })
  cancel(@Param(new ZodValidationPipe(idSchema)) params: { id: string }): Promise<TaggingJobView> {
    return this.jobs.cancel(params.id);
  }

  @Get(':id/events')
  @ApiOperation({ summary: 'Server-sent events: a "progress" event with the job whenever it changes, then "done" when it finishes' })
  async events(@Param(new ZodValidationPipe(idSchema)) params: { id: string }, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    let job = await this.jobs.get(params.id); // 404 before the stream starts
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-request-id': String(request.id) });
    let open = true;
    request.raw.on('close', () => (open = false));
    let last = '';
    while (open) {
      const text = JSON.stringify(job);
      if (text !== last) {
        raw.write(`event: progress\ndata: ${text}\n\n`);
        last = text;
      }
      if (FINISHED.has(job.status)) {
        raw.write(`event: done\ndata: ${text}\n\n`);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, EVENT_POLL_MS));
      job = await this.jobs.get(params.id).catch(() => job);
    }
    raw.end();
  }
}
