import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DynamicModule, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { loadProductConfig, type ProductConfig } from '../config/product-config';
import type { BodyLimits } from '../errors/error-response';
import { ProductExceptionFilter } from '../errors/product-exception.filter';
import { annotateOpenApiAccess, routeAccessReport } from '../auth/access-report';
import { registerStrictJsonParser } from '../http/json-body';
import { CSV_BODY, type RawBodyType, registerRawBodyParsers } from '../http/raw-body';
import { answerAfterUnreadBody } from '../http/unread-body';
import { PinoNestLogger } from '@matrix/service-logging';
import { ProductMetrics } from '../metrics/product-metrics';
import { trustProxyFrom } from '../rate-limit/trust-proxy';
import { ProductCoreModule } from './product-core.module';
import { PRODUCT_CONFIG } from './tokens';

export interface ProductAppOptions {
  /** Service name, e.g. "sentiment-api" (logs, metrics label, OpenAPI title). */
  name: string;
  /** Port when PORT is unset. */
  defaultPort: number;
  /** OpenAPI description and version. */
  description?: string;
  version?: string;
  /** Environment to configure from (default process.env); tests pass their own. */
  env?: NodeJS.ProcessEnv;
  /** Largest JSON body (default 1 MiB); larger ones get 413 before they are parsed. */
  jsonBodyLimitBytes?: number;
  /** Bodies handed to handlers as strings, each with its own limit (default: text/csv up to 5 MiB). */
  rawBodyTypes?: RawBodyType[];
  /** Runs once the app exists, before routes are served: e.g. register a Fastify plugin such as @fastify/multipart. */
  setup?: (app: NestFastifyApplication) => Promise<void> | void;
}

@Module({})
class ProductAppModule {}

/**
 * Builds a product API on Fastify, not yet listening: env config validated with zod (a bad value
 * stops here with every problem listed), pino logs with request ids (x-request-id in and out),
 * JSON and raw text/csv bodies with size limits (strict UTF-8, a 413 answered once the body is
 * read), the error filter ({error, code, details}), Prometheus request metrics, /health/live + /health/ready, /metrics, OpenAPI at
 * /docs/openapi.json, CORS from CORS_ORIGINS, and graceful shutdown on SIGTERM/SIGINT.
 *
 * `rootModule` is the product's module; it can inject PRODUCT_CONFIG, PRODUCT_ENV, DB_CLIENT
 * (@InjectDb), GatewayClient, ProductMetrics and ReadinessRegistry without importing anything.
 */
export async function createProductApp(rootModule: Type<unknown> | DynamicModule, options: ProductAppOptions): Promise<NestFastifyApplication> {
  const env = options.env ?? process.env;
  const config = loadProductConfig({ name: options.name, defaultPort: options.defaultPort }, env);
  const metrics = new ProductMetrics(config.name);
  const rawBodyTypes = options.rawBodyTypes ?? [CSV_BODY];
  const limits: BodyLimits = { jsonBytes: options.jsonBodyLimitBytes ?? 1024 * 1024, raw: rawBodyTypes };

  const adapter = new FastifyAdapter({
    bodyLimit: limits.jsonBytes,
    logger: {
      level: config.logLevel,
      base: { service: config.name },
      ...(config.logPretty ? { transport: { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss' } } } : {}),
    },
    requestIdHeader: 'x-request-id',
    // Whose X-Forwarded-For is believed for request.ip (rate limits per client IP): TRUST_PROXY, default loopback (the product web's proxy).
    trustProxy: trustProxyFrom(env),
    genReqId: () => randomUUID(),
    // On shutdown, requests in flight finish; idle keep-alive sockets are closed so they do not hold the exit.
    forceCloseConnections: 'idle',
  });
  const fastify = adapter.getInstance();
  // Nest's own JSON parser is off (bodyParser: false below): this one decodes UTF-8 strictly.
  registerStrictJsonParser(fastify, limits.jsonBytes);
  registerRawBodyParsers(fastify, rawBodyTypes);
  answerAfterUnreadBody(fastify);
  // Closing: answers still in flight tell the client to close the connection, so no keep-alive
  // socket holds the shutdown until its timeout (idle ones are closed by forceCloseConnections).
  let closing = false;
  fastify.addHook('preClose', async () => {
    closing = true;
  });
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    if (closing) void reply.header('connection', 'close');
  });
  fastify.addHook('onResponse', async (request, reply) => {
    metrics.observe(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
  });

  const appModule: DynamicModule = { module: ProductAppModule, imports: [ProductCoreModule.forRoot({ config, env, metrics }), rootModule] };
  const app = await NestFactory.create<NestFastifyApplication>(appModule, adapter, {
    logger: new PinoNestLogger(fastify.log),
    bufferLogs: false,
    bodyParser: false,
  });
  await options.setup?.(app);
  app.useGlobalFilters(new ProductExceptionFilter(limits));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  if (config.corsOrigins !== false) {
    app.enableCors({ origin: config.corsOrigins, exposedHeaders: ['x-request-id', 'content-disposition', 'retry-after'] });
  }
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(config.name)
      .setDescription(options.description ?? `${config.name} (AI Product Matrix)`)
      .setVersion(options.version ?? '0.1.0')
      .build(),
  );
  // Each operation says who may call it (`x-access`: public, staff role or visitor header), for security-audit and clients.
  annotateOpenApiAccess(document, routeAccessReport(app));
  // @fastify/static is not installed, so no Swagger UI: the JSON document is what tools consume.
  SwaggerModule.setup('docs', app, document, { swaggerUiEnabled: false, jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}

/** The config an app was created with. */
export function productConfigOf(app: NestFastifyApplication): ProductConfig {
  return app.get<ProductConfig>(PRODUCT_CONFIG);
}

/**
 * For a product's main.ts: creates the app, listens on HOST:PORT, logs where; a boot failure
 * (bad env, database unreachable) prints one clear line and exits 1.
 */
export async function runProductApp(rootModule: Type<unknown> | DynamicModule, options: ProductAppOptions): Promise<NestFastifyApplication> {
  try {
    const app = await createProductApp(rootModule, options);
    const config = productConfigOf(app);
    await app.listen({ host: config.host, port: config.port });
    app
      .getHttpAdapter()
      .getInstance()
      .log.info(`${config.name} listening on http://${config.host}:${config.port} (docs: /docs/openapi.json, health: /health/ready, metrics: /metrics)`);
    return app;
  } catch (error) {
    console.error(`${options.name} failed to start: ${(error as Error).message}`);
    process.exit(1);
  }
}
