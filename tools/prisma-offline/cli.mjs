#!/usr/bin/env node
// Offline Prisma 7 for this monorepo: the stock CLI cannot migrate without downloading its
// native schema engine, so migrations go through @prisma/schema-engine-wasm instead.
// Usage: node tools/prisma-offline/cli.mjs <generate|migrate --name <n>|deploy|status|reset --force>
// See tools/prisma-offline/README.md.
import { parseArgs } from 'node:util';
import { join } from 'node:path';
// The engine lives in libs/db (the apps migrate at boot with the same code). Bare node runs this
// file at install time, before any TypeScript path alias could resolve, hence the file URL.
const offline = await import(new URL('../../libs/db/src/offline/index.mjs', import.meta.url).href);
const { DEFAULT_ROOT, createMigrations, deployMigrations, generateClients, migrationStatus, redactUrl, resetDatabase } = offline;

const USAGE = `Usage: node tools/prisma-offline/cli.mjs <command> [options]

Commands:
  generate                 generate both Prisma clients into prisma/generated/{sqlite,postgresql}
  migrate --name <name>    create a migration for SQLite and PostgreSQL from the schema diff
                           (PostgreSQL shadow database on $MIGRATE_POSTGRES_URL,
                           default postgresql://postgres@127.0.0.1:5432/postgres)
  deploy                   apply pending migrations to DATABASE_URL
  status                   list applied/pending migrations of DATABASE_URL (exit 1 unless up to date)
  reset --force            drop every table of DATABASE_URL (tests and local dev only)

Options:
  --url <url>              database URL instead of $DATABASE_URL
                           (default file:<workspace>/tmp/matrix.db; file: → SQLite, postgresql:// → PostgreSQL)
  --schema <dir>           schema folder (default prisma/schema)
  --migrations <dir>       folder holding sqlite/ and postgresql/ (default prisma/migrations)
  --verbose                print the schema engine's log`;

function databaseUrl(values) {
  return values.url || process.env.DATABASE_URL || `file:${join(DEFAULT_ROOT, 'tmp', 'matrix.db')}`;
}

async function main(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string', short: 'n' },
      url: { type: 'string' },
      schema: { type: 'string' },
      migrations: { type: 'string' },
      force: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command] = positionals;
  const log = values.verbose ? (line) => console.error(line) : undefined;
  const dirs = { schemaDir: values.schema, migrationsRoot: values.migrations };

  switch (values.help ? 'help' : command) {
    case 'generate': {
      for (const { provider, clientDir } of await generateClients()) console.log(`Generated ${provider} client in ${clientDir}`);
      return 0;
    }
    case 'migrate': {
      const { migrationName, written } = await createMigrations({ name: values.name, ...dirs, log });
      if (!migrationName) console.log('No schema changes: no migration created.');
      for (const file of written) console.log(`Created ${file}`);
      return 0;
    }
    case 'deploy': {
      const url = databaseUrl(values);
      const { provider, applied } = await deployMigrations({ databaseUrl: url, migrationsRoot: dirs.migrationsRoot, log });
      console.log(
        applied.length
          ? `Applied ${applied.length} migration(s) to ${provider} ${redactUrl(url)}:\n  ${applied.join('\n  ')}`
          : `No pending migrations for ${provider} ${redactUrl(url)}.`,
      );
      return 0;
    }
    case 'status': {
      const url = databaseUrl(values);
      const status = await migrationStatus({ databaseUrl: url, migrationsRoot: dirs.migrationsRoot });
      console.log(`${status.provider} ${redactUrl(url)}: ${status.migrations.length} migration(s) in the folder`);
      if (status.pending.length) console.log(`Pending:\n  ${status.pending.join('\n  ')}`);
      if (status.failed.length) console.log(`Failed:\n  ${status.failed.join('\n  ')}`);
      if (status.edited.length) console.log(`Edited after being applied:\n  ${status.edited.join('\n  ')}`);
      if (status.history?.diagnostic === 'migrationsDirectoryIsBehind' || status.history?.diagnostic === 'historiesDiverge') {
        console.log(`Applied but missing from the folder:\n  ${status.history.unpersistedMigrationNames.join('\n  ')}`);
      }
      console.log(status.upToDate ? 'Database schema is up to date.' : 'Database schema is NOT up to date.');
      return status.upToDate ? 0 : 1;
    }
    case 'reset': {
      const url = databaseUrl(values);
      if (!values.force) {
        console.error(`reset drops every table of ${redactUrl(url)}; pass --force to do it.`);
        return 2;
      }
      await resetDatabase({ databaseUrl: url });
      console.log(`Reset ${redactUrl(url)}.`);
      return 0;
    }
    case 'help':
      console.log(USAGE);
      return 0;
    default:
      console.error(command ? `Unknown command "${command}".\n\n${USAGE}` : USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(`prisma-offline: ${error.message}`);
    process.exit(1);
  },
);
