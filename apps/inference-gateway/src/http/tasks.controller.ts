import { Body, Controller, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Access } from '../auth/route-access';
import { PRIORITIES } from '../batching/dynamic-batcher';
import { InferenceService } from '../inference/inference.service';
import { requestOptions } from '../inference/request-options';
import {
  classifyRequestSchema,
  embedRequestSchema,
  imagesRequestSchema,
  ImagesRequest,
  rankItemsRequestSchema,
  zeroShotRequestSchema,
} from '../inference/task-schemas';
import { parseBody, requestBodySchema } from './zod-body';

/** Query parameters when the body is one raw image (Content-Type image/* or application/octet-stream). */
const rawImageQuerySchema = z.object({
  model: z.string().min(1).optional(),
  version: z.string().min(1).optional(),
  top_k: z.coerce.number().int().min(1).max(1000).default(5),
  min_score: z.coerce.number().min(0).max(1).default(0.3),
  priority: z.enum(PRIORITIES).optional(),
  timeout_ms: z.coerce.number().int().positive().optional(),
});

/** Task routes the products call through libs/gateway-client. */
@ApiTags('tasks')
@Access('infer')
@Controller('v1')
export class TasksController {
  constructor(private readonly inference: InferenceService) {}

  private options(req: FastifyRequest, reply: FastifyReply, body?: { priority?: 'interactive' | 'bulk'; timeout_ms?: number }) {
    return requestOptions(req, reply, { timeoutMs: this.inference.defaultTimeoutMs }, body);
  }

  @Post('embed')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sentence embeddings: {texts: string[]} → {embeddings: number[][]}' })
  embed(@Body() body: unknown, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const input = parseBody(embedRequestSchema, body);
    return this.inference.embed(input.texts, input.model, input.version, this.options(req, reply, input));
  }

  @Post('classify')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Text classification: {texts, model?} → {model, version, results: label, score and all class scores per text}; ' +
      'with {texts, models: [...]} → {heads: [{model, version, results}]} in the order asked, heads on one embedding model sharing one embedding per text',
  })
  @ApiBody({ schema: requestBodySchema(classifyRequestSchema) })
  classify(@Body() body: unknown, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const input = parseBody(classifyRequestSchema, body);
    const options = this.options(req, reply, input);
    if (input.models) return this.inference.classifyTextsWithHeads(input.texts, input.models, options);
    return this.inference.classifyTexts(input.texts, input.model, input.version, options);
  }

  /** JSON `{images: [base64…]}`, or one raw image as the body with options in the query string. */
  private images(body: unknown, query: unknown, req: FastifyRequest): ImagesRequest {
    if (Buffer.isBuffer(body)) {
      const q = rawImageQuerySchema.parse(query);
      return { ...q, images: [body as Buffer] };
    }
    if (req.headers['content-type']?.startsWith('multipart/')) {
      throw Object.assign(new Error('send JSON {"images": [base64…]} or one raw image body (Content-Type image/*), not multipart'), { statusCode: 415 });
    }
    return parseBody(imagesRequestSchema, body);
  }

  @Post('images/classify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Image classification: top-k labels with probabilities per image' })
  classifyImages(@Body() body: unknown, @Query() query: unknown, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const input = this.images(body, query, req);
    return this.inference.classifyImages(input.images, input.top_k, input.model, input.version, this.options(req, reply, input));
  }

  @Post('images/detect')
  @HttpCode(200)
  @ApiOperation({ summary: 'Object detection: boxes [x, y, w, h] in image pixels, label, score' })
  detect(@Body() body: unknown, @Query() query: unknown, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const input = this.images(body, query, req);
    return this.inference.detect(input.images, input.min_score, input.model, input.version, this.options(req, reply, input));
  }

  @Post('images/zero-shot')
  @HttpCode(200)
  @ApiOperation({ summary: 'Zero-shot image classification against your own labels (needs a CLIP model)' })
  zeroShot(@Body() body: unknown, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const input = parseBody(zeroShotRequestSchema, body);
    return this.inference.zeroShot(input.images, input.labels, input.hypothesis_template, input.model, input.version, this.options(req, reply, input));
  }

  @Post('rank-items')
  @HttpCode(200)
  @ApiOperation({ summary: 'Item ranking: {model, queries: [{vector, exclude?}], top_k} → top-k item indices and scores per query' })
  rankItems(@Body() body: unknown, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const input = parseBody(rankItemsRequestSchema, body);
    return this.inference.rankItems(input.queries, input.top_k, input.model, input.version, this.options(req, reply, input));
  }
}
