import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/access';
import { ReadinessRegistry, type ReadinessReport } from './readiness';

/** Liveness and readiness for orchestrators and load balancers. */
// Public: probes (kubelet, load balancers, npm start) call these without credentials; they reveal only up/down and the reasons.
@Public()
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessRegistry) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers (restart it if not)' })
  live(): { live: true } {
    return { live: true };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: database, gateway and the product checks (200, else 503 with the reasons)' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessReport> {
    const report = await this.readiness.report();
    void reply.status(report.ready ? 200 : 503);
    return report;
  }
}
