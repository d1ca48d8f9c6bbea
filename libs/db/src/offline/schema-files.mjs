// The schema files for one provider: the files in prisma/schema/ with only the datasource
// provider swapped (and the generator output pointed at libs/db/src/generated/<provider>).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const DATASOURCE_PROVIDER = /(datasource\s+\w+\s*\{[^}]*?\bprovider\s*=\s*)"[^"]*"/;
const GENERATOR_OUTPUT = /(generator\s+\w+\s*\{[^}]*?\boutput\s*=\s*)"[^"]*"/;

/** All *.prisma files under dir, sorted, as { path, content }. */
export function readSchemaDir(dir) {
  if (!existsSync(dir)) throw new Error(`Prisma schema folder not found: ${dir}`);
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.prisma'))
    .sort()
    .map((name) => ({ path: join(dir, name), content: readFileSync(join(dir, name), 'utf8') }));
}

/**
 * The same files for `provider`. Exactly one file must declare the datasource; `outputDir`
 * (absolute) replaces the generator output, relative to where the files will be written.
 */
export function schemaForProvider(files, provider, { writeDir, outputDir } = {}) {
  const withDatasource = files.filter((file) => DATASOURCE_PROVIDER.test(file.content));
  if (withDatasource.length !== 1) {
    throw new Error(`Expected exactly one datasource block with a provider in the schema files, found ${withDatasource.length}.`);
  }
  return files.map((file) => {
    let content = file.content.replace(DATASOURCE_PROVIDER, `$1"${provider}"`);
    if (writeDir && outputDir) {
      const output = relative(writeDir, outputDir).split('\\').join('/');
      content = content.replace(GENERATOR_OUTPUT, `$1"${output}"`);
    }
    const path = writeDir ? join(writeDir, relative(commonDir(files), file.path)) : file.path;
    return { path, content };
  });
}

function commonDir(files) {
  const dirs = files.map((file) => file.path.split(/[\\/]/).slice(0, -1));
  const first = dirs[0] ?? [];
  let length = first.length;
  for (const dir of dirs) {
    let i = 0;
    while (i < length && dir[i] === first[i]) i += 1;
    length = i;
  }
  return first.slice(0, length).join('/') || '/';
}

/** Replaces dir's contents with the given files (a derived, gitignored copy). */
export function writeSchemaDir(dir, files) {
  rmSync(dir, { recursive: true, force: true });
  for (const file of files) {
    mkdirSync(join(file.path, '..'), { recursive: true });
    writeFileSync(file.path, file.content);
  }
  mkdirSync(dir, { recursive: true });
}
