// The CLI as npm scripts run it (`node tools/prisma-offline/cli.mjs …`): exit codes and output.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { workspaceRoot } from '@matrix/paths';
import { createTestDatabase, type TestDatabase } from './test-database';
import { workspaceProducts } from './offline-toolkit';
import { migrationNames } from './test-support';

const CLI = join(workspaceRoot(), 'tools', 'prisma-offline', 'cli.mjs');

/** Runs the CLI on exactly `databaseUrl` (--url), or on the products' databases derived from `env`. */
async function cli(args: string[], databaseUrl: string | null, env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string }> {
  const ownEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.endsWith('DATABASE_URL')));
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args, ...(databaseUrl ? ['--url', databaseUrl] : [])], {
      cwd: workspaceRoot(),
      env: { ...ownEnv, ...env },
    });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout + failed.stderr };
  }
}

describe('prisma-offline CLI on SQLite', () => {
  let dir: string;
  let url: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'matrix-cli-'));
    url = `file:${join(dir, 'cli.db')}`;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('status → deploy → deploy → status → reset → status', async () => {
    const names = migrationNames('sqlite');
    const before = await cli(['status'], url);
    expect(before.code).toBe(1);
    expect(before.out).toContain(`Pending:\n  ${names.join('\n  ')}`);

    const first = await cli(['deploy'], url);
    expect(first).toEqual({ code: 0, out: `Applied ${names.length} migration(s) to sqlite ${url}:\n  ${names.join('\n  ')}\n` });
    await expect(cli(['deploy'], url)).resolves.toEqual({ code: 0, out: `No pending migrations for sqlite ${url}.\n` });

    const after = await cli(['status'], url);
    expect(after.code).toBe(0);
    expect(after.out).toContain('Database schema is up to date.');

    expect((await cli(['reset'], url)).code).toBe(2); // refuses without --force
    expect((await cli(['reset', '--force'], null, { DATABASE_URL: url })).code).toBe(2); // and without a target
    expect((await cli(['reset', '--force'], url)).code).toBe(0);
    expect((await cli(['status'], url)).code).toBe(1);
  });

  it('deploys every product into its own database by default, or the named ones', async () => {
    const base = `file:${join(dir, 'all', 'matrix.db')}`;
    const names = migrationNames('sqlite');
    const all = await cli(['deploy'], null, { DATABASE_URL: base });
    expect(all.code).toBe(0);
    for (const product of workspaceProducts()) {
      expect(all.out).toContain(`${product}: Applied ${names.length} migration(s) to sqlite file:${join(dir, 'all', `matrix-${product}.db`)}`);
    }
    const again = await cli(['deploy', '--all'], null, { DATABASE_URL: base });
    expect(again.out).toContain(`sentiment: No pending migrations for sqlite file:${join(dir, 'all', 'matrix-sentiment.db')}.`);
    const own = `file:${join(dir, 'own', 'sentiment.db')}`;
    const one = await cli(['deploy', '--product', 'sentiment'], null, { SENTIMENT_DATABASE_URL: own });
    expect(one).toEqual({ code: 0, out: `sentiment: Applied ${names.length} migration(s) to sqlite ${own}:\n  ${names.join('\n  ')}\n` });
    expect((await cli(['status', '--product', 'sentiment'], null, { SENTIMENT_DATABASE_URL: own })).code).toBe(0);
  });

  it('rejects unknown commands and unsupported URLs', async () => {
    expect((await cli(['frobnicate'], url)).code).toBe(2);
    const mysql = await cli(['deploy'], 'mysql://root@localhost/x');
    expect(mysql.code).toBe(1);
    expect(mysql.out).toContain('Unsupported database URL "mysql://root@localhost/x"');
  });
});

describe('prisma-offline CLI on PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('postgresql', { migrate: false });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('deploys to the database DATABASE_URL names, then finds nothing pending', async () => {
    const names = migrationNames('postgresql');
    const first = await cli(['deploy'], db.url);
    expect(first.code).toBe(0);
    expect(first.out).toContain(`Applied ${names.length} migration(s) to postgresql`);
    const status = await cli(['status'], db.url);
    expect(status).toMatchObject({ code: 0 });
    expect(status.out).toContain('Database schema is up to date.');
  });
});
