import type { AddressInfo } from 'node:net';
import { Controller, Delete, Get, Module, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestDatabase, type TestDatabase } from '@matrix/db';
import { createProductApp, Public, Roles, routeAccessReport, Visitor } from '../src';

// Each route's declared access, read from the controllers and published as `x-access` on its OpenAPI operation.

@Controller('api/articles')
@Roles('viewer')
class ArticlesController {
  @Get()
  list() {
    return [];
  }

  @Delete(':id')
  @Roles('admin')
  remove() {
    return {};
  }

  @Get('undeclared')
  @Reflect.metadata('unrelated', true)
  other() {
    return {};
  }
}

@Controller('api')
class OpenController {
  // Public: the sign-in stand-in.
  @Post('sign-in')
  @Public({ rateLimit: 'sign-in' })
  signIn() {
    return {};
  }

  @Get('conversations/:id/messages')
  @Visitor('X-Conversation-Token')
  messages() {
    return [];
  }

  @Get('nothing-declared')
  nothing() {
    return {};
  }
}

@Module({ controllers: [ArticlesController, OpenController] })
class DemoModule {}

describe('route access report', () => {
  let db: TestDatabase;
  let app: NestFastifyApplication;
  let url: string;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    app = await createProductApp(DemoModule, { name: 'demo-api', defaultPort: 0, env: { DEMO_DATABASE_URL: db.url, LOG_LEVEL: 'silent' } });
    await app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('lists every route with the access it declares (handler over controller; undeclared said so)', () => {
    const report = routeAccessReport(app).filter((r) => r.path.startsWith('/api/'));
    const shown = Object.fromEntries(report.map((r) => [`${r.method} ${r.path}`, r.access]));
    expect(shown).toMatchObject({
      'GET /api/articles': { kind: 'staff', role: 'viewer' },
      'DELETE /api/articles/{id}': { kind: 'staff', role: 'admin' },
      'GET /api/articles/undeclared': { kind: 'staff', role: 'viewer' },
      'POST /api/sign-in': { kind: 'public', rateLimit: 'sign-in' },
      'GET /api/conversations/{id}/messages': { kind: 'visitor', header: 'x-conversation-token' },
      'GET /api/nothing-declared': { kind: 'undeclared' },
    });
    expect(routeAccessReport(app).some((r) => r.path === '/health/live')).toBe(true);
  });

  it('publishes it as x-access on each OpenAPI operation', async () => {
    const doc = (await (await fetch(`${url}/docs/openapi.json`)).json()) as { paths: Record<string, Record<string, { 'x-access'?: unknown }>> };
    expect(doc.paths['/api/articles/{id}'].delete['x-access']).toEqual({ kind: 'staff', role: 'admin' });
    expect(doc.paths['/api/sign-in'].post['x-access']).toEqual({ kind: 'public', rateLimit: 'sign-in' });
    expect(doc.paths['/api/conversations/{id}/messages'].get['x-access']).toEqual({ kind: 'visitor', header: 'x-conversation-token', rateLimit: 'visitor' });
    expect(doc.paths['/api/nothing-declared'].get['x-access']).toEqual({ kind: 'undeclared' });
    for (const item of Object.values(doc.paths)) for (const op of Object.values(item)) expect(op['x-access']).toBeDefined();
  });
});
