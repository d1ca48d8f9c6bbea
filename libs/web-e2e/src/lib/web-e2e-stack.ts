import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ManagedProcess } from '@matrix/dev-harness';
import type { Browser } from 'playwright-core';

/**
 * What one web e2e file starts — a scratch folder, servers, a browser — stopped together in
 * reverse order (the browser, then the web before the API before the gateway it calls).
 */
export class WebE2eStack {
  readonly scratch: string;
  private readonly started: ManagedProcess[] = [];
  private browser?: Browser;

  constructor(name: string) {
    this.scratch = mkdtempSync(join(tmpdir(), `${name}-e2e-`));
  }

  /** Keeps a started process to stop at the end; returns it. */
  add<P extends ManagedProcess>(process: P): P {
    this.started.push(process);
    return process;
  }

  /** Keeps the browser to close first at the end; returns it. */
  addBrowser(browser: Browser): Browser {
    this.browser = browser;
    return browser;
  }

  async stop(): Promise<void> {
    await this.browser?.close().catch(() => undefined);
    for (const process of this.started.splice(0).reverse()) await process.stop().catch(() => undefined);
    rmSync(this.scratch, { recursive: true, force: true });
  }
}
