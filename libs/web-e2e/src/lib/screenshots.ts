import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { workspaceRoot } from '@matrix/paths';

/** tmp/screenshots of the workspace, where every web e2e leaves its pictures. */
export function screenshotsDir(): string {
  return join(workspaceRoot(), 'tmp', 'screenshots');
}

/** `shot(page, name)` saves a full-page tmp/screenshots/<prefix>-<name>.png (the folder is made now) and answers its path. */
export function screenshotter(prefix: string, dir = screenshotsDir()): (page: Page, name: string) => Promise<string> {
  mkdirSync(dir, { recursive: true });
  return async (page, name) => {
    const path = join(dir, `${prefix}-${name}.png`);
    await page.screenshot({ path, fullPage: true });
    return path;
  };
}
