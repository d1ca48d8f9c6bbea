// The event import on a real SQLite database: written in short chunks (WRITE_CHUNK rows per
// transaction), and a chunk that fails takes the chunks before it back out, so a failed import
// leaves nothing behind.
import { createTestDatabase, type TestDatabase } from '@matrix/db';
import { loadRecommenderConfig } from '../src/config/recommender-config';
import { EventIngest, WRITE_CHUNK } from '../src/events/event-ingest';

const rowsOf = (count: number, idPrefix: string, poisonAt?: number) =>
  Array.from({ length: count }, (_, i) => ({
    row: i + 1,
    value: { id: i === poisonAt ? 'poison' : `${idPrefix}-${i}`, userId: `${idPrefix}-user-${i % 700}`, itemId: `item-${i % 3}`, type: 'view' },
  }));

describe('EventIngest (chunked writes)', () => {
  let db: TestDatabase;
  let ingest: EventIngest;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    await db.client.recommenderItem.createMany({ data: [0, 1, 2].map((i) => ({ id: `item-${i}`, title: `Item ${i}` })) });
    ingest = new EventIngest(db.client, loadRecommenderConfig({}));
    // A real failure in the third chunk: the database itself refuses one row.
    await db.client.$executeRawUnsafe(
      `CREATE TRIGGER refuse_poison BEFORE INSERT ON "RecommenderInteraction" WHEN NEW."id" = 'poison' BEGIN SELECT RAISE(ABORT, 'poisoned row'); END`,
    );
  });
  afterAll(() => db?.drop());

  it('stores an import larger than several chunks completely, creating each user once', async () => {
    const count = WRITE_CHUNK * 2 + 500;
    const report = await ingest.ingest(rowsOf(count, 'ok'));
    expect(report).toMatchObject({ received: count, accepted: count, duplicates: 0, rejectedCount: 0 });
    expect(await db.client.recommenderInteraction.count({ where: { id: { startsWith: 'ok-' } } })).toBe(count);
    expect(await db.client.recommenderUser.count({ where: { id: { startsWith: 'ok-user-' } } })).toBe(700);
    // Again: every row is a duplicate now, nothing is written twice.
    expect(await ingest.ingest(rowsOf(count, 'ok'))).toMatchObject({ accepted: 0, duplicates: count });
  });

  it('takes the chunks already written back out when a later chunk fails', async () => {
    const before = { events: await db.client.recommenderInteraction.count(), users: await db.client.recommenderUser.count() };
    await expect(ingest.ingest(rowsOf(WRITE_CHUNK * 3, 'bad', WRITE_CHUNK * 2 + 10))).rejects.toThrow();
    expect(await db.client.recommenderInteraction.count()).toBe(before.events);
    expect(await db.client.recommenderUser.count()).toBe(before.users);
    expect(await db.client.recommenderInteraction.count({ where: { id: { startsWith: 'bad-' } } })).toBe(0);
  });
});
