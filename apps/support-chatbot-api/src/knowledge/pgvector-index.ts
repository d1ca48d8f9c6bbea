import type { DbClient } from '@matrix/db';
import type { IndexedPassage, VectorHit, VectorIndex, VectorSearch } from './vector-index';
import { normalised } from './vector-index';

const TABLE = '"ChatbotChunkVector"';

/** `[0.1,0.2,…]`: pgvector's text input format. */
export function toPgVector(vector: Float32Array): string {
  return `[${Array.from(vector, (x) => (Number.isFinite(x) ? x : 0)).join(',')}]`;
}

/**
 * The PostgreSQL path: passages mirrored into a pgvector table with an HNSW cosine index, searched
 * with `<=>` in the database, so the API holds no vectors in memory and replicas share one index.
 * The table depends on the vector width and on the extension being installed, so it is created at
 * start-up (`ensure`), not by a migration; ChatbotChunk.embedding stays the source of truth.
 */
export class PgVectorIndex implements VectorIndex {
  readonly kind = 'pgvector' as const;

  constructor(
    private readonly db: DbClient,
    private readonly dimensions: number,
  ) {}

  /** Whether the server can install pgvector (the extension's files are present). */
  static async available(db: DbClient): Promise<boolean> {
    const rows = await db.$queryRawUnsafe<Array<{ n: bigint | number }>>(`SELECT count(*) AS n FROM pg_available_extensions WHERE name = 'vector'`);
    return Number(rows[0]?.n ?? 0) > 0;
  }

  async ensure(): Promise<void> {
    await this.db.$executeRawUnsafe('CREATE EXTENSION IF NOT EXISTS vector');
    await this.db.$executeRawUnsafe(
      `CREATE TABLE IF NOT EXISTS ${TABLE} ("chunkId" TEXT PRIMARY KEY, "articleId" TEXT NOT NULL, "intent" TEXT, "embedding" vector(${this.dimensions}) NOT NULL)`,
    );
    await this.db.$executeRawUnsafe(`CREATE INDEX IF NOT EXISTS "ChatbotChunkVector_article" ON ${TABLE} ("articleId")`);
    await this.db.$executeRawUnsafe(`CREATE INDEX IF NOT EXISTS "ChatbotChunkVector_hnsw" ON ${TABLE} USING hnsw ("embedding" vector_cosine_ops)`);
  }

  async replaceArticle(articleId: string, intent: string | null, passages: IndexedPassage[]): Promise<void> {
    await this.db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`DELETE FROM ${TABLE} WHERE "articleId" = $1`, articleId);
      for (const p of passages) {
        await tx.$executeRawUnsafe(
          `INSERT INTO ${TABLE} ("chunkId", "articleId", "intent", "embedding") VALUES ($1, $2, $3, $4::vector)`,
          p.chunkId,
          articleId,
          intent,
          toPgVector(normalised(p.vector)),
        );
      }
    });
  }

  async removeArticle(articleId: string): Promise<void> {
    await this.db.$executeRawUnsafe(`DELETE FROM ${TABLE} WHERE "articleId" = $1`, articleId);
  }

  async search(query: Float32Array, options: VectorSearch): Promise<VectorHit[]> {
    const vector = toPgVector(normalised(query));
    const rows =
      options.intent === undefined
        ? await this.db.$queryRawUnsafe<Array<{ chunkId: string; articleId: string; intent: string | null; distance: number }>>(
            `SELECT "chunkId", "articleId", "intent", "embedding" <=> $1::vector AS distance FROM ${TABLE} ORDER BY distance LIMIT $2`,
            vector,
            options.k,
          )
        : await this.db.$queryRawUnsafe<Array<{ chunkId: string; articleId: string; intent: string | null; distance: number }>>(
            `SELECT "chunkId", "articleId", "intent", "embedding" <=> $1::vector AS distance FROM ${TABLE} WHERE "intent" = $3 ORDER BY distance LIMIT $2`,
            vector,
            options.k,
            options.intent,
          );
    return rows.map((r) => ({ chunkId: r.chunkId, articleId: r.articleId, intent: r.intent, score: 1 - Number(r.distance) }));
  }

  async size(): Promise<number> {
    const rows = await this.db.$queryRawUnsafe<Array<{ n: bigint | number }>>(`SELECT count(*) AS n FROM ${TABLE}`);
    return Number(rows[0]?.n ?? 0);
  }
}
