import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@matrix/db';
import { call, startApi, waitFor, type Json, type RunningApi } from './support/harness';

// Privacy of the recommender (issue 14), over real HTTP on a real (SQLite) database; no model is needed (the gateway
// is unreachable): an admin erases one user and nothing refers to them afterwards; the retention job deletes only
// events older than RECOMMENDER_RETENTION_DAYS (and users left with none); both are in the audit log.

const DAY = 24 * 60 * 60 * 1000;

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('recommender-api privacy: user erasure and retention', () => {
  let db: TestDatabase;
  let api: RunningApi;
  const url = (path: string) => `${api.url}${path}`;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    const longAgo = new Date(Date.now() - 60 * DAY);
    await db.client.recommenderItem.create({ data: { id: 'i1', title: 'Item one' } });
    await db.client.recommenderUser.create({ data: { id: 'gone-by-retention', createdAt: longAgo } });
    await db.client.recommenderUser.create({ data: { id: 'active-user', createdAt: longAgo } });
    await db.client.recommenderInteraction.createMany({
      data: [
        { id: 'old-1', userId: 'gone-by-retention', itemId: 'i1', type: 'view', occurredAt: longAgo, createdAt: longAgo },
        { id: 'old-2', userId: 'active-user', itemId: 'i1', type: 'view', occurredAt: longAgo, createdAt: longAgo },
        { id: 'new-1', userId: 'active-user', itemId: 'i1', type: 'click', occurredAt: new Date(Date.now() - DAY) },
      ],
    });
    api = await startApi({
      RECOMMENDER_DATABASE_URL: db.url,
      GATEWAY_URL: `http://127.0.0.1:${await closedPort()}`,
      RECOMMENDER_MODEL_DIR: mkdtempSync(join(tmpdir(), 'recommender-privacy-')),
      RECOMMENDER_RETENTION_DAYS: '30',
    });
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('runs the retention job at boot: only events older than the window go, and users left without any', async () => {
    const job = await waitFor('the retention job to finish', async () => {
      const { body } = await call('GET', url('/api/jobs?kind=retention'));
      return body.items?.[0]?.status === 'succeeded' ? body.items[0] : undefined;
    });
    expect(job.result).toMatchObject({ retentionDays: 30, deleted: { events: 2, users: 1 } });
    expect((await db.client.recommenderInteraction.findMany({ orderBy: { id: 'asc' } })).map((e) => e.id)).toEqual(['new-1']);
    expect((await db.client.recommenderUser.findMany({ orderBy: { id: 'asc' } })).map((u) => u.id)).toEqual(['active-user']);
    const { body } = await call('GET', url('/api/audit?action=retention.run'));
    expect(body.items[0]).toMatchObject({ actorEmail: 'system', detail: { deleted: { events: 2, users: 1 } } });
  });

  it('stores free-form user attributes with their PII replaced', async () => {
    const saved = await call('POST', url('/api/users'), {
      id: 'with-contact',
      attributes: { contact: 'mail bob@example.com', phone: '+44 20 7946 0958', age: 30 },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.attributes).toEqual({ contact: 'mail [email]', phone: '[phone]', age: 30 });
    expect((await db.client.recommenderUser.findUnique({ where: { id: 'with-contact' } }))?.attributes).not.toMatch(/bob@|7946/);
  });

  it('erases one user with all their events: zero rows refer to them, others are untouched, the audit names the id only', async () => {
    const events = [
      { id: 'e-1', userId: 'erase-me', itemId: 'i1', type: 'view' },
      { id: 'e-2', userId: 'erase-me', itemId: 'i1', type: 'rating', value: 4 },
      { id: 'e-3', userId: 'someone-else', itemId: 'i1', type: 'view' },
    ];
    expect((await call('POST', url('/api/events'), { events })).body).toMatchObject({ accepted: 3 });
    expect((await call('POST', url('/api/users'), { id: 'erase-me', attributes: { locale: 'fr' } })).status).toBe(200);

    const erased = await call('DELETE', url('/api/privacy/users/erase-me'));
    expect(erased.status).toBe(200);
    expect(erased.body.erased).toEqual({ users: 1, events: 2 });
    expect(await db.client.recommenderUser.count({ where: { id: 'erase-me' } })).toBe(0);
    expect(await db.client.recommenderInteraction.count({ where: { userId: 'erase-me' } })).toBe(0);
    expect(await db.client.recommenderInteraction.count({ where: { userId: 'someone-else' } })).toBe(1);
    expect((await call('GET', url('/api/users/erase-me'))).status).toBe(404);
    expect((await call('DELETE', url('/api/privacy/users/erase-me'))).status).toBe(404);

    const { body } = await call('GET', url('/api/audit?action=data.erased'));
    const entry: Json = body.items[0];
    expect(entry).toMatchObject({ action: 'data.erased', target: 'user:erase-me', detail: { kind: 'recommender-user', users: 1, events: 2 } });
    // The caller the guard authenticated: these calls carry the bootstrap token.
    expect(entry).toMatchObject({ actorId: 'bootstrap-token', actorEmail: 'bootstrap-token' });
    expect(Date.now() - Date.parse(entry.at)).toBeLessThan(60_000);
    expect(JSON.stringify(entry)).not.toContain('locale');
  });
});
