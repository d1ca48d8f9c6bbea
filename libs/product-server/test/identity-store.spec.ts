// The identity store outside one app: `npm run users` (runUsersCli), several APIs booting at once on one fresh
// platform database, and the undeclared-route report.
import { Controller, Get, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createPrismaClient, createTestDatabase, type TestDatabase } from '@matrix/db';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { createProductApp, IdentityStore, Roles, runUsersCli, undeclaredRoutes, verifyPassword } from '../src';

async function cli(argv: string[], url: string, stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runUsersCli([...argv, '--url', url], { out: (l) => out.push(l), err: (l) => err.push(l), readStdin: async () => stdin, env: {} });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run users', () => {
  let dir: string;
  let url: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'matrix-users-cli-'));
    url = `file:${join(dir, 'platform.db')}`;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates admins and users, never with a default password, and manages roles, tokens and access', async () => {
    const admin = await cli(['create', '--admin', 'Boss@Example.com'], url);
    expect(admin.code).toBe(0);
    const generated = /password \(shown once\): (\S+)/.exec(admin.out)?.[1];
    expect(generated).toMatch(/^[\w-]{20,}$/);
    const store = new IdentityStore(createPrismaClient({ databaseUrl: url }));
    try {
      expect(await store.verifyCredentials('boss@example.com', generated!)).not.toBeNull();
      const fromStdin = await cli(
        ['create', 'ana@example.com', '--role', 'analyst', '--product', 'sentiment', '--password-stdin'],
        url,
        'a password from stdin\n',
      );
      expect([fromStdin.code, fromStdin.out]).toEqual([0, 'created ana@example.com (analyst in sentiment)']);
      const ana = (await store.findByEmail('ana@example.com'))!;
      const row = await store.db.staffUser.findUniqueOrThrow({ where: { id: ana.id } });
      expect(await verifyPassword(row.passwordHash, 'a password from stdin')).toBe(true);

      expect((await cli(['create', 'ana@example.com', '--role', 'viewer', '--product', 'sentiment'], url)).code).toBe(1);
      expect((await cli(['create', 'x@example.com', '--role', 'owner', '--product', 'sentiment'], url)).code).toBe(2);
      expect((await cli(['create', 'x@example.com', '--role', 'viewer', '--product', 'nowhere'], url)).code).toBe(2);
      expect((await cli(['create', 'short@example.com', '--role', 'viewer', '--product', 'sentiment', '--password-stdin'], url, 'short')).code).toBe(1);

      expect((await cli(['set-role', 'ana@example.com', '--role', 'viewer', '--product', 'support-chatbot'], url)).code).toBe(0);
      expect(await store.rolesOf(ana.id)).toEqual([
        { product: 'sentiment', role: 'analyst' },
        { product: 'support-chatbot', role: 'viewer' },
      ]);
      const token = await cli(['token', 'create', 'ana@example.com', '--product', 'sentiment', '--name', 'ci'], url);
      expect(token.code).toBe(0);
      const secret = token.out.split('\n')[1];
      expect(secret).toMatch(/^mxt_/);
      expect(await store.resolveApiToken(secret)).toMatchObject({ product: 'sentiment', role: 'analyst' });
      expect((await cli(['token', 'create', 'ana@example.com', '--product', 'sentiment', '--name', 'x', '--role', 'admin'], url)).code).toBe(2);

      expect((await cli(['disable', 'ana@example.com'], url)).code).toBe(0);
      expect(await store.verifyCredentials('ana@example.com', 'a password from stdin')).toBeNull();
      expect(await store.resolveApiToken(secret)).toBeNull();
      const list = await cli(['list'], url);
      expect(list.out).toMatch(/boss@example\.com +\*:admin/);
      expect(list.out).toMatch(/ana@example\.com +sentiment:analyst support-chatbot:viewer {2}\[disabled\]/);
    } finally {
      await store.db.$disconnect();
    }
  });

  it('ensure-first-admin: only on an empty store, password in a 0600 file', async () => {
    const emptyDir = mkdtempSync(join(tmpdir(), 'matrix-first-admin-'));
    try {
      const fresh = `file:${join(emptyDir, 'platform.db')}`;
      const file = join(emptyDir, 'first-admin.txt');
      expect((await cli(['ensure-first-admin', '--file', file], fresh)).code).toBe(0);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const password = /password: (\S+)/.exec(readFileSync(file, 'utf8'))![1];
      const store = new IdentityStore(createPrismaClient({ databaseUrl: fresh }));
      try {
        expect(await store.verifyCredentials('admin@localhost', password)).not.toBeNull();
        expect(await store.countUsers()).toBe(1);
      } finally {
        await store.db.$disconnect();
      }
      rmSync(file);
      expect((await cli(['ensure-first-admin', '--file', file], fresh)).code).toBe(0);
      expect(() => statSync(file)).toThrow(); // users exist: nothing created, nothing written
    } finally {
      rmSync(emptyDir, { recursive: true, force: true });
    }
  });
});

@Controller('api/x')
class MixedController {
  @Get('declared')
  @Roles('viewer')
  declared() {
    return {};
  }

  @Get('forgotten')
  forgotten() {
    return {};
  }
}

@Module({ controllers: [MixedController] })
class MixedModule {}

describe('several APIs booting at once on one fresh platform database', () => {
  const dbs: TestDatabase[] = [];
  const apps: NestFastifyApplication[] = [];
  let dir: string;

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await Promise.all(dbs.map((db) => db.drop()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('all migrate it without a race, and undeclared routes are found', async () => {
    dir = mkdtempSync(join(tmpdir(), 'matrix-platform-race-'));
    const platform = `file:${join(dir, 'platform.db')}`;
    const names = ['alpha', 'beta', 'gamma', 'delta'];
    dbs.push(...(await Promise.all(names.map(() => createTestDatabase('sqlite')))));
    apps.push(
      ...(await Promise.all(
        names.map((name, i) =>
          createProductApp(MixedModule, {
            name: `${name}-api`,
            defaultPort: 0,
            env: { [`${name.toUpperCase()}_DATABASE_URL`]: dbs[i].url, PLATFORM_DATABASE_URL: platform, LOG_LEVEL: 'silent' },
          }),
        ),
      )),
    );
    await Promise.all(apps.map((app) => app.init()));
    const store = new IdentityStore(createPrismaClient({ databaseUrl: platform }));
    try {
      expect(await store.countUsers()).toBe(0); // migrated, empty
    } finally {
      await store.db.$disconnect();
    }
    const app = apps[0];
    const undeclared = undeclaredRoutes(app.get(DiscoveryService), app.get(MetadataScanner), app.get(Reflector));
    expect(undeclared).toEqual([{ controller: 'MixedController', handler: 'forgotten' }]);
  });
});
