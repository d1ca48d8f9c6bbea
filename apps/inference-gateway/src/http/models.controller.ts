import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Access } from '../auth/route-access';
import { InferenceService } from '../inference/inference.service';
import { requestOptions } from '../inference/request-options';
import { modelRef } from '../models/model-ref';
import { ModelService, ModelView } from '../models/model.service';
import { oipDatatypeOf } from '../protocol/oip-convert';
import { oipInferRequestSchema } from '../protocol/oip-tensor';
import { parseBody } from './zod-body';

/** Open Inference Protocol (KServe v2) model routes, as Triton and KServe serve them. */
@ApiTags('open inference protocol')
@Access('infer')
@Controller('v2/models')
export class ModelsController {
  constructor(
    private readonly models: ModelService,
    private readonly inference: InferenceService,
  ) {}

  private async metadata(id: string, version?: string) {
    // Checked first: a malformed id is a 400 saying why, and costs no shared-registry lookup.
    const ref = modelRef(id, version);
    const view: ModelView = await this.models.discoveredStatus(ref.id, ref.version);
    const handle = this.models.residentHandle(view.id, view.version);
    const describe = (t: { name: string; dtype: string; shape: number[] }) => ({ name: t.name, datatype: oipDatatypeOf(t.dtype), shape: t.shape });
    return {
      name: view.id,
      versions: this.models
        .entries()
        .filter((m) => m.id === view.id)
        .map((m) => m.version),
      platform: view.runtime,
      task: view.task,
      state: view.state,
      reason: view.reason,
      device: view.device,
      queue_depth: view.queueDepth,
      in_use: view.inUse,
      inputs: handle?.inputs.map(describe) ?? [],
      outputs: handle?.outputs.map(describe) ?? [],
    };
  }

  @Get(':name')
  @ApiOperation({ summary: 'Model metadata: versions, platform, inputs/outputs, state and device' })
  model(@Param('name') name: string) {
    return this.metadata(name);
  }

  @Get(':name/versions/:version')
  @ApiOperation({ summary: 'Metadata of one model version' })
  modelVersion(@Param('name') name: string, @Param('version') version: string) {
    return this.metadata(name, version);
  }

  @Get(':name/ready')
  @ApiOperation({ summary: 'Model readiness (200 ready, 503 not ready with the reason)' })
  ready(@Param('name') name: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.readiness(name, undefined, reply);
  }

  @Get(':name/versions/:version/ready')
  @ApiOperation({ summary: 'Readiness of one model version' })
  readyVersion(@Param('name') name: string, @Param('version') version: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.readiness(name, version, reply);
  }

  private async readiness(name: string, version: string | undefined, reply: FastifyReply) {
    const ref = modelRef(name, version);
    const view = await this.models.discoveredStatus(ref.id, ref.version);
    const ready = view.state === 'READY';
    void reply.status(ready ? 200 : 503);
    return { name: view.id, version: view.version, ready, state: view.state, reason: view.reason?.message };
  }

  @Post(':name/infer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Inference with named tensors (Open Inference Protocol)' })
  infer(@Param('name') name: string, @Body() body: unknown, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const request = parseBody(oipInferRequestSchema, body);
    return this.inference.inferRaw(name, undefined, request, requestOptions(req, reply, { timeoutMs: this.inference.defaultTimeoutMs }));
  }

  @Post(':name/versions/:version/infer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Inference on one model version' })
  inferVersion(
    @Param('name') name: string,
    @Param('version') version: string,
    @Body() body: unknown,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const request = parseBody(oipInferRequestSchema, body);
    return this.inference.inferRaw(name, version, request, requestOptions(req, reply, { timeoutMs: this.inference.defaultTimeoutMs }));
  }
}
