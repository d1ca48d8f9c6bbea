// Loads @prisma/schema-engine-wasm in plain Node (its own entry imports the .wasm as an ES
// module, which Node 20 only allows behind --experimental-wasm-modules) and opens engines
// on a driver adapter.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg';
import { createMigrationAdapterFactory } from './adapters.mjs';

/** The engine build these workarounds were written and tested against. */
export const SCHEMA_ENGINE_HASH = '0edf323efd1d98336f3f0a68684b56f689b900d3';

let ready;
let lastPanic = null;

/**
 * The wasm build reports a Rust panic through this global before trapping; without it the
 * panic message is lost (and the setter itself throws). After a panic the instance is
 * unusable, so the next engine gets a fresh one.
 */
function installPanicRegistry() {
  globalThis.PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message: (message) => {
      lastPanic = message;
      ready = undefined;
    },
  };
}

/**
 * Instantiates the wasm module once per process. The engine arms timers (a 60 s one among
 * them) through the `setTimeout` import; we unref them so a finished CLI run or test file
 * exits instead of waiting.
 */
function loadWasm() {
  installPanicRegistry();
  ready ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmPath = join(dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')), 'schema_engine_bg.wasm');
    const imports = { ...glue };
    for (const name of Object.keys(glue).filter((key) => key.startsWith('__wbg_setTimeout_'))) {
      imports[name] = (...args) => {
        const timer = glue[name](...args);
        timer?.unref?.();
        return timer;
      };
    }
    const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), { './schema_engine_bg.js': imports });
    glue.__wbg_set_wasm(instance.exports);
    instance.exports.__wbindgen_start();
    const version = glue.version();
    if (version !== SCHEMA_ENGINE_HASH) {
      throw new Error(
        `@prisma/schema-engine-wasm is ${version}, libs/db/src/offline was written for ${SCHEMA_ENGINE_HASH}: ` +
          'pin @prisma/schema-engine-wasm@7.10.0-4.' +
          SCHEMA_ENGINE_HASH +
          ' or re-run its tests before upgrading.',
      );
    }
    return glue;
  })();
  return ready;
}

/** Engine errors come back as plain objects or Errors with the Rust trace; keep the first lines. */
export function describeEngineError(error) {
  const message = error?.message ?? String(error);
  const panic = lastPanic ? ` (engine panic: ${lastPanic})` : '';
  lastPanic = null;
  return message.split('\n   0: ')[0].trim() + panic;
}

/**
 * Opens a schema engine on `url` (main database) with the given schema files.
 * Call `close()` when done: it frees the engine and every connection it opened.
 * @param {{ url: string, schemaFiles?: Array<{ path: string, content: string }>, log?: (line: string) => void }} options
 */
export async function openSchemaEngine({ url, schemaFiles = [], log }) {
  const { SchemaEngine } = await loadWasm();
  const factory = createMigrationAdapterFactory(url);
  const onLog = (line) => {
    if (!log) return;
    try {
      const entry = JSON.parse(line);
      log(`${entry.level} ${entry.fields?.message ?? ''}`);
    } catch {
      log(String(line));
    }
  };
  let engine;
  try {
    // An empty list panics the engine (psl::validate_multi_file needs a file); none is fine.
    const datamodels = schemaFiles.length > 0 ? schemaFiles.map((file) => [file.path, file.content]) : undefined;
    engine = await SchemaEngine.new({ datamodels }, onLog, factory.bound);
  } catch (error) {
    await factory.close();
    throw error;
  }
  return {
    engine,
    close: async () => {
      try {
        engine.free();
      } finally {
        await factory.close();
      }
    },
  };
}

/** No external tables or enums: every table in the database belongs to this schema. */
export const NO_FILTER = Object.freeze({ externalTables: [], externalEnums: [] });

/**
 * Tables that hand-written, provider-specific migrations manage and the Prisma schema cannot
 * describe, left out of `migrate --name`'s diff (so it neither drops nor recreates them), per
 * provider: the support chatbot's pgvector mirror (prisma/migrations/postgresql/*_chatbot_pgvector).
 * PostgreSQL matches them schema-qualified (the diff's scratch database works in `public`).
 */
export const EXTERNAL_TABLES = Object.freeze({ sqlite: Object.freeze([]), postgresql: Object.freeze(['public.ChatbotChunkVector']) });

/** The filter `migrate --name` diffs with: every table belongs to the schema but the provider's EXTERNAL_TABLES. */
export function migrationFilter(provider) {
  return { externalTables: [...(EXTERNAL_TABLES[provider] ?? [])], externalEnums: [] };
}
