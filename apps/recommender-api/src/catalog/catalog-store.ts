import { Injectable, Optional } from '@nestjs/common';
import { withTransaction, type DbClient, type DbTransaction } from '@matrix/db';
import { InjectDb, notFound, PiiRedactor, toSkipTake, type PageRequest } from '@matrix/product-server';
import type { ItemInput, UserInput } from './catalog-schemas';
import { toItemView, type ItemView, type UserView } from './catalog-views';

export interface ItemFilters {
  q?: string;
  category?: string;
}

/** Items per write transaction in a bulk upsert: short transactions, so an import never holds the write lock for long. */
const UPSERT_CHUNK = 200;

/**
 * Items and users: upserts (in short transactions of UPSERT_CHUNK; each item or user is written
 * whole, with its categories, and upserts are idempotent, so a failed import is safely repeated),
 * lookups, filtered pages.
 */
function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += UPSERT_CHUNK) out.push(rows.slice(i, i + UPSERT_CHUNK));
  return out;
}

@Injectable()
export class CatalogStore {
  constructor(
    @InjectDb() private readonly db: DbClient,
    /** User attributes are free-form: string values are stored with their PII replaced (RECOMMENDER_PII_REDACTION). */
    @Optional() private readonly redactor?: PiiRedactor,
  ) {}

  async upsertItems(items: ItemInput[], tx?: DbTransaction): Promise<number> {
    const write = async (t: DbTransaction, chunk: ItemInput[]) => {
      for (const item of chunk) {
        const categories = [...new Set(item.categories)];
        const data = { title: item.title, description: item.description, categories: JSON.stringify(categories) };
        await t.recommenderItem.upsert({ where: { id: item.id }, create: { id: item.id, ...data }, update: data });
        await t.recommenderItemCategory.deleteMany({ where: { itemId: item.id } });
        if (categories.length) await t.recommenderItemCategory.createMany({ data: categories.map((category) => ({ itemId: item.id, category })) });
      }
    };
    if (tx) await write(tx, items);
    else for (const chunk of chunks(items)) await withTransaction(this.db, (t) => write(t, chunk));
    return items.length;
  }

  async upsertUsers(users: UserInput[]): Promise<number> {
    for (const chunk of chunks(users)) {
      await withTransaction(this.db, async (tx) => {
        for (const user of chunk) {
          const attributes = JSON.stringify(this.redactor ? redactValues(user.attributes, (text) => this.redactor?.text(text) ?? text) : user.attributes);
          await tx.recommenderUser.upsert({ where: { id: user.id }, create: { id: user.id, attributes }, update: { attributes } });
        }
      });
    }
    return users.length;
  }

  async item(id: string): Promise<ItemView> {
    const row = await this.db.recommenderItem.findUnique({ where: { id } });
    if (!row) throw notFound('item', id);
    const interactions = await this.db.recommenderInteraction.count({ where: { itemId: id } });
    return { ...toItemView(row), interactions };
  }

  async itemsByIds(ids: readonly string[]): Promise<Map<string, ItemView>> {
    const rows = await this.db.recommenderItem.findMany({ where: { id: { in: [...ids] } } });
    return new Map(rows.map((row) => [row.id, toItemView(row)]));
  }

  async items(filters: ItemFilters, page: PageRequest): Promise<{ items: ItemView[]; total: number }> {
    const where = {
      ...(filters.q ? { title: { contains: filters.q } } : {}),
      ...(filters.category ? { categoryRows: { some: { category: filters.category } } } : {}),
    };
    const [rows, total] = await Promise.all([
      this.db.recommenderItem.findMany({ where, orderBy: { id: 'asc' }, ...toSkipTake(page) }),
      this.db.recommenderItem.count({ where }),
    ]);
    return { items: rows.map(toItemView), total };
  }

  async categories(): Promise<Array<{ category: string; items: number }>> {
    const groups = await this.db.recommenderItemCategory.groupBy({ by: ['category'], _count: { itemId: true }, orderBy: { category: 'asc' } });
    return groups.map((g) => ({ category: g.category, items: g._count.itemId }));
  }

  /** Item ids in one category (for filters). */
  async itemIdsInCategory(category: string): Promise<Set<string>> {
    const rows = await this.db.recommenderItemCategory.findMany({ where: { category }, select: { itemId: true } });
    return new Set(rows.map((r) => r.itemId));
  }

  async user(id: string): Promise<UserView> {
    const row = await this.db.recommenderUser.findUnique({ where: { id }, include: { _count: { select: { interactions: true } } } });
    if (!row) throw notFound('user', id);
    return {
      id: row.id,
      attributes: JSON.parse(row.attributes) as Record<string, unknown>,
      interactions: row._count.interactions,
      createdAt: row.createdAt.toISOString(),
    };
  }

  async users(q: string | undefined, page: PageRequest): Promise<{ items: UserView[]; total: number }> {
    const where = q ? { id: { startsWith: q } } : {};
    const [rows, total] = await Promise.all([
      this.db.recommenderUser.findMany({ where, orderBy: { id: 'asc' }, include: { _count: { select: { interactions: true } } }, ...toSkipTake(page) }),
      this.db.recommenderUser.count({ where }),
    ]);
    return {
      items: rows.map((row) => ({
        id: row.id,
        attributes: JSON.parse(row.attributes) as Record<string, unknown>,
        interactions: row._count.interactions,
        createdAt: row.createdAt.toISOString(),
      })),
      total,
    };
  }
}

/** The object with every string value (at any depth) passed through `redact`. */
function redactValues(value: Record<string, unknown>, redact: (text: string) => string): Record<string, unknown> {
  const walk = (v: unknown): unknown =>
    typeof v === 'string'
      ? redact(v)
      : Array.isArray(v)
        ? v.map(walk)
        : v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]))
          : v;
  return walk(value) as Record<string, unknown>;
}
