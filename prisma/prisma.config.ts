// Prisma 7 CLI configuration for the monorepo. The CLI only finds it by flag:
//   npx prisma migrate deploy --config prisma/prisma.config.ts   (on a machine with network)
// Offline, use `node tools/prisma-offline/cli.mjs deploy` instead (same migrations, same
// _prisma_migrations bookkeeping; it migrates every product's own database). Each product owns its
// database (prisma/README.md), so with this stock CLI run it once per product with DATABASE_URL set
// to that product's URL (e.g. file:tmp/sentiment.db, or postgresql://…/matrix?schema=sentiment).
//
// One schema (prisma/schema/*.prisma), two providers: DATABASE_URL picks which (file: →
// SQLite, postgres(ql):// → PostgreSQL); PRISMA_PROVIDER overrides it (the offline
// `generate` builds both). PostgreSQL uses the copy of the schema with the provider swapped
// that `generate` writes to prisma/generated/schema/postgresql (gitignored).
import { defineConfig } from 'prisma/config';

type Provider = 'sqlite' | 'postgresql';

const url = process.env.DATABASE_URL;

function chooseProvider(): Provider {
  const forced = process.env.PRISMA_PROVIDER;
  if (forced === 'sqlite' || forced === 'postgresql') return forced;
  return url && /^postgres(ql)?:\/\//.test(url) ? 'postgresql' : 'sqlite';
}

const provider = chooseProvider();

export default defineConfig({
  // Paths are relative to this file.
  schema: provider === 'sqlite' ? 'schema' : 'generated/schema/postgresql',
  migrations: { path: `migrations/${provider}` },
  ...(url ? { datasource: { url } } : {}),
});
