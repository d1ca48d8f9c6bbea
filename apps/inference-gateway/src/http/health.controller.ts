import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access } from '../auth/route-access';
import { ModelService } from '../models/model.service';

/** Open Inference Protocol server health and metadata. */
@ApiTags('health')
@Access('public')
@Controller('v2')
export class HealthController {
  constructor(private readonly models: ModelService) {}

  @Get()
  @ApiOperation({ summary: 'Server metadata (name, version, protocol extensions)' })
  metadata() {
    return { name: 'matrix-inference-gateway', version: '0.1.0', extensions: ['model_repository', 'model_control', 'task_routes'] };
  }

  @Get('health/live')
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness: the process answers' })
  live() {
    return { live: true };
  }

  /**
   * Readiness: start-up loading has finished and at least one model serves. A model that failed is
   * listed with its reason but does not hold the server back (the others keep serving).
   */
  @Get('health/ready')
  @ApiOperation({ summary: 'Readiness: start-up model loading finished and models are serving' })
  ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const index = this.models.index();
    const ready = index.filter((m) => m.state === 'READY').map((m) => m.id);
    const failed = index.filter((m) => m.state === 'FAILED').map((m) => ({ model: m.id, reason: m.reason?.message }));
    // Draining for shutdown: not ready, so load balancers stop sending new work.
    const isReady = this.models.started && !this.models.isShuttingDown && ready.length > 0;
    void reply.status(isReady ? 200 : 503);
    return { ready: isReady, loading: !this.models.started, models_ready: ready, models_failed: failed };
  }
}
