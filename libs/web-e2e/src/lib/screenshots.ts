import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { workspaceRoot } from '@matrix/paths';

/** tmp/screenshots of the workspace, where every web e2e leaves its pictures. */
export function screenshotsDir(): string {
  return join(workspaceRoot(), 'tmp', 'screenshots');
}

/** `shot(page, name)` saves a full-page tmp/screenshots/<prefix>-<name>.png (the folder is made now). */
export function screenshotter(prefix: string, dir = screenshotsDir()): (page: Page, name: string) => Promise<void> {
  mkdirSync(dir, { recursive: true });
  return async (page, name) => {
    await page.screenshot({ path: join(dir, `${prefix}-${name}.png`), fullPage: true });
  };
}
