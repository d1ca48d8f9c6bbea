import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

/** Debian's Chromium (not a Playwright download: the machines reach only the npm registry). */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/** Headless in a container: no sandbox, no GPU, nothing that phones home. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Fails — never skips — when Chromium is absent, saying how to install it. */
export function requireChromium(path = chromiumPath()): void {
  if (!existsSync(path))
    throw new Error(
      `${path} is missing: the web e2e needs Debian's Chromium. Install it with: apt-get install -y chromium (or bash tools/scripts/ensure-chromium.sh)`,
    );
}

export function launchChromium(path = chromiumPath()): Promise<Browser> {
  return chromium.launch({ executablePath: path, headless: true, args: CHROMIUM_ARGS });
}

/** A desktop viewport; reduced motion so charts draw at once (a full-page screenshot resizes the page, restarting animations). */
export const E2E_CONTEXT_OPTIONS: BrowserContextOptions = { viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' };

/** How long a page waits for an element before failing the test. */
export const E2E_PAGE_TIMEOUT_MS = 30_000;

/** A page in its own context (own storage), with the e2e viewport and timeout. */
export async function openPage(from: Browser | BrowserContext): Promise<Page> {
  const page = 'newContext' in from ? await from.newPage(E2E_CONTEXT_OPTIONS) : await from.newPage();
  page.setDefaultTimeout(E2E_PAGE_TIMEOUT_MS);
  return page;
}
