import type { LoggerService } from '@nestjs/common';
import type { FastifyBaseLogger } from 'fastify';

const NOISY_CONTEXTS = new Set(['RoutesResolver', 'RouterExplorer', 'InstanceLoader', 'NestFactory', 'NestApplication']);

/** Routes Nest's own logs into Fastify's pino logger: one structured JSON log stream per service. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: FastifyBaseLogger) {}

  private write(level: 'info' | 'warn' | 'error' | 'debug' | 'trace', message: unknown, params: unknown[]): void {
    const last = params[params.length - 1];
    const context = typeof last === 'string' ? last : undefined;
    if (message && typeof message === 'object') this.pino[level]({ context, ...(message as object) });
    else this.pino[level]({ context }, String(message));
  }

  log(message: unknown, ...params: unknown[]): void {
    // Start-up chatter (a line per route and module) is debug detail, not operations news.
    const context = params[params.length - 1];
    this.write(typeof context === 'string' && NOISY_CONTEXTS.has(context) ? 'debug' : 'info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
}
