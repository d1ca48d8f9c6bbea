// What `npm start` shows while the apps come up, and the one "ready" block once every health route is green
// (tools/scripts/start-all.mjs runs it; start-ready.spec.ts tests it). Pure functions plus one poller with an
// injected fetch, so the logic is testable without starting anything.
const { mkdirSync, createWriteStream } = require('node:fs');
const { join } = require('node:path');

/** The route that says an app can really answer: an API's /health/ready (model served, first-run data there), a web's /health. */
function readinessPath(app) {
  return app.kind === 'web' ? app.health : app.health.replace(/\/live$/, '/ready');
}

/** One health target per app: its name, URL and readiness route. */
function readyTargets(apps, env) {
  return apps.map((app) => {
    const port = app.portEnv !== 'PORT' && env[app.portEnv] ? env[app.portEnv] : app.port;
    const host = env[app.portEnv.replace(/PORT$/, 'HOST')] || '127.0.0.1';
    const url = `http://${host}:${port}`;
    return { name: app.name, kind: app.kind, description: app.description, links: app.links, signIn: app.signIn, url, health: `${url}${readinessPath(app)}` };
  });
}

/** Why a target is not green yet, from its answer: the first failing check's reason of a readiness report. */
function notReadyReason(status, body) {
  if (status === 0) return 'not answering yet';
  const checks = body && typeof body === 'object' && body.checks && typeof body.checks === 'object' ? body.checks : {};
  // The first-run data says most about a wait (its percentage); other failing checks often follow from it.
  const entries = Object.entries(checks).filter(([, check]) => check && check.ok === false);
  const failing = entries.find(([name]) => /^demo-/.test(name)) || entries[0];
  if (failing) return `${failing[0]}: ${failing[1].reason || 'not ok'}`;
  return `HTTP ${status}`;
}

/** Probes one target: { ok, reason }. */
async function probe(target, fetchImpl, timeoutMs = 3000) {
  try {
    const response = await fetchImpl(target.health, { signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return response.ok ? { ok: true } : { ok: false, reason: notReadyReason(response.status, body) };
  } catch (error) {
    // Listening but too busy to answer (a web building beside it, an import holding the event loop) is not "down".
    return {
      ok: false,
      reason:
        error && error.name === 'TimeoutError'
          ? `busy: no answer within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}`
          : 'not answering yet',
    };
  }
}

/**
 * Polls every target until all are green at the same time; `onProgress(states)` after each round. Resolves with
 * the states (and the time each first went green); stops early when `signal` aborts.
 */
async function waitUntilReady(targets, { fetchImpl = fetch, intervalMs = 1000, onProgress = () => undefined, signal, now = Date.now } = {}) {
  const started = now();
  const states = new Map(targets.map((t) => [t.name, { target: t, ok: false, reason: 'starting', greenAfterMs: undefined }]));
  for (;;) {
    if (signal && signal.aborted) return [...states.values()];
    await Promise.all(
      targets.map(async (target) => {
        const result = await probe(target, fetchImpl);
        const state = states.get(target.name);
        state.ok = result.ok;
        state.reason = result.reason;
        if (result.ok && state.greenAfterMs === undefined) state.greenAfterMs = now() - started;
      }),
    );
    const list = [...states.values()];
    onProgress(list, now() - started);
    if (list.every((s) => s.ok)) return list;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

const seconds = (ms) => `${Math.round(ms / 1000)} s`;

/** The short line shown while waiting: how many are green, and what the others wait for (apps with the same reason together). */
function progressLine(states, elapsedMs, width = 160) {
  const green = states.filter((s) => s.ok).length;
  const byReason = new Map();
  for (const s of states.filter((x) => !x.ok)) byReason.set(s.reason, [...(byReason.get(s.reason) || []), s.target.name]);
  const waiting = [...byReason].map(([reason, names]) => `${names.join(', ')} (${reason})`);
  const line = `[start] ${green}/${states.length} ready after ${seconds(elapsedMs)}${waiting.length ? ` · waiting for ${waiting.join('; ')}` : ''}`;
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}

/**
 * The block printed once, when every health route is green: where each app listens, where the logs are, and
 * (staffSignIn: lines) how staff sign in to the product webs.
 */
function readyBlock(states, { elapsedMs, logDir, verbose = false, staffSignIn = [] }) {
  const webs = states.filter((s) => s.target.kind === 'web');
  const others = states.filter((s) => s.target.kind !== 'web');
  const row = (s) => `    ${s.target.description.padEnd(22)} ${s.target.url.padEnd(24)} ${s.target.links || ''}`.trimEnd();
  const lines = [
    '',
    `  ✔ ready after ${seconds(elapsedMs)}: every health route is green (${states.length} apps)`,
    '',
    '  Open a product:',
    ...webs.map(row),
    ...(others.length ? ['', '  APIs and the gateway:', ...others.map(row)] : []),
  ];
  const signIns = states.filter((s) => s.target.signIn);
  if (signIns.length) lines.push('', '  Sign in:', ...signIns.map((s) => `    ${s.target.description.padEnd(22)} ${s.target.signIn}`));
  if (staffSignIn.length) lines.push('', '  Staff sign-in (one account for every product web):', ...staffSignIn.map((line) => `    ${line}`));
  lines.push(
    '',
    verbose
      ? `  Logs: shown here, and in ${logDir}/<app>.log`
      : `  Logs: ${logDir}/<app>.log (this terminal shows warnings and errors only; npm start -- --verbose shows everything)`,
    '  Ctrl-C stops everything.',
    '',
  );
  return lines.join('\n');
}

// eslint-disable-next-line no-control-regex -- ANSI colour codes are what it removes
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

/** A line worth a person's attention in the quiet terminal: warnings, errors, a crash. */
function isNoteworthy(line) {
  const plain = line.replace(ANSI, '');
  if (/"level":\s*(40|50|60)\b/.test(plain)) return true;
  return /\b(WARN|WARNING|ERROR|FATAL|ERR!)\b|\b(Error|error|warning):|Unhandled|EADDRINUSE|exited with code [1-9]|failed\b/.test(plain);
}

/**
 * Splits Nx's prefixed output ("sentiment-api: ...") into one log file per app (tmp/logs/<app>.log; Nx's own
 * lines in nx.log) and passes to the terminal what should be seen: everything with verbose, else warnings/errors.
 */
class LogRouter {
  constructor(logDir, appNames, { verbose = false, write = (line) => process.stdout.write(line) } = {}) {
    mkdirSync(logDir, { recursive: true });
    this.logDir = logDir;
    this.names = [...appNames].sort((a, b) => b.length - a.length);
    this.verbose = verbose;
    this.write = write;
    this.files = new Map();
    this.partial = '';
  }

  /** The app a line belongs to (by its Nx prefix "<app>:"), and the line without the prefix. */
  route(line) {
    const plain = line.replace(ANSI, '');
    for (const name of this.names) {
      if (plain.startsWith(`${name}:`)) return { app: name, text: plain.slice(name.length + 1).replace(/^ /, '') };
    }
    return { app: 'nx', text: plain };
  }

  file(app) {
    if (!this.files.has(app)) this.files.set(app, createWriteStream(join(this.logDir, `${app}.log`), { flags: 'w' }));
    return this.files.get(app);
  }

  /** A chunk of Nx's stdout/stderr. */
  push(chunk) {
    const text = this.partial + chunk.toString();
    const lines = text.split(/\r?\n/);
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.line(line);
  }

  line(line) {
    if (!line.trim()) return;
    const { app, text } = this.route(line);
    this.file(app).write(`${text}\n`);
    if (this.verbose || isNoteworthy(text)) this.write(`${line}\n`);
  }

  /** Writes what is left and closes the files; resolves once they are flushed. */
  close() {
    if (this.partial) this.line(this.partial);
    this.partial = '';
    return Promise.all([...this.files.values()].map((stream) => new Promise((resolve) => stream.end(resolve)))).then(() => undefined);
  }
}

module.exports = { readinessPath, readyTargets, notReadyReason, probe, waitUntilReady, progressLine, readyBlock, isNoteworthy, LogRouter };
