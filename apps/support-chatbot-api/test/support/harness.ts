import { createServer, connect, type Server, type Socket } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createProductApp } from '@matrix/product-server';
import { CHATBOT_APP_OPTIONS } from '../../src/app-options';
import { SupportChatbotModule, type SupportChatbotModuleOptions } from '../../src/support-chatbot.module';

export interface RunningApi {
  app: NestFastifyApplication;
  url: string;
  close(): Promise<void>;
}

/** The chatbot API in this process on a random port (as main.ts builds it, with the test's env). */
export async function startApi(env: Record<string, string>, options: SupportChatbotModuleOptions = {}): Promise<RunningApi> {
  const app = await createProductApp(SupportChatbotModule.forRoot(options), { ...CHATBOT_APP_OPTIONS, env: { LOG_LEVEL: 'warn', ...env } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

/**
 * A TCP relay in front of the gateway that can be "unplugged": while down it drops every
 * connection, as a gateway that is restarting or unreachable does. Lets a test take the gateway
 * away from the API and bring it back without restarting either.
 */
export class Unpluggable {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  down = false;

  constructor(private readonly target: URL) {}

  async start(): Promise<string> {
    this.server = createServer((client) => {
      if (this.down) {
        client.destroy();
        return;
      }
      const upstream = connect(Number(this.target.port), this.target.hostname);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as { port: number };
    return `http://127.0.0.1:${port}`;
  }

  unplug(): void {
    this.down = true;
    for (const s of this.sockets) s.destroy();
  }

  plugIn(): void {
    this.down = false;
  }

  async stop(): Promise<void> {
    this.unplug();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** Polls `probe` until it returns a value (not undefined), or fails after `timeoutMs` with `what`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions walk arbitrary response JSON
export type Json = any;

export async function call(method: string, url: string, body?: unknown, contentType = 'application/json'): Promise<{ status: number; body: Json; headers: Headers }> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': contentType },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: Json;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: response.status, body: parsed, headers: response.headers };
}
