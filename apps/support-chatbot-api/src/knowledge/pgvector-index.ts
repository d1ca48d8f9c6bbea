import type { DbClient, DbTransaction } from '@matrix/db';
import { bytesToVector } from './embedding-bytes';
import type { IndexedPassage, VectorHit, VectorIndex, VectorSearch } from './vector-index';
import { normalised } from './vector-index';

/** The pgvector mirror of ChatbotChunk.embedding (prisma/migrations/postgresql/*_chatbot_pgvector). */
export const VECTOR_TABLE = '"ChatbotChunkVector"';
/** The column width the migration creates (use-lite-en, CHATBOT_EMBEDDING_MODEL's default). */
export const MIGRATED_DIMENSIONS = 512;
/** Rows per INSERT when mirroring (512 floats each: ~5 kB of text per row). */
const INSERT_BATCH = 200;
/**
 * HNSW candidates per search (pgvector's default is 40); with iterative scans (pgvector ≥ 0.8) a
 * filtered search (an intent, embedded articles only) keeps scanning until it has k rows.
 */
const EF_SEARCH = 100;

type Sql = Pick<DbClient, '$executeRawUnsafe' | '$queryRawUnsafe'>;

/** `[0.1,0.2,…]`: pgvector's text input format. */
export function toPgVector(vector: Float32Array): string {
  return `[${Array.from(vector, (x) => (Number.isFinite(x) ? x : 0)).join(',')}]`;
}

/**
 * The width of ChatbotChunkVector.embedding, or null when the table is missing (SQLite, or a
 * PostgreSQL server that had no pgvector when migrated).
 */
export async function vectorTableDimensions(db: Sql): Promise<number | null> {
  const rows = await db.$queryRawUnsafe<Array<{ dims: number }>>(
    `SELECT a.atttypmod AS dims FROM pg_attribute a WHERE a.attrelid = to_regclass('${VECTOR_TABLE}') AND a.attname = 'embedding' AND NOT a.attisdropped`,
  );
  return rows.length ? Number(rows[0].dims) : null;
}

/** Upserts passage vectors (L2-normalised, as the in-process index keeps them) into the mirror. */
export async function writeChunkVectors(db: Sql, passages: IndexedPassage[]): Promise<void> {
  for (let start = 0; start < passages.length; start += INSERT_BATCH) {
    const batch = passages.slice(start, start + INSERT_BATCH);
    const values = batch.map((_, i) => `($${2 * i + 1}, $${2 * i + 2}::vector)`).join(', ');
    await db.$executeRawUnsafe(
      `INSERT INTO ${VECTOR_TABLE} ("chunkId", "embedding") VALUES ${values} ON CONFLICT ("chunkId") DO UPDATE SET "embedding" = EXCLUDED."embedding"`,
      ...batch.flatMap((p) => [p.chunkId, toPgVector(normalised(p.vector))]),
    );
  }
}

/**
 * The PostgreSQL path: passage vectors mirrored into ChatbotChunkVector (a pgvector column with an
 * HNSW cosine index, created by a migration) and searched in the database with `<=>`, so every
 * replica searches one index and holds no vectors in memory. ChatbotChunk.embedding stays the
 * source of truth; the article store writes the mirror in the same transaction as the passages
 * (PrismaArticleStore.write), and rows go with their chunk (ON DELETE CASCADE). A search joins the
 * article, so a pending article (re-embedding) or a changed intent is seen at once.
 * Scores are cosine similarities (1 − cosine distance), as InMemoryVectorIndex computes them.
 */
export class PgVectorIndex implements VectorIndex {
  readonly kind = 'pgvector' as const;

  /**
   * @param planner extra PostgreSQL settings for each search (e.g. `{ enable_seqscan: 'off' }` forces the HNSW
   * index on a table small enough that the planner would rather scan it: tests compare that path too).
   */
  constructor(
    private readonly db: DbClient,
    readonly dimensions: number,
    private readonly planner: Record<string, string> = {},
  ) {}

  /** Whether the server can install pgvector (the extension's files are present). */
  static async available(db: Sql): Promise<boolean> {
    const rows = await db.$queryRawUnsafe<Array<{ n: bigint | number }>>(`SELECT count(*) AS n FROM pg_available_extensions WHERE name = 'vector'`);
    return Number(rows[0]?.n ?? 0) > 0;
  }

  /**
   * What the migration does, for a database migrated before pgvector was installed on its server
   * (the migration then skipped it, and a migration never runs twice). Idempotent.
   */
  static async createTable(db: DbClient, dimensions = MIGRATED_DIMENSIONS): Promise<void> {
    await db.$transaction(async (tx: DbTransaction) => {
      // As the migration: replicas booting at once would otherwise collide on CREATE EXTENSION.
      await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext('matrix:create extension vector'))::text`);
      await PgVectorIndex.createTableStatements(tx, dimensions);
    });
  }

  private static async createTableStatements(db: Sql, dimensions: number): Promise<void> {
    await db.$executeRawUnsafe('CREATE EXTENSION IF NOT EXISTS vector SCHEMA public');
    await db.$executeRawUnsafe(
      `CREATE TABLE IF NOT EXISTS ${VECTOR_TABLE} ("chunkId" TEXT NOT NULL, "embedding" vector(${dimensions}) NOT NULL, ` +
        `CONSTRAINT "ChatbotChunkVector_pkey" PRIMARY KEY ("chunkId"), ` +
        `CONSTRAINT "ChatbotChunkVector_chunkId_fkey" FOREIGN KEY ("chunkId") REFERENCES "ChatbotChunk"("id") ON DELETE CASCADE ON UPDATE CASCADE)`,
    );
    await db.$executeRawUnsafe(`CREATE INDEX IF NOT EXISTS "ChatbotChunkVector_embedding_hnsw" ON ${VECTOR_TABLE} USING hnsw ("embedding" vector_cosine_ops)`);
  }

  /**
   * Mirrors every embedded passage that has no row yet: passages written before the table existed
   * (a server that got pgvector later) or while a replica ran with another embedding width. Writes
   * themselves mirror in their own transaction; this is the catch-up at boot. Passages of another
   * width are left out (they cannot be compared). Returns the rows written.
   */
  async reconcile(): Promise<number> {
    let written = 0;
    for (;;) {
      const rows = await this.db.$queryRawUnsafe<Array<{ id: string; embedding: Uint8Array }>>(
        `SELECT c."id", c."embedding" FROM "ChatbotChunk" c LEFT JOIN ${VECTOR_TABLE} v ON v."chunkId" = c."id" ` +
          `WHERE v."chunkId" IS NULL AND c."embedding" IS NOT NULL AND c."dimensions" = $1 ORDER BY c."id" LIMIT ${INSERT_BATCH}`,
        this.dimensions,
      );
      if (!rows.length) return written;
      await writeChunkVectors(
        this.db,
        rows.map((r) => ({ chunkId: r.id, vector: bytesToVector(r.embedding) })),
      );
      written += rows.length;
    }
  }

  /** Rewrites an article's rows (the store already does this in the write's transaction; kept for the interface). */
  async replaceArticle(articleId: string, _intent: string | null, passages: IndexedPassage[]): Promise<void> {
    await this.db.$transaction(async (tx: DbTransaction) => {
      await tx.$executeRawUnsafe(
        `DELETE FROM ${VECTOR_TABLE} v USING "ChatbotChunk" c WHERE c."id" = v."chunkId" AND c."articleId" = $1 AND NOT (v."chunkId" = ANY($2::text[]))`,
        articleId,
        passages.map((p) => p.chunkId),
      );
      await writeChunkVectors(
        tx,
        passages.filter((p) => p.vector.length === this.dimensions),
      );
    });
  }

  async removeArticle(articleId: string): Promise<void> {
    await this.db.$executeRawUnsafe(`DELETE FROM ${VECTOR_TABLE} v USING "ChatbotChunk" c WHERE c."id" = v."chunkId" AND c."articleId" = $1`, articleId);
  }

  /** The top-k query and its parameters. */
  private query(query: Float32Array, options: VectorSearch): { sql: string; params: unknown[] } {
    if (query.length !== this.dimensions)
      throw new Error(`a ${query.length}-dimensional question cannot be searched in the pgvector index (${this.dimensions} dimensions)`);
    const params: unknown[] = [toPgVector(normalised(query)), options.k];
    if (options.intent !== undefined) params.push(options.intent);
    const sql =
      `SELECT v."chunkId", c."articleId", a."intent", (v."embedding" <=> $1::vector) AS distance FROM ${VECTOR_TABLE} v ` +
      `JOIN "ChatbotChunk" c ON c."id" = v."chunkId" JOIN "ChatbotArticle" a ON a."id" = c."articleId" ` +
      `WHERE a."indexStatus" = 'embedded'${options.intent !== undefined ? ` AND a."intent" = $3` : ''} ORDER BY v."embedding" <=> $1::vector LIMIT $2`;
    return { sql, params };
  }

  /** Runs a statement with the search settings (HNSW candidates, iterative scan, planner overrides) set for it alone. */
  private withSettings<T>(k: number, run: (tx: DbTransaction) => Promise<T>): Promise<T> {
    return this.db.$transaction(async (tx: DbTransaction) => {
      const settings: Record<string, string> = { 'hnsw.ef_search': String(Math.max(EF_SEARCH, k)), 'hnsw.iterative_scan': 'strict_order', ...this.planner };
      for (const [name, value] of Object.entries(settings)) await tx.$queryRawUnsafe(`SELECT set_config($1, $2, true)`, name, value);
      return run(tx);
    });
  }

  /** PostgreSQL's plan for a search (EXPLAIN): shows whether the HNSW index serves it. */
  async plan(query: Float32Array, options: VectorSearch): Promise<string> {
    const { sql, params } = this.query(query, options);
    const rows = await this.withSettings(options.k, (tx) => tx.$queryRawUnsafe<Array<{ 'QUERY PLAN': string }>>(`EXPLAIN ${sql}`, ...params));
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  }

  async search(query: Float32Array, options: VectorSearch): Promise<VectorHit[]> {
    const { sql, params } = this.query(query, options);
    const rows = await this.withSettings(options.k, (tx) =>
      tx.$queryRawUnsafe<Array<{ chunkId: string; articleId: string; intent: string | null; distance: number }>>(sql, ...params),
    );
    return rows.map((r) => ({ chunkId: r.chunkId, articleId: r.articleId, intent: r.intent, score: 1 - Number(r.distance) })).sort((a, b) => b.score - a.score);
  }

  /** Searchable passages (of embedded articles). */
  async size(): Promise<number> {
    const rows = await this.db.$queryRawUnsafe<Array<{ n: bigint | number }>>(
      `SELECT count(*) AS n FROM ${VECTOR_TABLE} v JOIN "ChatbotChunk" c ON c."id" = v."chunkId" JOIN "ChatbotArticle" a ON a."id" = c."articleId" WHERE a."indexStatus" = 'embedded'`,
    );
    return Number(rows[0]?.n ?? 0);
  }
}
