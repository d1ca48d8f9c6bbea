-- Support chatbot retrieval on pgvector (PostgreSQL only; written by hand, there is no SQLite twin).
-- "ChatbotChunkVector" mirrors ChatbotChunk.embedding (the source of truth, float32 bytes) as a
-- pgvector column with an HNSW index for cosine distance (<=>), the similarity the in-process index
-- uses (cosine of L2-normalised vectors). 512 = use-lite-en, CHATBOT_EMBEDDING_MODEL's default.
-- Prisma's schema cannot describe a vector column, so the table is declared external to the diff in
-- libs/db/src/offline/engine.mjs (EXTERNAL_TABLES): `migrate --name` neither drops nor recreates it.
-- On a server without the extension (pgvector not installed) this does nothing but say so; the API
-- then uses its in-process index, and creates the table at boot once the extension is there.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') THEN
    RAISE NOTICE 'pgvector is not installed on this server (bash shared/scripts/install-pgvector.sh): ChatbotChunkVector not created';
    RETURN;
  END IF;
  -- Every product's schema runs this migration, and replicas migrate at boot at once: one at a time, or two
  -- concurrent CREATE EXTENSIONs collide on pg_extension's unique name (the lock ends with the transaction).
  PERFORM pg_advisory_xact_lock(hashtext('matrix:create extension vector'));
  -- In public, so every product schema (search_path "<product>, public") finds the type.
  CREATE EXTENSION IF NOT EXISTS vector SCHEMA public;
  CREATE TABLE IF NOT EXISTS "ChatbotChunkVector" (
    "chunkId" TEXT NOT NULL,
    "embedding" vector(512) NOT NULL,
    CONSTRAINT "ChatbotChunkVector_pkey" PRIMARY KEY ("chunkId"),
    CONSTRAINT "ChatbotChunkVector_chunkId_fkey" FOREIGN KEY ("chunkId") REFERENCES "ChatbotChunk"("id") ON DELETE CASCADE ON UPDATE CASCADE
  );
  CREATE INDEX IF NOT EXISTS "ChatbotChunkVector_embedding_hnsw" ON "ChatbotChunkVector" USING hnsw ("embedding" vector_cosine_ops);
END
$$;
