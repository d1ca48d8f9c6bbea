import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { GatewayModule } from './app.module';
import type { GatewayConfig } from './config/gateway-config';
import { ModelService } from './models/model.service';
import { rawImageBodies } from './http/raw-image-body';
import { GatewayMetrics } from './observability/gateway-metrics';
import { PinoNestLogger } from '@matrix/service-logging';

function modelLabel(request: FastifyRequest): string {
  if (request.modelForMetrics) return request.modelForMetrics;
  const params = request.params as Record<string, string> | undefined;
  const body = request.body as { model?: unknown } | undefined;
  if (params?.name) return params.name;
  if (body && typeof body === 'object' && !Buffer.isBuffer(body) && typeof body.model === 'string') return body.model;
  return '-';
}

/**
 * Builds the gateway on Fastify: pino request logs with request ids, body limits, raw image bodies,
 * request metrics, OpenAPI docs at /docs, and graceful shutdown hooks. Not yet listening.
 */
export async function createGateway(config: GatewayConfig, metrics = new GatewayMetrics()): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.maxBodyBytes,
    // Route values longer than the 128-character id/version limit still reach its check (400 saying why), not Fastify's bare 414.
    // Under routerOptions: at the top level Fastify 5 warns FSTDEP022 (removed in Fastify 6).
    routerOptions: { maxParamLength: 1024 },
    logger: {
      level: config.logLevel,
      ...(config.logPretty ? { transport: { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss' } } } : {}),
    },
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    // Requests are drained before the server closes (ModelService.beforeApplicationShutdown); what is
    // left then are idle keep-alive sockets, which must not hold the exit for keepAliveTimeout.
    forceCloseConnections: true,
  });
  const fastify = adapter.getInstance();
  // Raw image bodies (one image per request) arrive as Buffers, in reused buffers; the type is then checked by magic bytes.
  rawImageBodies(fastify, /^(image\/[\w.+-]+|application\/octet-stream)$/, config.maxBodyBytes);
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const model = modelLabel(request);
    metrics.requests.inc({ model, route, code: String(reply.statusCode) });
    metrics.requestDuration.observe({ model, route }, reply.elapsedTime / 1000);
  });

  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.forConfig(config, metrics), adapter, {
    logger: new PinoNestLogger(fastify.log),
    bufferLogs: false,
  });
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('AI Product Matrix — inference gateway')
      .setDescription('Open Inference Protocol (KServe v2), model control, and task routes for the products')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { swaggerUiEnabled: false, jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}

/** Waits until start-up model loading has finished (tests and benchmarks). */
export async function whenModelsLoaded(app: NestFastifyApplication): Promise<void> {
  await app.get(ModelService).whenStarted();
}
