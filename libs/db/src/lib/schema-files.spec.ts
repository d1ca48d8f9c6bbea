// The two clients and both migration folders come from one set of schema files with only
// the provider swapped; this is the swap.
import { join } from 'node:path';
import { workspaceRoot } from '@matrix/paths';
import { readSchemaDir, schemaForProvider } from './offline-toolkit';

const MAIN = `generator client {
  provider = "prisma-client"
  output   = "../generated/sqlite"
}

datasource db {
  provider = "sqlite"
}
`;
const MODEL = 'model A {\n  id String @id\n  provider String\n}\n';

describe('schemaForProvider', () => {
  const files = [
    { path: '/repo/prisma/schema/main.prisma', content: MAIN },
    { path: '/repo/prisma/schema/a.prisma', content: MODEL },
  ];

  it('swaps only the datasource provider', () => {
    const [main, model] = schemaForProvider(files, 'postgresql');
    expect(main.content).toBe(MAIN.replace('provider = "sqlite"', 'provider = "postgresql"'));
    expect(main.content).toContain('provider = "prisma-client"');
    expect(model).toEqual(files[1]);
  });

  it('moves the files and points the generator output at the provider client folder', () => {
    const out = schemaForProvider(files, 'postgresql', {
      writeDir: '/repo/prisma/generated/schema/postgresql',
      outputDir: '/repo/prisma/generated/postgresql',
    });
    expect(out.map((file) => file.path)).toEqual(['/repo/prisma/generated/schema/postgresql/main.prisma', '/repo/prisma/generated/schema/postgresql/a.prisma']);
    expect(out[0].content).toContain('output   = "../../postgresql"');
  });

  it('needs exactly one datasource', () => {
    expect(() => schemaForProvider([files[1]], 'sqlite')).toThrow('exactly one datasource');
  });

  it('the committed schema is provider-neutral: SQLite in main.prisma, one datasource in all', () => {
    const committed = readSchemaDir(join(workspaceRoot(), 'prisma', 'schema'));
    const names = committed.map((file) => file.path.split('/').pop());
    // main.prisma (generator + datasource), platform.prisma, then one file per product.
    expect(names).toEqual(expect.arrayContaining(['main.prisma', 'platform.prisma']));
    expect(committed.filter((file) => /\bdatasource\s+\w+\s*\{/.test(file.content)).map((file) => file.path.split('/').pop())).toEqual(['main.prisma']);
    expect(schemaForProvider(committed, 'sqlite').map((file) => file.content)).toEqual(committed.map((file) => file.content));
    // No provider-specific native types (@db.*) may appear in the models.
    for (const file of committed) expect(file.content.replace(/\/\/.*$/gm, '')).not.toMatch(/@db\./);
  });
});
