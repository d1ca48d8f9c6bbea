#!/usr/bin/env node
// Offline Prisma 7 for this monorepo: the stock CLI cannot migrate without downloading its
// native schema engine, so migrations go through @prisma/schema-engine-wasm instead.
// Usage: node tools/prisma-offline/cli.mjs <generate|migrate --name <n>|deploy|status|reset --force>
// See tools/prisma-offline/README.md.
import { parseArgs } from 'node:util';
// The engine lives in libs/db (the apps migrate at boot with the same code). Bare node runs this
// file at install time, before any TypeScript path alias could resolve, hence the file URL.
const offline = await import(new URL('../../libs/db/src/offline/index.mjs', import.meta.url).href);
const {
  createMigrations,
  deployMigrations,
  generateClients,
  migrationStatus,
  PLATFORM_DATABASE,
  productDatabaseUrl,
  redactUrl,
  resetDatabase,
  workspaceProducts,
} = offline;

const USAGE = `Usage: node tools/prisma-offline/cli.mjs <command> [options]

Commands:
  generate                 generate both Prisma clients into prisma/generated/{sqlite,postgresql}
  migrate --name <name>    create a migration for SQLite and PostgreSQL from the schema diff
                           (PostgreSQL shadow database on $MIGRATE_POSTGRES_URL,
                           default postgresql://postgres@127.0.0.1:5432/postgres)
  deploy                   apply pending migrations to the target database(s) (default: every product's)
  status                   list applied/pending migrations of the target(s) (exit 1 unless all up to date)
  reset --force            drop every table of the target (--url or --product; tests and local dev only)

Targets (each product owns its database; see libs/db/src/offline/product-database.mjs):
  --product <name>         that product's database: $<PRODUCT>_DATABASE_URL, else derived from
                           $DATABASE_URL (SQLite: matrix.db → matrix-<product>.db; PostgreSQL: ?schema=<product>),
                           else file:<workspace>/tmp/<product>.db. Repeatable; "platform" = the shared one.
  --all                    every product of the workspace (each apps/<product>-api) and the shared
                           platform database (the identity store): the default
  --url <url>              exactly this database (file: → SQLite, postgresql://…[?schema=s] → PostgreSQL)

Options:
  --schema <dir>           schema folder (default prisma/schema)
  --migrations <dir>       folder holding sqlite/ and postgresql/ (default prisma/migrations)
  --verbose                print the schema engine's log`;

/** The databases a command acts on, as [label, url] pairs. */
function targets(values) {
  if (values.url) return [['', values.url]];
  const products = values.product?.length ? values.product : [...workspaceProducts(), PLATFORM_DATABASE];
  return products.map((product) => [`${product}: `, productDatabaseUrl(product)]);
}

async function main(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string', short: 'n' },
      url: { type: 'string' },
      product: { type: 'string', multiple: true },
      all: { type: 'boolean', default: false },
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
      for (const [label, url] of targets(values)) {
        const { provider, applied } = await deployMigrations({ databaseUrl: url, migrationsRoot: dirs.migrationsRoot, log });
        console.log(
          applied.length
            ? `${label}Applied ${applied.length} migration(s) to ${provider} ${redactUrl(url)}:\n  ${applied.join('\n  ')}`
            : `${label}No pending migrations for ${provider} ${redactUrl(url)}.`,
        );
      }
      return 0;
    }
    case 'status': {
      let upToDate = true;
      for (const [label, url] of targets(values)) upToDate = (await printStatus(label, url, dirs)) && upToDate;
      return upToDate ? 0 : 1;
    }
    case 'reset': {
      if (!values.url && !values.product?.length) {
        console.error('reset needs a target: --url <url> or --product <name>.');
        return 2;
      }
      for (const [, url] of targets(values)) {
        if (!values.force) {
          console.error(`reset drops every table of ${redactUrl(url)}; pass --force to do it.`);
          return 2;
        }
        await resetDatabase({ databaseUrl: url });
        console.log(`Reset ${redactUrl(url)}.`);
      }
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

/** Prints one database's migration status; true when it is up to date. */
async function printStatus(label, url, dirs) {
  const status = await migrationStatus({ databaseUrl: url, migrationsRoot: dirs.migrationsRoot });
  console.log(`${label}${status.provider} ${redactUrl(url)}: ${status.migrations.length} migration(s) in the folder`);
  if (status.pending.length) console.log(`Pending:\n  ${status.pending.join('\n  ')}`);
  if (status.failed.length) console.log(`Failed:\n  ${status.failed.join('\n  ')}`);
  if (status.edited.length) console.log(`Edited after being applied:\n  ${status.edited.join('\n  ')}`);
  if (status.history?.diagnostic === 'migrationsDirectoryIsBehind' || status.history?.diagnostic === 'historiesDiverge') {
    console.log(`Applied but missing from the folder:\n  ${status.history.unpersistedMigrationNames.join('\n  ')}`);
  }
  console.log(status.upToDate ? 'Database schema is up to date.' : 'Database schema is NOT up to date.');
  return status.upToDate;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(`prisma-offline: ${error.message}`);
    process.exit(1);
  },
);
