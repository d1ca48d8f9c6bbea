import type { LoggerService } from '@nestjs/common';
import type { FastifyBaseLogger } from 'fastify';

const NOISY_CONTEXTS = new Set(['RoutesResolver', 'RouterExplorer', 'InstanceLoader']);

/** Routes Nest's own logs into Fastify's pino logger: one structured JSON log stream. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: FastifyBaseLogger) {}

  private write(level: 'info' | 'warn' | 'error' | 'debug' | 'trace', message: unknown, params: unknown[]): void {
    const context = typeof params[params.length - 1] === 'string' ? (params[params.length - 1] as string) : undefined;
    if (message && typeof message === 'object') this.pino[level]({ context, ...(message as object) });
    else this.pino[level]({ context }, String(message));
  }

  log(message: unknown, ...params: unknown[]): void {
    // Nest's start-up chatter (one line per route and module) is debug detail, not operations news.
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
