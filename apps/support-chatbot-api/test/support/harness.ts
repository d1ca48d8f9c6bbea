import { createServer, connect, type Server, type Socket } from 'node:net';
import { listenOnRandomPort, type RunningApi } from '@matrix/dev-harness';
import { createProductApp } from '@matrix/product-server';
import { CHATBOT_APP_OPTIONS } from '../../src/app-options';
import { SupportChatbotModule, type SupportChatbotModuleOptions } from '../../src/support-chatbot.module';

export { call, waitFor, type Json, type RunningApi } from '@matrix/dev-harness';

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
