/**
 * @jest-environment node
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderToStaticMarkup } from 'react-dom/server';
import { forwardToApi } from '../src/api-proxy';
import { followJob, JobWaitingNotice, ReconnectingNotice, RetryJobButton } from '../src';

// A page following a job while its API restarts: the follower polls through the web's real /api proxy code
// (forwardToApi) to a real HTTP server that is closed and started again on the same port.

interface Job {
  id: string;
  status: string;
  done: number;
}

function startApi(port: number, answer: () => Job): Promise<Server> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer()));
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

const stopApi = (server: Server) => {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(resolve));
};

describe('following a job while the API restarts', () => {
  it('shows reconnecting (not an error) while the proxy answers 502, then goes on with the job’s progress', async () => {
    let done = 1;
    let api = await startApi(0, () => ({ id: 'j1', status: 'running', done }));
    const port = (api.address() as AddressInfo).port;
    const apiUrl = `http://127.0.0.1:${port}`;
    const events: string[] = [];
    const errors: unknown[] = [];
    let finished: () => void = () => undefined;
    const ended = new Promise<void>((resolve) => (finished = resolve));
    const stop = followJob<Job>({
      url: '/api/jobs/j1',
      intervalMs: 20,
      initialBackoffMs: 20,
      maxBackoffMs: 80,
      fetchImpl: (input, init) => forwardToApi(new Request(new URL(String(input), 'http://web.local'), init), { apiUrl }),
      onJob: (job) => {
        events.push(`${job.status}:${job.done}`);
        if (job.status === 'succeeded') finished();
      },
      onReconnecting: (reconnecting) => events.push(reconnecting ? 'reconnecting' : 'reconnected'),
      onError: (error) => errors.push(error),
    });
    try {
      while (!events.includes('running:1')) await new Promise((resolve) => setTimeout(resolve, 10));
      await stopApi(api); // the API goes down
      while (!events.includes('reconnecting')) await new Promise((resolve) => setTimeout(resolve, 10));
      await new Promise((resolve) => setTimeout(resolve, 200)); // a few failed polls, with backoff
      done = 7;
      let polls = 0;
      api = await startApi(port, () => (++polls < 3 ? { id: 'j1', status: 'running', done } : { id: 'j1', status: 'succeeded', done: 10 }));
      await ended;
    } finally {
      stop();
      await stopApi(api);
    }
    expect(errors).toEqual([]);
    const reconnectingAt = events.indexOf('reconnecting');
    expect(events.slice(reconnectingAt, reconnectingAt + 3)).toEqual(['reconnecting', 'reconnected', 'running:7']);
    expect(events.filter((e) => e === 'reconnecting')).toHaveLength(1); // said once, not once per failed poll
    expect(events.at(-1)).toBe('succeeded:10');
  });

  it('stops with an error that will not pass (the job is gone)', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: "job 'j9' does not exist", code: 'not_found' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const error = await new Promise<unknown>((resolve) => {
      followJob<Job>({
        url: '/api/jobs/j9',
        intervalMs: 5,
        fetchImpl: (input, init) => forwardToApi(new Request(new URL(String(input), 'http://web.local'), init), { apiUrl }),
        onJob: () => undefined,
        onReconnecting: () => undefined,
        onError: resolve,
      });
    });
    await stopApi(server);
    expect(error).toMatchObject({ status: 404, message: "job 'j9' does not exist" });
  });
});

describe('job notices', () => {
  it('says "Reconnecting…" as a status, not an alert, and nothing when connected', () => {
    const html = renderToStaticMarkup(<ReconnectingNotice active />);
    expect(html).toContain('Reconnecting…');
    expect(html).toContain('role="status"');
    expect(html).not.toContain('role="alert"');
    expect(renderToStaticMarkup(<ReconnectingNotice active={false} />)).toBe('');
  });

  it('shows why a job is paused and that it resumes by itself', () => {
    const html = renderToStaticMarkup(
      <JobWaitingNotice
        waiting={{
          reason: 'waiting for the inference gateway',
          lastError: 'gateway unreachable',
          since: '2026-12-03T12:00:00Z',
          nextAttemptAt: '2026-12-03T12:00:04Z',
          giveUpAt: '2026-12-03T12:10:00Z',
          attempts: 3,
        }}
      />,
    );
    expect(html).toContain('Paused, waiting for the inference gateway');
    expect(html).toContain('goes on by itself');
    expect(renderToStaticMarkup(<JobWaitingNotice waiting={null} />)).toBe('');
  });

  it('offers a retry only for a job that can be retried', () => {
    expect(
      renderToStaticMarkup(<RetryJobButton job={{ id: 'j1', retryable: true }} onRetried={() => undefined} label="Analyse the 1680 rows not done" />),
    ).toContain('Analyse the 1680 rows not done');
    expect(renderToStaticMarkup(<RetryJobButton job={{ id: 'j1', retryable: false }} onRetried={() => undefined} />)).toBe('');
  });
});
