import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiError, ApiZodQuery, idempotencyKeyFrom, sendDownload, ZodValidationPipe, Roles } from '@matrix/product-server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AnalysisStore } from '../analyses/analysis-store';
import { toJobView, type CsvJobView } from './csv-job';
import { jobResultRows, resultsAsCsv, resultsAsJson } from './job-results';
import { UploadService } from './upload.service';

const booleanParam = (name: string) =>
  z
    .string()
    .transform((value) => value.trim().toLowerCase())
    .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no'], { message: `${name} must be true or false` }))
    .transform((value) => ['true', '1', 'yes'].includes(value));

const uploadQuerySchema = z.object({
  column: z.string().trim().min(1).max(200).optional().describe('Header name (or 1-based position) of the text column; optional when obvious'),
  hasHeader: booleanParam('hasHeader').default(true).describe('Whether the first row holds column names (default true)'),
  filename: z.string().trim().min(1).max(255).optional(),
  source: z.string().trim().min(1).max(100).optional().describe('Source stored on every analysis (default "csv")'),
  aspects: booleanParam('aspects')
    .default(false)
    .describe("Also find each row's aspects and the sentiment toward each: stored, and an `aspects` column in the results (default false)"),
});
const resultsQuerySchema = z.object({ format: z.enum(['csv', 'json'], { message: 'format must be csv or json' }).default('csv') });
const idSchema = z.object({ id: z.string().min(1).max(100) });

@ApiTags('uploads')
@Controller('api')
export class UploadsController {
  constructor(
    private readonly uploads: UploadService,
    private readonly store: AnalysisStore,
  ) {}

  @Roles('analyst')
  @Post('uploads')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Upload a CSV (Content-Type: text/csv, ≤ 5 MiB) to analyse one column in the background; answers the job. With an Idempotency-Key header, ' +
      'a resubmission with the same key answers the existing job (200, Idempotent-Replayed: true) instead of starting a second one',
  })
  @ApiBody({ schema: { type: 'string', format: 'binary' }, description: 'The CSV file itself as the request body' })
  @ApiZodQuery(uploadQuerySchema)
  async upload(
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @Query(new ZodValidationPipe(uploadQuerySchema)) query: z.infer<typeof uploadQuerySchema>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ job: CsvJobView }> {
    const idempotencyKey = idempotencyKeyFrom(request.headers);
    if (typeof body !== 'string') {
      throw new ApiError(
        415,
        'unsupported_media_type',
        `send the CSV file itself as the request body with Content-Type: text/csv (got '${contentType ?? 'none'}')`,
      );
    }
    const { job, created } = await this.uploads.create({ csv: body, ...query, idempotencyKey });
    if (!created) reply.status(200).header('idempotent-replayed', 'true');
    return { job };
  }

  @Roles('analyst')
  @Get('jobs/:id/results')
  @ApiOperation({ summary: 'Download a finished job’s results, one line per CSV data row (analysed, rejected or not analysed)' })
  @ApiZodQuery(resultsQuerySchema)
  async results(
    @Param(new ZodValidationPipe(idSchema)) params: { id: string },
    @Query(new ZodValidationPipe(resultsQuerySchema)) query: z.infer<typeof resultsQuerySchema>,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const job = toJobView(await this.uploads.job(params.id));
    if (job.status === 'queued' || job.status === 'running') {
      throw new ApiError(
        409,
        'job_not_finished',
        `job ${job.id} is ${job.status} (${Math.round(job.progress * 100)}% done); its results are ready when it has finished`,
        { status: job.status, progress: job.progress },
        { 'retry-after': '2' },
      );
    }
    const input = await this.uploads.input(job.id);
    const rows = jobResultRows(input, this.store.jobRows(job.id));
    const base = `sentiment-job-${job.id}`;
    return query.format === 'json'
      ? sendDownload(reply, { filename: `${base}.json`, contentType: 'application/json; charset=utf-8', chunks: resultsAsJson(job, rows) })
      : sendDownload(reply, { filename: `${base}.csv`, contentType: 'text/csv; charset=utf-8', chunks: resultsAsCsv(rows, { aspects: input.aspects }) });
  }
}
