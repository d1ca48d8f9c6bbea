import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appEndpoints } from './app-endpoints.cjs';
import { isNoteworthy, LogRouter, probe, progressLine, readyBlock, readyTargets, waitUntilReady, type ReadyTarget, type TargetState } from './start-ready.cjs';

// `npm start`'s waiting and its one "ready" block: on real HTTP health routes that turn green one after the other.

const root = join(__dirname, '..', '..');

function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

const target = (name: string, kind: 'api' | 'web', url: string, path: string, extra: Partial<ReadyTarget> = {}): ReadyTarget => ({
  name,
  kind,
  description: name.replace(/-/g, ' '),
  links: '',
  url,
  health: `${url}${path}`,
  ...extra,
});

describe('readyTargets', () => {
  it('polls what says an app can really answer: APIs and the gateway their readiness, webs their health, on the overridden ports', () => {
    const targets = readyTargets(appEndpoints(root), { SENTIMENT_WEB_PORT: '3999' });
    const byName = new Map(targets.map((t) => [t.name, t]));
    expect(byName.get('inference-gateway')?.health).toBe('http://127.0.0.1:8100/v2/health/ready');
    expect(byName.get('recommender-api')?.health).toBe('http://127.0.0.1:8130/health/ready');
    expect(byName.get('sentiment-web')?.health).toBe('http://127.0.0.1:3999/health');
    expect(targets.filter((t) => t.kind === 'api').every((t) => t.health.endsWith('/ready'))).toBe(true);
    // No app has sign-in yet, so no ready block shows a sign-in hint.
    expect(targets.filter((t) => t.signIn)).toEqual([]);
  });
});

describe('waitUntilReady and the ready block', () => {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((s) => s.close()));

  it('waits until every health route is green at once, saying what each waits for, then prints one block', async () => {
    let apiCalls = 0;
    const api = await listen((_req, res) => {
      apiCalls++;
      if (apiCalls < 3)
        res.writeHead(503, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            ready: false,
            checks: { model: { ok: false, reason: 'no trained model yet' }, 'demo-data': { ok: false, reason: 'loading the demo data: 37 %' } },
          }),
        );
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ready":true}');
    });
    servers.push(api.server);
    // The web is not listening at first (still building): its port is taken only later.
    const reserved = await listen(() => undefined);
    const webUrl = reserved.url;
    const webPort = Number(new URL(webUrl).port);
    await new Promise<void>((resolve) => reserved.server.close(() => resolve()));
    const targets = [target('demo-api', 'api', api.url, '/health/ready'), target('demo-web', 'web', webUrl, '/health')];
    const lines: string[] = [];
    let rounds = 0;
    const states = await waitUntilReady(targets, {
      intervalMs: 20,
      onProgress: (list: TargetState[], elapsed: number) => {
        lines.push(progressLine(list, elapsed));
        if (++rounds === 4) {
          const web = createServer((_req, res) => res.writeHead(200).end('ok'));
          servers.push(web);
          web.listen(webPort, '127.0.0.1');
        }
      },
    });
    expect(states.every((s) => s.ok)).toBe(true);
    expect(lines[0]).toMatch(
      /^\[start\] 0\/2 ready after \d+ s · waiting for demo-api \(demo-data: loading the demo data: 37 %\); demo-web \(not answering yet\)$/,
    );
    expect(lines.some((l) => /^\[start\] 1\/2 ready .*waiting for demo-web \(not answering yet\)$/.test(l))).toBe(true);
    expect(lines[lines.length - 1]).toMatch(/^\[start\] 2\/2 ready after \d+ s$/);
    const block = readyBlock(states, { elapsedMs: 52_000, logDir: 'tmp/logs' });
    expect(block).toContain('ready after 52 s: every health route is green (2 apps)');
    expect(block).toContain(`demo web               ${webUrl}`);
    expect(block).toContain(`demo api               ${api.url}`);
    expect(block).toContain('Logs: tmp/logs/<app>.log');
    expect(block).not.toContain('Sign in');
  });

  it('tells an app too busy to answer from one not listening', async () => {
    const silent = await listen(() => undefined);
    servers.push(silent.server);
    expect(await probe(target('busy-api', 'api', silent.url, '/health/ready'), fetch, 100)).toEqual({ ok: false, reason: 'busy: no answer within 100 ms' });
    expect(await probe(target('gone-api', 'api', 'http://127.0.0.1:9', '/health/ready'), fetch, 100)).toEqual({ ok: false, reason: 'not answering yet' });
  });

  it('shows a sign-in hint only for an app that has one', () => {
    const states: TargetState[] = [
      { target: target('a-web', 'web', 'http://127.0.0.1:1', '/health', { signIn: 'demo@example.com / demo' }), ok: true },
      { target: target('b-web', 'web', 'http://127.0.0.1:2', '/health'), ok: true },
    ];
    const block = readyBlock(states, { elapsedMs: 1000, logDir: 'tmp/logs' });
    expect(block).toMatch(/Sign in:\n {4}a web +demo@example\.com \/ demo\n/);
    expect(block).not.toMatch(/b web +demo@/);
    expect(block).not.toContain('APIs and the gateway');
  });

  it('tells how staff sign in when given the lines', () => {
    const states: TargetState[] = [{ target: target('a-web', 'web', 'http://127.0.0.1:1', '/health'), ok: true }];
    const block = readyBlock(states, { elapsedMs: 1000, logDir: 'tmp/logs', staffSignIn: ['admin@localhost, password in tmp/first-admin.txt'] });
    expect(block).toMatch(/Staff sign-in \(one account for every product web\):\n {4}admin@localhost, password in tmp\/first-admin\.txt\n/);
  });
});

describe('LogRouter', () => {
  it('writes each app’s lines to its own log and shows only warnings and errors unless verbose', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'start-logs-'));
    const shown: string[] = [];
    const router = new LogRouter(dir, ['sentiment-api', 'sentiment-web'], { write: (line) => shown.push(line) });
    router.push('sentiment-api: [Nest] INFO listening on 8110\nsentiment-web: ▲ Next.js 16\n\u001b[1msentiment-api:\u001b[22m WARN gateway not reachable\n');
    router.push('sentiment-web: Error: EADDRINUSE 3010\nNX   Running target serve for 9 projects\n');
    await router.close();
    expect(readFileSync(join(dir, 'sentiment-api.log'), 'utf8')).toBe('[Nest] INFO listening on 8110\nWARN gateway not reachable\n');
    expect(readFileSync(join(dir, 'sentiment-web.log'), 'utf8')).toBe('▲ Next.js 16\nError: EADDRINUSE 3010\n');
    expect(readFileSync(join(dir, 'nx.log'), 'utf8')).toContain('Running target serve');
    expect(shown).toHaveLength(2);
    expect(shown.join('')).toMatch(/WARN gateway not reachable[\s\S]*EADDRINUSE/);
    expect(isNoteworthy('{"level":30,"msg":"ok"}')).toBe(false);
    expect(isNoteworthy('{"level":50,"msg":"boom"}')).toBe(true);
  });
});
