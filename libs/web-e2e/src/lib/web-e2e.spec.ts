import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ManagedProcess } from '@matrix/dev-harness';
import type { Browser } from 'playwright-core';
import { chromiumPath, requireChromium } from './chromium';
import { requireNextBuild, webAppDir } from './next-server';
import { screenshotter } from './screenshots';
import { WebE2eStack } from './web-e2e-stack';

describe('prerequisites fail with what to do', () => {
  it('says how to install Chromium when it is missing', () => {
    expect(() => requireChromium('/nowhere/chromium')).toThrow(
      "/nowhere/chromium is missing: the web e2e needs Debian's Chromium. Install it with: apt-get install -y chromium",
    );
  });

  it('takes CHROMIUM_PATH over the Debian default', () => {
    const before = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = '/opt/chrome';
    try {
      expect(chromiumPath()).toBe('/opt/chrome');
      delete process.env.CHROMIUM_PATH;
      expect(chromiumPath()).toBe('/usr/bin/chromium');
    } finally {
      if (before === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = before;
    }
  });

  it('names the build command of a web app that has none', () => {
    expect(webAppDir('no-such-web')).toMatch(/apps[/\\]no-such-web$/);
    expect(() => requireNextBuild('no-such-web')).toThrow('has no build: run `npx nx run no-such-web:build` (the no-such-web:test target does it first).');
  });
});

describe('WebE2eStack', () => {
  it('closes the browser, then stops the processes last-started first, and removes its scratch folder', async () => {
    const order: string[] = [];
    const fake = (name: string): ManagedProcess => ({
      name,
      pid: undefined,
      stop: async () => void order.push(name),
      kill: async () => void order.push(name),
      ended: () => undefined,
    });
    const stack = new WebE2eStack('unit');
    expect(existsSync(stack.scratch)).toBe(true);
    expect(stack.add(fake('gateway')).name).toBe('gateway');
    stack.add({ ...fake('api'), stop: async () => (order.push('api'), Promise.reject(new Error('already gone'))) });
    stack.add(fake('web'));
    stack.addBrowser({ close: async () => void order.push('browser') } as unknown as Browser);
    await stack.stop();
    expect(order).toEqual(['browser', 'web', 'api', 'gateway']);
    expect(existsSync(stack.scratch)).toBe(false);
  });
});

describe('screenshotter', () => {
  it('makes the folder and names files <prefix>-<name>.png', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'shots-')), 'nested');
    const paths: string[] = [];
    const shot = screenshotter('demo', dir);
    expect(existsSync(dir)).toBe(true);
    await shot({ screenshot: async (options: { path: string; fullPage: boolean }) => void paths.push(`${options.path}|${options.fullPage}`) } as never, 'home');
    expect(paths).toEqual([`${join(dir, 'demo-home.png')}|true`]);
    rmSync(dir, { recursive: true, force: true });
  });
});
