import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestIdentity {
  /** The bootstrap token (admin in every product) now in process.env.MATRIX_ADMIN_TOKEN. */
  adminToken: string;
  /** The identity store now in process.env.PLATFORM_DATABASE_URL. */
  platformDatabaseUrl: string;
  /** Deletes the throw-away identity store (if this call made it). */
  cleanup(): void;
}

/**
 * For tools that start product APIs outside Jest (evaluate, bench, chaos, audits): what the jest preset does per test
 * file (tools/jest/identity-env.js). Sets MATRIX_ADMIN_TOKEN (random) and PLATFORM_DATABASE_URL (a throw-away SQLite
 * file, never the workspace's tmp/platform.db) in process.env when unset, so apps started with process.env
 * (startAppProcess) accept the token and `call()` sends it.
 */
export function useTestIdentity(): TestIdentity {
  process.env.MATRIX_ADMIN_TOKEN ||= randomBytes(32).toString('hex');
  let dir: string | undefined;
  if (!process.env.PLATFORM_DATABASE_URL) {
    dir = mkdtempSync(join(tmpdir(), 'matrix-platform-'));
    process.env.PLATFORM_DATABASE_URL = `file:${join(dir, 'platform.db')}`;
  }
  return {
    adminToken: process.env.MATRIX_ADMIN_TOKEN,
    platformDatabaseUrl: process.env.PLATFORM_DATABASE_URL,
    cleanup: () => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
