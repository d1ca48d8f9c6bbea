// The CLI as npm scripts run it (`node tools/prisma-offline/cli.mjs …`): exit codes and output.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { workspaceRoot } from '@matrix/paths';
import { createTestDatabase, type TestDatabase } from './test-database';
import { migrationNames } from './test-support';

const CLI = join(workspaceRoot(), 'tools', 'prisma-offline', 'cli.mjs');

async function cli(args: string[], databaseUrl: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], {
      cwd: workspaceRoot(),
      env: { ...process.env, DATABASE_URL: databaseUrl },
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
    expect((await cli(['reset', '--force'], url)).code).toBe(0);
    expect((await cli(['status'], url)).code).toBe(1);
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
