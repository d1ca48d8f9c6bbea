import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/route-access';
import { modelRef } from '../models/model-ref';
import { loadRequestSchema } from '../models/model-registration';
import { ModelService } from '../models/model.service';
import { parseBody } from './zod-body';

/** Listings reflect the shared model registry as of at most this long ago (a product asking whether its model is served sees registrations made on any replica). */
const LISTING_MAX_AGE_MS = 250;

/** Model control at run time, as Triton's model repository extension. */
@ApiTags('model control')
@Controller()
export class RepositoryController {
  constructor(private readonly models: ModelService) {}

  @Post('v2/repository/index')
  @Access('key')
  @HttpCode(200)
  @ApiOperation({ summary: 'Every model in the manifest with its state (Triton repository index)' })
  async index() {
    await this.models.refreshRegistry(LISTING_MAX_AGE_MS);
    return this.models.index().map((m) => ({ name: m.id, version: m.version, state: m.state, reason: m.reason?.message ?? '' }));
  }

  @Get('v1/models')
  @Access('key')
  @ApiOperation({ summary: 'Every model with state, device, task, load timings, queue depth and users' })
  async list() {
    await this.models.refreshRegistry(LISTING_MAX_AGE_MS);
    return { models: this.models.index() };
  }

  @Post('v2/repository/models/:name/load')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Load a model (newest version); with {"parameters": {"config": {...}, "file:<path>": base64}} register it first (Triton load-with-config)',
  })
  @Access('admin')
  load(@Param('name') name: string, @Body() body: unknown) {
    const { id } = modelRef(name);
    const request = body && typeof body === 'object' && Object.keys(body).length ? parseBody(loadRequestSchema, body) : {};
    return request.parameters ? this.models.register(id, request.parameters) : this.models.controlLoad(id);
  }

  @Post('v2/repository/models/:name/versions/:version/load')
  @HttpCode(200)
  @ApiOperation({ summary: 'Load one model version' })
  @Access('admin')
  loadVersion(@Param('name') name: string, @Param('version') version: string) {
    const ref = modelRef(name, version);
    return this.models.controlLoad(ref.id, ref.version);
  }

  @Post('v2/repository/models/:name/unload')
  @HttpCode(200)
  @ApiOperation({ summary: 'Unload a model once its queued and running requests finish' })
  @Access('admin')
  unload(@Param('name') name: string) {
    return this.models.controlUnload(modelRef(name).id);
  }

  @Post('v2/repository/models/:name/versions/:version/unload')
  @HttpCode(200)
  @ApiOperation({ summary: 'Unload one model version' })
  @Access('admin')
  unloadVersion(@Param('name') name: string, @Param('version') version: string) {
    const ref = modelRef(name, version);
    return this.models.controlUnload(ref.id, ref.version);
  }
}
