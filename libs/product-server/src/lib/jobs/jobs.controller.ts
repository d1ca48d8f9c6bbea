import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { isFinishedJob, JOB_STATUSES, type JobView, type Page } from '@matrix/product-contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Roles } from '../auth/access';
import { paginationShape } from '../pagination/pagination';
import { ApiZodQuery } from '../validation/openapi-zod';
import { ZodValidationPipe } from '../validation/zod-validation';
import { ProductJobs } from './product-jobs.service';

const idSchema = z.object({ id: z.string().min(1).max(100) });
const listSchema = z.object({
  kind: z.string().trim().min(1).max(100).optional().describe('Only jobs of this kind'),
  status: z.enum(JOB_STATUSES, { message: `status must be one of ${JOB_STATUSES.join(', ')}` }).optional(),
  ...paginationShape(),
});

/**
 * Every product API's jobs at /api/jobs (whatever kinds it runs): list, one job, cancel, and its progress as
 * server-sent events. Creating a job is the product's own route (it knows the job's input).
 */
@ApiTags('jobs')
@Controller('api/jobs')
export class JobsController {
  constructor(private readonly jobs: ProductJobs) {}

  @Get()
  @Roles('viewer')
  @ApiOperation({ summary: 'The product’s jobs, newest first; filter by kind and status; paginated' })
  @ApiZodQuery(listSchema)
  list(@Query(new ZodValidationPipe(listSchema)) query: z.infer<typeof listSchema>): Promise<Page<JobView>> {
    return this.jobs.page(query);
  }

  @Get(':id')
  @Roles('viewer')
  @ApiOperation({ summary: 'One job: status, progress 0..1, done/total, result, error, and the fields of its kind' })
  get(@Param(new ZodValidationPipe(idSchema)) params: { id: string }): Promise<JobView> {
    return this.jobs.get(params.id);
  }

  @Post(':id/cancel')
  @Roles('analyst')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a queued or running job (a running one stops at its next step); 409 once finished' })
  async cancel(@Param(new ZodValidationPipe(idSchema)) params: { id: string }): Promise<JobView> {
    return this.jobs.view(await this.jobs.cancel(params.id));
  }

  @Post(':id/retry')
  @Roles('analyst')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run a failed or cancelled job again for the work it has not done (rows already done are kept, not redone); 409 otherwise' })
  async retry(@Param(new ZodValidationPipe(idSchema)) params: { id: string }): Promise<JobView> {
    return this.jobs.view(await this.jobs.retry(params.id));
  }

  @Get(':id/events')
  @Roles('viewer')
  @ApiOperation({ summary: 'Server-sent events: a "progress" event with the job whenever it changes, then "done" when it finishes' })
  async events(@Param(new ZodValidationPipe(idSchema)) params: { id: string }, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.jobs.row(params.id); // 404 before the stream starts
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-request-id': String(request.id) });
    const closed = new AbortController();
    raw.on('close', () => closed.abort()); // the client went away (or the stream ended)
    let last: JobView | undefined;
    for await (const job of this.jobs.watch(params.id, closed.signal)) {
      raw.write(`event: progress\ndata: ${JSON.stringify(job)}\n\n`);
      last = job;
    }
    if (last && isFinishedJob(last.status) && !closed.signal.aborted) raw.write(`event: done\ndata: ${JSON.stringify(last)}\n\n`);
    raw.end();
  }
}
