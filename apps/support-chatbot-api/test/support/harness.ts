import { createServer, connect, type Server, type Socket } from 'node:net';
import { listenOnRandomPort, type HttpReply, type Json, type RunningApi } from '@matrix/dev-harness';
import { createProductApp } from '@matrix/product-server';
import { CHATBOT_APP_OPTIONS } from '../../src/app-options';
import { SupportChatbotModule, type SupportChatbotModuleOptions } from '../../src/support-chatbot.module';

export { call, waitFor, type Json, type RunningApi } from '@matrix/dev-harness';

/**
 * A chat visitor's request: `call()` plus the conversation's token in `x-conversation-token`
 * (omitted when `token` is undefined). Replies read as `call()`'s do.
 */
export async function visitorCall(method: string, url: string, token: string | undefined, body?: unknown): Promise<HttpReply> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token !== undefined) headers['x-conversation-token'] = token;
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let parsed: Json;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed, text, bytes: Buffer.from(text, 'utf8'), headers: response.headers };
}

/** The chatbot API in this process on a random port (as main.ts builds it, with the test's env). */
export async function startApi(env: Record<string, string>, options: SupportChatbotModuleOptions = {}): Promise<RunningApi> {
  return listenOnRandomPort(await createProductApp(SupportChatbotModule.forRoot(options), { ...CHATBOT_APP_OPTIONS, env: { LOG_LEVEL: 'warn', ...env } }));
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
