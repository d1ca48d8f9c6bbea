import { Readable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { rawImageBodies } from './raw-image-body';

describe('rawImageBodies', () => {
  let app: FastifyInstance;
  const seen: Buffer[] = [];
  let afterHold: () => void = () => undefined;

  beforeAll(async () => {
    app = Fastify({ bodyLimit: 4096 });
    rawImageBodies(app, /^(image\/[\w.+-]+|application\/octet-stream)$/, 4096);
    app.post('/echo', async (request) => {
      const body = request.body as Buffer;
      seen.push(body);
      return { length: body.length, hex: body.toString('hex') };
    });
    // Answers only once two bodies have arrived: both requests are in flight together.
    let arrived: Buffer[] = [];
    let bothArrived: () => void = () => undefined;
    const together = () => new Promise<void>((resolve) => (bothArrived = resolve));
    let pair = together();
    app.post('/hold', async (request) => {
      arrived.push(request.body as Buffer);
      if (arrived.length === 2) bothArrived();
      await pair;
      const [a, b] = arrived;
      return { sameBuffer: a.buffer === b.buffer, hex: (request.body as Buffer).toString('hex') };
    });
    afterHold = () => {
      arrived = [];
      pair = together();
    };
    await app.ready();
  });

  afterAll(() => app.close());

  const post = (payload: Buffer | Readable, headers: Record<string, string> = {}, url = '/echo') =>
    app.inject({ method: 'POST', url, headers: { 'content-type': 'image/jpeg', ...headers }, payload });

  it('hands the route the exact bytes, and the next request reads into the same buffer once the first has answered', async () => {
    const first = Buffer.from([0xff, 0xd8, 0xff, 1, 2, 3]);
    const second = Buffer.from([0xff, 0xd8, 0xff, 9, 8]);
    expect((await post(first)).json()).toEqual({ length: 6, hex: first.toString('hex') });
    expect((await post(second)).json()).toEqual({ length: 5, hex: second.toString('hex') });
    const [a, b] = seen.slice(-2);
    expect(b.buffer).toBe(a.buffer);
  });

  it('gives each of two requests in flight a buffer of its own', async () => {
    const bodies = [Buffer.alloc(300, 1), Buffer.alloc(300, 2)];
    const replies = await Promise.all(bodies.map((body) => post(body, {}, '/hold')));
    afterHold();
    replies.forEach((reply, i) => expect(reply.json()).toEqual({ sameBuffer: false, hex: bodies[i].toString('hex') }));
  });

  it('reads a body without Content-Length (chunked) into a buffer of its own', async () => {
    const reply = await post(Readable.from([Buffer.from([1, 2]), Buffer.from([3])]));
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual({ length: 3, hex: '010203' });
  });

  it('refuses a body over the limit with 413, declared or streamed, as Fastify does', async () => {
    expect((await post(Buffer.alloc(5000))).statusCode).toBe(413);
    const streamed = await post(Readable.from([Buffer.alloc(3000), Buffer.alloc(3000)]));
    expect(streamed.statusCode).toBe(413);
    expect(streamed.json().code).toBe('FST_ERR_CTP_BODY_TOO_LARGE');
  });

  it('refuses bytes that do not match Content-Length with 400', async () => {
    const reply = await post(Readable.from([Buffer.alloc(10)]), { 'content-length': '20' });
    expect(reply.statusCode).toBe(400);
    expect(reply.json().code).toBe('FST_ERR_CTP_INVALID_CONTENT_LENGTH');
  });
});
