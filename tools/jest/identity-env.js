// Staff identity for tests (issue 14): every test file runs with
// - MATRIX_ADMIN_TOKEN: a random bootstrap token (admin in every product), which @matrix/dev-harness `call()` sends
//   as `Authorization: Bearer` unless a test sends its own; apps built in the test's process and apps it starts
//   (startAppProcess inherits process.env) accept it, so existing e2e tests run as admin;
// - PLATFORM_DATABASE_URL: a throw-away SQLite identity store of its own (never the workspace's tmp/platform.db),
//   deleted after the file's tests.
// A value already set in the environment is kept (e.g. a PostgreSQL run: PLATFORM_DATABASE_URL=postgresql://…).
const { randomBytes } = require('node:crypto');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

if (!process.env.MATRIX_ADMIN_TOKEN) process.env.MATRIX_ADMIN_TOKEN = randomBytes(32).toString('hex');
if (!process.env.PLATFORM_DATABASE_URL) {
  const dir = mkdtempSync(join(tmpdir(), 'matrix-platform-'));
  process.env.PLATFORM_DATABASE_URL = `file:${join(dir, 'platform.db')}`;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
}
