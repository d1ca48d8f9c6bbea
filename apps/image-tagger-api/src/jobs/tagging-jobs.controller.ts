import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, idempotencyKeyFrom, ZodValidationPipe, Roles } from '@matrix/product-server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { TAG_FEATURES } from '../config/image-tagger-config';
import { JOB_SCOPES, type TaggingJobView } from './tagging-job';
import { JobsService, MAX_JOB_IMAGES } from './jobs.service';

const createSchema = z.strictObject({
  scope: z.enum(JOB_SCOPES, { message: `scope must be one of ${JOB_SCOPES.join(', ')}` }),
  ids: z.array(z.string().min(1).max(100)).max(MAX_JOB_IMAGES).optional(),
  collection: z.string().trim().min(1).max(100).optional(),
  features: z
    .array(z.enum(TAG_FEATURES, { message: `features are ${TAG_FEATURES.join(', ')}` }))
    .min(1)
    .optional(),
  vocabulary: z.string().trim().min(1).max(100).optional(),
});

/** Starts tagging jobs; reading, listing, cancelling and following them is the shared /api/jobs (libs/product-server). */
@ApiTags('jobs')
@Controller('api/jobs')
export class TaggingJobsController {
  constructor(private readonly jobs: JobsService) {}

  @Roles('analyst')
  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Start a bulk tagging job: scope untagged | stale (another classifier version) | all | collection | ids; features; vocabulary. ' +
      'With an Idempotency-Key header, a resubmission answers the job that key started (200, Idempotent-Replayed: true)',
  })
  @ApiZodBody(createSchema)
  async create(
    @Body(new ZodValidationPipe(createSchema)) body: z.infer<typeof createSchema>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TaggingJobView> {
    const { job, created } = await this.jobs.createOnce(body, idempotencyKeyFrom(request.headers));
    if (!created) reply.status(200).header('idempotent-replayed', 'true');
    return job;
  }
}
