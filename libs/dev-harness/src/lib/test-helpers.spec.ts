import { createServer, type Server } from 'node:http';
import { call, withTestCredentials } from './http-call';
import { waitFor } from './wait-for';

describe('waitFor', () => {
  it('returns the first value the probe gives, retrying through undefined and throws', async () => {
    let attempts = 0;
    const value = await waitFor(
      'the third try',
      async () => {
        attempts++;
        if (attempts === 1) throw new Error('not up yet');
        return attempts === 3 ? 'ready' : undefined;
      },
      2_000,
      5,
    );
    expect(value).toBe('ready');
    expect(attempts).toBe(3);
  });

  it('fails after the timeout, naming what it waited for and the last error', async () => {
    await expect(waitFor('the moon', async () => Promise.reject(new Error('still dark')), 50, 5)).rejects.toThrow('timed out waiting for the moon: still dark');
    await expect(waitFor('nothing', async () => undefined, 30, 5)).rejects.toThrow(/^timed out waiting for nothing$/);
  });
});

describe('call', () => {
  let server: Server;
  let url = '';
  const seen: Array<{ method?: string; type?: string; body: string }> = [];
  const authorizations: Array<string | undefined> = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        seen.push({ method: request.method, type: request.headers['content-type'], body });
        authorizations.push(request.headers.authorization);
        if (request.url === '/text') {
          response.writeHead(200, { 'content-type': 'text/csv' }).end('id,label\n1,POSITIVE\n');
        } else if (request.url === '/empty') {
          response.writeHead(204).end();
        } else {
          response.writeHead(201, { 'content-type': 'application/json', 'x-echo': 'yes' }).end(JSON.stringify({ got: body }));
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends objects as JSON and parses a JSON reply, with its headers', async () => {
    const reply = await call('POST', `${url}/json`, { a: 1 });
    expect(reply).toMatchObject({ status: 201, body: { got: '{"a":1}' }, text: '{"got":"{\\"a\\":1}"}' });
    expect(reply.headers.get('x-echo')).toBe('yes');
    expect(seen.at(-1)).toEqual({ method: 'POST', type: 'application/json', body: '{"a":1}' });
  });

  it('sends a string as is with the given content type', async () => {
    await call('POST', `${url}/json`, 'a\tb', 'text/plain');
    expect(seen.at(-1)).toEqual({ method: 'POST', type: 'text/plain', body: 'a\tb' });
  });

  it('sends bytes as they are (a file in another encoding)', async () => {
    await call('POST', `${url}/json`, Buffer.from('café', 'latin1'), 'text/csv');
    // The stub server reads UTF-8: the lone Latin-1 byte 0xE9 arrived as it was sent (not as JSON), hence U+FFFD.
    expect(seen.at(-1)).toEqual({ method: 'POST', type: 'text/csv', body: 'caf\uFFFD' });
  });

  it('gives a non-JSON reply as text and bytes, with no parsed body', async () => {
    const reply = await call('GET', `${url}/text`);
    expect(reply.body).toBeUndefined();
    expect(reply.text).toBe('id,label\n1,POSITIVE\n');
    expect(reply.bytes.equals(Buffer.from(reply.text))).toBe(true);
    expect(seen.at(-1)).toEqual({ method: 'GET', type: undefined, body: '' });
    const empty = await call('DELETE', `${url}/empty`);
    expect(empty).toMatchObject({ status: 204, body: undefined, text: '' });
  });

  it('sends the bootstrap token of MATRIX_ADMIN_TOKEN (set by the jest preset) unless the caller sends an Authorization of its own', async () => {
    expect(process.env.MATRIX_ADMIN_TOKEN).toMatch(/^[0-9a-f]{64}$/);
    await call('GET', `${url}/json`);
    expect(authorizations.at(-1)).toBe(`Bearer ${process.env.MATRIX_ADMIN_TOKEN}`);
    await call('GET', `${url}/json`, undefined, undefined, { Authorization: 'Bearer mine' });
    expect(authorizations.at(-1)).toBe('Bearer mine');
    await call('POST', `${url}/json`, { a: 1 }, undefined, { authorization: '' });
    expect(authorizations.at(-1)).toBeUndefined();
    expect(seen.at(-1)).toMatchObject({ type: 'application/json', body: '{"a":1}' });
    expect(withTestCredentials({ 'x-csrf-token': 't' })).toEqual({ 'x-csrf-token': 't', authorization: `Bearer ${process.env.MATRIX_ADMIN_TOKEN}` });
  });
});
