import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { withTransaction, type DbClient } from '@matrix/db';
import { InjectDb } from '@matrix/product-server';
import type { IngestReport, RejectedRow } from '@matrix/recommender-contract';
import type { z } from 'zod';
import { RECOMMENDER_CONFIG, type RecommenderConfig } from '../config/recommender-config';
import { eventSchema, type EventInput } from './event-schemas';
import { outsideEventWindow } from './event-time-window';

export type { IngestReport, RejectedRow } from '@matrix/recommender-contract';

const MAX_REPORTED = 1000;
/** Ids per lookup query. */
const CHUNK = 2000;
/**
 * Rows per write transaction. A 100,000-event import in one transaction held the write lock for
 * seconds and starved every other write (issue 16); 1,000 rows commit in tens of milliseconds.
 */
export const WRITE_CHUNK = 1000;

/** Lets requests queued behind a chunk (reads and other writes of this product) run before the next one. */
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

export function issuesText(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`).join('; ');
}

/**
 * Validates and stores events: each row is checked on its own (a bad row is reported, never
 * stored, and never stops the good ones); a date outside the plausible window (config
 * `eventWindow`) and an unknown item make a bad row; users are created on first sight; ids
 * already stored count as duplicates. The accepted rows are written in short transactions of
 * WRITE_CHUNK rows (the write lock is never held for long, so other writes interleave); if a chunk
 * fails, the chunks already written by this call are deleted again before the error goes up, so a
 * failed import leaves nothing behind. While an import runs, readers may see its first chunks;
 * only a process killed mid-import can leave whole chunks (rows with their ids: re-importing the
 * same file reports them as duplicates).
 */
@Injectable()
export class EventIngest {
  constructor(
    @InjectDb() private readonly db: DbClient,
    @Inject(RECOMMENDER_CONFIG) private readonly config: RecommenderConfig,
  ) {}

  async ingest(rows: ReadonlyArray<{ row: number; value: unknown }>, preRejected: RejectedRow[] = []): Promise<IngestReport> {
    const rejected: RejectedRow[] = [...preRejected];
    const valid: Array<{ row: number; event: EventInput & { id: string } }> = [];
    const now = new Date();
    for (const { row, value } of rows) {
      const parsed = eventSchema.safeParse(value);
      const outside = parsed.success && parsed.data.timestamp ? outsideEventWindow(parsed.data.timestamp, this.config.eventWindow, now) : undefined;
      if (!parsed.success) rejected.push({ row, reason: issuesText(parsed.error) });
      else if (outside) rejected.push({ row, reason: outside });
      else valid.push({ row, event: { ...parsed.data, id: parsed.data.id ?? randomUUID() } });
    }
    const knownItems = await this.existing('item', [...new Set(valid.map((v) => v.event.itemId))]);
    const fresh = new Map<string, EventInput & { id: string }>();
    let duplicates = 0;
    for (const { row, event } of valid) {
      if (!knownItems.has(event.itemId))
        rejected.push({ row, reason: `itemId: unknown item '${event.itemId}' (add it with POST /api/items or an items import first)` });
      else if (fresh.has(event.id)) duplicates++;
      else fresh.set(event.id, event);
    }
    const stored = await this.existing('event', [...fresh.keys()]);
    for (const id of stored) fresh.delete(id);
    duplicates += stored.size;
    const events = [...fresh.values()];
    if (events.length) {
      const knownUsers = await this.existing('user', [...new Set(events.map((e) => e.userId))]);
      await this.writeInChunks(events, knownUsers, now);
    }
    rejected.sort((a, b) => a.row - b.row);
    return {
      received: rows.length + preRejected.length,
      accepted: events.length,
      duplicates,
      rejectedCount: rejected.length,
      rejected: rejected.slice(0, MAX_REPORTED),
    };
  }

  /** Each chunk: its first-seen users, then its events, in one short transaction; undone on failure (see the class comment). */
  private async writeInChunks(events: Array<EventInput & { id: string }>, knownUsers: Set<string>, now: Date): Promise<void> {
    const createdUsers: string[] = [];
    const createdEvents: string[] = [];
    try {
      for (let i = 0; i < events.length; i += WRITE_CHUNK) {
        const chunk = events.slice(i, i + WRITE_CHUNK);
        const users = [...new Set(chunk.map((e) => e.userId))].filter((id) => !knownUsers.has(id));
        await withTransaction(this.db, async (tx) => {
          if (users.length) await tx.recommenderUser.createMany({ data: users.map((id) => ({ id })) });
          await tx.recommenderInteraction.createMany({
            data: chunk.map((e) => ({ id: e.id, userId: e.userId, itemId: e.itemId, type: e.type, value: e.value ?? null, occurredAt: e.timestamp ?? now })),
          });
        });
        for (const id of users) knownUsers.add(id);
        createdUsers.push(...users);
        createdEvents.push(...chunk.map((e) => e.id));
        await yieldToOthers();
      }
    } catch (error) {
      await this.undo(createdEvents, createdUsers);
      throw error;
    }
  }

  /** Deletes what a failed import wrote: its events, then its new users unless another write gave them events meanwhile. */
  private async undo(eventIds: string[], userIds: string[]): Promise<void> {
    for (let i = 0; i < eventIds.length; i += WRITE_CHUNK) {
      await this.db.recommenderInteraction.deleteMany({ where: { id: { in: eventIds.slice(i, i + WRITE_CHUNK) } } });
    }
    for (let i = 0; i < userIds.length; i += WRITE_CHUNK) {
      await this.db.recommenderUser.deleteMany({ where: { id: { in: userIds.slice(i, i + WRITE_CHUNK) }, interactions: { none: {} } } });
    }
  }

  private async existing(kind: 'item' | 'user' | 'event', ids: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const where = { id: { in: ids.slice(i, i + CHUNK) } };
      const select = { id: true } as const;
      const rows =
        kind === 'item'
          ? await this.db.recommenderItem.findMany({ where, select })
          : kind === 'user'
            ? await this.db.recommenderUser.findMany({ where, select })
            : await this.db.recommenderInteraction.findMany({ where, select });
      for (const r of rows) found.add(r.id);
    }
    return found;
  }
}
