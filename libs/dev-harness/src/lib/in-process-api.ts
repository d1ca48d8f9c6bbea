import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export interface RunningApi {
  app: NestFastifyApplication;
  url: string;
  close(): Promise<void>;
}

/**
 * Listens on a random loopback port: a product API built in the test's process (by its own
 * createProductApp call, as its main.ts does) becomes reachable over real HTTP.
 */
export async function listenOnRandomPort(app: NestFastifyApplication): Promise<RunningApi> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}
